"""Benchmark: import the 财决 export generated from the complete fixture and render, against a
render from the JSON data file; and how much a department still types.

    python bench/import_bench.py [--runs 9]

In one process, runs interleaved, medians over ``--runs``:

- render from JSON: ``docgen.render(fixture path)``;
- import + render: ``read_export`` of the generated .xlsx, merge into the department's texts
  (the fixture without what the export provides), ``docgen.render`` of the result;
- import alone: ``read_export``.

Then the texts a department still types for the complete fixture: every text value that is not
a code, counted as values, as lines of the texts-only data file, and as characters.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the export generator lives with the tests

import docgen  # noqa: E402
from docgen.importing.export import read_export  # noqa: E402
from docgen.importing.merge import merge  # noqa: E402
from docgen.importing.prior import CARRIED_TEXTS  # noqa: E402
from export_writer import texts_only, write_export  # noqa: E402

FIXTURE = ROOT / "fixtures" / "complete-department-2024.json"


def _texts(value, key=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v, key)
    elif isinstance(value, str) and key != "code" and not value.replace(".", "").isdigit():
        yield value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        export = write_export(data, Path(folder) / "export.xlsx")
        texts = texts_only(data, read_export(export).data)

        def from_json() -> None:
            docgen.render(FIXTURE)

        def imported() -> None:
            docgen.render(merge(texts, read_export(export).data, []))

        def import_only() -> None:
            read_export(export)

        timings: dict[str, list[float]] = {"render from JSON": [], "import + render": [], "import alone": []}
        for _ in range(args.runs):
            for name, run in zip(timings, (from_json, imported, import_only), strict=True):
                start = time.perf_counter()
                run()
                timings[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, value in medians.items():
        print(f"{name:<18} {value * 1000:8.1f} ms (median of {args.runs})")
    print(f"ratio import + render / render from JSON: {medians['import + render'] / medians['render from JSON']:.2f}")
    values = list(_texts({k: v for k, v in texts.items() if k != "department"}))
    lines = json.dumps(texts, ensure_ascii=False, indent=2).count("\n") + 1
    full = json.dumps(data, ensure_ascii=False, indent=2).count("\n") + 1
    print(f"the department still types: {len(values)} texts, {sum(map(len, values))} characters; "
          f"texts-only data file {lines} lines of the fixture's {full}")
    fresh = {k: v for k, v in texts.items() if k != "department"}
    for path in CARRIED_TEXTS:
        *parents, last = path.split(".")
        node = fresh
        for key in parents:
            node = node.get(key, {})
        node.pop(last, None)
    values = list(_texts(fresh))
    print(f"with last year's file (--prior), less what carries over: {len(values)} texts, "
          f"{sum(map(len, values))} characters")


if __name__ == "__main__":
    main()
