"""The model fields of the current templates (上海 2024, 四川 2022–2025): optional, validated with
the JSON path, and the figures derived from them once."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

import docgen
from docgen.figures import Figures, project_score

INDICATOR = {"level1": "产出指标", "level2": "数量指标", "level3": "指标", "expected": "10", "actual": "9",
             "nature": "≥", "unit": "个", "weight": "90", "score": "81", "shortfall_reason": "一项延至次年"}
PROJECT = {"name": "测试项目", "unit": "某某县测试局", "budget": {"grant": "12.50"}, "execution": {"grant": "10.00"},
           "expected_goal": "完成测试。", "actual_goal": "完成测试。", "summary": "主要用于测试。", "problems": "无。",
           "improvements": "无。", "indicators": [INDICATOR], "project_code": "51000021R000000019951",
           "funds": {"initial_budget": {"fiscal": "10.00"}, "adjusted_budget": {"fiscal": "12.00", "unit": "0.50"},
                     "executed": {"fiscal": "9.60", "unit": "0.40"}, "reason": "部分采购延至次年"},
           "conclusion": "项目完成情况良好。", "project_lead": "张三", "finance_lead": "李四"}


def test_the_fixtures_load_without_the_new_fields():
    for name in ("lizhou-xunchaban-2020", "complete-department-2024"):
        report = docgen.load(f"fixtures/{name}.json")
        assert report.performance.management is None and report.procurement.reserved is None


@pytest.mark.parametrize("where, value, message", [
    (("performance", "projects", 0, "indicators", 0, "nature"), ">=", "nature: must be one of = ≥ ≤ 定性, got '>='"),
    (("performance", "projects", 0, "conclusion"), "  ", "conclusion: must not be blank"),
    (("assets", "vehicles", "stated_total"), -1, "stated_total: must be zero or more, got -1"),
    (("overview", "units"), [{"name": "局本级", "note": ""}], "note: must not be blank"),
    (("performance", "management"), {"goals_set": {"projects": 1}, "monitored": {"projects": 1},
                                     "self_evaluated": {"projects": 1}, "average_score": "100.5"},
     "average_score: must be a score between 0 and 100, got 100.5"),
])
def test_bad_values_are_named_by_path(minimal, where, value, message):
    minimal["performance"] = {"projects": [copy.deepcopy(PROJECT)]}
    target = minimal
    for key in where[:-1]:
        target = target.setdefault(key, {}) if isinstance(key, str) else target[key]
    target[where[-1]] = value
    with pytest.raises(docgen.InputError) as caught:
        docgen.load(minimal)
    path = "$." + ".".join(f"[{k}]" if isinstance(k, int) else k for k in where).replace(".[", "[")
    assert caught.value.lines[0].startswith(path)  # units: the path goes on to the entry, [0].note
    assert caught.value.lines[0].endswith(message)


def test_project_score_by_source():
    score = project_score(docgen.load({**_minimal(), "performance": {"projects": [PROJECT]}}).performance.projects[0])
    assert [(r.key, r.initial, r.adjusted, r.executed, r.rate) for r in score.rows] == [
        ("total", Decimal("10.00"), Decimal("12.50"), Decimal("10.00"), Decimal("80.00")),
        ("fiscal", Decimal("10.00"), Decimal("12.00"), Decimal("9.60"), Decimal("80.00")),
        ("special_account", Decimal(0), Decimal(0), Decimal(0), None),
        ("unit", Decimal(0), Decimal("0.50"), Decimal("0.40"), Decimal("80.00")),
        ("other", Decimal(0), Decimal(0), Decimal(0), None)]
    assert (score.execution_score, score.indicator_weight, score.total_weight, score.total_score) == (
        Decimal("8.00"), Decimal(90), Decimal(100), Decimal("89.00"))


def test_a_project_without_funds_scores_from_its_budget_and_execution():
    project = {**PROJECT, "funds": None, "initial_budget": "11.00"}
    score = project_score(docgen.load({**_minimal(), "performance": {"projects": [project]}}).performance.projects[0])
    assert [(r.key, r.initial, r.adjusted, r.executed) for r in score.rows] == [
        ("total", Decimal("11.00"), Decimal("12.50"), Decimal("10.00"))]
    assert score.execution_score == Decimal("8.00")


def test_figures_of_the_current_templates(minimal):
    minimal["general_budget"]["items"][0]["initial_budget"] = "55.00"
    minimal["general_budget"]["items"][1]["initial_budget"] = "45.00"
    minimal["three_public_costs"] = {
        "travel_abroad": {"budget": "4.00", "actual": "3.00", "prior_year": "2.00", "groups": 1, "people": 2},
        "vehicle_operation": {"budget": "2.00", "actual": "2.00", "prior_year": "2.50", "fleet": 2},
        "reception": {"budget": "1.00", "prior_year": "1.50", "domestic": {"amount": "0.50", "batches": 1}}}
    minimal["procurement"] = {"goods": "40.00", "works": "0", "services": "60.00", "awarded_to_sme": "80.00",
                              "awarded_to_small_micro": "60.00",
                              "awarded_to_sme_by_kind": {"goods": "30.00", "services": "50.00"}}
    f = Figures(docgen.load(minimal))
    initial = f.general_budget_initial_completion
    assert (initial.actual, initial.budget, initial.rate) == (Decimal("100.00"), Decimal("100.00"), Decimal(100))
    assert [(c.key, c.completion.rate, c.change.direction.value, c.change.rate) for c in f.three_public_categories] == [
        ("travel", Decimal("75.00"), "increase", Decimal("50.00")),
        ("vehicles", Decimal(100), "decrease", Decimal("20.00")),
        ("reception", Decimal("50.00"), "decrease", Decimal("66.67"))]
    change = f.three_public_change
    assert (change.current, change.prior) == (Decimal("5.50"), Decimal("6.00"))
    assert (f.sme_share, f.small_micro_share_of_sme) == (Decimal("80.00"), Decimal("75.00"))
    assert [(k.key, k.amount, k.share) for k in f.sme_shares_by_kind] == [
        ("goods", Decimal("30.00"), Decimal("75.00")), ("works", Decimal(0), None),
        ("services", Decimal("50.00"), Decimal("83.33"))]


def test_the_initial_budget_needs_every_item(minimal):
    minimal["general_budget"]["items"][0]["initial_budget"] = "55.00"
    assert Figures(docgen.load(minimal)).general_budget_initial_completion is None


def _minimal():
    from conftest import MINIMAL
    return copy.deepcopy(MINIMAL)
