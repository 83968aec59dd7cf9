"""Soft links (domain.md §5): figures of two classifications that usually agree. Warnings: they
hold for basic spending as a rule, but a department may have a reason for a difference."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from . import WARNING, Found, RuleContext, amount, rule

ZERO = Decimal(0)

LINKS = [
    ["30108", "2080505"],
    ["30110 30111", "21011"],
    ["30113", "2210201"],
]
"""[economic 款 (space-separated), functional codes or prefixes (space-separated)]: 养老保险缴费,
医疗保险缴费, 住房公积金."""


@rule("economic-functional-link", WARNING, "经济分类与功能分类中的同一支出一致（养老保险、医疗保险、住房公积金）",
      params={"pairs": LINKS},
      example="经济分类 30113 住房公积金 27.02万元，功能分类 2210201 住房公积金（项）14.14万元，两者通常相等：请核对")
def economic_functional_link(ctx: RuleContext) -> Iterator[Found]:
    """For each pair in ``pairs``: the basic-spending lines of the economic codes (30108
    机关事业单位基本养老保险缴费; 30110 职工基本医疗保险缴费 + 30111 公务员医疗补助缴费; 30113 住房公积金)
    add up to the general-budget 项 of the functional codes (2080505; 21011xx 行政事业单位医疗;
    2210201). Checked when either side has spending."""
    lines = ctx.report.basic_spending.lines
    items = ctx.report.general_budget.items
    for entry in ctx.params["pairs"]:
        economic, functional = entry[0].split(), tuple(entry[1].split())
        matched_lines = [(i, line) for i, line in enumerate(lines) if line.code in economic]
        matched_items = [(i, item) for i, item in enumerate(items) if item.code.startswith(functional)]
        left = sum((line.amount for _, line in matched_lines), ZERO)
        right = sum((item.actual for _, item in matched_items), ZERO)
        if (left or right) and ctx.differ(left, right):
            names_left = "、".join(f"{c} {ctx.economic_name(c)}" for c in economic)
            names_right = "、".join(f"{c} {ctx.function_name(c)}" for c in functional)
            path = (f"$.basic_spending.lines[{matched_lines[0][0]}].amount" if matched_lines
                    else f"$.general_budget.items[{matched_items[0][0]}].actual")
            yield Found(path, f"经济分类 {names_left} {amount(left)}万元，功能分类 {names_right}（项）{amount(right)}万元，"
                              "两者通常相等：请核对", expected=right, actual=left)


@rule("operating-costs-link", WARNING, "机关运行经费不超过基本支出中的公用经费",
      example="机关运行经费40.00万元大于一般公共预算财政拨款基本支出中的公用经费32.67万元")
def operating_costs_link(ctx: RuleContext) -> Iterator[Found]:
    """机关运行经费 (section 十（一）) is paid from the 公用经费 of basic spending (section 六: 302 and
    310 lines), so it is not larger than them."""
    actual, public = ctx.report.operating_costs.actual, ctx.figures.public_total
    if actual - public >= ctx.tolerance:
        yield Found("$.operating_costs.actual",
                    f"机关运行经费{amount(actual)}万元大于一般公共预算财政拨款基本支出中的公用经费{amount(public)}万元",
                    expected=public, actual=actual)


_THREE_PUBLIC = (("30212", "travel_abroad", "因公出国（境）费"), ("30217", "reception", "公务接待费"),
                 ("30231", "vehicle_operation", "公务用车运行维护费"), ("31013", "vehicle_purchase", "公务用车购置费"))


@rule("three-public-economic-link", WARNING, "基本支出中的“三公”科目不超过“三公”经费",
      example="基本支出中公务接待费（30217）0.90万元大于“三公”经费中的公务接待费0.67万元")
def three_public_economic_link(ctx: RuleContext) -> Iterator[Found]:
    """A “三公” category's economic line in basic spending (30212 因公出国（境）费用, 30217 公务接待费,
    30231 公务用车运行维护费, 31013 公务用车购置) is part of that category's “三公” actual (which may also
    include project spending), so it is not larger."""
    costs = ctx.report.three_public_costs
    for i, line in enumerate(ctx.report.basic_spending.lines):
        for code, key, label in _THREE_PUBLIC:
            if line.code == code:
                actual = getattr(costs, key).actual
                if line.amount - actual >= ctx.tolerance:
                    yield Found(f"$.basic_spending.lines[{i}].amount",
                                f"基本支出中{label}（{code}）{amount(line.amount)}万元大于“三公”经费中的{label}{amount(actual)}万元",
                                expected=actual, actual=line.amount)
