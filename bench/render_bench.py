"""Benchmark: docgen's full render of a fixture against bare docxtpl and python-docx baselines.

    python bench/render_bench.py [FIXTURE ...] [--runs 25] [--region sichuan-2020]

Without FIXTURE it measures the reference and the complete fixture, one after the other.

Reports the median of each measurement over ``--runs`` runs in this one process (runs interleaved
so machine noise hits all alike) and docgen's ratio to each baseline:

- docgen: ``docgen.render(data, force=True)`` — load JSON, derive, check, phrase, render, strict
  re-parse, self-check of the printed numbers (``force``: the reference as published has errors);
- bare docxtpl: ``DocxTemplate(template).render(context, autoescape=True)`` with a precomputed
  context and docxtpl's own (non-sandboxed, uncached) environment, then save; the entries bound
  to the document (numbering, charts, statistical tables) are made for each render as docgen
  makes them, so both sides write the same document;
- python-docx: open the template and save it;
- charts: placing each chart the report draws (chart XML, embedded workbook, parts, drawing),
  timed alone on an opened template and reported per chart;
- statistical tables: deriving every 公开表's rows from a loaded report and writing their XML
  (section breaks included), timed alone.

Goals: docgen ≤ 1.2 × bare docxtpl; ≤ 5 ms a chart.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from pathlib import Path

import docx
import jinja2
from docxtpl import DocxTemplate

import docgen
from docgen.charts import present
from docgen.figures import Figures
from docgen.ooxml.fragments import FragmentLoader
from docgen.ooxml.sections import PageSetup
from docgen.statistics import Statistics
from docgen.tables.statistical import build_tables

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURES = (ROOT / "fixtures" / "lizhou-xunchaban-2020.json",
                    ROOT / "fixtures" / "complete-department-2023.json")


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fixtures", nargs="*", type=Path, metavar="FIXTURE")
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--region", default="sichuan-2020")
    args = parser.parse_args()
    for fixture in args.fixtures or DEFAULT_FIXTURES:
        args.fixture = fixture
        measure(args)


def measure(args: argparse.Namespace) -> None:
    prepared = docgen.prepare(args.fixture, args.region)
    template = prepared.region.template

    def docgen_render() -> None:
        docgen.render(args.fixture, region=args.region, force=True)  # the reference as published has errors

    def bare_docxtpl() -> None:
        doc = DocxTemplate(str(template))
        context = dict(prepared.context, **prepared.attach(doc))  # fresh counters, charts and tables per render
        # autoescape=True is docxtpl's documented switch for objects that render as XML
        # (__html__): without it the tables and charts are not placed and the baseline
        # writes a much smaller document than docgen does.
        # The sections' fragments are included through a loader (docxtpl's own environment has
        # none); a fresh environment per render, as docxtpl makes one, compiles them every time.
        doc.render(context, jinja_env=jinja2.Environment(loader=FragmentLoader()), autoescape=True)
        doc.save(io.BytesIO())

    def python_docx() -> None:
        docx.Document(str(template)).save(io.BytesIO())

    cases = {"docgen": docgen_render, "bare docxtpl": bare_docxtpl, "python-docx open+save": python_docx}
    for fn in cases.values():  # warm up: imports, caches, the compiled template
        fn()
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, fn in cases.items():
            times[name].append(_timed(fn))
    medians = {name: statistics.median(values) for name, values in times.items()}
    chart_count, chart_times = _chart_times(prepared, template, args.runs)

    print(f"fixture: {args.fixture.name}, region: {args.region}, runs: {args.runs}")
    for name, median in medians.items():
        print(f"  {name:<24} median {median * 1000:8.2f} ms")
    print(f"  docgen / bare docxtpl      {medians['docgen'] / medians['bare docxtpl']:.2f}x  (goal <= 1.20x)")
    print(f"  docgen / python-docx       {medians['docgen'] / medians['python-docx open+save']:.2f}x")
    if chart_count:
        per_chart = statistics.median(chart_times) / chart_count
        print(f"  charts: {chart_count} a report, median {per_chart * 1000:.2f} ms a chart (goal <= 5 ms), "
              f"{per_chart * chart_count / medians['docgen']:.0%} of docgen's render")
    table_count, table_times = _statistics_times(prepared, args.runs)
    if table_count:
        median = statistics.median(table_times)
        print(f"  statistical tables: {table_count} a report, median {median * 1000:.2f} ms for all "
              f"(rows, layout, XML), {median / medians['docgen']:.0%} of docgen's render")


def _statistics_times(prepared, runs: int) -> tuple[int, list[float]]:
    """Time deriving and writing every statistical table, from the loaded report (fresh figures
    each run, so nothing is cached), on the template's page setup."""
    setup = PageSetup.from_sect_pr(docx.Document(str(prepared.region.template)).element.body.sectPr)
    times, count = [], 0
    for _ in range(runs + 1):  # the first run warms up
        start = time.perf_counter()
        figures = Figures(prepared.report, prepared.figures.catalogue)
        tables = build_tables(Statistics(figures), prepared.region, setup).tables
        "".join(table.__html__() for table in tables)
        times.append(time.perf_counter() - start)
        count = len(tables)
    return count, times[1:]


def _chart_times(prepared, template: Path, runs: int) -> tuple[int, list[float]]:
    """Time placing every chart the report draws, on a template opened beforehand (not timed)."""
    times = []
    count = 0
    for _ in range(runs + 1):  # the first run warms up
        doc = DocxTemplate(str(template))
        doc.init_docx()
        doc.current_rendering_part = doc.docx.part
        charts = prepared.attach(doc)["charts"]
        keys = present(charts)
        count = len(keys)
        start = time.perf_counter()
        for key in keys:
            getattr(charts, key).__html__()
        times.append(time.perf_counter() - start)
    return count, times[1:]


if __name__ == "__main__":
    main()
