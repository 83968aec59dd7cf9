"""The checker's mutation table: change the complete fixture one way at a time and count how often
``docgen check`` notices.

Kinds (each applied everywhere it applies, one change at a time):

- ``amount +0.05``: every amount of the file (not points, stated rates or shares, last year's figures);
- ``amount ×10``: the same amounts with the decimal point slipped one place;
- ``swap in a record`` / ``swap neighbouring rows``: two different amounts of one object exchanged,
  or the same field of two adjacent list entries;
- ``record dropped`` / ``record duplicated``: an entry holding amounts removed from, or repeated in,
  its list;
- ``neighbouring code``: a classification code replaced by the next (or previous) valid code of the
  catalogue under the same parent;
- ``prior year +0.05``: every last-year figure;
- ``prose number`` / ``prose direction``: a wrong amount, rate or project count written into a
  reason or an evaluation report, and a reason whose direction words are reversed.

The first six count as caught when a new finding appears (the table says how many by a warning
only); the prose kinds when ``text-number`` or ``reason-direction`` reports the changed text. The honest variant of each prose case (the true figure
written in) is run as a control and must find nothing.

Usage::

    python tools/mutation.py               # the table, as Markdown
    python tools/mutation.py --misses      # and every change that went unnoticed
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere, without installing docgen
    sys.path.insert(0, str(ROOT))

import docgen  # noqa: E402
from docgen.catalogue import catalogue_for  # noqa: E402

REGION = "sichuan"
"""The pack the complete fixture is written for: its findings are the ones a department sees."""

FIXTURE = ROOT / "fixtures" / "complete-department-2024.json"
NOT_AMOUNTS = {"weight", "score", "stated_rate", "stated_change_rate", "year"}
PROSE_RULES = {"text-number", "reason-direction"}

Path_ = tuple[Any, ...]
Case = tuple[str, str, Callable[[dict], None]]
"""(kind, where, change applied to a copy of the data)."""


def _walk(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk(value, path + (i,))
    else:
        yield path, data


def _json_path(path: Path_) -> str:
    return "$" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in path)


def _get(data: Any, path: Path_) -> Any:
    for key in path:
        data = data[key]
    return data


def _set(data: Any, path: Path_, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (str, Decimal, float)):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _is_amount(path: Path_, value: Any) -> bool:
    names = [k for k in path if isinstance(k, str)]
    if not names or names[-1] in NOT_AMOUNTS or "stated_category_shares" in names or names[-1] == "code":
        return False
    if "indicators" in names:  # 指标值 and 完成值 are the department's measures (户, 万亩, %), not money
        return False
    return _decimal(value) is not None and not isinstance(value, int)


def _amounts(raw: dict, prior: bool) -> list[Path_]:
    return [p for p, v in _walk(raw) if _is_amount(p, v) and (p[-1] == "prior_year") == prior]


def _as(old: Any, new: Decimal) -> Any:
    return str(new) if isinstance(old, str) else new


def _shift(path: Path_, change: Callable[[Decimal], Decimal]) -> Callable[[dict], None]:
    def apply(data: dict) -> None:
        old = _get(data, path)
        _set(data, path, _as(old, change(Decimal(str(old)))))
    return apply


def _swap(a: Path_, b: Path_) -> Callable[[dict], None]:
    def apply(data: dict) -> None:
        va, vb = _get(data, a), _get(data, b)
        _set(data, a, vb)
        _set(data, b, va)
    return apply


def _records(raw: dict) -> list[Path_]:
    """Lists whose entries are objects holding an amount (rows, items, lines, projects)."""
    found = []
    for path, _ in _walk({"_": raw}):
        for n in range(1, len(path)):
            parent = path[1:n]
            value = _get(raw, parent) if parent else raw
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value) \
                    and any(_is_amount((k,), x) for v in value for k, x in v.items()) and parent not in found:
                found.append(parent)
    return found


def amount_cases(raw: dict) -> Iterator[Case]:
    for path in _amounts(raw, prior=False):
        yield "amount +0.05", _json_path(path), _shift(path, lambda v: v + Decimal("0.05"))
        if Decimal(str(_get(raw, path))) != 0:
            yield "amount ×10", _json_path(path), _shift(path, lambda v: v * 10)
    for path in _amounts(raw, prior=True):
        yield "prior year +0.05", _json_path(path), _shift(path, lambda v: v + Decimal("0.05"))


def swap_cases(raw: dict) -> Iterator[Case]:
    amounts = [p for p in _amounts(raw, False) + _amounts(raw, True)]
    by_parent: dict[Path_, list[Path_]] = {}
    for path in amounts:
        by_parent.setdefault(path[:-1], []).append(path)
    for paths in by_parent.values():
        for i, a in enumerate(paths):
            for b in paths[i + 1:]:
                if _decimal(_get(raw, a)) != _decimal(_get(raw, b)):
                    yield "swap in a record", f"{_json_path(a)} ↔ {b[-1]}", _swap(a, b)
    for path in amounts:
        index = next((j for j in range(len(path) - 1, -1, -1) if isinstance(path[j], int)), None)
        if index is None:
            continue
        other = path[:index] + (path[index] + 1,) + path[index + 1:]
        try:
            value = _get(raw, other)
        except (IndexError, KeyError, TypeError):
            continue
        if _decimal(value) is not None and _decimal(value) != _decimal(_get(raw, path)):
            yield "swap neighbouring rows", f"{_json_path(path)} ↔ [{path[index] + 1}]", _swap(path, other)


def record_cases(raw: dict) -> Iterator[Case]:
    for path in _records(raw):
        for i in range(len(_get(raw, path))):
            def drop(data: dict, path=path, i=i) -> None:
                del _get(data, path)[i]

            def duplicate(data: dict, path=path, i=i) -> None:
                entries = _get(data, path)
                entries.insert(i + 1, copy.deepcopy(entries[i]))

            yield "record dropped", f"{_json_path(path)}[{i}]", drop
            yield "record duplicated", f"{_json_path(path)}[{i}]", duplicate


def _neighbours(code: str, known: list[str]) -> list[str]:
    """The valid codes next to ``code`` under the same parent (same length), nearest first."""
    parent = code[:-2]
    siblings = sorted(c for c in known if len(c) == len(code) and c[:-2] == parent and c != code)
    before = [c for c in siblings if c < code]
    after = [c for c in siblings if c > code]
    return [c for c in (after[:1] + before[-1:])]


def code_cases(raw: dict) -> Iterator[Case]:
    catalogue = catalogue_for(raw["department"]["year"])
    functional, economic = list(catalogue.functional), list(catalogue.economic)
    for path, value in _walk(raw):
        if path and path[-1] == "code" and isinstance(value, str):
            known = economic if value.startswith("3") and len(value) == 5 else functional
            for neighbour in _neighbours(value, known)[:1]:
                yield "neighbouring code", f"{_json_path(path)} {value}→{neighbour}", \
                    lambda data, path=path, neighbour=neighbour: _set(data, path, neighbour)


def prose_cases(raw: dict) -> Iterator[tuple[str, str, Callable[[dict], None], Callable[[dict], None]]]:
    """(kind, where, the wrong change, its honest control) for the prose kinds."""
    from docgen.derive import Change
    from docgen.rules import RuleContext
    from docgen.rules.prose import reason_figures, went_up as rose

    figures = docgen.prepare(copy.deepcopy(raw)).figures
    context = RuleContext(figures, Decimal("0.01"))
    for path, reason, figure, _ in reason_figures(context):
        went_up = rose(figure)
        if not reason or went_up is None:
            continue
        keys = tuple(int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]$]+", path))
        delta = figure.delta if isinstance(figure, Change) else abs(figure.actual - figure.budget)
        word = "增加" if went_up else "减少"
        honest = f"{reason}，{word}{delta:.2f}万元"

        def put(text: str, keys=keys) -> Callable[[dict], None]:
            return lambda data: _set(data, keys, text)

        yield "prose number", f"{path} +1.00", put(f"{reason}，{word}{delta + 1:.2f}万元"), put(honest)
        yield "prose number", f"{path} ×10", put(f"{reason}，{word}{delta * 10:.2f}万元"), put(honest)
        if isinstance(figure, Change) and figure.rate is not None:
            rate_word = "增长" if went_up else "下降"
            yield ("prose number", f"{path} rate +1", put(f"{reason}，{rate_word}{figure.rate + 1:.2f}%"),
                   put(f"{reason}，{rate_word}{figure.rate:.2f}%"))
        opposite = "业务量减少，压减支出" if went_up else "业务量增加，支出增长"
        yield "prose direction", path, put(opposite), put(reason)
    projects = raw.get("performance", {}).get("projects", [])
    for i, project in enumerate(projects):
        if "evaluation" not in project:
            continue
        budget = sum(Decimal(str(project["budget"].get(k) or 0)) for k in ("grant", "carried_over", "other"))
        spent = sum(Decimal(str(project["execution"].get(k) or 0)) for k in ("grant", "carried_over", "other"))
        keys = ("performance", "projects", i, "evaluation", "conclusion")
        text = project["evaluation"]["conclusion"]
        honest = f"{text}项目预算{budget:.2f}万元，执行{spent:.2f}万元，执行率{spent * 100 / budget:.2f}%。"
        for label, wrong in (("budget +1.00", f"{text}项目预算{budget + 1:.2f}万元。"),
                             ("execution ×10", f"{text}全年执行{spent * 10:.2f}万元。"),
                             ("rate +3", f"{text}执行率{spent * 100 / budget + 3:.2f}%。")):
            yield ("prose number", f"$.performance.projects[{i}].evaluation.conclusion {label}",
                   lambda data, keys=keys, wrong=wrong: _set(data, keys, wrong),
                   lambda data, keys=keys, honest=honest: _set(data, keys, honest))
    if projects and raw["performance"].get("overall_self_evaluation"):
        keys = ("performance", "overall_self_evaluation")
        text = raw["performance"]["overall_self_evaluation"]
        n = len(projects)
        yield ("prose number", "$.performance.overall_self_evaluation count +1",
               lambda data: _set(data, keys, f"{text}共对{n + 1}个项目开展绩效自评。"),
               lambda data: _set(data, keys, f"{text}共对{n}个项目开展绩效自评。"))


def _findings(data: dict) -> set[tuple[str, str, str]]:
    try:
        return {(f.level, f.rule, f.path) for f in docgen.check(data, REGION)}
    except docgen.InputError:  # the loader refuses the change outright: noticed
        return {("error", "input", "")}


def _errors(data: dict) -> set[tuple[str, str, str]]:
    return {f for f in _findings(data) if f[0] == "error"}


def _prose_found(data: dict, where: str) -> bool:
    path = where.split(" ")[0]
    try:
        return any(f.rule in PROSE_RULES and f.path == path for f in docgen.check(data, REGION))
    except docgen.InputError:
        return True


def run(raw: dict) -> tuple[dict[str, list[tuple[str, str]]], list[str]]:
    """kind → [(where, "error" / "warning" / "")], and the prose controls wrongly flagged."""
    baseline = _findings(copy.deepcopy(raw))
    results: dict[str, list[tuple[str, str]]] = {}
    for source in (amount_cases, swap_cases, record_cases, code_cases):
        for kind, where, change in source(raw):
            data = copy.deepcopy(raw)
            change(data)
            new = _findings(data) - baseline
            outcome = "error" if any(f[0] == "error" for f in new) else "warning" if new else ""
            results.setdefault(kind, []).append((where, outcome))
    false_alarms = []
    for kind, where, wrong, honest in prose_cases(raw):
        data = copy.deepcopy(raw)
        wrong(data)
        results.setdefault(kind, []).append((where, "error" if _prose_found(data, where) else ""))
        control = copy.deepcopy(raw)
        honest(control)
        if _prose_found(control, where):
            false_alarms.append(where)
    return results, false_alarms


def table(results: dict[str, list[tuple[str, str]]]) -> str:
    lines = ["| change | applied | caught | of which by a warning only |", "|---|---|---|---|"]
    for kind, cases in results.items():
        caught = sum(1 for _, outcome in cases if outcome)
        warned = sum(1 for _, outcome in cases if outcome == "warning")
        lines.append(f"| {kind} | {len(cases)} | {caught} ({caught / len(cases):.0%}) | {warned} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list every change that went unnoticed")
    parser.add_argument("fixture", nargs="?", default=str(FIXTURE))
    args = parser.parse_args(argv)
    raw = json.loads(Path(args.fixture).read_text(encoding="utf-8"), parse_float=Decimal)
    results, false_alarms = run(raw)
    print(table(results))
    print(f"\nhonest prose controls flagged: {len(false_alarms)}" + "".join(f"\n  {w}" for w in false_alarms))
    if args.misses:
        for kind, cases in results.items():
            for where, outcome in cases:
                if outcome != "error":
                    print(f"{'warned' if outcome else 'missed'}: {kind}: {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
