"""The current Sichuan pack (``sichuan``) on the complete fixture: the auditor's findings on the
generated text, each as the sentence the report must (or must not) print."""

from __future__ import annotations

import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal

import docx
import pytest

import docgen
from conftest import ROOT

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"
YEAR = json.loads(COMPLETE.read_text(encoding="utf-8"))["department"]["year"]
PRIOR = YEAR - 1


@pytest.fixture(scope="module")
def text() -> list[str]:
    document = docx.Document(io.BytesIO(docgen.render(COMPLETE, region="sichuan")))
    return [p.text for p in document.paragraphs if p.text.strip()]


@pytest.fixture(scope="module")
def reference_text() -> list[str]:
    document = docx.Document(io.BytesIO(docgen.render(COMPLETE, region="sichuan-2020")))
    return [p.text for p in document.paragraphs if p.text.strip()]


def test_institutions_do_not_count_the_administrative_unit_as_a_public_service_unit(text):
    assert "县农业农村局管理的单位共3个，其中行政单位1个，参照公务员法管理的事业单位0个，其他事业单位2个。" in text


def test_a_project_name_ending_in_xiangmu_gets_no_second_xiangmu(text, reference_text):
    joined = "\n".join(text)
    assert "项目”项目" not in joined
    assert "（3）“高标准农田建设项目”绩效目标完成情况综述。" in joined
    assert "本年度财政部门下达“高标准农田建设项目”预算资金" in joined
    assert "“动物疫病防控专项经费”项目绩效目标完成情况综述" in joined  # other names keep 项目
    # The reference as published doubles it: sichuan-2020 keeps its wording.
    assert "“高标准农田建设项目”项目绩效目标完成情况综述" in "\n".join(reference_text)


def test_projects_under_the_numbered_heading_take_the_next_level(text):
    start = text.index("1.项目绩效目标完成情况")
    items = [p for p in text[start + 1:] if p.startswith("“", 3)][:4]
    assert [p[:3] for p in items] == ["（1）", "（2）", "（3）", "（4）"]


def test_attachment_1_states_fiscal_income_and_spending_in_fiscal_terms(text):
    joined = "\n".join(text)
    assert "全年财政拨款收入合计1072.44万元，其中：一般公共预算财政拨款收入845.44万元，占78.83%" in joined
    assert ("全年财政拨款支出1088.79万元，其中：一般公共预算财政拨款支出856.29万元，占78.65%；"
            "政府性基金预算财政拨款支出220.50万元，占20.25%；国有资本经营预算财政拨款支出12.00万元，占1.10%。") in joined
    assert "全年财政支出总计" not in joined and "全年财政收入总计" not in joined


def test_fund_sections_name_the_fiscal_grants(text):
    joined = "\n".join(text)
    assert "预算拨款支出" not in joined.replace("预算财政拨款支出", "")
    assert f"{YEAR}年政府性基金预算财政拨款支出220.50万元，完成预算95.87%。" in joined
    assert f"{YEAR}年国有资本经营预算财政拨款支出12.00万元，完成预算100%。" in joined


def test_travel_and_receptions_use_the_current_measure_words_and_purposes(text):
    joined = "\n".join(text)
    assert "全年安排因公出国（境）团组1个，累计2人次。" in joined
    assert "外事接待支出0.60万元，主要用于接待外国农业考察团。外事接待1批次，6人次，共计支出0.60万元。" in joined
    assert re.search(r"公务用车运行维护费支出8\.46万元，主要用于按规定保留的公务用车的燃料费、维修费、过路过桥费、保险费等支出", joined)


def test_three_public_costs_say_which_funds_paid_for_them(text):
    # The “三公” table's 一般公共预算 and 政府性基金 parts: 33.51 = 32.31 + 1.20.
    assert (f"{YEAR}年“三公”经费财政拨款支出决算为33.51万元，其中：一般公共预算财政拨款32.31万元、"
            "政府性基金预算财政拨款1.20万元；完成预算87.04%") in "\n".join(text)


def test_one_vehicle_classification_adds_up_to_the_fleet(text):
    classes = ("主要领导干部用车0辆、机要通信用车1辆、应急保障用车2辆、执法执勤用车4辆、特种专业技术用车0辆、"
               "离退休干部服务用车0辆、其他用车0辆")
    joined = "\n".join(text)
    assert f"单位共有公务用车7辆，其中：{classes}。" in joined
    assert f"县农业农村局共有车辆7辆，其中：{classes}；" in joined
    assert sum(int(n) for n in re.findall(r"(\d+)辆", classes)) == 7


def test_vehicle_running_costs_state_purpose_and_change(text):
    assert (f"保险费等支出。公务用车运行维护费支出决算比{PRIOR}年减少0.66万元，主要原因是严格执行公务用车使用管理规定，"
            "车辆燃料费和维修费下降。") in "\n".join(text)



def test_results_name_the_attachment_that_holds_the_report(text):
    joined = "\n".join(text)
    assert f"《某某县农业农村局{YEAR}年部门整体支出绩效评价报告》见附件1。" in joined
    assert f"上述项目《{YEAR}年绩效评价报告》见附件2。" in joined


def test_no_attachment_is_cited_when_nothing_is_attached():
    data = json.loads(COMPLETE.read_text(encoding="utf-8"))
    data["performance"].pop("overall_evaluation")
    for project in data["performance"]["projects"]:
        project.pop("evaluation", None)
    document = docx.Document(io.BytesIO(docgen.render(data, region="sichuan")))
    joined = "\n".join(p.text for p in document.paragraphs)
    assert "见附件" not in joined
    assert f"本部门按要求对{YEAR}年部门整体支出绩效评价情况开展自评。" in joined


def test_glossary_explains_every_general_term_with_an_amount(text):
    start, end = text.index("第三部分 名词解释"), text.index("第四部分 附件")
    terms = [p.split(".", 1)[1].split("：", 1)[0] for p in text[start + 1:end]]
    for term in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入", "使用非财政拨款结余",
                 "结余分配", "上缴上级支出", "经营支出", "对附属单位补助支出"):
        assert term in terms
    operating = next(p for p in text[start + 1:end] if p.split(".", 1)[1].startswith("机关运行经费："))
    assert "日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费" in operating


def test_a_general_term_whose_amount_is_zero_is_left_out(minimal):
    document = docx.Document(io.BytesIO(docgen.render(minimal, region="sichuan")))
    joined = "\n".join(p.text for p in document.paragraphs)
    assert "财政拨款收入：" in joined
    assert "经营收入：" not in joined and "结余分配：" not in joined


def test_an_unknown_amount_in_a_glossary_entry_is_refused(tmp_path, minimal):
    pack = tmp_path / "p"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan"\n[glossary]\nafter_codes = [["经营支出", "指…", "spending.busines"]]\n',
                                      encoding="utf-8")
    with pytest.raises(docgen.RegionError, match="unknown amount 'spending.busines'"):
        docgen.render(minimal, region=pack)


def test_procurement_gives_the_small_and_micro_share_of_sme_awards(text):
    # 96.50 / 180.00 = 53.61%
    assert "其中：授予小微企业合同金额96.50万元，占授予中小企业合同金额的53.61%；" in "\n".join(text)


def test_procurement_gives_each_kinds_sme_and_small_micro_shares(text):
    data = json.loads(COMPLETE.read_text(encoding="utf-8"))["procurement"]
    sme, micro = data["awarded_to_sme_by_kind"], data["awarded_to_small_micro_by_kind"]

    def pct(part, whole) -> str:
        return f"{(Decimal(part) / Decimal(whole) * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}".removesuffix(".00")

    clauses = [f"{label}采购授予中小企业合同金额占{label}支出金额的{pct(sme[k], data[k])}%，"
               f"其中小微企业占{pct(micro[k], sme[k])}%"
               for k, label in (("goods", "货物"), ("works", "工程"), ("services", "服务"))]
    assert f"占授予中小企业合同金额的53.61%；{'；'.join(clauses)}。" in "\n".join(text)


def test_procurement_without_the_split_by_kind_prints_no_kind(minimal):
    document = docx.Document(io.BytesIO(docgen.render(minimal, region="sichuan")))
    joined = "\n".join(p.text for p in document.paragraphs)
    assert "占授予中小企业合同金额的" in joined and "货物采购授予中小企业" not in joined


def test_assets_use_the_current_equipment_wording(text):
    data = json.loads(COMPLETE.read_text(encoding="utf-8"))["assets"]
    joined = "\n".join(text)
    assert f"；单价100万元（含）以上设备（不含车辆）{data['equipment_over_1m']}台（套）。" in joined
    assert "单价50万元以上通用设备" not in joined


def test_three_public_total_is_compared_with_last_year(text):
    # last year by category: 0 + 0 + 9.12 + 3.50 = 12.62; 33.51 − 12.62 = 20.89, 165.53%
    assert (f"“三公”经费财政拨款支出决算比{PRIOR}年增加20.89万元，增长165.53%，主要原因是按规定更新购置1辆到达报废年限的"
            "执法执勤用车，并开展1批次因公出国（境）农业技术交流考察。") in "\n".join(text)


def test_three_public_total_without_a_reason_states_the_change_alone(minimal):
    minimal["three_public_costs"] = {"reception": {"budget": "2.00", "prior_year": "1.00",
                                                   "domestic": {"amount": "2.00", "batches": 2, "people": 10,
                                                                "purpose": "检查指导"},
                                                   "change_reason": "接待批次增加"}}
    document = docx.Document(io.BytesIO(docgen.render(minimal, region="sichuan")))
    assert any("“三公”经费财政拨款支出决算比2020年增加1.00万元，增长100%。" in p.text for p in document.paragraphs)


def test_glossary_explains_the_fund_items_the_report_uses(text):
    joined = "\n".join(text)
    assert "城乡社区支出（类）国有土地使用权出让收入安排的支出（款）农村基础设施建设支出（项）：" in joined
    assert "国有资本经营预算支出（类）解决历史遗留问题及改革成本支出（款）国有企业退休人员社会化管理补助支出（项）：" in joined


def test_fund_spending_is_described_by_item_with_its_carry_over(text):
    joined = "\n".join(text)
    assert ("其中：城乡社区支出（类）国有土地使用权出让收入安排的支出（款）农村基础设施建设支出（项）支出185.50万元，"
            "年末结转和结余14.50万元；") in joined
    assert "国有企业退休人员社会化管理补助支出（项）支出12.00万元，年末结转和结余0万元。" in joined


@pytest.mark.parametrize("region", ["sichuan", "sichuan-2020"])
def test_a_fund_item_of_an_unknown_code_is_a_finding_not_a_failure(region):
    data = json.loads(COMPLETE.read_text(encoding="utf-8"))
    data["codes"] = [c for c in data["codes"] if c["code"] != "21208"]  # the 款 of both fund items
    errors = {(f.rule, f.path) for f in docgen.check(data, region) if f.level == "error"}
    assert {("code-unknown", "$.government_fund.items[0].code"), ("code-unknown", "$.government_fund.items[1].code")} <= errors
    # sichuan's 八 then has no 项 to list: its sentence reports the gap as well
    assert {rule for rule, _ in errors} <= {"code-unknown", "text-missing"}


def test_no_paragraph_ends_on_qizhong(text):
    assert not [p for p in text if p.rstrip().endswith("其中：")]
    assert any(p.startswith("其中：外事接待支出0.60万元") for p in text)


def test_project_tables_use_full_width_punctuation_and_qita():
    document = docx.Document(io.BytesIO(docgen.render(COMPLETE, region="sichuan")))
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert not [c for c in cells if re.search(r"[():]|其它", c)]
    assert {"预算执行情况（10分）", "其中：财政资金", "其他资金"} <= cells


@pytest.mark.parametrize("region", ["sichuan", "sichuan-2020"])
def test_no_heading_stands_over_an_empty_list(minimal, region):
    minimal["overview"]["key_work"] = []
    document = docx.Document(io.BytesIO(docgen.render(minimal, region=region)))
    texts = [p.text for p in document.paragraphs]
    assert not [t for t in texts if "重点工作完成情况" in t]
    assert ("（一）主要职能" if region == "sichuan" else "（一）主要职能。") in texts


def test_each_project_report_carries_its_label(text, reference_text):
    labels = [(p, text[i + 1]) for i, p in enumerate(text) if re.fullmatch(r"附件[\d-]+", p)]
    assert [label for label, _ in labels] == ["附件1", "附件2-1", "附件2-2", "附件2-3", "附件2-4"]
    assert labels[3][1] == "高标准农田建设项目"
    # The reference labels the group once.
    assert [p for p in reference_text if re.fullmatch(r"附件[\d-]+", p)] == ["附件1", "附件2"]


def test_running_costs_without_a_reason_state_the_change_alone(minimal):
    minimal["three_public_costs"] = {"vehicle_operation": {"budget": "2.00", "actual": "2.00", "prior_year": "1.00"},
                                     "vehicle_purchase": {"change_reason": "车辆运行里程增加"}}  # the category's
    assert not [f for f in docgen.check(minimal, region="sichuan")
                if f.path == "$.three_public_costs.vehicle_operation.change_reason"]
    document = docx.Document(io.BytesIO(docgen.render(minimal, region="sichuan")))
    assert any("公务用车运行维护费支出决算比2020年增加1.00万元。" in p.text for p in document.paragraphs)
