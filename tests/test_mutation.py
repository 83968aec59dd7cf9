"""Mutation test of the checker over the complete fixture (fixtures/complete-department-2024.json).

Every amount of the file is changed in turn by +0.05万元 (five times the tolerance), and the change
counts as caught when ``docgen check`` then reports at least one error. An amount no error rule can
catch is a free-standing number: nothing else in the data states it or a figure it adds up to.
Each such amount must fall under one of the explained kinds in ``FREE_STANDING``; anything else
that slips through is a gap in the catalogue and fails the test.

Points (分值, 得分) and stated rates and shares are not amounts and are left out.
"""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal

import pytest

import docgen
from conftest import ROOT, script
from docgen.rules.walk import amounts

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"
STEP = Decimal("0.05")
NOT_AMOUNTS = {"weight", "score", "stated_rate", "stated_change_rate"}

FREE_STANDING: list[tuple[str, str]] = [
    (r"\.prior_year$",
     "last year's figure: last year's report is not input, and a change is phrased from whatever it is "
     "(with the department's reason). Caught only where the shift makes an unchanged figure change "
     "(reason-missing), or where a stated rate is given (stated-rate)."),
    (r"^\$\.(general_budget\.items\[\d+\]|three_public_costs\.\w+|government_fund|state_capital)\.budget$",
     "预算数: printed only inside its own completion rate; where actual ≠ budget the variance already has "
     "its reason. Caught where actual = budget (the sentence then needs a reason: reason-missing)."),
    (r"^\$\.three_public_costs\.(travel_abroad|vehicle_purchase|vehicle_operation)\.actual$"
     r"|^\$\.three_public_costs\.reception\.(domestic|foreign)\.amount$",
     "a “三公” category: the “三公” total is derived from the categories, and nothing else states them "
     "(the economic lines 30212/30217/30231/31013 of basic spending are only the basic-spending part: "
     "three-public-economic-link warns when they exceed it)."),
    (r"^\$\.(government_fund|state_capital)\.three_public_costs\.",
     "the part of a “三公” category paid from a fund: bounded by the category (part-within-whole), not "
     "equal to anything."),
    (r"^\$\.operating_costs\.actual$",
     "机关运行经费: bounded by the 公用经费 of basic spending (operating-costs-link, a warning), not equal to it."),
    (r"^\$\.procurement\.",
     "政府采购: the total is derived from goods, works and services; the SME amounts are bounded by it "
     "(part-within-whole); nothing states them twice."),
    (r"^\$\.performance\.projects\[\d+\]\.(budget|execution)\.",
     "a project with performance goals: its budget and execution are a subset of project spending that may "
     "span 项 and funds; the performance table and its sentence print the same value (self-check), the "
     "data states it once."),
]


def _keys(path: str) -> list[str | int]:
    return [name or int(index) for name, index in re.findall(r"\.([^.\[\]]+)|\[(\d+)\]", path[1:])]


def _lookup(data, keys):
    for key in keys:
        if isinstance(key, int) and isinstance(data, list) and key < len(data):
            data = data[key]
        elif isinstance(key, str) and isinstance(data, dict) and key in data:
            data = data[key]
        else:
            return None
    return data


@pytest.fixture(scope="module")
def raw() -> dict:
    if not COMPLETE.exists():
        pytest.skip("the complete fixture is not there")
    return json.loads(COMPLETE.read_text(encoding="utf-8"), parse_float=Decimal)


def amount_paths(raw: dict) -> list[str]:
    """The JSON paths of the amounts the file itself holds (defaults the file leaves out excepted)."""
    report = docgen.load(copy.deepcopy(raw))
    return [leaf.path for leaf in amounts(report)
            if leaf.name not in NOT_AMOUNTS and ".stated_category_shares." not in leaf.path
            and _lookup(raw, _keys(leaf.path)) is not None]


def mutated(raw: dict, path: str) -> dict:
    data = copy.deepcopy(raw)
    keys = _keys(path)
    parent = _lookup(data, keys[:-1])
    old = parent[keys[-1]]
    new = Decimal(str(old)) + STEP
    parent[keys[-1]] = str(new) if isinstance(old, str) else new
    return data


@pytest.fixture(scope="module")
def outcome(raw) -> dict[str, list[str]]:
    """path → the error rules that caught its mutation (empty: not caught)."""
    return {path: sorted({f.rule for f in docgen.check(mutated(raw, path), "sichuan") if f.level == "error"})
            for path in amount_paths(raw)}


def test_the_complete_fixture_passes_the_checker(raw):
    assert [str(f) for f in docgen.check(copy.deepcopy(raw), "sichuan") if f.level == "error"] == []


def test_every_uncaught_amount_is_free_standing(outcome):
    missed = [path for path, rules in outcome.items() if not rules]
    unexplained = [path for path in missed if not any(re.search(p, path) for p, _ in FREE_STANDING)]
    assert unexplained == []


def test_catch_rate(outcome, capsys):
    caught = sum(1 for rules in outcome.values() if rules)
    rate = caught / len(outcome)
    with capsys.disabled():
        print(f"\nmutation test: {caught} of {len(outcome)} amounts changed by +{STEP} caught by an error "
              f"rule ({rate:.1%})")
    assert len(outcome) > 150 and rate >= 0.75


def _tool():
    return script("tools/mutation.py")


def test_prose_numbers_and_directions_are_caught_without_false_alarms(raw):
    """tools/mutation.py's prose kinds: a wrong amount, rate or count written into a reason or an
    evaluation report, or a reason's direction reversed; the true figure written in is no finding."""
    tool = _tool()
    results, false_alarms = {}, []
    for kind, where, wrong, honest in tool.prose_cases(raw):
        data, control = copy.deepcopy(raw), copy.deepcopy(raw)
        wrong(data)
        honest(control)
        results.setdefault(kind, []).append(tool._prose_found(data, where))
        if tool._prose_found(control, where):
            false_alarms.append(where)
    assert false_alarms == []
    assert len(results["prose number"]) >= 40 and sum(results["prose number"]) / len(results["prose number"]) >= 0.9
    assert all(results["prose direction"])


def test_dropped_and_duplicated_records_are_caught(raw):
    tool = _tool()
    cases = list(tool.record_cases(raw))
    caught = 0
    for _, _, change in cases:
        data = copy.deepcopy(raw)
        change(data)
        caught += bool(tool._errors(data))
    assert len(cases) > 100 and caught / len(cases) >= 0.95
