"""The ``docgen`` command line: ``render`` and ``check``.

Exit codes: 0 success; 1 findings (errors in the data); 2 bad usage, unreadable input or a broken
region pack. Errors print as readable lines on stderr, never as tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .api import FindingsError, check, render
from .errors import DocgenError
from .regions import DEFAULT_REGION

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docgen",
        description="Write a department's 部门决算公开 report as an editable Word document from JSON data.")
    parser.add_argument("--version", action="version", version=f"docgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("data", metavar="DATA", help="the report's data: a JSON file (see docs/input-format.md)")
        sub.add_argument("--region", default=DEFAULT_REGION, metavar="NAME",
                         help=f"region pack: a packaged name or a folder holding region.toml (default: {DEFAULT_REGION})")
        sub.add_argument("--templates", action="append", type=Path, default=[], metavar="DIR",
                         help="a folder of region packs searched before the packaged ones (repeatable)")

    render_cmd = commands.add_parser("render", help="check the data, then write the .docx report",
                                     description="Check DATA, then write the report to OUT. Nothing is "
                                                 "written when the data has errors.")
    common(render_cmd)
    render_cmd.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                            help="the .docx file to write (replaced atomically)")
    check_cmd = commands.add_parser("check", help="report errors in the data without rendering",
                                    description="List the errors in DATA: malformed input, unknown codes, "
                                                "missing reasons. Exit 1 when there are any.")
    common(check_cmd)
    return parser


def _print_findings(findings, stream) -> None:
    for finding in findings:
        print(f"{finding.level}: {finding}", file=stream)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            findings = check(args.data, args.region, args.templates)
            _print_findings(findings, sys.stdout)
            errors = [f for f in findings if f.level == "error"]
            print(f"{len(errors)} error(s), {len(findings) - len(errors)} warning(s)")
            return EXIT_FINDINGS if errors else EXIT_OK
        render(args.data, args.output, args.region, args.templates)
        print(f"wrote {args.output}")
        return EXIT_OK
    except FindingsError as exc:
        _print_findings(exc.findings, sys.stderr)
        print(f"docgen: {len(exc.findings)} error(s) in the data; nothing written", file=sys.stderr)
        return EXIT_FINDINGS
    except DocgenError as exc:
        for line in exc.lines:
            print(f"docgen: {line}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"docgen: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
