"""Benchmark: the 目录's page estimate (:func:`docgen.ooxml.pages.estimate_pages`) on a rendered body.

    python bench/contents_bench.py [FIXTURE] [--region sichuan] [--runs 30]

Renders FIXTURE (default: the complete fixture) once, keeping a copy of the body and styles the
目录 is estimated on, then estimates that body ``--runs`` times in this process and reports the
median CPU time (CPU, not wall time: on a shared machine other work weighs less) and the pages
it gave. Every run estimates the same body from nothing (nothing the estimate computes outlives
it), so the figure is that of one render's estimate.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import docgen  # noqa: E402
from docgen.ooxml import contents  # noqa: E402


def rendered_body(fixture: Path, region: str) -> tuple:
    """(body, styles) as the render hands them to the estimate: copies taken at that moment."""
    taken = []
    estimate = contents.estimate_pages

    def keeping(body, styles):
        taken.append((copy.deepcopy(body), copy.deepcopy(styles)))
        return estimate(body, styles)

    contents.estimate_pages = keeping
    try:
        docgen.render(fixture, region=region, force=True)
    finally:
        contents.estimate_pages = estimate
    if not taken:
        raise SystemExit(f"{fixture} through {region} has no 目录: nothing to estimate")
    return taken[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fixture", nargs="?", type=Path, default=ROOT / "fixtures" / "complete-department-2024.json")
    parser.add_argument("--region", default="sichuan")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    body, styles = rendered_body(args.fixture, args.region)
    times = []
    for _ in range(args.runs):
        start = time.process_time()
        pages = contents.estimate_pages(body, styles)
        times.append(time.process_time() - start)
    print(f"{args.fixture.name} through {args.region}: {len(pages)} paragraphs and tables over "
          f"{max(pages.values())} pages, estimated in {statistics.median(times) * 1000:.2f} ms "
          f"(median CPU of {args.runs} runs)")


if __name__ == "__main__":
    main()
