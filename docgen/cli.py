"""The ``docgen`` command line: ``check``, ``render``, ``batch``, ``rules`` and ``region`` (new, check, show);
``import``, ``init``, ``workbook`` and ``schema`` (:mod:`docgen.importing.commands`).

Exit codes: 0 success; 1 findings (errors in the data); 2 bad usage, unreadable input or a broken
region pack; 70 a bug in docgen. Errors print as readable lines on stderr, never as tracebacks.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable, TextIO

from . import __version__
from .api import FindingsError, prepare, render_prepared
from .check import by_section, finding_json
from .errors import DocgenError
from .findings import Finding
from .importing import commands as importing
from .regions import DEFAULT_REGION, load_region
from .render import output_path
from .rules import RULES, SECTIONS
from .rules.config import rule_config

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = 70
"""A bug in docgen (sysexits' EX_SOFTWARE): never 1, which means findings in the data."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docgen",
        description="Write a department's 部门决算公开 report as an editable Word document from JSON data.")
    parser.add_argument("--version", action="version", version=f"docgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def region_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--region", default=DEFAULT_REGION, metavar="NAME",
                         help=f"region pack: a packaged name or a folder holding region.toml (default: {DEFAULT_REGION})")
        sub.add_argument("--templates", action="append", type=Path, default=[], metavar="DIR",
                         help="a folder of region packs searched before the packaged ones (repeatable)")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("data", metavar="DATA", help="the report's data: a JSON file (see docs/input-format.md) "
                                                      "or a filled-in workbook (.xlsx, see docgen workbook)")
        region_options(sub)

    render_cmd = commands.add_parser("render", help="check the data, then write the .docx report",
                                     description="Check DATA, then write the report to OUT. The findings are "
                                                 "printed; nothing is written when the data has errors, unless "
                                                 "--force. The written text is read back and every number "
                                                 "checked against the data before the file is replaced.")
    common(render_cmd)
    render_cmd.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                            help="the .docx file to write (replaced atomically)")
    render_cmd.add_argument("--force", action="store_true",
                            help="write the report despite errors in the data (not those that leave a sentence "
                                 "incomplete or a code unnamed)")
    render_cmd.add_argument("--pdf", action="store_true",
                            help="also write OUT's PDF beside it, through LibreOffice (see docs/batch.md)")
    _batch_parser(commands, region_options)
    check_cmd = commands.add_parser("check", help="report errors and warnings in the data without rendering",
                                    description="Run the rule catalogue on DATA (`docgen rules` lists it) and "
                                                "print the findings grouped by section. Exit 1 when there are errors.")
    common(check_cmd)
    check_cmd.add_argument("--json", action="store_true", help="print the findings as JSON")
    rules_cmd = commands.add_parser("rules", help="list the checker's rules",
                                    description="List every rule: id, level (as the region sets it), title and "
                                                "parameters. See docs/rules.md.")
    region_options(rules_cmd)
    rules_cmd.add_argument("--json", action="store_true", help="print the catalogue as JSON")
    _region_parser(commands)
    importing.register(commands)
    return parser


def _batch_parser(commands: Any, region_options: Callable[[argparse.ArgumentParser], None]) -> None:
    batch = commands.add_parser(
        "batch", help="check and render many departments into one folder, with a summary",
        description="Render every input into OUTDIR (OUTDIR/<input name>.docx) in parallel, going on past "
                    "departments that fail, then write OUTDIR/summary.xlsx (one row per department, every "
                    "finding) and OUTDIR/summary.json. Outputs newer than their input and the region pack are "
                    "kept. Exit 1 when a department has errors in its data, 2 when one is unusable.")
    batch.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="input files, folders (searched for .json inputs) or glob patterns")
    region_options(batch)
    batch.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR", help="the folder to write into")
    batch.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                       help="worker processes (default: the cores this process may use)")
    batch.add_argument("--check-only", action="store_true", help="check every input, render none")
    batch.add_argument("--pdf", action="store_true", help="also write each report's PDF through LibreOffice")
    batch.add_argument("--force", action="store_true", help="write reports despite errors in their data")
    batch.add_argument("--rebuild", action="store_true", help="render every input, even when its output is up to date")
    batch.add_argument("--no-progress", action="store_true", help="no progress bar")


def _region_parser(commands: Any) -> None:
    region_cmd = commands.add_parser("region", help="make, check and show region packs",
                                     description="Tools for pack authors (see docs/region-packs.md).")
    actions = region_cmd.add_subparsers(dest="action", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="write a new pack folder extending another pack")
    new.add_argument("name", metavar="NAME")
    new.add_argument("--from", dest="parent", default=DEFAULT_REGION, metavar="PACK",
                     help=f"the pack it extends (default: {DEFAULT_REGION})")
    new.add_argument("--into", type=Path, default=Path("."), metavar="DIR", help="where to write NAME/ (default: .)")
    for action, text in (("check", "check a pack: exit 2 with its errors"),
                         ("show", "print the resolved pack, each value with the file it came from")):
        sub = actions.add_parser(action, help=text)
        sub.add_argument("pack", metavar="PACK", help="a packaged name or a folder holding region.toml")
    for sub in actions.choices.values():
        sub.add_argument("--templates", action="append", type=Path, default=[], metavar="DIR",
                         help="a folder of region packs searched before the packaged ones (repeatable)")


def _region(args: argparse.Namespace) -> int:
    from .pack.authoring import check_pack, new_pack, show_lines

    if args.action == "new":
        print(f"wrote {new_pack(args.name, args.parent, args.into, args.templates) / 'region.toml'}")
    elif args.action == "check":
        region = check_pack(args.pack, args.templates)
        print(f"{args.pack}: ok (chain: {' → '.join(p.name for p in region.chain)})")
    else:
        for line in show_lines(check_pack(args.pack, args.templates)):
            print(line)
    return EXIT_OK


def _counts(findings: Sequence[Finding]) -> str:
    errors = sum(1 for f in findings if f.level == "error")
    return f"{errors} error(s), {len(findings) - errors} warning(s)"


def _cells(findings: Sequence[Finding], data: str) -> dict[str, str]:
    """For a fill-in workbook, JSON path → the cell to write in, as Excel names a cell of another
    workbook (``[填报2024.xlsx]部门概况!C12``)."""
    if Path(data).suffix.lower() not in (".xlsx", ".xlsm") or not findings:
        return {}
    from .importing.workbook import cells_of

    return {path: f"[{Path(data).name}]{cell}" for path, cell in cells_of(Path(data)).items()}


def _print_findings(findings: Sequence[Finding], stream: TextIO, data: str = "") -> None:
    """Findings grouped by the report's sections: a heading line, then ``level: path: message [rule]``
    (and, for a fill-in workbook, the cell to write in)."""
    cells = _cells(findings, data)
    for section, group in by_section(findings):
        print(f"【{SECTIONS.get(section, '其他') if section else '其他'}】", file=stream)
        for finding in group:
            where = f" → {cells[finding.path]}" if finding.path in cells else ""
            print(f"{finding.level}: {finding}{where}", file=stream)


def _check(args: argparse.Namespace) -> int:
    findings = prepare(args.data, args.region, args.templates).findings
    errors = [f for f in findings if f.level == "error"]
    if args.json:
        cells = _cells(findings, args.data)
        entries = [finding_json(f) | ({"cell": cells[f.path]} if f.path in cells else {}) for f in findings]
        print(json.dumps({"errors": len(errors), "warnings": len(findings) - len(errors), "findings": entries},
                         ensure_ascii=False, indent=2))
    else:
        _print_findings(findings, sys.stdout, args.data)
        print(_counts(findings))
    return EXIT_FINDINGS if errors else EXIT_OK


def _render(args: argparse.Namespace) -> int:
    output_path(args.output, [args.data])  # refused before the work (again, with the pack's files, before writing)
    if args.pdf:
        from .pdf import find_soffice

        find_soffice()  # a missing LibreOffice is reported before anything is written
    prepared = prepare(args.data, args.region, args.templates)
    if prepared.findings:
        _print_findings(prepared.findings, sys.stderr, args.data)
    try:
        render_prepared(prepared, args.output, force=args.force)
    except FindingsError as exc:
        if exc.blocking:
            print(f"docgen: {len(exc.findings)} error(s) leave the report incomplete; nothing written "
                  "(--force cannot pass these)", file=sys.stderr)
        else:
            print(f"docgen: {len(exc.findings)} error(s) in the data; nothing written "
                  "(fix them, or write anyway with --force)", file=sys.stderr)
        return EXIT_FINDINGS
    errors = len(prepared.errors)
    if errors:
        print(f"wrote {args.output} despite {errors} error(s) in the data (--force)")
    else:
        print(f"wrote {args.output}")
    if args.pdf:
        from .pdf import convert

        print(f"wrote {convert(args.output)}")
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from .batch import render_many

    if args.jobs is not None and args.jobs < 1:
        raise DocgenError("--jobs must be at least 1")
    result = render_many(args.inputs, args.output, region=args.region, search=args.templates, force=args.force,
                         check_only=args.check_only, pdf=args.pdf, jobs=args.jobs, resume=not args.rebuild,
                         progress=not args.no_progress and sys.stderr.isatty())
    for outcome in result.failed:
        print(f"docgen: {outcome.department} ({outcome.input}): {outcome.message}", file=sys.stderr)
    counts: dict[str, int] = {}
    for outcome in result.outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    print(f"{len(result.outcomes)} department(s) in {result.seconds:.1f} s: "
          + ", ".join(f"{n} {status}" for status, n in counts.items()))
    print("summary: " + ", ".join(str(p) for p in result.summary))
    return result.exit_code


def _param(value: Any) -> str:
    return str(value) if hasattr(value, "as_tuple") else json.dumps(value, ensure_ascii=False)


def _rules(args: argparse.Namespace) -> int:
    config = rule_config(load_region(args.region, args.templates))
    if args.json:
        entries = []
        for rule_id, entry in RULES.items():
            settings = config.settings(rule_id)
            entries.append({"id": rule_id, "level": settings.level, "enabled": settings.enabled,
                            "title": entry.title, "blocking": entry.blocking, "source": entry.source,
                            "params": {k: (str(v) if hasattr(v, "as_tuple") else v) for k, v in settings.params.items()}})
        print(json.dumps({"tolerance": str(config.tolerance), "rules": entries}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"tolerance: {config.tolerance}万元 (a difference smaller than this is accepted)")
    width = max(len(r) for r in RULES)
    for rule_id, entry in RULES.items():
        settings = config.settings(rule_id)
        state = settings.level if settings.enabled else "off"
        mark = " (blocking)" if entry.blocking else ""
        print(f"{rule_id:<{width}}  {state:<7}  {entry.title}{mark}")
        for name, value in settings.params.items():
            print(f"{'':<{width}}           {name} = {_param(value)}")
    return EXIT_OK


class _Terminated(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl+C, so temporary files are removed on the way out."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, _frame: Any) -> None:
    raise _Terminated(signum)


def _on_termination() -> dict[int, Any]:
    """Install the handlers; return the ones they replace."""
    if threading.current_thread() is not threading.main_thread():
        return {}  # signals reach the main thread only; a caller running main() in a thread keeps its own
    signums = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    return {signum: signal.signal(signum, _terminate) for signum in signums}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    previous = _on_termination()
    try:
        return _run(args)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "batch":
            return _batch(args)
        if args.command == "region":
            return _region(args)
        if hasattr(args, "run"):
            return args.run(args)
        return _render(args)
    except DocgenError as exc:
        for line in exc.lines:
            print(f"docgen: {line}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("docgen: interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    except _Terminated as exc:
        print(f"docgen: stopped by {signal.Signals(exc.signum).name}", file=sys.stderr)
        return 128 + exc.signum
    except BrokenPipeError:
        # The reader of our output went away (``docgen rules | head``): not an error of ours.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps Python's exit flush quiet
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"docgen: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # noqa: BLE001 - a bug of docgen's must not pass for findings in the data (exit 1)
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        print(f"docgen: internal error ({type(exc).__name__}: {exc}); nothing written. Please report it "
              "with the data and pack that caused it (DOCGEN_DEBUG=1 shows the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
