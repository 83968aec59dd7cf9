"""Figures stated twice: a total, rate or share the department printed against the one derived.

The model keeps a department's own figure only where a published report prints one that can
disagree (``stated_…`` fields): 类 totals, growth rates, 类 shares. Amounts disagree when they
differ by the tolerance or more. A stated rate is compared with the rate rounded half up to 2
places (how the report prints it: 6.28 / 26.39 is 23.80%, so a stated 23.79 disagrees); a stated
share with the exact share (the largest-remainder rounding that makes shares add up to 100 may
round either way).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..derive import Change
from . import ERROR, Found, RuleContext, amount, percent, rule

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def _sums_by_category(ctx: RuleContext) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for item in ctx.report.general_budget.items:
        sums[item.code[:3]] = sums.get(item.code[:3], ZERO) + item.actual
    return sums


@rule("class-sum", ERROR, "各类支出（结构情况）= 其下各项支出（具体情况）之和", section="general_budget",
      example="一般公共服务支出（类）列示386.49万元，其下各项（具体情况）合计382.48万元，相差4.01万元")
def class_sum(ctx: RuleContext) -> Iterator[Found]:
    """Each 类 total the department states (``general_budget.stated_category_totals``, printed in
    五（二）结构情况 and 图6) = the sum of the 项 under it (``general_budget.items``, printed one by one
    in 五（三）具体情况)."""
    sums = _sums_by_category(ctx)
    for code, stated in ctx.report.general_budget.stated_category_totals.items():
        derived = sums.get(code, ZERO)
        if ctx.differ(stated, derived):
            yield Found(f"$.general_budget.stated_category_totals.{code}",
                        f"{ctx.function_name(code)}（类）列示{amount(stated)}万元，其下各项（具体情况）合计"
                        f"{amount(derived)}万元，相差{amount(abs(stated - derived))}万元",
                        expected=derived, actual=stated)


@rule("general-budget-total", ERROR, "一般公共预算财政拨款支出合计（按类）= 各项支出之和",
      section="general_budget",
      example="一般公共预算财政拨款支出按各类列示合计429.51万元（五（一）、（二）、（三）及图5、图6所用），"
              "按各项合计425.51万元（完成预算比率据此计算），相差4.00万元")
def general_budget_total(ctx: RuleContext) -> Iterator[Found]:
    """Where 类 totals are stated, the report's 一般公共预算财政拨款支出 is their sum (printed in
    五（一）, （二）, （三） and figures 5 and 6); it must equal the sum of the 项 (the list of 五（三）,
    and the base of its completion rate). One finding for the whole, beside the ``class-sum``
    finding of each 类 that causes it: the total is printed in sentences of its own."""
    gb = ctx.report.general_budget
    if not gb.stated_category_totals:
        return
    printed = ctx.figures.general_budget_total
    items = gb.actual
    if ctx.differ(printed, items):
        yield Found("$.general_budget.stated_category_totals",
                    f"一般公共预算财政拨款支出按各类列示合计{amount(printed)}万元（五（一）、（二）、（三）及图5、图6所用），"
                    f"按各项合计{amount(items)}万元（完成预算比率据此计算），相差{amount(abs(printed - items))}万元",
                    expected=items, actual=printed)


def _stated_rates(ctx: RuleContext) -> Iterator[tuple[str, str, Decimal | None, Change]]:
    r, f = ctx.report, ctx.figures
    yield "$.income.total.stated_rate", "收入总计变动率", r.income.total.stated_rate, f.income_change
    yield "$.spending.total.stated_rate", "支出总计变动率", r.spending.total.stated_rate, f.spending_change
    yield ("$.fiscal_grants.income_total.stated_rate", "财政拨款收入总计变动率",
           r.fiscal_grants.income_total.stated_rate, f.grant_income_change)
    yield ("$.fiscal_grants.spending_total.stated_rate", "财政拨款支出总计变动率",
           r.fiscal_grants.spending_total.stated_rate, f.grant_spending_change)
    yield ("$.general_budget.total.stated_rate", "一般公共预算财政拨款支出变动率",
           r.general_budget.total.stated_rate, f.general_budget_change)
    yield ("$.operating_costs.stated_change_rate", "机关运行经费变动率", r.operating_costs.stated_change_rate,
           f.operating_costs_change)


@rule("stated-rate", ERROR, "列示的增长（下降）率 = 按金额计算的比率",
      example="机关运行经费变动率列示为23.79%，按金额计算为23.80%（变动6.28万元 ÷ 上年26.39万元）")
def stated_rate(ctx: RuleContext) -> Iterator[Found]:
    """A growth or decline rate the department states (``…stated_rate``, without sign) = |this
    year − last year| ÷ last year, rounded half up to 2 places (the rate the report prints). A
    stated rate where last year was 0 (no rate can be computed) is a finding too."""
    for path, label, stated, change in _stated_rates(ctx):
        if stated is None:
            continue
        computed = change.rate
        if computed is None:
            yield Found(path, f"{label}列示为{percent(stated)}%，但上年为0，不能计算增长率", expected=None, actual=stated)
        elif ctx.differ(stated, computed):
            yield Found(path, f"{label}列示为{percent(stated)}%，按金额计算为{percent(computed)}%（变动"
                              f"{amount(change.delta)}万元 ÷ 上年{amount(change.prior)}万元）",
                        expected=computed, actual=stated)


@rule("stated-share", ERROR, "列示的各类支出占比 = 按金额计算的占比", section="general_budget",
      example="卫生健康支出（类）占比列示为2.20%，按金额计算为2.13%（9.13 ÷ 429.51）")
def stated_share(ctx: RuleContext) -> Iterator[Found]:
    """A 类 share the department states (``general_budget.stated_category_shares``) = the 类's
    amount ÷ 一般公共预算财政拨款支出, as printed (the stated 类 total where given). The exact share is
    the reference: a share rounded up or down to 2 places agrees."""
    gb = ctx.report.general_budget
    if not gb.stated_category_shares:
        return
    sums = _sums_by_category(ctx)
    amounts = {code: gb.stated_category_totals.get(code, sums.get(code, ZERO))
               for code in set(sums) | set(gb.stated_category_totals)}
    total = sum(amounts.values(), ZERO)
    for code, stated in gb.stated_category_shares.items():
        part = amounts.get(code, ZERO)
        exact = part * HUNDRED / total if total else ZERO
        if ctx.differ(stated, exact):
            yield Found(f"$.general_budget.stated_category_shares.{code}",
                        f"{ctx.function_name(code)}（类）占比列示为{percent(stated)}%，按金额计算为"
                        f"{percent(exact)}%（{amount(part)} ÷ {amount(total)}）",
                        expected=exact.quantize(Decimal("0.0001")), actual=stated)
