"""The self-check: every number of the rendered document (narrative, tables, chart caches) is a
number of the data; a template or phrasing bug fails the render instead of publishing it."""

from __future__ import annotations

import copy
import io
import json
import re
import time
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import docgen
from conftest import REFERENCE_FIXTURE, ROOT, copy_pack, edit_template, script
from docgen import formatting as fmt
from docgen import selfcheck
from docgen.render import render_bytes

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"


def rendered(data, region="sichuan-2020"):
    prepared = docgen.prepare(data, region)
    return prepared, render_bytes(prepared.region.template, prepared.context, prepared.attach)


@pytest.mark.parametrize("fixture", [REFERENCE_FIXTURE, COMPLETE], ids=["reference", "complete"])
def test_the_fixtures_pass(fixture):
    if not fixture.exists():
        pytest.skip("fixture not there")
    prepared, data = rendered(fixture)
    assert selfcheck.problems(data, prepared.figures, prepared.region) == []


def test_a_template_that_alters_a_figure_fails_and_writes_nothing(tmp_path):
    pack = copy_pack(tmp_path)
    edit_template(pack, "{{ s.totals }}", '{{ s.totals|replace("421.06", "421.07") }}')
    out = tmp_path / "report.docx"
    with pytest.raises(docgen.RenderError) as info:
        docgen.render(REFERENCE_FIXTURE, out, region=pack, force=True)
    assert not out.exists()
    message = str(info.value)
    assert "the number 421.07 is not an amount (万元) of the data" in message
    assert re.search(r"self-check: paragraph \d+ of the body: .*收入总计421\.07万元", message)


def test_a_figure_typed_into_a_template_fails(tmp_path, minimal):
    pack = copy_pack(tmp_path)
    edit_template(pack, "{{ s.totals }}", "{{ s.totals }}上年收入总计为79.99万元。")
    with pytest.raises(docgen.RenderError, match="79.99"):
        docgen.render(minimal, region=pack)


def test_a_stale_year_typed_into_a_template_fails(tmp_path, minimal):
    pack = copy_pack(tmp_path)
    edit_template(pack, "{{ s.totals }}", "{{ s.totals }}（2019年数据）")
    with pytest.raises(docgen.RenderError, match="the number 2019 is not a year of the data"):
        docgen.render(minimal, region=pack)


def test_a_phrasing_bug_fails(monkeypatch, minimal):
    """A rate computed against the wrong base (this year instead of last year) is caught."""
    from docgen.sections import income_spending as narrative

    def wrong_base(book, family, subject, change, prior_year, reason, reason_path):
        return book.fill(family, change.direction.value, {"reason": reason_path}, subject=subject,
                         change=change.delta, rate=fmt.percent(change.delta * 100 / change.current if change.current else change.rate),
                         prior_year=prior_year, reason=reason)

    monkeypatch.setattr(narrative, "change_clause", wrong_base)
    with pytest.raises(docgen.RenderError, match="the number 20 is not a percentage of the data"):
        docgen.render(minimal)


def test_a_percentage_printed_as_an_amount_fails(monkeypatch, minimal):
    from docgen.sections import other_matters as narrative

    minimal["procurement"] = {"goods": "30", "services": "10", "awarded_to_sme": "20", "awarded_to_small_micro": "5"}
    assert docgen.render(minimal)[:2] == b"PK"
    real = narrative.percent
    monkeypatch.setattr(narrative, "percent", lambda value: real(value) + "万元，占")
    with pytest.raises(docgen.RenderError, match="the number 12.50 is not an amount"):
        docgen.render(minimal)


def _replace_in_part(data: bytes, name: str, old: str, new: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            blob = source.read(info.filename)
            if info.filename == name:
                text = blob.decode("utf-8")
                assert old in text
                blob = text.replace(old, new, 1).encode("utf-8")
            target.writestr(info, blob)
    return buffer.getvalue()


def test_chart_caches_are_read(tmp_path):
    prepared, data = rendered(REFERENCE_FIXTURE)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/charts/chart1.xml").decode("utf-8")
    assert "<c:v>421.06</c:v>" in xml
    wrong = _replace_in_part(data, "word/charts/chart1.xml", "<c:v>421.06</c:v>", "<c:v>412.06</c:v>")
    assert selfcheck.problems(wrong, prepared.figures, prepared.region) == [
        "word/charts/chart1.xml (value cache): the value '412.06' is not a figure of the data",
        "placement: word/charts/chart1.xml: 2020年 收入 is 412.06, the figure is 421.06"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        pie = archive.read("word/charts/chart2.xml").decode("utf-8")
    label = re.search(r"<a:t>([0-9.]+)万元，100%</a:t>", pie)
    assert label, "the income pie labels its one slice"
    wrong = _replace_in_part(data, "word/charts/chart2.xml", label.group(0), "<a:t>421.06万元，99%</a:t>")
    (problem,) = selfcheck.problems(wrong, prepared.figures, prepared.region)
    assert problem.startswith("word/charts/chart2.xml (label): the number 99 is not a percentage")


def test_statistical_table_cells_are_read():
    prepared, data = rendered(COMPLETE if COMPLETE.exists() else REFERENCE_FIXTURE)
    value = "1226.50" if COMPLETE.exists() else "421.06"
    cell = f'<w:t xml:space="preserve">{value}</w:t>'
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert cell in archive.read("word/document.xml").decode("utf-8")
    wrong = _replace_in_part(data, "word/document.xml", cell, '<w:t xml:space="preserve">1226.51</w:t>')
    problems = selfcheck.problems(wrong, prepared.figures, prepared.region)
    assert [p.split(": ", 1)[1] for p in problems] == ["the number 1226.51 is not a figure of the data (“…1226.51…”)"]


def test_the_departments_own_numbers_are_its_own(minimal):
    """Numbers in the department's text print as written, in any sentence they sit in."""
    minimal["overview"]["key_work"] = ["全年完成测试12345次，合格率99.99%，节约资金3.1415万元。"]
    minimal["general_budget"]["items"][1]["reason"] = "主要原因是2项测试延期至2022年。"
    minimal["department"]["short_name"] = "5"  # 纳入5{year}年度…: the name runs into the year
    minimal["overview"]["functions"] = ["落实第7\n0号\t文件。"]  # written as 7<w:br/>0 and <w:tab/>
    minimal["three_public_costs"] = {"reception": {"budget": "1.00", "prior_year": "1.00", "domestic": {
        "amount": "1.00", "batches": 3, "people": 12, "purpose": "接待7个调研组"}}}
    assert docgen.render(minimal)[:2] == b"PK"


def test_expected_numbers_by_kind(minimal):
    prepared = docgen.prepare(minimal)
    expected = selfcheck.expected_numbers(prepared.figures, prepared.region)
    assert Decimal("100.00") in expected.amounts and Decimal("25") in expected.percents
    assert Decimal("25") not in expected.amounts  # a rate is no amount
    assert expected.years == {Decimal(2021), Decimal(2020)}
    assert Decimal("2011101") in expected.codes and Decimal("201") in expected.codes


amounts = st.decimals(min_value=0, max_value=99999, places=6, allow_nan=False, allow_infinity=False).map(str)
small = st.decimals(min_value=0, max_value=50, places=3, allow_nan=False, allow_infinity=False).map(str)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=amounts, b=amounts, c=amounts, d=amounts, e=amounts, f=small, g=small, h=amounts, i=amounts, j=small)
def test_any_amounts_check_and_render_without_a_false_alarm(minimal, a, b, c, d, e, f, g, h, i, j):
    """Inconsistent data included (forced): the rules never fail, and every number printed, up to
    6 decimals entered, negative differences in the tables, is found among the figures."""
    m = copy.deepcopy(minimal)
    m["income"]["sources"].update(general_budget_grant=a, public_service=b)
    m["income"]["total"]["prior_year"] = c
    m["spending"]["kinds"] = {"basic": d, "project": e}
    m["general_budget"]["items"] = [{"code": "2011101", "actual": h, "budget": i, "reason": "x"},
                                    {"code": "2080505", "actual": f, "budget": g, "reason": "y"}]
    m["basic_spending"]["lines"][0]["amount"] = j
    m["procurement"] = {"goods": f, "services": g, "awarded_to_sme": j}
    m["three_public_costs"] = {"reception": {"budget": g, "prior_year": j, "change_reason": "z", "domestic": {
        "amount": f, "batches": 3, "people": 12, "purpose": "调研"}}, "variance_reason": "v"}
    m["operating_costs"] = {"actual": f, "prior_year": g, "change_reason": "r"}
    del m["detail"]
    docgen.check(m)
    try:
        docgen.render(m, force=True)
    except docgen.FindingsError as exc:
        assert exc.blocking  # a sentence needs a reason the random figures call for


# Where each figure belongs (docgen.placement) --------------------------------------------------

def test_a_true_number_in_the_wrong_place_is_caught():
    """46.30 and 58.70 are both figures of the data: only the place tells goods from services."""
    prepared, data = rendered(COMPLETE)
    wrong = _replace_in_part(data, "word/document.xml", "政府采购货物支出46.30万元", "政府采购货物支出58.70万元")
    problems = selfcheck.problems(wrong, prepared.figures, prepared.region)
    assert problems == ["placement: 政府采购货物支出 should be 46.30 (“政府采购货物支出58.70万元”)"]


def test_a_direction_word_against_the_sign_is_caught():
    prepared, data = rendered(COMPLETE)
    prior = json.loads(COMPLETE.read_text(encoding="utf-8"))["department"]["year"] - 1
    wrong = _replace_in_part(data, "word/document.xml", f"比{prior}年增加6.30万元，增长7.87%", f"比{prior}年减少6.30万元，下降7.87%")
    (problem,) = selfcheck.problems(wrong, prepared.figures, prepared.region)
    assert problem.startswith("placement: 机关运行经费 went up, but the sentence says 减少")


def test_a_number_in_the_departments_title_is_its_own(tmp_path):
    """A figure-like number in an evaluation report's title, printed over two paragraphs, and in its
    prose, is the department's: never blamed on a template."""
    data = json.loads(COMPLETE.read_text(encoding="utf-8"))
    evaluation = data["performance"]["projects"][2]["evaluation"]
    evaluation["title"] = "5000亩高标准农田建设项目2023年绩效评价报告"
    evaluation["completion"] = "新建高标准农田5000亩，完成率104.7%，新建渠系86.25公里。"
    assert docgen.render(data)[:2] == b"PK"


def test_the_self_check_is_linear_in_the_length_of_the_text():
    data = json.loads(COMPLETE.read_text(encoding="utf-8"))
    unit = "全县完成农田整治5000亩，带动农户增收3.5万人次。一件一件抓落实，《2015年度管理办法》执行到位。"
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    data["overview"]["key_work"][0] = text
    data["performance"]["projects"][0]["evaluation"]["completion"] = text
    start = time.perf_counter()
    assert docgen.check(data, "sichuan") == []
    checked = time.perf_counter() - start
    prepared = docgen.prepare(data, "sichuan")
    document = render_bytes(prepared.region.template, prepared.context, prepared.attach)
    start = time.perf_counter()
    assert selfcheck.problems(document, prepared.figures, prepared.region) == []
    verified = time.perf_counter() - start
    assert checked < 2 and verified < 2, (checked, verified)  # about 0.3 s each on a quiet machine


def _harness():
    return script("tools/selfcheck_bugs.py")


def test_the_bug_harness_reports_a_bug_that_no_longer_applies_instead_of_failing():
    tool = _harness()
    tool.BUGS.append(("a text that is not there", "docgen/selfcheck.py", "no such text in the file", "x"))
    assert tool.run_bug(len(tool.BUGS) - 1) == (
        "n/a", "the text is no longer in docgen/selfcheck.py (nor elsewhere under docgen/)")


def test_the_bug_harness_can_still_switch_placement_off():
    relative, line, _ = _harness().WITHOUT_PLACEMENT
    assert line in (ROOT / relative).read_text(encoding="utf-8")


@pytest.mark.parametrize("what", ["procurement goods ↔ services", "statistical tables: 基本支出 ↔ 项目支出 columns of each 项",
                                  "chart: this year's series fed last year's totals"])
def test_injected_bugs_are_caught(what):
    """A sample of tools/selfcheck_bugs.py (all of it: `python tools/selfcheck_bugs.py`)."""
    tool = _harness()
    index = next(i for i, bug in enumerate(tool.BUGS) if bug[0] == what)
    outcome = tool.run_bug(index)
    assert outcome[0] in ("caught", "n/a"), outcome


def test_own_texts_are_masked_across_paragraphs_but_never_cut_a_number():
    from docgen.placement import MASK, mask_own

    title = "5000亩高标准农田建设项目2023年绩效评价报告"
    paragraphs = ["5000亩高标准农田建设项目", "2023年绩效评价报告", "收入总计15000亩高标准农田建设项目2023年绩效评价报告"]
    masked = mask_own(paragraphs, [title])
    assert masked[0] == MASK * len(paragraphs[0]) and masked[1] == MASK * len(paragraphs[1])
    assert masked[2] == paragraphs[2]  # 1 + 5000…: masking would cut the number 15000
