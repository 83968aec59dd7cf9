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


# Text as pasted from Word and Excel --------------------------------------------------------------

@pytest.mark.parametrize("pasted, loaded", [
    ("一\r\n二", "一\n二"), ("一\r二", "一\n二"), ("一\x0b二", "一\n二"), ("一\u2028二\u2029三", "一\n二\n三"),
    ("一\x0c二", "一\n二"), ("\ufeff负责\u200b测试\x00工作\x07。", "负责测试工作。"), ("一\t二", "一\t二"),
    ("  全角１２３，保持原样  ", "  全角１２３，保持原样  "),
])
def test_text_is_normalised_once_at_load(minimal, pasted, loaded):
    minimal["overview"]["functions"] = [pasted]
    assert docgen.load(minimal).overview.functions == (loaded,)


@pytest.mark.parametrize("control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"])
def test_direction_controls_are_refused_with_the_path(minimal, control):
    minimal["general_budget"]["items"][1]["reason"] = f"项目延期{control}"
    (line,) = _error_lines(minimal)
    assert line.startswith(f"$.general_budget.items[1].reason: an invisible direction control U+{ord(control):04X}")


def test_a_text_for_a_list_is_refused_not_spelled_out(minimal):
    minimal["overview"]["functions"] = "负责全县农业农村工作。"
    assert _error_lines(minimal) == ['$.overview.functions: expected a list [ … ], got "负责全县农业农村工作。"']


def test_duplicate_keys_are_refused_with_the_path(minimal):
    text = json.dumps(minimal, ensure_ascii=False).replace('"year": 2021', '"year": 2021, "year": 2019')
    assert _error_lines(text) == ["$.department: the key 'year' appears twice or more: keep one"]


def test_full_width_digits_in_a_code_are_the_code(minimal):
    minimal["general_budget"]["items"][0]["code"] = "２０１１１０１"
    assert docgen.load(minimal).general_budget.items[0].code == "2011101"


def test_pasted_text_with_numbers_renders_and_the_departments_words_stay(minimal):
    """Windows line ends around a number passed the checker but failed the self-check; the
    department's own 是一是 was rewritten. Neither now."""
    import io

    import docx

    minimal["overview"]["key_work"] = ["主要做法是一是加强管理，\r\n二是全年完成测试10次。"]
    document = docx.Document(io.BytesIO(docgen.render(minimal)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "主要做法是一是加强管理，\n二是全年完成测试10次。" in text
    assert "\r" not in text


@pytest.mark.parametrize("name, raw, message", [
    ("gbk.json", "{}".encode("utf-8") + "测试".encode("gbk"), "not UTF-8 (looks like GBK): save it as UTF-8"),
    ("utf16.json", "{}".encode("utf-16"), "not UTF-8 (looks like UTF-16): save it as UTF-8"),
])
def test_other_encodings_are_named(tmp_path, name, raw, message):
    path = tmp_path / name
    path.write_bytes(raw)
    assert _error_lines(path) == [f"{path}: {message}"]


def test_utf8_with_a_bom_is_accepted(tmp_path, minimal):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(minimal, ensure_ascii=False).encode("utf-8"))
    assert docgen.load(path).department.year == 2021


def test_the_longest_list_the_loader_takes_is_numbered_to_its_end(minimal):
    """一是 … to the last entry of the longest list accepted (beyond 九百九十九 since a province's
    lists run past 999)."""
    from docgen.formatting import chinese_numeral
    from docgen.loader import MAX_LIST_ENTRIES

    minimal["overview"]["key_work"] = [f"完成第{n}项工作。" for n in range(1, MAX_LIST_ENTRIES + 1)]
    sentences = docgen.prepare(minimal).context["s"].key_work
    assert len(sentences) == MAX_LIST_ENTRIES
    assert sentences[-1].startswith(chinese_numeral(MAX_LIST_ENTRIES) + "是")
    assert sentences[999].startswith("一千是")


@pytest.mark.parametrize("axis, size", [("items", 1500), ("projects", 300), ("indicators", 3000)])
def test_large_real_reports_written_without_indentation_are_not_refused_as_dense(axis, size, tmp_path):
    """Their keys repeat over every 项 and project, and json keeps one copy of each: counted as
    texts, a compact file of 700 项 or 75 projects given as text was refused as "packed too densely"."""
    from conftest import script
    text = json.dumps(script("bench/scaling.py").grown(axis, size), ensure_ascii=False, separators=(",", ":"))
    path = tmp_path / "data.json"
    path.write_text(text, encoding="utf-8")
    assert docgen.load(path)
    assert docgen.load(text)  # bounded by the bytes a file of it takes, not its characters
