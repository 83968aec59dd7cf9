"""Many departments in one run: render (or check) each input, in parallel, and summarise.

A district's 50–150 departments, or a province's thousands of budget units, are independent
reports: one process pool renders them (``jobs`` workers, the machine's cores by default), a
department that fails is recorded and the batch goes on, and outputs newer than their input and
the region pack are kept (a batch run again picks up where it stopped, or renders only what
changed). The summary a bureau reads — one row per department, every finding — is written as a
workbook (``summary.xlsx``) and as JSON (``summary.json``) beside the reports.

Spreading a batch over several machines needs no scheduler: split the list of inputs (by
department) and run one batch per machine with its own output folder (docs/batch.md).
"""

from __future__ import annotations

import glob
import json
import os
import time
from collections.abc import Generator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable

from attrs import asdict, field, frozen

from .api import FindingsError, prepare, render_prepared
from .check import finding_json
from .errors import DocgenError, InputError
from .findings import Finding
from .regions import DEFAULT_REGION, Region, load_region
from .render import write_atomically

INPUT_SUFFIXES = (".json", ".xlsx")
"""Suffixes a folder is searched for: data files and fill-in workbooks (the loader reads each by its suffix)."""
SUMMARY_NAMES = ("summary.xlsx", "summary.json")

RENDERED, CHECKED, UP_TO_DATE, FAILED = "rendered", "checked", "up to date", "failed"
STATUS_LABELS = {RENDERED: "已生成", CHECKED: "已检查", UP_TO_DATE: "未变，跳过", FAILED: "失败"}


@frozen
class Outcome:
    """What became of one department's input."""

    input: str
    department: str
    """The department's name, or the input's file name when the input could not be read."""
    status: str
    """``rendered``, ``checked`` (``check_only``), ``up to date`` (skipped) or ``failed``."""
    findings: tuple[Finding, ...] = ()
    output: str | None = None
    pdf: str | None = None
    pages: int | None = None
    """Pages of the PDF (known when the batch writes PDFs)."""
    message: str = ""
    """Why the department failed, or what else happened (written despite errors with ``force``)."""
    exit_code: int = 0
    """As ``docgen render`` would exit for this department alone: 1 errors in the data, 2 unusable input."""
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level == "error")

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    @property
    def failed(self) -> bool:
        return self.status == FAILED


@frozen
class BatchResult:
    outcomes: tuple[Outcome, ...]
    summary: tuple[Path, ...] = ()
    """The summary files written (workbook, JSON)."""
    seconds: float = 0.0

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.failed]

    @property
    def exit_code(self) -> int:
        """0 when every department succeeded, else the worst department's code (2 over 1)."""
        return max((o.exit_code for o in self.outcomes), default=0)


@frozen
class _Job:
    input: Path
    output: Path
    region: str
    search: tuple[Path, ...]
    force: bool
    check_only: bool
    keep: bool = False
    """The output is up to date: check only, keep it."""


def default_jobs() -> int:
    """The cores this process may use (a container's or ``taskset``'s limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# Inputs ------------------------------------------------------------------------------------------

def expand_inputs(inputs: Iterable[str | os.PathLike], suffixes: Sequence[str] = INPUT_SUFFIXES,
                  exclude: Path | None = None) -> list[Path]:
    """Files as given, folders searched (recursively) for inputs by suffix, glob patterns
    expanded; in a stable order, each file once; nothing from the ``exclude`` folder (the
    output folder, which holds ``summary.json``). Raises :class:`InputError` for a name that
    matches nothing."""
    skip = exclude.resolve() if exclude is not None else None
    found: dict[Path, None] = {}
    missing = []
    for item in inputs:
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                             and not (skip is not None and p.resolve().is_relative_to(skip)))
        elif path.is_file():
            matches = [path]
        elif glob.has_magic(text):
            matches = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
        else:
            matches = []
        if not matches:
            missing.append(text)
        for match in matches:
            found.setdefault(match.resolve(), None)
    if missing:
        raise InputError("no input found", [f"{m}: no such file, or no input ({', '.join(suffixes)}) in it"
                                            for m in missing])
    return list(found)


def output_names(inputs: Sequence[Path], output_dir: Path, suffix: str = ".docx") -> list[Path]:
    """``OUTDIR/<input name>.docx`` for each input; two inputs of the same name are refused
    (their reports would overwrite each other)."""
    seen: dict[str, Path] = {}
    clashes = []
    for path in inputs:
        other = seen.setdefault(path.stem.casefold(), path)
        if other != path:
            clashes.append(f"{other} and {path} would both write {output_dir / (path.stem + suffix)}: rename one")
    reserved = {Path(n).stem for n in SUMMARY_NAMES}
    clashes += [f"{p}: the name {p.stem!r} is taken by the batch summary: rename it" for p in inputs
                if p.stem.casefold() in reserved]
    if clashes:
        raise InputError("inputs clash", clashes)
    return [output_dir / (p.stem + suffix) for p in inputs]


def pack_time(region: Region) -> float:
    """The latest change to the region pack: any file of its folders (the region's, the packs it
    extends) or its template."""
    times = [region.template.stat().st_mtime]
    for folder in region.chain:
        times += [p.stat().st_mtime for p in Path(folder).rglob("*") if p.is_file()]
    return max(times)


def up_to_date(source: Path, outputs: Sequence[Path], since: float) -> bool:
    """Every output exists and is newer than ``source`` and ``since`` (the pack's time)."""
    newest_input = max(source.stat().st_mtime, since)
    return all(p.exists() and p.stat().st_mtime > newest_input for p in outputs)


# One department ---------------------------------------------------------------------------------

def _department(prepared: Any, source: Path) -> str:
    try:
        return prepared.report.department.name or source.name
    except AttributeError:
        return source.name


def process(job: _Job) -> Outcome:
    """Check, and unless ``check_only`` render, one department; every failure becomes an
    :class:`Outcome` (a batch never stops for one department)."""
    start = time.perf_counter()
    name = job.input.name
    try:
        prepared = prepare(job.input, job.region, job.search)
        name = _department(prepared, job.input)
        findings = tuple(prepared.findings)
        if job.keep:
            return Outcome(str(job.input), name, UP_TO_DATE, findings, output=str(job.output),
                           seconds=time.perf_counter() - start)
        if job.check_only:
            status = FAILED if prepared.errors else CHECKED
            return Outcome(str(job.input), name, status, findings, exit_code=1 if prepared.errors else 0,
                           message="errors in the data" if prepared.errors else "",
                           seconds=time.perf_counter() - start)
        try:
            render_prepared(prepared, job.output, force=job.force)
        except FindingsError as exc:
            hint = "no flag passes these" if exc.blocking else "fix them, or render with force"
            return Outcome(str(job.input), name, FAILED, findings, exit_code=1,
                           message=f"{len(exc.findings)} error(s) in the data, nothing written ({hint})",
                           seconds=time.perf_counter() - start)
        message = f"written despite {len(prepared.errors)} error(s) (force)" if prepared.errors else ""
        return Outcome(str(job.input), name, RENDERED, findings, output=str(job.output), message=message,
                       seconds=time.perf_counter() - start)
    except DocgenError as exc:
        return Outcome(str(job.input), name, FAILED, message="; ".join(exc.lines), exit_code=2,
                       seconds=time.perf_counter() - start)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return Outcome(str(job.input), name, FAILED, message=f"{where}{exc.strerror or exc}", exit_code=2,
                       seconds=time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - one department's bug must not stop a district's batch
        return Outcome(str(job.input), name, FAILED, message=f"internal error: {type(exc).__name__}: {exc}",
                       exit_code=2, seconds=time.perf_counter() - start)


def _run(jobs: Sequence[_Job], workers: int, progress: Callable[[Outcome], None]) -> Iterator[Outcome]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            outcome = process(job)
            progress(outcome)
            yield outcome
        return
    # The first department renders here, before the pool forks: every worker then starts with
    # the pack, the catalogue and the compiled template this process has loaded.
    first = process(jobs[0])
    progress(first)
    yield first
    unfinished = yield from _pool(jobs[1:], workers, progress)
    # A worker died (killed for memory, a crash) and took the pool with it: the departments it
    # left undone run again, each in a process of its own, so only the one that kills fails.
    for job in unfinished:
        if (yield from _pool([job], 1, progress)):  # it broke a pool of its own: it is the one
            outcome = _died(job)
            progress(outcome)
            yield outcome


def _pool(jobs: Sequence[_Job], workers: int,
          progress: Callable[[Outcome], None]) -> Generator[Outcome, None, list[_Job]]:
    """Run ``jobs`` on a pool of ``workers``; return the jobs left undone when the pool broke."""
    unfinished = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(process, job): job for job in jobs}
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:
                unfinished.append(futures[future])
                continue
            progress(outcome)
            yield outcome
    return unfinished


def _died(job: _Job) -> Outcome:
    return Outcome(str(job.input), job.input.name, FAILED, exit_code=2,
                   message="the worker process died while rendering this department (out of memory?)")


# The batch --------------------------------------------------------------------------------------

def render_many(inputs: Iterable[str | os.PathLike], output_dir: str | os.PathLike, *,
                region: str | os.PathLike = DEFAULT_REGION, search: Sequence[Path] = (),
                force: bool = False, check_only: bool = False, pdf: bool = False,
                jobs: int | None = None, resume: bool = True, progress: bool = False) -> BatchResult:
    """Render (or with ``check_only`` only check) every input into ``output_dir`` and write the
    summary there (``summary.xlsx``, ``summary.json``).

    ``inputs``: files, folders (searched for ``.json`` inputs) and glob patterns. ``jobs``: worker
    processes (default: the cores this process may use). ``resume``: keep outputs newer than
    their input and the region pack (still checking them). ``pdf``: also write each report as PDF
    through LibreOffice (one LibreOffice process per 20 reports, :mod:`docgen.pdf`).
    ``progress``: a progress bar on stderr.
    Raises :class:`InputError` when an input names nothing or two inputs would write one file;
    a failing department is recorded in its :class:`Outcome`, never raised.
    """
    start = time.perf_counter()
    output_dir = Path(output_dir)
    sources = expand_inputs(inputs, exclude=output_dir)
    outputs = output_names(sources, output_dir)
    if not output_dir.is_dir():
        output_dir.mkdir(parents=True)
    pack = load_region(region, search)
    converter = None
    if pdf and not check_only:
        from .pdf import Converter
        converter = Converter()  # fails now, before any work, when LibreOffice is missing
    since = pack_time(pack)
    todo = []
    for source, output in zip(sources, outputs):
        wanted = [output] + ([output.with_suffix(".pdf")] if converter else [])
        keep = resume and not check_only and up_to_date(source, wanted, since)
        todo.append(_Job(source, output, os.fspath(region), tuple(search), force, check_only, keep))
    bar = _progress_bar(len(sources), "checking" if check_only else "rendering", progress)
    workers = jobs or default_jobs()
    done: list[Outcome] = []

    def advance(outcome: Outcome) -> None:
        bar.update(1)
        if outcome.failed:
            bar.set_postfix_str(f"failed: {outcome.department}", refresh=False)

    try:
        done += _run(todo, workers, advance)
    finally:
        bar.close()
    if converter is not None:
        done = _convert(done, converter, progress)
    order = {str(s): i for i, s in enumerate(sources)}
    outcomes = tuple(sorted(done, key=lambda o: order[o.input]))
    summary = write_summary(outcomes, output_dir)
    return BatchResult(outcomes, summary, time.perf_counter() - start)


def _convert(outcomes: list[Outcome], converter: Any, progress: bool) -> list[Outcome]:
    """Write the PDF of every report rendered in this run (one LibreOffice process for all)."""
    from attrs import evolve

    from .pdf import PdfError, page_count

    rendered = [o for o in outcomes if o.status == RENDERED]
    bar = _progress_bar(len(rendered), "PDF", progress)
    converted: dict[str, Outcome] = {}
    try:
        for chunk in _chunks(rendered, 20):
            try:
                pdfs = converter.convert([Path(o.output) for o in chunk])
            except PdfError as exc:
                for o in chunk:
                    converted[o.input] = evolve(o, status=FAILED, exit_code=2, message=f"PDF: {exc}")
            else:
                for o, path in zip(chunk, pdfs):
                    converted[o.input] = evolve(o, pdf=str(path), pages=page_count(path))
            bar.update(len(chunk))
    finally:
        bar.close()
    skipped = [o if o.status != UP_TO_DATE else evolve(o, pdf=str(pdf), pages=page_count(pdf))
               for o in outcomes if o.input not in converted
               for pdf in [Path(o.output or "").with_suffix(".pdf")]]
    return skipped + list(converted.values())


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, text: str, refresh: bool = True) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(total: int, what: str, show: bool) -> Any:
    """A progress bar with counts, rate and ETA on stderr (tqdm), or nothing."""
    if not show or not total:
        return _NoBar()
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the pool forks its workers while the bar runs
    return tqdm(total=total, desc=what, unit="report", dynamic_ncols=True)


# The summary ------------------------------------------------------------------------------------

DEPARTMENT_COLUMNS = (("部门", 30), ("状态", 10), ("错误", 6), ("警告", 6), ("页数", 6), ("输出", 40),
                      ("PDF", 40), ("说明", 60), ("输入", 40))
FINDING_COLUMNS = (("部门", 30), ("规则", 22), ("级别", 8), ("位置（JSON 路径）", 40), ("说明", 80))


def summary_json(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """The batch as JSON-ready values: counts by status, then one entry per department with its findings."""
    counts = {status: sum(1 for o in outcomes if o.status == status)
              for status in (RENDERED, CHECKED, UP_TO_DATE, FAILED)}
    departments = []
    for o in outcomes:
        entry = {k: v for k, v in asdict(o, recurse=False).items() if k != "findings"}
        entry.update(errors=o.errors, warnings=o.warnings, seconds=round(o.seconds, 3),
                     findings=[finding_json(f) for f in o.findings])
        departments.append(entry)
    return {"departments": len(outcomes), **{k.replace(" ", "_"): v for k, v in counts.items()},
            "results": departments}


def summary_workbook(outcomes: Sequence[Outcome]) -> bytes:
    """The findings workbook: sheet 部门 (one row per department: status, errors, warnings,
    pages, output) and sheet 问题 (every finding: department, rule, level, path, message)."""
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1})
    failed = book.add_format({"font_color": "#C00000", "bold": True})
    rows = [[o.department, STATUS_LABELS[o.status], o.errors, o.warnings, o.pages, o.output, o.pdf,
             o.message, o.input] for o in outcomes]
    sheet = _sheet(book, "部门", DEPARTMENT_COLUMNS, rows, head)
    for i, o in enumerate(outcomes, start=1):
        if o.failed:
            sheet.write_string(i, 1, STATUS_LABELS[o.status], failed)
    rows = [[o.department, f.rule, f.level, f.path, f.message] for o in outcomes for f in o.findings]
    _sheet(book, "问题", FINDING_COLUMNS, rows, head)
    book.close()
    return buffer.getvalue()


def _sheet(book: Any, name: str, columns: Sequence[tuple[str, int]], rows: Sequence[Sequence[Any]], head: Any) -> Any:
    sheet = book.add_worksheet(name)
    for col, (title, width) in enumerate(columns):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, title, head)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, int):
                sheet.write_number(r, col, value)
            elif value is not None:
                sheet.write_string(r, col, str(value))
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    return sheet


def write_summary(outcomes: Sequence[Outcome], output_dir: Path) -> tuple[Path, ...]:
    workbook = write_atomically(summary_workbook(outcomes), output_dir / SUMMARY_NAMES[0])
    text = json.dumps(summary_json(outcomes), ensure_ascii=False, indent=2) + "\n"
    return workbook, write_atomically(text.encode("utf-8"), output_dir / SUMMARY_NAMES[1])


__all__ = ["Outcome", "BatchResult", "render_many", "expand_inputs", "summary_json", "summary_workbook"]
