"""Where a render's memory goes: resident memory and Python's own allocations at each stage.

    python bench/render_memory.py DATA [--region NAME] [--trace]

One render of DATA (after a render of the minimal report, so the template and the interpreter are
counted out), with each stage's entry and exit marked: resident memory then (RSS, what lxml's C
allocations take included) and the peak so far (``ru_maxrss``); with ``--trace``, Python's
allocations too (``tracemalloc``: current and peak since the previous mark), which slows the
render several times. Figures in KiB, RSS relative to the start.

What a render holds, stage by stage (measured on 300 projects of 10 indicators, a 16 MB body):

- prepare: the model and the figures, the sentences and tables' context (about 10× the file);
- build_xml: Jinja's output, the body as text (two bytes a character where it holds Chinese,
  four where one character lies beyond the BMP), while the pieces it is joined from and docxtpl's
  post-processing make a copy or two of it for a moment;
- fix_tables: the body parsed (an lxml tree, 10–12× its XML), fed to the parser a piece at a
  time; the text is freed when the parse returns;
- package_bytes: every part serialised (the body's XML, kept for the self-check) and zipped;
- verify: the body read paragraph by paragraph from its XML, the texts cleaned and the
  department's own masked (copies of the text only, not of the XML), the tables read in the tree.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import json
import os
import resource
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docgen import api, placement, selfcheck  # noqa: E402
from docgen.ooxml import package  # noqa: E402
from docgen.template import ReportTemplate  # noqa: E402

rendering = importlib.import_module("docgen.render")  # the module: docgen.render is the function
STAGES = [(api, "prepare"), (api, "render_document"), (ReportTemplate, "build_xml"), (ReportTemplate, "fix_tables"),
          (package, "package_bytes"), (selfcheck, "verify"), (selfcheck, "expected_numbers"), (selfcheck, "_read"),
          (placement, "mask_own"), (placement, "problems")]
MINIMAL = {
    "department": {"name": "某某县测试局", "short_name": "测试局", "region": "四川省某某县", "year": 2021},
    "overview": {"functions": ["负责测试工作。"], "key_work": ["完成测试。"]},
    "assets": {"equipment_over_1m": 0},
    "income": {"sources": {"general_budget_grant": "100.00"}, "total": {"prior_year": "100.00"}},
    "spending": {"kinds": {"basic": "100.00"}, "total": {"prior_year": "100.00"}},
    "fiscal_grants": {"income_total": {"prior_year": "100.00"}, "spending_total": {"prior_year": "100.00"}},
    "general_budget": {"items": [{"code": "2011101", "actual": "100.00", "budget": "100.00", "basic": "100.00"}],
                       "total": {"prior_year": "100.00"}},
    "basic_spending": {"lines": [{"code": "30101", "amount": "100.00"}]},
    "operating_costs": {"actual": "10.00", "prior_year": "10.00"},
}


class Marks:
    def __init__(self, trace: bool):
        self.trace = trace
        self.rows: list[tuple[str, int, int, int, int]] = []
        self.start = 0

    def rss(self) -> int:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024

    def mark(self, label: str) -> None:
        current, peak = tracemalloc.get_traced_memory() if self.trace else (0, 0)
        self.rows.append((label, self.rss() - self.start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                          current // 1024, peak // 1024))
        if self.trace:
            tracemalloc.reset_peak()

    def wrap(self, owner: object, name: str) -> None:
        function = getattr(owner, name, None)
        if function is None:  # a stage renamed: left unmarked
            return

        @functools.wraps(function)
        def marked(*args, **kwargs):
            self.mark(f"> {name}")
            result = function(*args, **kwargs)
            self.mark(f"< {name}")
            return result
        setattr(owner, name, marked)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--region", default="sichuan")
    parser.add_argument("--trace", action="store_true", help="Python's allocations too (tracemalloc; slow)")
    args = parser.parse_args()
    marks = Marks(args.trace)
    with tempfile.TemporaryDirectory() as folder:
        minimal = Path(folder) / "minimal.json"
        minimal.write_text(json.dumps(MINIMAL, ensure_ascii=False), encoding="utf-8")
        api.render(minimal, None, region=args.region, force=True)  # the template and the caches, counted out
    for owner, name in STAGES:
        marks.wrap(owner, name)
    gc.collect()
    if args.trace:
        tracemalloc.start()
    marks.start = marks.rss()
    marks.mark("start")
    data = api.render(args.data, None, region=args.region, force=True)
    marks.mark("end")
    size = args.data.stat().st_size
    print(f"{args.data}: {size:,} bytes, report {len(data):,} bytes; KiB")
    print(f"{'stage':22} {'RSS':>9} {'peak RSS':>9}" + (f" {'py now':>9} {'py peak':>9}" if args.trace else ""))
    for label, rss, peak, current, traced in marks.rows:
        print(f"{label:22} {rss:9,} {peak:9,} {current:9,} {traced:9,}" if args.trace else
              f"{label:22} {rss:9,} {peak:9,}")


if __name__ == "__main__":
    main()
