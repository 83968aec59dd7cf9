"""Each sentence pattern's cases: increase, decrease, equal, prior 0, budget 0, zero parts, 100%."""



import docgen
from docgen.check import is_blocking


def sentences(data, region="sichuan-2020"):
    """The sentences of ``data``; these tests vary one figure at a time, so the data need not be
    consistent (the checker's rules are tested in test_rules.py), only complete enough to phrase."""
    prepared = docgen.prepare(data, region)
    assert [f for f in prepared.findings if is_blocking(f)] == []
    return prepared.context["s"]


def findings(data):
    """The phrasebook's own findings (a sentence lacks a value)."""
    return [f for f in docgen.prepare(data).findings if f.rule in ("reason-missing", "text-missing")]


def test_increase(minimal):
    s = sentences(minimal)
    assert s.totals == ("2021年度收入总计100.00万元、支出总计100.00万元。与2020年相比，收入总计增加20.00万元，"
                        "增长25%，主要变动原因是人员增加；支出总计增加20.00万元，增长25%，主要变动原因是人员增加。")


def test_decrease(minimal):
    minimal["income"]["total"] = {"prior_year": "120.00", "change_reason": "项目减少"}
    s = sentences(minimal)
    assert "收入总计减少20.00万元，下降16.67%，主要变动原因是项目减少；" in s.totals


def test_equal_needs_no_reason_and_prints_no_rate(minimal):
    minimal["income"]["total"] = {"prior_year": "100"}
    s = sentences(minimal)
    assert "与2020年相比，收入总计持平；支出总计增加" in s.totals


def test_prior_year_zero_says_so_instead_of_dividing(minimal):
    minimal["income"]["total"] = {"prior_year": "0", "change_reason": "新设单位"}
    s = sentences(minimal)
    assert "收入总计增加100.00万元（2020年为0，不计算增长率），主要变动原因是新设单位；" in s.totals


def test_missing_reason_is_a_finding_with_its_path_not_a_placeholder(minimal):
    del minimal["income"]["total"]["change_reason"]
    del minimal["general_budget"]["items"][1]["reason"]
    found = findings(minimal)
    assert {(f.rule, f.path) for f in found} == {
        ("reason-missing", "$.income.total.change_reason"),
        ("reason-missing", "$.general_budget.items[1].reason"),
    }
    assert all(f.level == "error" for f in found)


def test_budget_variance_variants(minimal):
    items = minimal["general_budget"]["items"]
    items.append({"code": "2080505", "actual": "5.00", "budget": "4.00", "reason": "人员增加"})
    items.append({"code": "2101101", "actual": "3.00", "budget": "0", "reason": "年中追加"})
    items.append({"code": "2210201", "actual": "0", "budget": "0"})
    lines = sentences(minimal).general_budget_items
    assert lines[0].endswith("支出决算为60.00万元，完成预算100%，决算数等于预算数。")
    assert lines[1].endswith("支出决算为40.00万元，完成预算80%，决算数小于预算数的主要原因是项目延期。")
    assert lines[2].endswith("支出决算为5.00万元，完成预算125%，决算数大于预算数的主要原因是人员增加。")
    assert lines[3].endswith("支出决算为3.00万元，年初未安排预算，决算数大于预算数的主要原因是年中追加。")
    assert lines[4].endswith("支出决算为0万元，年初未安排预算，决算数等于预算数。")
    assert [l.split(".", 1)[0] for l in lines] == ["1", "2", "3", "4", "5"]


def test_item_names_come_from_the_catalogue(minimal):
    lines = sentences(minimal).general_budget_items
    assert lines[0].startswith("1.一般公共服务支出（类）纪检监察事务（款）行政运行（项）：")


def test_zero_parts_listed_with_0_percent_and_full_share_prints_100(minimal):
    s = sentences(minimal)
    assert s.income_structure == (
        "2021年本年收入合计100.00万元，其中：一般公共预算财政拨款收入100.00万元，占100%；"
        "政府性基金预算财政拨款收入0万元，占0%；上级补助收入0万元，占0%；事业收入0万元，占0%；"
        "经营收入0万元，占0%；附属单位上缴收入0万元，占0%；其他收入0万元，占0%。")


def test_shares_in_a_sentence_add_up_to_100(minimal):
    minimal["spending"]["kinds"] = {"basic": "1", "project": "1", "business": "1"}
    s = sentences(minimal)
    assert "基本支出1.00万元，占33.34%；项目支出1.00万元，占33.33%；" in s.spending_structure
    assert "经营支出1.00万元，占33.33%" in s.spending_structure


def test_negative_zero_never_printed(minimal):
    minimal["operating_costs"] = {"actual": "-0.00", "prior_year": "0"}
    s = sentences(minimal)
    assert "-0" not in s.operating_costs and "支出0万元，与2020年持平" in s.operating_costs


def test_operating_costs_change_sentence(minimal):
    minimal["operating_costs"] = {"actual": "32.67", "prior_year": "26.39", "change_reason": "人员增加"}
    assert sentences(minimal).operating_costs == (
        "2021年，测试局机关运行经费支出32.67万元，比2020年增加6.28万元，增长23.80%。主要原因是人员增加。")


def test_reason_given_with_its_own_lead_words_is_not_doubled(minimal):
    minimal["general_budget"]["items"][1]["reason"] = "主要原因是项目延期。"
    line = sentences(minimal).general_budget_items[1]
    assert line.endswith("决算数小于预算数的主要原因是项目延期。") and "主要原因是主要原因是" not in line


def test_three_public_costs_budget_zero_and_year_on_year(minimal):
    minimal["three_public_costs"] = {
        "reception": {"budget": "0.90", "prior_year": "0.91", "change_reason": "厉行节约",
                      "domestic": {"amount": "0.67", "batches": 12, "people": 98, "purpose": "调研工作等"}},
        "variance_reason": "厉行节约",
    }
    s = sentences(minimal)
    assert s.three_public_overall == "2021年“三公”经费财政拨款支出决算为0.67万元，完成预算74.44%，决算数小于预算数的主要原因是厉行节约。"
    assert s.travel.startswith("因公出国（境）经费支出0万元，年初未安排预算。")
    assert s.travel.endswith("因公出国（境）支出决算与2020年无变化。")
    assert s.reception == "公务接待费支出0.67万元，完成预算74.44%。公务接待费支出决算比2020年减少0.24万元，主要原因是厉行节约。"
    assert "占100%" in s.three_public_structure


def test_reception_without_purpose_is_a_finding(minimal):
    minimal["three_public_costs"] = {"reception": {"budget": "1", "prior_year": "1", "domestic": {"amount": "1"}}}
    assert [(f.rule, f.path) for f in findings(minimal)] == [
        ("text-missing", "$.three_public_costs.reception.domestic.purpose"),
    ]


def test_funds_zero_and_non_zero(minimal):
    minimal["government_fund"] = {"actual": "5", "budget": "5", "prior_year": "4", "change_reason": "新增项目"}
    s = sentences(minimal)
    assert s.state_capital == "2021年国有资本经营预算拨款支出0万元。"
    assert s.government_fund == ("2021年政府性基金预算拨款支出5.00万元，完成预算100%。与2020年相比，"
                                 "政府性基金预算拨款支出增加1.00万元，增长25%，主要变动原因是新增项目。")


def test_procurement_shares_of_a_zero_total_print_0(minimal):
    assert "占政府采购支出总额的0%" in sentences(minimal).procurement
    minimal["procurement"] = {"goods": "30", "services": "10", "awarded_to_sme": "20", "awarded_to_small_micro": "5"}
    s = sentences(minimal)
    assert "政府采购支出总额40.00万元" in s.procurement and "占政府采购支出总额的50%" in s.procurement
    assert "占政府采购支出总额的12.50%" in s.procurement


def test_key_work_gets_chinese_ordinals(minimal):
    minimal["overview"]["key_work"] = [f"工作{i}。" for i in range(1, 12)]
    s = sentences(minimal)
    assert s.key_work[0] == "一是工作1。" and s.key_work[10] == "十一是工作11。"


def test_glossary_numbered_without_gaps_and_overridable(minimal):
    minimal["glossary"] = [{"term": "基本支出", "explanation": "指本部门自定的解释。"},
                           {"term": "专项业务费", "explanation": "指新增的解释。"}]
    lines = sentences(minimal).glossary
    assert [l.split(".", 1)[0] for l in lines] == [str(i) for i in range(1, len(lines) + 1)]
    assert "4.一般公共服务支出（类）纪检监察事务（款）行政运行（项）：指行政单位的基本支出。" in lines
    assert any(l.endswith("基本支出：指本部门自定的解释。") for l in lines)
    assert lines[-1].endswith("专项业务费：指新增的解释。")


def test_data_can_name_a_code_the_catalogue_lacks(minimal):
    minimal["general_budget"]["items"][0]["code"] = "2019988"
    assert [f.rule for f in docgen.check(minimal)] == ["code-unknown"]
    minimal["codes"] = [{"code": "2019988", "name": "本地试点支出", "explanation": "指本地试点支出。"},
                        {"code": "20199", "name": "其他一般公共服务支出"}]
    lines = sentences(minimal).general_budget_items
    assert "其他一般公共服务支出（款）本地试点支出（项）" in lines[0]


def test_the_departments_own_shi_yi_shi_is_printed_as_written(minimal):
    """The 是一是 clean-up joins the pack's 原因是 to a reason written 一是…; the department's own
    words (主要做法是一是…) are never rewritten."""
    minimal["overview"]["key_work"] = ["主要做法是一是加强管理，二是节约开支。"]
    minimal["general_budget"]["items"][1]["reason"] = "主要做法是一是加强管理"
    minimal["income"]["total"]["change_reason"] = "一是人员增加，二是业务增加"
    context = docgen.prepare(minimal).context["s"]
    assert context.key_work[0] == "一是主要做法是一是加强管理，二是节约开支。"
    text = " ".join(str(v) for v in vars(context).values())
    assert "的主要原因是主要做法是一是加强管理" in text
    assert "主要变动原因一是人员增加" in text and "原因是一是" not in text
