"""The rules of the current templates' figures beyond their catalogue cases (tests/test_rules.py):
each clause of a rule fires at its own path, and stays silent while its fields are not given."""

from __future__ import annotations

import copy

import docgen

MANAGEMENT = {"goals_set": {"projects": 3, "amount": "40.00"}, "monitored": {"projects": 3, "amount": "40.00"},
              "self_evaluated": {"projects": 3, "amount": "40.00"}, "average_score": "91.5",
              "grades": {"excellent": 2, "good": 1}, "problems": {"found": 3, "rectified": 2, "in_progress": 1}}
PROCUREMENT = {"goods": "40.00", "services": "60.00", "awarded_to_sme": "50.00", "awarded_to_small_micro": "30.00",
               "reserved": {"sme_budget": "60.00", "small_micro_budget": "40.00", "sme_awarded": "45.00",
                            "small_micro_awarded": "30.00", "other_sme_awarded": "5.00"},
               "awarded_to_sme_by_kind": {"goods": "20.00", "services": "30.00"}}


def found(data, rule: str) -> list[tuple[str, str]]:
    return [(f.path, f.message) for f in docgen.check(data) if f.rule == rule]


def test_the_new_rules_are_silent_without_their_fields(minimal):
    rules = {"fleet-total", "procurement-reservations", "grade-counts", "fund-item-budget", "fund-item-variance",
             "project-funds", "project-weights", "units-own-level-first", "field-required"}
    assert [f for f in docgen.check(minimal) if f.rule in rules] == []


def test_the_fleet_on_grants_is_within_the_fleet(minimal):
    minimal["assets"] = {"vehicles": {"leaders": 1, "other": 1}}
    minimal["three_public_costs"] = {"vehicle_operation": {"budget": "1.00", "actual": "1.00", "prior_year": "1.00",
                                                           "fleet": 3}}
    assert found(minimal, "fleet-total") == [
        ("$.three_public_costs.vehicle_operation.fleet", "开支财政拨款的公务用车保有量3辆，超过共有车辆2辆")]
    minimal["three_public_costs"]["vehicle_operation"]["fleet"] = 2
    assert found(minimal, "fleet-total") == []


def test_a_fleet_stated_apart_lists_every_class(minimal):
    minimal["assets"] = {"vehicles": {"ministerial": 1, "retired_service": 1, "stated_total": 3}}
    ((path, message),) = found(minimal, "fleet-total")
    assert path == "$.assets.vehicles.stated_total"
    assert message.startswith("各类车辆合计2辆（部级领导干部用车1 + 主要领导干部用车0 + ") and "离退休干部服务用车1" in message


def test_each_procurement_clause(minimal):
    minimal["procurement"] = copy.deepcopy(PROCUREMENT)
    assert found(minimal, "procurement-reservations") == []
    p = minimal["procurement"]
    p["reserved"]["sme_budget"] = "120.00"
    p["reserved"]["small_micro_awarded"] = "31.00"
    p["awarded_to_sme_by_kind"]["goods"] = "45.00"
    assert [path for path, _ in found(minimal, "procurement-reservations")] == [
        "$.procurement.reserved.sme_budget", "$.procurement.reserved.small_micro_awarded",
        "$.procurement.awarded_to_sme_by_kind.goods", "$.procurement.awarded_to_sme_by_kind"]


def test_small_and_micro_awards_by_kind_are_within_and_add_up(minimal):
    minimal["procurement"] = {**copy.deepcopy(PROCUREMENT),
                              "awarded_to_small_micro_by_kind": {"goods": "12.00", "services": "18.00"}}
    assert found(minimal, "procurement-reservations") == []
    minimal["procurement"]["awarded_to_small_micro_by_kind"]["goods"] = "21.00"
    assert [path for path, _ in found(minimal, "procurement-reservations")] == [
        "$.procurement.awarded_to_small_micro_by_kind.goods", "$.procurement.awarded_to_small_micro_by_kind"]
    messages = [m for _, m in found(minimal, "procurement-reservations")]
    assert messages == ["授予小微企业的货物合同金额21.00万元，超过授予中小企业的货物合同金额20.00万元",
                        "货物、工程、服务授予小微企业合同金额之和39.00万元，与授予小微企业合同金额30.00万元不一致"]


def test_awards_in_reserved_and_other_projects_make_the_sme_awards(minimal):
    minimal["procurement"] = copy.deepcopy(PROCUREMENT)
    minimal["procurement"]["reserved"]["other_sme_awarded"] = "4.00"
    assert found(minimal, "procurement-reservations") == [(
        "$.procurement.reserved.other_sme_awarded",
        "预留项目与其他项目中由中小企业中标或成交的金额之和49.00万元，与授予中小企业合同金额50.00万元不一致")]


def test_problems_and_project_counts(minimal):
    minimal["performance"] = {"goals_set": 4, "management": {**MANAGEMENT,
                                                             "problems": {"found": 3, "rectified": 1}}}
    assert [path for path, _ in found(minimal, "grade-counts")] == [
        "$.performance.management.problems", "$.performance.management.goals_set.projects"]


def test_a_project_executed_in_funds_unlike_its_execution(minimal):
    project = {"name": "测试项目", "unit": "某某县测试局", "budget": {"grant": "12.50"}, "execution": {"grant": "10.00"},
               "expected_goal": "完成测试。", "actual_goal": "完成测试。", "summary": "主要用于测试。", "problems": "无。",
               "improvements": "无。",
               "indicators": [{"level1": "产出指标", "level2": "数量指标", "level3": "指标", "expected": "预期",
                               "actual": "实际", "weight": "30", "score": "31"}],
               "funds": {"adjusted_budget": {"fiscal": "12.50"}, "executed": {"fiscal": "9.00"}}}
    minimal["performance"] = {"projects": [project]}
    assert [path for path, _ in found(minimal, "project-funds")] == ["$.performance.projects[0].funds.executed"]
    project["initial_budget"] = "11.00"
    assert [path for path, _ in found(minimal, "project-funds")] == [
        "$.performance.projects[0].funds.executed", "$.performance.projects[0].funds.initial_budget"]
    assert [path for path, _ in found(minimal, "project-weights")] == [
        "$.performance.projects[0].indicators", "$.performance.projects[0].indicators[0].score"]


def test_a_fund_item_compared_with_its_initial_budget_when_no_other_is_given(minimal):
    minimal["government_fund"] = {"items": [{"code": "2120804", "initial_budget": "2.00"}]}
    ((path, message),) = found(minimal, "fund-item-variance")
    assert path == "$.government_fund.items[0].reason"
    assert message == "政府性基金预算财政拨款2120804项决算数0万元，小于预算数2.00万元，未说明原因（reason）"
