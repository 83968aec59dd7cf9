"""Bad input gets an error naming its JSON path; numbers stay exact."""

import json
from decimal import Decimal

import pytest

import docgen
from docgen import InputError


def _error_lines(data) -> list[str]:
    with pytest.raises(InputError) as info:
        docgen.load(data)
    return info.value.lines


def test_reference_fixture_loads_exact_decimals():
    from conftest import REFERENCE_FIXTURE
    report = docgen.load(REFERENCE_FIXTURE)
    assert report.general_budget.actual == Decimal("425.51")
    assert report.performance.projects[0].budget.grant == Decimal("89.496")
    assert str(report.spending.kinds.project) == "150.60"


def test_json_numbers_become_decimals_not_floats(minimal):
    text = json.dumps(minimal).replace('"100.00"', "0.1")
    report = docgen.load(text)
    assert report.income.sources.general_budget_grant == Decimal("0.1")


def test_wrong_type_names_the_path(minimal):
    minimal["general_budget"]["items"][1]["budget"] = "fifty"
    assert _error_lines(minimal) == ["$.general_budget.items[1].budget: expected an amount, got the text 'fifty'"]


def test_unknown_key_is_refused(minimal):
    minimal["spending"]["kinds"]["bsaic"] = "1"
    assert _error_lines(minimal) == ["$.spending.kinds: unknown field(s) bsaic"]


def test_missing_field_names_the_path(minimal):
    del minimal["general_budget"]["items"][0]["actual"]
    assert _error_lines(minimal) == ["$.general_budget.items[0].actual: required field missing"]


def test_float_from_python_is_refused(minimal):
    minimal["income"]["sources"]["general_budget_grant"] = 0.1 + 0.2
    (line,) = _error_lines(minimal)
    assert line.startswith("$.income.sources.general_budget_grant: expected an exact amount, got the binary float")


def test_bool_is_not_an_amount(minimal):
    minimal["operating_costs"]["actual"] = True
    assert _error_lines(minimal) == ["$.operating_costs.actual: expected an amount, got true"]


def test_malformed_json_text():
    (line,) = _error_lines('{"department": {"name": }')
    assert "not valid JSON" in line and "line 1" in line


def test_top_level_must_be_an_object(tmp_path):
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    (line,) = _error_lines(path)
    assert line == f"{path}: $: expected a JSON object at the top, got [1, 2]"


def test_bad_code_and_several_errors_reported_together(minimal):
    minimal["general_budget"]["items"][0]["code"] = "20111"
    minimal["department"]["year"] = "2021"
    lines = _error_lines(minimal)
    assert "$.department.year: expected a whole number, got \"2021\"" in lines
    assert any(l.startswith("$.general_budget.items[0].code: must be a 7-digit classification code") for l in lines)


def test_blank_text_is_refused(minimal):
    minimal["overview"]["functions"] = ["  "]
    (line,) = _error_lines(minimal)
    assert line == "$.overview.functions: must not be blank"


def test_negative_count_is_refused(minimal):
    minimal["overview"]["staff"] = {"civil_servants": -1}
    (line,) = _error_lines(minimal)
    assert line == "$.overview.staff.civil_servants: must be zero or more, got -1"


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        docgen.load(tmp_path / "absent.json")
