"""The identities of domain.md §5 that the data can break.

Most identities hold by construction, because the model derives the total from its parts
(收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余; 本年收入合计 = Σ sources; 基本支出 =
人员经费 + 公用经费; “三公” = Σ categories; change, rate, completion and share): docs/rules.md
lists them. What remains are identities between figures typed separately: both sides of the
balance, a fund's carry-overs, and parts that cannot exceed their whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from . import ERROR, Found, RuleContext, amount, rule

ZERO = Decimal(0)


@rule("income-spending-balance", ERROR, "收入总计与支出总计相等", section="income_spending",
      example="收入总计421.06万元（本年收入合计421.06 + 使用非财政拨款结余0 + 年初结转和结余0）与支出总计"
              "429.51万元（本年支出合计429.51 + 结余分配0 + 年末结转和结余0）不相等，相差8.45万元：请核对年初结转和结余、"
              "年末结转和结余是否漏填")
def income_spending_balance(ctx: RuleContext) -> Iterator[Found]:
    """收入总计 (本年收入合计 + 使用非财政拨款结余 + 年初结转和结余) = 支出总计 (本年支出合计 + 结余分配 +
    年末结转和结余)."""
    f, r = ctx.figures, ctx.report
    if ctx.differ(f.income_total, f.spending_total):
        yield Found(
            "$.income",
            f"收入总计{amount(f.income_total)}万元（本年收入合计{amount(f.income_this_year)} + 使用非财政拨款结余"
            f"{amount(r.income.non_grant_balance_used)} + 年初结转和结余{amount(r.income.carry_over_start)}）与支出总计"
            f"{amount(f.spending_total)}万元（本年支出合计{amount(f.spending_this_year)} + 结余分配"
            f"{amount(r.spending.balance_distribution)} + 年末结转和结余{amount(r.spending.carry_over_end)}）不相等，"
            f"相差{amount(abs(f.income_total - f.spending_total))}万元：请核对年初结转和结余、年末结转和结余是否漏填",
            expected=f.spending_total, actual=f.income_total)


@rule("grant-balance", ERROR, "财政拨款收入总计与财政拨款支出总计相等", section="grants",
      example="财政拨款收入总计421.06万元（本年财政拨款收入421.06 + 年初财政拨款结转和结余0）与财政拨款支出总计"
              "429.51万元（本年财政拨款支出429.51 + 年末财政拨款结转和结余0）不相等，相差8.45万元")
def grant_balance(ctx: RuleContext) -> Iterator[Found]:
    """财政拨款收入总计 (本年财政拨款收入 + 年初财政拨款结转和结余) = 财政拨款支出总计 (一般公共预算、政府性基金、
    国有资本经营预算财政拨款支出 + 年末财政拨款结转和结余). With the two fund balances below, this also
    balances the 一般公共预算 part on its own."""
    f, r = ctx.figures, ctx.report
    if ctx.differ(f.grant_income_total, f.grant_spending_total):
        yield Found(
            "$.fiscal_grants",
            f"财政拨款收入总计{amount(f.grant_income_total)}万元（本年财政拨款收入{amount(r.income.sources.fiscal_grants)}"
            f" + 年初财政拨款结转和结余{amount(r.fiscal_grants.carry_over_start)}）与财政拨款支出总计"
            f"{amount(f.grant_spending_total)}万元（本年财政拨款支出{amount(f.grant_spending_this_year)} + "
            f"年末财政拨款结转和结余{amount(r.fiscal_grants.carry_over_end)}）不相等，"
            f"相差{amount(abs(f.grant_income_total - f.grant_spending_total))}万元",
            expected=f.grant_spending_total, actual=f.grant_income_total)


_FUNDS = (("government_fund", "政府性基金预算财政拨款", "government_fund_grant"),
          ("state_capital", "国有资本经营预算财政拨款", "state_capital_grant"))


@rule("fund-balance", ERROR, "政府性基金、国有资本经营预算财政拨款：年初结转 + 本年收入 − 本年支出 = 年末结转",
      example="政府性基金预算财政拨款年初结转和结余2.00 + 本年收入10.00 − 本年支出9.00 = 3.00万元，"
              "与年末结转和结余3.50万元不符")
def fund_balance(ctx: RuleContext) -> Iterator[Found]:
    """For each of 政府性基金 and 国有资本经营预算财政拨款: 年初结转和结余 + 本年收入 − 本年支出 =
    年末结转和结余 (the fund's 收入支出决算表, sections 八 and 九)."""
    for key, label, _ in _FUNDS:
        fund = getattr(ctx.report, key)
        expected = fund.carry_over_start + fund.income - fund.actual
        if ctx.differ(expected, fund.carry_over_end):
            yield Found(
                f"$.{key}.carry_over_end",
                f"{label}年初结转和结余{amount(fund.carry_over_start)} + 本年收入{amount(fund.income)} − 本年支出"
                f"{amount(fund.actual)} = {amount(expected)}万元，与年末结转和结余{amount(fund.carry_over_end)}万元不符",
                expected=expected, actual=fund.carry_over_end)


@rule("fund-income", ERROR, "政府性基金、国有资本经营预算财政拨款本年收入与收入决算一致",
      example="政府性基金预算财政拨款本年收入10.00万元，与收入决算中的政府性基金预算财政拨款收入12.00万元不一致")
def fund_income(ctx: RuleContext) -> Iterator[Found]:
    """A fund's 本年收入 (sections 八, 九) = the same fund's 财政拨款收入 among the income sources (section 二)."""
    sources = ctx.report.income.sources
    for key, label, source in _FUNDS:
        fund = getattr(ctx.report, key)
        stated = getattr(sources, source)
        if ctx.differ(fund.income, stated):
            yield Found(f"$.{key}.income",
                        f"{label}本年收入{amount(fund.income)}万元，与收入决算中的{label}收入{amount(stated)}万元不一致",
                        expected=stated, actual=fund.income)


def _wholes(ctx: RuleContext) -> Iterator[tuple[str, str, Decimal, str, Decimal]]:
    """(path, part's label, part, whole's label, whole) for every part-of-whole pair typed apart."""
    r, f = ctx.report, ctx.figures
    fg, gf, sc = r.fiscal_grants, r.government_fund, r.state_capital
    yield ("$.fiscal_grants.carry_over_start", "年初财政拨款结转和结余", fg.carry_over_start,
           "年初结转和结余", r.income.carry_over_start)
    yield ("$.fiscal_grants.carry_over_end", "年末财政拨款结转和结余", fg.carry_over_end,
           "年末结转和结余", r.spending.carry_over_end)
    yield ("$.government_fund.carry_over_start", "政府性基金与国有资本经营预算年初结转和结余之和",
           gf.carry_over_start + sc.carry_over_start, "年初财政拨款结转和结余", fg.carry_over_start)
    yield ("$.government_fund.carry_over_end", "政府性基金与国有资本经营预算年末结转和结余之和",
           gf.carry_over_end + sc.carry_over_end, "年末财政拨款结转和结余", fg.carry_over_end)
    yield ("$.general_budget", "本年财政拨款支出（一般公共预算、政府性基金、国有资本经营预算）",
           f.grant_spending_this_year, "本年支出合计", f.spending_this_year)
    yield ("$.basic_spending", "一般公共预算财政拨款基本支出", f.basic_total, "本年基本支出", r.spending.kinds.basic)
    rc = r.three_public_costs.reception
    yield ("$.three_public_costs.reception.foreign.amount", "外事接待支出", rc.foreign.amount,
           "国内公务接待支出（含外事接待）", rc.domestic.amount)
    p = r.procurement
    yield ("$.procurement.awarded_to_sme", "授予中小企业合同金额", p.awarded_to_sme, "政府采购支出总额", p.total)
    yield ("$.procurement.awarded_to_small_micro", "授予小微企业合同金额", p.awarded_to_small_micro,
           "授予中小企业合同金额", p.awarded_to_sme)
    for i, project in enumerate(r.performance.projects):
        e = project.evaluation
        if e is not None and e.funds_received is not None:
            yield (f"$.performance.projects[{i}].evaluation.funds_received", f"“{project.name}”资金到位数",
                   e.funds_received, "项目预算数", project.budget.total)


@rule("part-within-whole", ERROR, "部分不大于整体（财政拨款结转、基本支出、外事接待、中小企业合同、资金到位）",
      example="外事接待支出1.20万元大于国内公务接待支出（含外事接待）0.67万元")
def part_within_whole(ctx: RuleContext) -> Iterator[Found]:
    """A part typed apart from its whole is not larger than it: 财政拨款 carry-overs within all
    carry-overs, the funds' carry-overs within the grants', 本年财政拨款支出 within 本年支出合计,
    一般公共预算财政拨款基本支出 (section 六) within 本年基本支出, 外事接待 within 国内公务接待,
    中小企业 within 政府采购 and 小微企业 within 中小企业, a project's 资金到位数 within its budget."""
    for path, part_label, part, whole_label, whole in _wholes(ctx):
        if part - whole >= ctx.tolerance:
            yield Found(path, f"{part_label}{amount(part)}万元大于{whole_label}{amount(whole)}万元",
                        expected=whole, actual=part)


@rule("item-split", ERROR, "各项基本支出 + 项目支出 = 支出决算",
      example="行政运行（项）基本支出50.00 + 项目支出5.00 = 55.00万元，与支出决算60.00万元不符")
def item_split(ctx: RuleContext) -> Iterator[Found]:
    """Where a 项 of general-budget spending gives its 基本支出 and 项目支出, they add up to its
    支出决算; where it gives one of them, that one is not larger than the whole."""
    for i, item in enumerate(ctx.report.general_budget.items):
        name = ctx.function_name(item.code)
        path = f"$.general_budget.items[{i}]"
        if item.basic is not None and item.project is not None:
            total = item.basic + item.project
            if ctx.differ(total, item.actual):
                yield Found(f"{path}.project",
                            f"{name}（项）基本支出{amount(item.basic)} + 项目支出{amount(item.project)} = "
                            f"{amount(total)}万元，与支出决算{amount(item.actual)}万元不符",
                            expected=item.actual, actual=total)
            continue
        for key, label in (("basic", "基本支出"), ("project", "项目支出")):
            part = getattr(item, key)
            if part is not None and part - item.actual >= ctx.tolerance:
                yield Found(f"{path}.{key}", f"{name}（项）{label}{amount(part)}万元大于支出决算{amount(item.actual)}万元",
                            expected=item.actual, actual=part)
