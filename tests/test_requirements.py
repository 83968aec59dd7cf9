"""``field-required``: a pack that prints a sentence requires its fields, each missing one named by
its JSON path; nothing is required while the pack lists no section."""

from __future__ import annotations

import typing

import pytest

import docgen
from docgen.model import Report
from docgen.rules.requirements import REQUIREMENTS, missing_fields, required_paths

PROJECT = {"name": "测试项目", "unit": "某某县测试局", "budget": {"grant": "12.50"}, "execution": {"grant": "10.00"},
           "expected_goal": "完成测试。", "actual_goal": "完成测试。", "summary": "主要用于测试。", "problems": "无。",
           "improvements": "无。",
           "indicators": [{"level1": "产出指标", "level2": "数量指标", "level3": "指标", "expected": "预期",
                           "actual": "实际", "nature": "≥", "unit": "个", "weight": "90", "score": "90"}]}


def pack(tmp_path, sections: list[str]):
    folder = tmp_path / "pack"
    folder.mkdir(exist_ok=True)
    listed = ", ".join(f'"{s}"' for s in sections)
    (folder / "region.toml").write_text(f'extends = "sichuan"\n[rules.field-required]\nsections = [{listed}]\n',
                                        encoding="utf-8")
    return folder


def required(minimal, tmp_path, *sections: str) -> list[str]:
    return [f.path for f in docgen.check(minimal, pack(tmp_path, list(sections))) if f.rule == "field-required"]


def test_nothing_is_required_by_default(minimal):
    assert [f for f in docgen.check(minimal) if f.rule == "field-required"] == []


def test_every_entry_of_a_list_is_walked_and_named_by_its_index(minimal, tmp_path):
    minimal["general_budget"]["items"][1].update(purpose="测试设备购置", initial_budget="50.00")
    assert required(minimal, tmp_path, "general_budget.items") == [
        "$.general_budget.items[0].purpose", "$.general_budget.items[0].initial_budget"]


def test_a_missing_object_is_named_once_not_once_per_field_inside_it(minimal, tmp_path):
    assert required(minimal, tmp_path, "performance.management") == ["$.performance.management"]
    minimal["performance"] = {"management": {
        "goals_set": {"projects": 1}, "monitored": {"projects": 1}, "self_evaluated": {"projects": 1},
        "average_score": "90"}}
    assert required(minimal, tmp_path, "performance.management") == [
        "$.performance.management.systems", "$.performance.management.mechanism"]


def test_a_field_required_only_when_its_figure_is_not_zero(minimal, tmp_path):
    assert required(minimal, tmp_path, "government_fund.items", "procurement.reservations") == []
    minimal["government_fund"] = {"actual": "5.00", "budget": "5.00", "income": "5.00"}
    minimal["procurement"] = {"services": "8.00"}
    assert required(minimal, tmp_path, "government_fund.items", "procurement.reservations") == [
        "$.government_fund.items", "$.procurement.reserved"]


def test_the_project_table_requires_the_fields_of_each_project_and_indicator(minimal, tmp_path):
    minimal["performance"] = {"projects": [PROJECT, {**PROJECT, "project_code": "51000021R000000019951",
                                                     "indicators": [{**PROJECT["indicators"][0], "score": None}]}]}
    paths = required(minimal, tmp_path, "performance.project_table")
    assert {f"$.performance.projects[0].{name}" for name in ("project_code", "funds", "conclusion", "project_lead",
                                                             "finance_lead")} <= set(paths)
    assert "$.performance.projects[1].project_code" not in paths
    assert "$.performance.projects[1].indicators[0].score" in paths
    assert "$.performance.projects[0].indicators[0].score" not in paths


def test_a_missing_field_blocks_the_report_even_when_forced(minimal, tmp_path):
    with pytest.raises(docgen.FindingsError):
        docgen.render(minimal, region=pack(tmp_path, ["overview.units"]), force=True)


def test_an_unknown_section_is_a_region_error(minimal, tmp_path):
    with pytest.raises(docgen.RegionError, match="unknown section 'overview.unit'"):
        docgen.check(minimal, pack(tmp_path, ["overview.unit"]))


def _field_type(cls: type, path: str) -> type:
    """The model type at ``a.b[].c`` below ``cls`` (KeyError for a name the model lacks)."""
    for name in path.replace("[]", "").split("."):
        hint = typing.get_type_hints(cls)[name]
        args = [a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis]
        cls = args[0] if args else hint
    return cls


def test_every_required_path_and_condition_names_fields_of_the_model():
    for section, entries in REQUIREMENTS.items():
        for entry in entries:
            path, _, condition = entry.partition(" if ")
            _field_type(Report, path)
            if condition:
                assert "[]" not in condition, entry
                owner, _, name = condition.rpartition(".")
                assert hasattr(_field_type(Report, owner), name), entry


def test_required_paths_walks_the_report(minimal):
    report = docgen.load(minimal)
    assert list(required_paths(report, "general_budget.items[].purpose")) == [
        "$.general_budget.items[0].purpose", "$.general_budget.items[1].purpose"]
    assert list(missing_fields(report, [])) == []


def test_every_section_has_a_title_for_its_findings(minimal, tmp_path):
    from docgen.rules.requirements import TITLES

    assert set(TITLES) == set(REQUIREMENTS)
    (found,) = [f for f in docgen.check(minimal, pack(tmp_path, ["overview.units"])) if f.rule == "field-required"]
    assert found.message == "地区模板印出“部门决算单位构成”（overview.units），需要此项数据，但未填写"
    assert found.section == "overview"


def test_the_glossary_asks_what_non_grant_income_is_only_when_there_is_some(minimal, tmp_path):
    assert required(minimal, tmp_path, "glossary.income_contents") == []
    minimal["income"]["sources"]["other"] = "2.00"
    assert required(minimal, tmp_path, "glossary.income_contents") == ["$.income.contents"]
    minimal["income"]["contents"] = {"public_service": "检测服务收入"}
    assert required(minimal, tmp_path, "glossary.income_contents") == ["$.income.contents.other"]
