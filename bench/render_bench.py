"""Benchmark: docgen's full render of a fixture against fair bare-docxtpl baselines.

    python bench/render_bench.py [FIXTURE ...] [--runs 25] [--region NAME]

Without FIXTURE it measures the reference through ``sichuan-2020`` (the 2020 report it is) and
the complete fixture through ``sichuan`` (a 2024 report: 目录, 一体化 tables), one after the
other, then the time of ``import docgen`` (fresh interpreters, from bytecode as an installed
package imports, and compiling from source). A FIXTURE given renders through
``--region`` (default: docgen's default region).

Reports the median CPU time of each case over ``--runs`` rounds in this one process (the cases
of a round run one after the other, so machine noise hits all alike; CPU time, not wall time,
so that other work on a shared machine weighs less) and docgen's ratio to each baseline.
Every case renders the same template to the same document:

- docgen: ``docgen.render(path, force=True)`` — read the JSON, load, derive, check, phrase, render
  in the sandbox, strict parse, self-check of the printed numbers (``force``: the reference as
  published has errors);
- docxtpl, cached template: ``DocxTemplate(template).render(context, env)`` then save, where
  ``env`` is a plain autoescaping Jinja environment that caches compiled templates by their
  source (as docgen does), and ``context`` is docgen's prepared context with the entries bound to
  the document made as docgen makes them (numbering, charts, statistical tables): the work any
  docxtpl user does to place the same tables and charts;
- docxtpl, precomputed context: the same, with everything that can be computed before the render
  computed before it — table XML as strings, each chart's XML and workbook as bytes (the render
  only adds the parts and places the drawing), the page setup the tables need, the 目录's page
  numbers (estimated once: the same input has the same pages): docxtpl's own work on this
  document and nothing else;
- python-docx: open the template and save it.

Goal: docgen ≤ 1.2 × the fair bare-docxtpl render. The script works on older docgen versions
too (it uses only the public API, ``prepare`` and the prepared context), so a change can be
measured before and after.
"""

from __future__ import annotations

import argparse
import copy
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docxtpl import DocxTemplate
from jinja2 import Environment
from markupsafe import Markup

import docgen
from docgen.regions import DEFAULT_REGION
from docgen.ooxml.contents import ENTRY_STYLE
from docgen.render import AFTER_RENDER
from docgen.ooxml import charts as ooxml
from docgen.ooxml import contents as ooxml_contents
from docgen.ooxml.fragments import FragmentLoader

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURES = ((ROOT / "fixtures" / "lizhou-xunchaban-2020.json", "sichuan-2020"),
                    (ROOT / "fixtures" / "complete-department-2024.json", "sichuan"))
"""Each fixture with the region it is a report of."""


class CachingEnvironment(Environment):
    """A plain autoescaping Jinja environment that compiles each template source once."""

    def __init__(self) -> None:
        # The sections' layout fragments are included through docgen's loader.
        super().__init__(autoescape=True, loader=FragmentLoader())
        self._compiled: dict[str, Any] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's name
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = self._compiled[source] = super().from_string(source)
        return template


class PrecomputedChart:
    """A chart whose XML and workbook were written before the render: placing it only adds the
    two parts to the package and returns the drawing."""

    def __init__(self, owner: "PrecomputedCharts", chart: Any, spec: Any | None):
        self._owner = owner
        self.note = chart.note
        self._spec = spec
        if spec is not None:
            self._chart = ooxml.chart_xml(spec, "rId1")
            self._workbook = ooxml.workbook(spec)

    def __bool__(self) -> bool:
        return self._spec is not None

    def __html__(self) -> str:
        part = self._owner.doc.current_rendering_part
        package = part.package
        chart = Part(package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART, self._chart, package)
        sheet = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
                     CT.SML_SHEET, self._workbook, package)
        chart.relate_to(sheet, RT.PACKAGE)
        self._owner.placed += 1
        drawing = ooxml.inline_drawing(part.relate_to(chart, RT.CHART), self._spec, self._owner.placed)
        return f'</w:t></w:r>{drawing}<w:r><w:t xml:space="preserve">'


class PrecomputedCharts:
    def __init__(self, charts: Any) -> None:
        self.doc = None
        self.placed = 0
        resolved = charts._fonts_and_width()
        for key in ("totals_change", "income_structure", "spending_structure", "grant_totals_change",
                    "general_budget_change", "general_budget_structure", "three_public_structure"):
            chart = getattr(charts, key)
            setattr(self, key, PrecomputedChart(self, chart, chart.spec(*resolved) if chart else None))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class PrecomputedPages:
    """The 目录's page estimate as known before the render: estimated on the first render, then
    each top-level paragraph and table given its page by its place in the body (the same input
    renders to the same body)."""

    def __init__(self) -> None:
        self.pages: list[int] | None = None
        self._estimate = ooxml_contents.estimate_pages

    def __call__(self, body: Any, styles: Any) -> dict[Any, int]:
        children = [c for c in body if c.tag in (_W + "p", _W + "tbl")]
        if self.pages is None:
            estimated = self._estimate(body, styles)
            self.pages = [estimated[c] for c in children]
            return estimated
        return dict(zip(children, self.pages))


def precomputed_context(prepared: Any, template: Path) -> tuple[dict[str, Any], Any, Any, tuple]:
    """The context with tables as XML strings and charts as bytes, the charts' holder, the
    body's section properties after the tables turned them (set on each fresh document), and what
    finishes the rendered document (the 目录's lines, lead-ins kept with the next)."""
    doc = DocxTemplate(str(template))
    doc.init_docx()
    bound = prepared.attach(doc)
    finishing = bound.pop(AFTER_RENDER, ())
    stats = bound["statistics"]
    view = copy.copy(stats)
    view.tables = [Markup(t.__html__()) for t in stats.tables]
    context = dict(prepared.context)
    context["tables"] = copy.copy(context["tables"])
    context["tables"].performance = [Markup(t.__html__()) for t in context["tables"].performance]
    charts = PrecomputedCharts(bound["charts"])
    context.update(statistics=view, charts=charts, n=bound["n"], contents=bound["contents"])
    return context, charts, copy.deepcopy(doc.docx.element.body.sectPr), finishing


def measure(fixture: Path, region: str, runs: int) -> dict[str, float]:
    prepared = docgen.prepare(fixture, region)
    template = prepared.region.template
    environment = CachingEnvironment()
    context, charts, sect_pr, finishing = precomputed_context(prepared, template)
    numbering = context["n"]
    pages = PrecomputedPages()

    def docgen_render() -> None:
        docgen.render(fixture, region=region, force=True)  # the reference as published has errors

    def docxtpl_cached() -> None:
        doc = DocxTemplate(str(template))
        bound = prepared.attach(doc)  # fresh counters, charts and tables per render, as docgen
        finish = bound.pop(AFTER_RENDER, ())
        doc.render({**prepared.context, **bound}, jinja_env=environment)
        for step in finish:
            step(doc.docx)
        doc.save(io.BytesIO())

    def docxtpl_precomputed() -> None:
        doc = DocxTemplate(str(template))
        doc.init_docx()
        body = doc.docx.element.body
        body.replace(body.sectPr, copy.deepcopy(sect_pr))
        charts.doc, charts.placed = doc, 0
        # Fresh heading and figure counters (a render advances them): a copy of unused ones.
        doc.render({**context, "n": copy.deepcopy(numbering)}, jinja_env=environment)
        estimate, ooxml_contents.estimate_pages = ooxml_contents.estimate_pages, pages
        try:
            for step in finishing:
                step(doc.docx)
        finally:
            ooxml_contents.estimate_pages = estimate
        doc.save(io.BytesIO())

    def python_docx() -> None:
        docx.Document(str(template)).save(io.BytesIO())

    cases = {"docgen": docgen_render, "docxtpl, cached template": docxtpl_cached,
             "docxtpl, precomputed": docxtpl_precomputed, "python-docx open+save": python_docx}
    for fn in cases.values():  # warm up: imports, caches, the compiled template
        fn()
    _check_same_document([docxtpl_cached, docxtpl_precomputed], fixture, region)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, fn in cases.items():
            start = time.process_time()
            fn()
            times[name].append(time.process_time() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def _text(data: bytes) -> list[str]:
    import zipfile

    from lxml import etree

    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    texts = []
    for p in body.iter(w + "p"):
        text = "".join(t.text or "" for t in p.iter(w + "t"))
        # A 目录 line's page number is estimated from the styles; the bare baselines lack docgen's
        # table cell styles (ReportTemplate adds them), so their tables measure taller.
        style = p.find(f"{w}pPr/{w}pStyle")
        contents = style is not None and style.get(w + "val", "").startswith(ENTRY_STYLE.format(level=""))
        texts.append(text.rstrip("0123456789") if contents else text)
    return texts


def _check_same_document(baselines: list[Any], fixture: Path, region: str) -> None:
    """Every baseline writes the document docgen writes (the same paragraphs and cells, the same
    number of charts), or the comparison would be unfair."""
    expected = docgen.render(fixture, region=region, force=True)
    captured = []
    original = DocxTemplate.save

    def capture(self, target, *args, **kwargs):
        original(self, target, *args, **kwargs)
        captured.append(target.getvalue())

    DocxTemplate.save = capture
    try:
        for baseline in baselines:
            baseline()
    finally:
        DocxTemplate.save = original
    for data in captured:
        if _text(data) != _text(expected):
            raise SystemExit("a baseline writes another document than docgen: the comparison would be unfair")
        charts = [n for n in zipfile_names(data) if n.startswith("word/charts/")]
        if len(charts) != len([n for n in zipfile_names(expected) if n.startswith("word/charts/")]):
            raise SystemExit("a baseline writes another number of charts than docgen")


def zipfile_names(data: bytes) -> list[str]:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def import_time(rounds: int = 7, bytecode: bool = True) -> float:
    """Median CPU time of ``import docgen`` in a fresh interpreter (seconds).

    ``bytecode``: as an installed package imports, from the compiled modules pip writes when it
    installs (here into a temporary cache, written by a first import that is not timed); else
    compiling every module from source, as where ``PYTHONDONTWRITEBYTECODE`` is set and the
    modules were never compiled (a source checkout)."""
    import os
    import tempfile

    code = "import time; t = time.process_time(); import docgen; print(time.process_time() - t)"
    home = Path(docgen.__file__).resolve().parent.parent  # the docgen this script measures
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    with tempfile.TemporaryDirectory() as cache:
        if bytecode:
            env["PYTHONPYCACHEPREFIX"] = cache
        else:
            env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=cache)  # an empty cache, never written

        def once() -> float:
            return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                        cwd=home, env=env).stdout)

        once()  # writes the bytecode where it is asked for
        return statistics.median(once() for _ in range(rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fixtures", nargs="*", type=Path, metavar="FIXTURE")
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--region", default=DEFAULT_REGION, help="the region of the FIXTUREs given")
    args = parser.parse_args()
    for fixture, region in [(f, args.region) for f in args.fixtures] or DEFAULT_FIXTURES:
        medians = measure(fixture, region, args.runs)
        print(f"fixture: {fixture.name}, region: {region}, runs: {args.runs}")
        for name, median in medians.items():
            print(f"  {name:<26} median {median * 1000:8.2f} ms CPU")
        for name in ("docxtpl, cached template", "docxtpl, precomputed"):
            print(f"  docgen / {name:<26} {medians['docgen'] / medians[name]:.2f}x  (goal <= 1.20x)")
        print(f"  docgen / python-docx open+save       {medians['docgen'] / medians['python-docx open+save']:.2f}x")
    if not args.fixtures:
        print(f"import docgen: median {import_time() * 1000:.0f} ms CPU from bytecode, as installed (goal <= 300 ms); "
              f"{import_time(bytecode=False) * 1000:.0f} ms compiling every module from source")

if __name__ == "__main__":
    main()
