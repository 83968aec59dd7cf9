"""The rule catalogue: a failing and a passing case for every rule, and the region's control of it.

Each case starts from the ``minimal`` report (which passes every rule), changes it so that the rule
must fire at a given path, and changes it a second way (often the same change made consistent)
after which the rule must stay silent. ``test_every_rule_has_cases`` keeps the table complete.
"""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Callable
from decimal import Decimal

import pytest

import docgen
from conftest import ROOT, script
from docgen.rules import RULES, SECTIONS, section_of

Change = Callable[[dict], None]


def seq(*changes: Change) -> Change:
    def apply(data: dict) -> None:
        for change in changes:
            change(data)
    return apply


def put(path: str, value) -> Change:
    """Set ``a.b[1].c`` in the data (creating dicts on the way)."""
    def apply(data: dict) -> None:
        keys = [int(k) if k.isdigit() else k for k in path.replace("[", ".").replace("]", "").split(".")]
        target = data
        for key in keys[:-1]:
            target = target.setdefault(key, {}) if isinstance(key, str) else target[key]
        target[keys[-1]] = value
    return apply


def drop(path: str) -> Change:
    def apply(data: dict) -> None:
        keys = path.split(".")
        target = data
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        del target[keys[-1]]
    return apply


def append(path: str, value) -> Change:
    def apply(data: dict) -> None:
        target = data
        for key in path.split("."):
            target = target[int(key)] if key.isdigit() else target[key]
        target.append(copy.deepcopy(value))
    return apply


RECEPTION = {"budget": "1.00", "prior_year": "1.00",
             "domestic": {"amount": "1.00", "batches": 2, "people": 10, "purpose": "调研工作"}}
PROJECT = {"name": "测试项目", "unit": "某某县测试局", "budget": {"grant": "12.50", "other": "0"},
           "execution": {"grant": "10.00"}, "expected_goal": "完成测试。", "actual_goal": "完成测试。",
           "summary": "主要用于测试。", "problems": "无。", "improvements": "无。",
           "indicators": [{"level1": "产出指标", "level2": "数量指标", "level3": "指标", "expected": "预期",
                           "actual": "实际"}]}

MANAGEMENT = {"goals_set": {"projects": 3, "amount": "40.00"}, "monitored": {"projects": 3, "amount": "40.00"},
              "self_evaluated": {"projects": 3, "amount": "40.00"}, "average_score": "91.5",
              "grades": {"excellent": 2, "good": 1}, "problems": {"found": 3, "rectified": 2, "in_progress": 1}}
VEHICLE = {"budget": "20.00", "actual": "20.00", "prior_year": "20.00", "vehicles": 1}

# rule → (change that makes it fire, the path it names, change after which it is silent)
CASES: dict[str, tuple[Change, str, Change]] = {
    "income-spending-balance": (
        put("income.carry_over_start", "5.00"), "$.income",
        seq(put("income.carry_over_start", "5.00"), put("spending.carry_over_end", "5.00"))),
    "grant-balance": (
        seq(put("income.carry_over_start", "5.00"), put("spending.carry_over_end", "5.00"),
            put("fiscal_grants.carry_over_start", "5.00")), "$.fiscal_grants",
        seq(put("income.carry_over_start", "5.00"), put("spending.carry_over_end", "5.00"),
            put("fiscal_grants.carry_over_start", "5.00"), put("fiscal_grants.carry_over_end", "5.00"))),
    "fund-balance": (
        put("government_fund", {"carry_over_start": "1.00", "income": "5.00", "actual": "5.00", "budget": "5.00",
                                "prior_year": "5.00", "carry_over_end": "0"}), "$.government_fund.carry_over_end",
        put("government_fund", {"carry_over_start": "1.00", "income": "5.00", "actual": "5.00", "budget": "5.00",
                                "prior_year": "5.00", "carry_over_end": "1.00"})),
    "fund-income": (
        put("state_capital", {"income": "3.00", "actual": "3.00", "budget": "3.00", "prior_year": "3.00"}),
        "$.state_capital.income",
        seq(put("state_capital", {"income": "3.00", "actual": "3.00", "budget": "3.00", "prior_year": "3.00"}),
            put("income.sources.state_capital_grant", "3.00"))),
    "part-within-whole": (
        put("three_public_costs", {"reception": {**RECEPTION, "foreign": {"amount": "1.50", "batches": 1}}}),
        "$.three_public_costs.reception.foreign.amount",
        put("three_public_costs", {"reception": {**RECEPTION, "foreign": {"amount": "0.50", "batches": 1}}})),
    "item-split": (
        put("general_budget.items[0].project", "5.00"), "$.general_budget.items[0].project",
        put("general_budget.items[0].project", "0")),
    "basic-items": (
        put("basic_spending.lines[0].amount", "50.05"), "$.basic_spending.lines",
        seq(put("basic_spending.lines[0].amount", "50.05"), put("general_budget.items[0].basic", "60.05"),
            put("general_budget.items[0].actual", "60.05"), put("general_budget.items[0].budget", "60.05"),
            put("spending.kinds.basic", "60.05"), put("income.sources.general_budget_grant", "100.05"))),
    "detail-sum": (
        put("detail.project_lines", [{"code": "30227", "amount": "40.05"}]), "$.detail.project_lines",
        put("detail.project_lines", [{"code": "30227", "amount": "30.00"}, {"code": "30201", "amount": "10.00"}])),
    "prior-year-identities": (
        put("spending.total.prior_year", "79.00"), "$.spending.total.prior_year",
        seq(put("income.total.prior_year", "90.00"), put("spending.total.prior_year", "90.00"))),
    "text-number": (
        put("general_budget.items[1].reason", "项目延期，结转下年12.34万元"), "$.general_budget.items[1].reason",
        put("general_budget.items[1].reason", "项目延期，结转下年10.00万元，执行率80%")),
    "reason-direction": (
        put("general_budget.total.change_reason", "压减会议费"), "$.general_budget.total.change_reason",
        put("general_budget.total.change_reason", "人员增加，同时压减会议费")),
    "reason-unprinted": (  # the vehicles sentence prints one reason for purchase and running together
        put("three_public_costs", {"vehicle_purchase": {**VEHICLE, "prior_year": "0", "change_reason": "更新车辆"},
                                   "vehicle_operation": {"budget": "1.00", "actual": "1.00", "prior_year": "0.50",
                                                         "change_reason": "油价上涨"}}),
        "$.three_public_costs.vehicle_operation.change_reason",
        put("three_public_costs", {"vehicle_purchase": {**VEHICLE, "prior_year": "0", "change_reason": "更新车辆"},
                                   "vehicle_operation": {"budget": "1.00", "actual": "1.00", "prior_year": "0.50"}})),
    "fleet-purchase": (
        put("three_public_costs", {"vehicle_purchase": VEHICLE}), "$.assets.vehicles",
        seq(put("three_public_costs", {"vehicle_purchase": VEHICLE}), put("assets", {"vehicles": {"law_enforcement": 1}}))),
    "fleet-classes": (
        put("assets", {"vehicles": {"law_enforcement": 2, "retired_service": 1}}), "$.assets.vehicles",
        put("assets", {"vehicles": {"law_enforcement": 3}})),
    "three-public-lines": (
        append("basic_spending.lines", {"code": "30217", "amount": "0.50"}),
        "$.three_public_costs.reception.domestic.amount",
        seq(append("basic_spending.lines", {"code": "30217", "amount": "0.50"}),
            put("three_public_costs", {"reception": {"budget": "0.50", "prior_year": "0.50", "domestic": {
                "amount": "0.50", "batches": 1, "people": 3, "purpose": "调研工作"}}}))),
    "detail-item": (
        put("detail.spending_lines", [{"code": "2011101", "basic": "60.00"}, {"code": "2011103", "project": "40.00"}]),
        "$.general_budget.items[1].code",
        put("detail.spending_lines", [{"code": "2011101", "basic": "60.00"}, {"code": "2011102", "project": "40.00"}])),
    "detail-income-item": (
        put("detail.income_lines", [{"code": "2011101", "general_budget_grant": "60.00"},
                                    {"code": "2011103", "general_budget_grant": "40.00"}]),
        "$.detail.income_lines[1].code",
        put("detail.income_lines", [{"code": "2011101", "general_budget_grant": "60.00"},
                                    {"code": "2011102", "general_budget_grant": "40.00"}])),
    "project-payer": (
        put("performance", {"projects": [{**PROJECT, "code": "2011102", "budget": {"grant": "55.00"}}]}),
        "$.performance.projects[0].budget.grant",
        put("performance", {"projects": [{**PROJECT, "code": "2011102"}]})),
    "projects-within-spending": (
        put("performance", {"projects": [PROJECT, PROJECT]}), "$.performance.projects[1].name",
        put("performance", {"projects": [PROJECT, {**PROJECT, "name": "另一项目"}]})),
    "performance-counts": (
        put("performance", {"projects": [PROJECT]}), "$.performance.self_evaluated",
        put("performance", {"goals_set": 1, "monitored": 1, "self_evaluated": 1, "projects": [PROJECT]})),
    "budget-deviation": (
        put("general_budget.items[1].budget", "60.00"), "$.general_budget.items[1].actual",
        put("general_budget.items[1].budget", "55.00")),
    "list-empty": (
        put("overview.functions", []), "$.overview.functions",
        put("overview.functions", ["负责测试工作。"])),
    "class-sum": (
        put("general_budget.stated_category_totals", {"201": "99.99"}), "$.general_budget.stated_category_totals.201",
        put("general_budget.stated_category_totals", {"201": "100.005"})),  # within the tolerance
    "general-budget-total": (
        put("general_budget.stated_category_totals", {"201": "101.00"}), "$.general_budget.stated_category_totals",
        put("general_budget.stated_category_totals", {"201": "100.00"})),
    "stated-rate": (
        put("operating_costs", {"actual": "12.00", "prior_year": "10.00", "change_reason": "人员增加",
                                "stated_change_rate": "20.01"}), "$.operating_costs.stated_change_rate",
        put("operating_costs", {"actual": "12.00", "prior_year": "10.00", "change_reason": "人员增加",
                                "stated_change_rate": "20"})),
    "stated-share": (
        put("general_budget.stated_category_shares", {"201": "99.50"}), "$.general_budget.stated_category_shares.201",
        put("general_budget.stated_category_shares", {"201": "100"})),
    "reason-missing": (
        drop("general_budget.items.1.reason"), "$.general_budget.items[1].reason",
        put("general_budget.items[1].reason", "项目延期")),
    "text-missing": (
        put("three_public_costs", {"reception": {**RECEPTION, "domestic": {"amount": "1.00", "batches": 2}}}),
        "$.three_public_costs.reception.domestic.purpose",
        put("three_public_costs", {"reception": RECEPTION})),
    "reason-unused": (
        put("general_budget.items[0].reason", "人员增加"), "$.general_budget.items[0].reason",
        put("general_budget.items[1].reason", "项目延期，资金结转下年")),
    "code-unknown": (
        put("general_budget.items[0].code", "2019988"), "$.general_budget.items[0].code",
        seq(put("general_budget.items[0].code", "2019988"),
            put("codes", [{"code": "2019988", "name": "本地试点支出", "explanation": "指本地试点支出。"}]))),
    "code-name-mismatch": (
        put("basic_spending.lines[0].name", "差旅费"), "$.basic_spending.lines[0].name",
        put("basic_spending.lines[0].name", "基本工资（含津贴）")),
    "code-duplicate": (
        append("basic_spending.lines", {"code": "30101", "amount": "0"}), "$.basic_spending.lines[2].code",
        append("basic_spending.lines", {"code": "30102", "amount": "0"})),
    "basic-line-class": (
        append("basic_spending.lines", {"code": "39999", "amount": "0", "name": "其他支出"}),
        "$.basic_spending.lines[2].code",
        append("basic_spending.lines", {"code": "31002", "amount": "0"})),
    "text-placeholder": (
        put("overview.functions", ["负责XX县的测试工作。"]), "$.overview.functions[0]",
        put("overview.functions", ["负责XXL型设备与TX系统的测试工作。"])),
    "text-doubled": (
        put("general_budget.items[1].reason", "主要原因是主要原因是项目延期"), "$.general_budget.items[1].reason",
        put("general_budget.items[1].reason", "主要原因是项目延期")),
    "text-typo": (
        put("overview.key_work", ["对安全隐患排查项目目开展了评估，资金己支付。"]), "$.overview.key_work[0]",
        put("overview.key_work", ["对安全隐患排查项目开展了评估，资金已支付，以服务群众为己任。"])),
    "text-year": (
        put("overview.key_work", ["2018年完成测试。"]), "$.overview.key_work[0]",
        put("overview.key_work", ["2020年启动、2021年完成测试。"])),
    "negative-amount": (
        put("procurement", {"goods": "-1.00"}), "$.procurement.goods",
        put("procurement", {"goods": "1.00"})),
    "three-public-over-budget": (
        put("three_public_costs", {"reception": {**RECEPTION, "budget": "0.50"}}),
        "$.three_public_costs.reception.domestic.amount",
        put("three_public_costs", {"reception": RECEPTION})),
    "project-over-budget": (
        put("performance", {"projects": [{**PROJECT, "execution": {"grant": "13.00"}}]}),
        "$.performance.projects[0].execution.grant",
        put("performance", {"projects": [PROJECT]})),
    "count-amount": (
        put("three_public_costs", {"reception": {**RECEPTION, "domestic": {**RECEPTION["domestic"], "batches": 0}}}),
        "$.three_public_costs.reception.domestic",
        put("three_public_costs", {"reception": RECEPTION})),
    "economic-functional-link": (
        append("basic_spending.lines", {"code": "30113", "amount": "3.00"}), "$.basic_spending.lines[2].amount",
        append("basic_spending.lines", {"code": "30199", "amount": "3.00"})),
    "operating-costs-link": (
        put("operating_costs", {"actual": "10.01", "prior_year": "10.01"}), "$.operating_costs.actual",
        put("operating_costs", {"actual": "10.00", "prior_year": "10.00"})),
    "three-public-economic-link": (
        append("basic_spending.lines", {"code": "30217", "amount": "0.50"}), "$.basic_spending.lines[2].amount",
        seq(append("basic_spending.lines", {"code": "30217", "amount": "0.50"}),
            put("three_public_costs", {"reception": RECEPTION}))),
    "detail-missing": (
        drop("detail"), "$.detail.project_lines",
        put("detail.project_lines", [{"code": "30227", "amount": "40.00"}])),
    "detail-mismatch": (  # the 支出决算表 follows from the 项 when all spending is grants; 类 stated otherwise
        seq(put("general_budget.stated_category_totals", {"201": "100.05"}), put("spending.kinds.basic", "60.05"),
            put("income.sources.general_budget_grant", "100.05")), "$.general_budget.items",
        put("general_budget.stated_category_totals", {"201": "100.00"})),
    "prior-year": (  # last year's report printed 收入总计 80.00; this year's 上年数 says otherwise
        put("last_year", {"year": 2020, "figures": {"income.total.prior_year": "90.00"}}), "$.income.total.prior_year",
        put("last_year", {"year": 2020, "figures": {"income.total.prior_year": "80.00"}})),
    "fleet-total": (
        put("assets", {"vehicles": {"leaders": 1, "emergency": 1, "stated_total": 3}}), "$.assets.vehicles.stated_total",
        put("assets", {"vehicles": {"leaders": 1, "emergency": 1, "other": 1, "stated_total": 3}})),
    "procurement-reservations": (
        put("procurement", {"goods": "100.00", "awarded_to_sme": "50.00",
                            "reserved": {"sme_budget": "40.00", "small_micro_budget": "45.00", "sme_awarded": "40.00",
                                         "other_sme_awarded": "10.00"}}), "$.procurement.reserved.small_micro_budget",
        put("procurement", {"goods": "100.00", "awarded_to_sme": "50.00",
                            "reserved": {"sme_budget": "60.00", "small_micro_budget": "45.00", "sme_awarded": "40.00",
                                         "other_sme_awarded": "10.00"}})),
    "grade-counts": (
        put("performance", {"management": {**MANAGEMENT, "grades": {"excellent": 2, "good": 2}}}),
        "$.performance.management.grades",
        put("performance", {"management": MANAGEMENT})),
    "fund-item-budget": (
        put("government_fund", {"budget": "5.00", "items": [{"code": "2120804", "budget": "4.00", "reason": "征地延期"}]}),
        "$.government_fund.items",
        put("government_fund", {"budget": "5.00", "items": [{"code": "2120804", "budget": "5.00", "reason": "征地延期"}]})),
    "fund-item-variance": (
        put("government_fund", {"budget": "5.00", "items": [{"code": "2120804", "budget": "5.00"}]}),
        "$.government_fund.items[0].reason",
        put("government_fund", {"budget": "5.00", "items": [{"code": "2120804", "budget": "5.00", "reason": "征地延期"}]})),
    "project-funds": (
        put("performance", {"projects": [{**PROJECT, "funds": {"adjusted_budget": {"fiscal": "12.00"},
                                                                "executed": {"fiscal": "10.00"}}}]}),
        "$.performance.projects[0].funds.adjusted_budget",
        put("performance", {"projects": [{**PROJECT, "funds": {"adjusted_budget": {"fiscal": "12.00", "unit": "0.50"},
                                                                "executed": {"fiscal": "10.00"}}}]})),
    "project-name": (
        put("performance", {"ex_ante_assessed": ["测试专项经费"], "projects": [PROJECT]}),
        "$.performance.ex_ante_assessed[0]",
        put("performance", {"ex_ante_assessed": ["测试项目"], "projects": [PROJECT]})),
    "project-weights": (
        put("performance", {"projects": [{**PROJECT, "indicators": [{**PROJECT["indicators"][0], "weight": "80",
                                                                     "score": "70"}]}]}),
        "$.performance.projects[0].indicators",
        put("performance", {"projects": [{**PROJECT, "indicators": [{**PROJECT["indicators"][0], "weight": "90",
                                                                     "score": "70"}]}]})),
    "units-own-level-first": (
        put("overview.units", [{"name": "某某县测试中心"}]), "$.overview.units[0].name",
        put("overview.units", [{"name": "某某县测试局（本级）"}, {"name": "某某县测试中心", "note": "事业单位"}])),
    "field-required": (  # with the pack of PACK_SETTINGS below
        put("overview.units", []), "$.overview.units",
        put("overview.units", [{"name": "某某县测试局（本级）"}])),
}
PACK_SETTINGS = {"field-required": '[rules.field-required]\nsections = ["overview.units"]\n'}
"""Rules that only a pack's settings switch on: their cases run with such a pack."""


def findings_of(data, region=None) -> list[docgen.Finding]:
    return docgen.check(data, region) if region is not None else docgen.check(data)


def case_region(tmp_path, rule_id):
    """The pack a rule's cases run with (``None``: the default)."""
    return pack(tmp_path, PACK_SETTINGS[rule_id]) if rule_id in PACK_SETTINGS else None


def test_every_rule_has_cases():
    assert set(CASES) == set(RULES)


def test_the_minimal_report_passes_every_rule(minimal):
    assert findings_of(minimal) == []


@pytest.mark.parametrize("rule_id", list(CASES))
def test_rule_fires(tmp_path, minimal, rule_id):
    change, path, _ = CASES[rule_id]
    change(minimal)
    region = case_region(tmp_path, rule_id)
    found = [f for f in findings_of(minimal, region) if f.rule == rule_id]
    assert path in [f.path for f in found], [str(f) for f in findings_of(minimal, region)]
    finding = next(f for f in found if f.path == path)
    assert finding.level == RULES[rule_id].level
    assert finding.section in SECTIONS
    assert finding.message


@pytest.mark.parametrize("rule_id", list(CASES))
def test_rule_passes(tmp_path, minimal, rule_id):
    _, _, fix = CASES[rule_id]
    fix(minimal)
    found = [str(f) for f in findings_of(minimal, case_region(tmp_path, rule_id)) if f.rule == rule_id]
    assert found == []


# Values the findings carry -------------------------------------------------------------------

def test_disagreeing_figures_carry_expected_and_actual(minimal):
    minimal["general_budget"]["stated_category_totals"] = {"201": "99.99"}
    (found,) = [f for f in findings_of(minimal) if f.rule == "class-sum"]
    assert (found.expected, found.actual) == (Decimal("100.00"), Decimal("99.99"))
    assert found.message == "一般公共服务支出（类）列示99.99万元，其下各项（具体情况）合计100.00万元，相差0.01万元"
    assert found.section == "general_budget"


def test_a_stated_rate_without_a_prior_year_is_a_finding(minimal):
    minimal["operating_costs"] = {"actual": "10.00", "prior_year": "0", "change_reason": "新设", "stated_change_rate": "100"}
    (found,) = [f for f in findings_of(minimal) if f.rule == "stated-rate"]
    assert "上年为0" in found.message and found.expected is None


def test_rates_compare_as_printed_and_shares_as_exact(minimal):
    # 6.28 / 26.39 = 23.7968…%: printed 23.80, so a stated 23.79 disagrees although it is nearer 0.01
    minimal["operating_costs"] = {"actual": "32.67", "prior_year": "26.39", "change_reason": "人员增加",
                                  "stated_change_rate": "23.79"}
    assert [f.expected for f in findings_of(minimal) if f.rule == "stated-rate"] == [Decimal("23.80")]
    # a share may be rounded either way (largest remainder): 1/3 is 33.33 or 33.34
    minimal["general_budget"]["items"] = [
        {"code": "2011101", "actual": "1", "budget": "1"}, {"code": "2080505", "actual": "1", "budget": "1"},
        {"code": "2101101", "actual": "1", "budget": "1"}]
    minimal["general_budget"]["stated_category_shares"] = {"201": "33.34", "208": "33.33", "210": "33.33"}
    assert [f for f in findings_of(minimal) if f.rule == "stated-share"] == []


def test_the_phrasebook_finding_takes_the_section_of_its_path(minimal):
    del minimal["income"]["total"]["change_reason"]
    (found,) = findings_of(minimal)
    assert (found.rule, found.section) == ("reason-missing", "income")


def test_section_of_paths():
    assert section_of("$.general_budget.items[3].reason") == "general_budget"
    assert section_of("$.performance.projects[2].evaluation.conclusion") == "attachments"
    assert section_of("$.performance.projects[2].indicators[0].actual") == "other_matters"
    assert section_of("$.detail.income_lines") == "tables"
    assert section_of("$.incomes") is None


# The region's control ------------------------------------------------------------------------

def pack(tmp_path, toml: str):
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    (folder / "region.toml").write_text('extends = "sichuan-2020"\n' + toml, encoding="utf-8")
    return folder


def test_a_pack_changes_a_level_switches_a_rule_off_and_sets_parameters(tmp_path, minimal):
    minimal["overview"]["key_work"] = ["2018年开展、2022年完成测试。"]
    minimal["three_public_costs"] = {"reception": {**RECEPTION, "budget": "0.50"}, "variance_reason": "接待增加"}
    assert {(f.rule, f.level) for f in findings_of(minimal)} == {
        ("text-year", "warning"), ("three-public-over-budget", "warning")}
    region = pack(tmp_path, '[rules.text-year]\nallow = [-3, 1]\n'
                            '[rules.three-public-over-budget]\nlevel = "error"\n')
    assert {(f.rule, f.level) for f in docgen.check(minimal, region)} == {("three-public-over-budget", "error")}
    region = pack(tmp_path, '[rules.text-year]\nenabled = false\n[rules.three-public-over-budget]\nenabled = false\n')
    assert docgen.check(minimal, region) == []


def test_one_tolerance_for_every_amount(tmp_path, minimal):
    minimal["general_budget"]["stated_category_totals"] = {"201": "100.05"}
    errors = {f.rule for f in findings_of(minimal) if f.level == "error"}
    assert errors == {"class-sum", "general-budget-total", "grant-balance", "part-within-whole"}
    assert [f for f in docgen.check(minimal, pack(tmp_path, '[rules]\ntolerance = "0.1"\n')) if f.level == "error"] == []


def test_a_pack_sets_the_level_of_a_rule_found_elsewhere(tmp_path, minimal):
    del minimal["detail"]
    assert [(f.rule, f.level) for f in findings_of(minimal)] == [("detail-missing", "warning")]
    region = pack(tmp_path, '[rules.detail-missing]\nlevel = "error"\n')
    assert [(f.rule, f.level) for f in docgen.check(minimal, region)] == [("detail-missing", "error")]
    with pytest.raises(docgen.FindingsError):
        docgen.render(minimal, region=region)
    assert docgen.render(minimal, region=region, force=True)[:2] == b"PK"


@pytest.mark.parametrize("toml, message", [
    ('[rules.no-such-rule]\nlevel = "error"\n', "unknown rule 'no-such-rule'"),
    ('[rules.class-sum]\nlevel = "fatal"\n', "level must be one of error, warning"),
    ('[rules.class-sum]\nthreshold = 1\n', "unknown setting 'threshold'"),
    ('[rules.text-year]\nallow = "last year"\n', "expected a list"),
    ('[rules.text-doubled]\nmin_length = "two"\n', "expected a whole number"),
    ('[rules]\ntolerance = "a cent"\n', "tolerance: expected a number"),
    ('[rules.code-unknown]\nlevel = "warning"\n', "cannot be switched off or lowered"),
    ('[rules.reason-missing]\nenabled = false\n', "cannot be switched off or lowered"),
])
def test_bad_rule_settings_are_region_errors(tmp_path, minimal, toml, message):
    with pytest.raises(docgen.RegionError, match=message.replace("(", r"\(")):
        docgen.check(minimal, pack(tmp_path, toml))


def test_the_base_pack_lists_every_rule_with_the_catalogue_defaults():
    table = tomllib.loads((ROOT / "templates" / "base" / "region.toml").read_text(encoding="utf-8"))["rules"]
    assert Decimal(table.pop("tolerance")) == Decimal("0.01")
    assert list(table) == list(RULES)
    for rule_id, settings in table.items():
        entry = RULES[rule_id]
        assert settings.pop("level") == entry.level, rule_id
        assert {k: (Decimal(str(v)) if isinstance(entry.params[k], Decimal) else v) for k, v in settings.items()} \
            == dict(entry.params), rule_id


# Blocking errors and force -------------------------------------------------------------------

def test_force_passes_errors_but_not_blocking_ones(minimal):
    minimal["general_budget"]["stated_category_totals"] = {"201": "101.00"}
    with pytest.raises(docgen.FindingsError) as info:
        docgen.render(minimal)
    assert not info.value.blocking and "force=True" in str(info.value)
    assert docgen.render(minimal, force=True)[:2] == b"PK"
    del minimal["general_budget"]["items"][1]["reason"]
    with pytest.raises(docgen.FindingsError) as info:
        docgen.render(minimal, force=True)
    assert info.value.blocking and [f.rule for f in info.value.findings] == ["reason-missing"]


def test_an_unknown_code_stops_before_phrasing_but_the_other_rules_still_run(minimal):
    minimal["general_budget"]["items"][0]["code"] = "2019988"
    minimal["overview"]["functions"] = ["负责XX工作。"]
    prepared = docgen.prepare(minimal)
    assert {f.rule for f in prepared.findings} == {"code-unknown", "text-placeholder"}
    assert prepared.context == {}


# The reason threshold --------------------------------------------------------------------------

def test_min_rate_lets_a_small_change_go_without_a_reason(tmp_path, minimal):
    minimal["income"]["total"] = minimal["spending"]["total"] = {"prior_year": "95.00"}  # +5.26%, no reason
    assert {f.rule for f in findings_of(minimal)} == {"reason-missing"}
    region = pack(tmp_path, "[rules.reason-missing]\nmin_rate = 10\n")
    prepared = docgen.prepare(minimal, region)
    assert prepared.findings == []
    assert "收入总计增加5.00万元，增长5.26%；支出总计" in prepared.context["s"].totals
    minimal["income"]["total"] = minimal["spending"]["total"] = {"prior_year": "80.00"}  # +25%: a reason is needed
    assert {f.rule for f in docgen.check(minimal, region)} == {"reason-missing"}


def test_min_rate_keeps_a_reason_that_is_given(tmp_path, minimal):
    minimal["operating_costs"] = {"actual": "10.50", "prior_year": "10.00", "change_reason": "物价上涨"}
    minimal["basic_spending"]["lines"][1]["amount"] = "10.50"
    minimal["basic_spending"]["lines"][0]["amount"] = "49.50"
    region = pack(tmp_path, "[rules.reason-missing]\nmin_rate = 10\n")
    s = docgen.prepare(minimal, region).context["s"]
    assert s.operating_costs.endswith("增长5%。主要原因是物价上涨。")
    del minimal["operating_costs"]["change_reason"]
    s = docgen.prepare(minimal, region).context["s"]
    assert s.operating_costs == "2021年，测试局机关运行经费支出10.50万元，比2020年增加0.50万元，增长5%。"


def test_the_rules_page_is_current():
    assert script("tools/rules_doc.py").is_current(), "docs/rules.md is stale: run `python tools/rules_doc.py` and commit the result"


# Honest text is not a finding; template leftovers are ----------------------------------------

@pytest.mark.parametrize("text", [
    "一件一件抓落实，一步一步推进。",
    "按照“坚持……的原则”编制预算。",
    "采购XX-200型快检设备2台。",
    "执行《2015年度农业项目资金管理办法》。",
    "某某县测试局负责本县测试工作。",  # the department's own (anonymised) name
])
def test_honest_text_is_no_finding(minimal, text):
    minimal["overview"]["key_work"] = [text]
    assert [str(f) for f in findings_of(minimal)] == []


@pytest.mark.parametrize("text, rule", [
    ("负责请填写的工作。", "text-placeholder"),
    ("主要职能（略）。", "text-placeholder"),
    ("某某同志负责测试工作。", "text-placeholder"),
    ("坚持……的原则。", "text-placeholder"),
    ("2015年完成测试。", "text-year"),
    ("测试测试工作。", "text-doubled"),
])
def test_leftovers_are_findings(minimal, text, rule):
    minimal["overview"]["key_work"] = [text]
    assert [f.rule for f in findings_of(minimal)] == [rule]


# Malformed references are findings with their path, never a crash ----------------------------

def test_an_unknown_category_in_the_stated_totals_is_a_finding(minimal):
    minimal["general_budget"]["stated_category_totals"] = {"201": "100.00", "299": "1.00"}
    found = {(f.rule, f.path) for f in findings_of(minimal)}
    assert ("code-unknown", "$.general_budget.stated_category_totals.299") in found


def test_a_project_naming_an_unknown_item_is_a_finding(minimal):
    minimal["performance"] = {"goals_set": 1, "self_evaluated": 1, "projects": [{**PROJECT, "code": "2019999"}]}
    assert [(f.rule, f.path) for f in findings_of(minimal)] == [("project-payer", "$.performance.projects[0].code")]


# Numbers and directions in the prose -----------------------------------------------------------

@pytest.mark.parametrize("reason, caught", [
    ("人员增加，支出增加20.00万元", False),        # the change itself
    ("人员增加，增长25%", False),                  # its rate
    ("人员增加，支出增加21.00万元", True),
    ("人员增加，增长26%", True),
    ("人员增加，增加200000元", False),              # 元 read as 20.00万元
    ("人员增加，对3个项目追加预算", True),          # no project is listed
])
def test_numbers_in_a_reason_are_figures_of_the_data(minimal, reason, caught):
    minimal["general_budget"]["total"]["change_reason"] = reason
    assert [f.rule for f in findings_of(minimal) if f.rule == "text-number"] == (["text-number"] if caught else [])


def test_the_fixtures_honest_texts_have_no_prose_finding():
    # each through the pack it is written for: the complete fixture's reasons are all printed by sichuan
    for fixture, region in (("complete-department-2024.json", "sichuan"), ("lizhou-xunchaban-2020.json", None)):
        found = [str(f) for f in findings_of(ROOT / "fixtures" / fixture, region)
                 if f.rule in ("text-number", "reason-direction", "reason-unprinted")]
        assert found == [], fixture


def test_a_project_evaluation_is_held_to_its_own_figures(minimal):
    other = {**PROJECT, "name": "另一项目", "budget": {"grant": "20.00", "other": "0"}, "execution": {"grant": "20.00"}}
    minimal["performance"] = {"goals_set": 2, "self_evaluated": 2, "projects": [PROJECT, other]}
    minimal["performance"]["projects"][0] = {**PROJECT, "summary": "项目预算12.50万元，执行率80%。"}
    assert [f for f in findings_of(minimal) if f.rule == "text-number"] == []
    minimal["performance"]["projects"][0] = {**PROJECT, "summary": "项目预算20.00万元。"}  # the other project's
    assert [f.path for f in findings_of(minimal) if f.rule == "text-number"] == ["$.performance.projects[0].summary"]


@pytest.mark.parametrize("one_by_one", [2_000_000, 0], ids=["searched one by one", "one pass"])
def test_reasons_are_found_in_the_printed_texts_overlapping_and_inside_each_other(monkeypatch, one_by_one):
    """The one pass that looks for every reason (or, for a few reasons in a short report, a search
    for each) finds each that occurs, also one inside another reason's occurrence, and never one
    split over two printed texts."""
    from docgen.rules import reasons
    from docgen.rules.reasons import _occurring, _strings

    monkeypatch.setattr(reasons, "_SEARCHED_ONE_BY_ONE", one_by_one)
    printed = "\x00".join(_strings({"s": ["因压减会议费，减少支出", "培训"], "n": 3, "t": ("费用",)}))
    assert _occurring({"压减会议费", "会议", "减少支出", "支出培训", "差旅", ""}, printed) == \
        {"压减会议费", "会议", "减少支出", ""}
    assert _occurring({"会议"}, "") == {""}
