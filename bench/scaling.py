"""Scaling run: how each phase of a render grows with the size of the input.

    python bench/scaling.py [--steps 3] [--runs 2]

Three axes, each grown from a quarter of its target to the target (doubling), the rest of the
complete fixture unchanged and rendered through its region (``sichuan``: 目录, 一体化 tables):
1,500 一般公共预算 项 items, 300 performance projects, 3,000 performance indicators (over the
fixture's projects). Each phase is timed alone (best of
``--runs``): load (the JSON file read into the model), prepare (figures, rules, sentences, the tables'
findings), render (template, tables, charts, strict parse, save), self-check (every printed
number read back, from the rendered document in memory as a render does). Times are CPU times
(a shared machine's neighbours weigh less). The growth exponent ``k`` of ``t ∝ n^k`` between the
smallest and largest size says whether a phase is linear (k ≈ 1) or worse.

The grown inputs do not all add up (the grown 项 sum to the fixture's general budget, the
rest of the totals stay the fixture's): they render with ``force``, which is what a size test
needs; codes beyond the catalogue's come with their names in ``codes``.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import json
import math
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import docgen
from docgen import selfcheck
from docgen.catalogue import catalogue_for
rendering = importlib.import_module("docgen.render")  # the module: docgen.render is the function

ROOT = Path(__file__).resolve().parent.parent
BASE = json.loads((ROOT / "fixtures" / "complete-department-2024.json").read_text(encoding="utf-8"))
REGION = "sichuan"
"""The complete fixture's region (a 2024 report)."""
TARGETS = {"items": 1500, "projects": 300, "indicators": 3000}


def _item_codes(count: int) -> tuple[list[str], list[dict[str, str]]]:
    """``count`` 项 codes under the catalogue's 款, and the ``codes`` entries naming those it lacks."""
    functional = catalogue_for(BASE["department"]["year"]).functional
    sections = sorted(c for c in functional if len(c) == 5)
    codes, named = [], []
    for n in range(count):
        code = f"{sections[n % len(sections)]}{n // len(sections) + 1:02d}"
        codes.append(code)
        if code not in functional:
            named.append({"code": code, "name": f"测试项目{code}", "explanation": f"指测试项目{code}的支出。"})
    return codes, named


def _shares(total: Decimal, count: int) -> list[str]:
    """``total`` split into ``count`` amounts to the 分 that add up to it: the shares of the
    general budget printed by fund are then the ones the self-check computes."""
    whole, extra = divmod(int(total * 100), count)
    return [str(Decimal(whole + (n < extra)) / 100) for n in range(count)]


def _numbered(text: str, n: int) -> str:
    """A distinct name: the number inside brackets, so that the name never runs into a figure
    printed after it (``…次数3`` before a cell ``3`` reads as ``…次数33``)."""
    return f"{text}（{n}）"


def grown(axis: str, size: int) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    if axis == "items":
        codes, named = _item_codes(size)
        general = data["general_budget"]
        general["items"] = [{"code": c, "actual": a, "budget": a, "basic": a, "project": "0"}
                            for c, a in zip(codes, _shares(sum(Decimal(i["actual"]) for i in general["items"]), size))]
        general.pop("stated_category_totals", None)  # the 类 are the grown codes' now
        data["codes"] = data.get("codes", []) + named
    elif axis == "projects":
        base = data["performance"]["projects"]
        data["performance"]["projects"] = [dict(copy.deepcopy(base[n % len(base)]), name=_numbered(base[n % len(base)]['name'], n))
                                           for n in range(size)]
    else:
        projects = data["performance"]["projects"]
        per = size // len(projects)
        for project in projects:
            own = project["indicators"]
            project["indicators"] = [dict(own[n % len(own)], level3=_numbered(own[n % len(own)]['level3'], n))
                                     for n in range(per)]
    return data


def _best(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    best, result = math.inf, None
    for _ in range(runs):
        start = time.process_time()
        result = fn()
        best = min(best, time.process_time() - start)
    return best, result


def _load(path: Path) -> Any:
    """``docgen.load`` of the JSON file, as a batch reads it; where the loader refuses it for its
    density (its estimate of the memory the values take exceeds ten times the file's size), the
    same text parsed without that check and structured by the loader, so that the phase is still
    timed (the refusal is printed)."""
    try:
        return docgen.load(path)
    except docgen.InputError as exc:
        if "packed too densely" not in str(exc) and "numbers beside" not in str(exc):
            raise
        REFUSED.append(str(exc).replace(str(path), path.name))
        return docgen.load(json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal, parse_int=Decimal))


REFUSED: list[str] = []
"""What the loader said of the inputs it refused as too dense (timed through the dict)."""


def phases(data: dict[str, Any], runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "grown.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        load, report = _best(lambda: _load(path), runs)
    prepare, prepared = _best(lambda: docgen.prepare(report, REGION), runs)
    # render_document (the document in memory for the self-check) where this docgen has it
    write = getattr(rendering, "render_document", rendering.render_bytes)
    render, docx = _best(lambda: write(prepared.region.template, prepared.context, prepared.attach), runs)
    check, _ = _best(lambda: selfcheck.verify(docx, prepared.figures, prepared.region), runs)
    return {"load": load, "prepare": prepare, "render": render, "self-check": check}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=3, help="sizes per axis, doubling up to the target")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--axis", choices=sorted(TARGETS), action="append")
    args = parser.parse_args()
    phases(grown("items", 10), 1)  # warm up: imports, the pack, the compiled template
    for axis in args.axis or TARGETS:
        sizes = [TARGETS[axis] >> (args.steps - 1 - i) for i in range(args.steps)]
        results = [phases(grown(axis, n), args.runs) for n in sizes]
        print(f"{axis}: sizes {', '.join(map(str, sizes))}")
        for phase in results[0]:
            times = [r[phase] for r in results]
            k = math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0])
            print(f"  {phase:<11} {' '.join(f'{t * 1000:8.1f}' for t in times)} ms CPU   exponent {k:.2f}")
        for message in dict.fromkeys(REFUSED):  # once each, in order
            print(f"  refused, load timed from the parsed dict: {message}")
        REFUSED.clear()


if __name__ == "__main__":
    main()
