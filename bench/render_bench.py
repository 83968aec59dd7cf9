"""Benchmark: docgen's full render of a fixture against bare docxtpl and python-docx baselines.

    python bench/render_bench.py [FIXTURE] [--runs 25] [--region sichuan]

Reports the median of each measurement over ``--runs`` runs in this one process (runs interleaved
so machine noise hits all alike) and docgen's ratio to each baseline:

- docgen: ``docgen.render(data)`` — load JSON, derive, check, phrase, render, strict re-parse;
- bare docxtpl: ``DocxTemplate(template).render(context)`` with a precomputed context and
  docxtpl's default (non-sandboxed, uncached) environment, then save;
- python-docx: open the template and save it.

Goal: docgen ≤ 1.2 × bare docxtpl.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from pathlib import Path

import docx
from docxtpl import DocxTemplate

import docgen
from docgen.context import Numbering

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURE = ROOT / "fixtures" / "lizhou-xunchaban-2020.json"


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fixture", nargs="?", type=Path, default=DEFAULT_FIXTURE)
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--region", default="sichuan")
    args = parser.parse_args()

    prepared = docgen.prepare(args.fixture, args.region)
    template = prepared.region.template
    numbering = prepared.region.section("numbering"), prepared.region.section("figures")

    def docgen_render() -> None:
        docgen.render(args.fixture, region=args.region)

    def bare_docxtpl() -> None:
        context = dict(prepared.context, n=Numbering(*numbering))  # fresh counters per render
        doc = DocxTemplate(str(template))
        doc.render(context)
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

    print(f"fixture: {args.fixture.name}, region: {args.region}, runs: {args.runs}")
    for name, median in medians.items():
        print(f"  {name:<24} median {median * 1000:8.2f} ms")
    print(f"  docgen / bare docxtpl      {medians['docgen'] / medians['bare docxtpl']:.2f}x  (goal <= 1.20x)")
    print(f"  docgen / python-docx       {medians['docgen'] / medians['python-docx open+save']:.2f}x")


if __name__ == "__main__":
    main()
