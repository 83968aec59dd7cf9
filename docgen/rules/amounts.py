"""Amounts that cannot be, or that a reader will question: negatives, overspent “三公” budgets,
projects executed beyond their budget, counts that disagree with their amounts."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator
from decimal import Decimal

from . import ERROR, WARNING, Found, RuleContext, amount, percent, rule
from .walk import amounts

ZERO = Decimal(0)


@rule("negative-amount", ERROR, "金额不能为负数", params={"allow": []},
      example="金额为负数（-5.00万元）：决算金额、预算数、结转结余都不能为负，减少的方向由句子说明")
def negative_amount(ctx: RuleContext) -> Iterator[Found]:
    """No amount of the input is negative: actuals, budgets, last year's figures, carry-overs,
    counts' amounts, project funds, scores. A sentence never prints a negative amount — the verb
    carries the direction (增加/减少). ``allow`` lists JSON paths (``*`` wildcards) that may be
    negative, for a region whose accounts allow it (for example ``$.spending.balance_distribution``)."""
    allowed = ctx.params["allow"]
    for leaf in amounts(ctx.report):
        if leaf.value < 0 and not any(fnmatch.fnmatchcase(leaf.path, p) for p in allowed):
            yield Found(leaf.path, f"金额为负数（{leaf.value}）：决算金额、预算数、结转结余都不能为负，减少的方向由句子说明",
                        expected=ZERO, actual=leaf.value)


@rule("three-public-over-budget", WARNING, "“三公”经费决算数超过预算数",
      example="公务接待费决算1.20万元超过预算0.90万元（完成预算133.33%）")
def three_public_over_budget(ctx: RuleContext) -> Iterator[Found]:
    """“三公”经费 as a whole, and each category (因公出国（境）, 公务用车购置, 公务用车运行维护, 公务接待), spent
    no more than its budget. Over budget is allowed but questioned; the sentence then needs a
    reason (``reason-missing``)."""
    c = ctx.report.three_public_costs
    parts = (("$.three_public_costs", "“三公”经费", c.actual, c.budget),
             ("$.three_public_costs.travel_abroad.actual", "因公出国（境）费", c.travel_abroad.actual, c.travel_abroad.budget),
             ("$.three_public_costs.vehicle_purchase.actual", "公务用车购置费", c.vehicle_purchase.actual,
              c.vehicle_purchase.budget),
             ("$.three_public_costs.vehicle_operation.actual", "公务用车运行维护费", c.vehicle_operation.actual,
              c.vehicle_operation.budget),
             ("$.three_public_costs.reception.domestic.amount", "公务接待费", c.reception.actual, c.reception.budget))
    for path, label, actual, budget in parts:
        if actual - budget >= ctx.tolerance:
            rate = f"完成预算{percent(actual * 100 / budget)}%" if budget else "年初未安排预算"
            yield Found(path, f"{label}决算{amount(actual)}万元超过预算{amount(budget)}万元（{rate}）",
                        expected=budget, actual=actual)


@rule("project-over-budget", WARNING, "项目执行数超过预算数",
      example="“巡察信息化建设及维护”执行数12.00万元超过预算数10.00万元")
def project_over_budget(ctx: RuleContext) -> Iterator[Found]:
    """A project with performance goals executed no more than its budget, in total and in its
    fiscal-grant part (项目支出绩效目标完成情况表: 执行数 ≤ 预算数)."""
    for i, project in enumerate(ctx.report.performance.projects):
        b, e = project.budget, project.execution
        path = f"$.performance.projects[{i}].execution"
        if e.total - b.total >= ctx.tolerance:
            yield Found(f"{path}.grant", f"“{project.name}”执行数{amount(e.total)}万元超过预算数{amount(b.total)}万元",
                        expected=b.total, actual=e.total)
        elif e.grant - b.grant >= ctx.tolerance:
            yield Found(f"{path}.grant", f"“{project.name}”财政拨款执行数{amount(e.grant)}万元超过财政拨款预算数"
                                         f"{amount(b.grant)}万元", expected=b.grant, actual=e.grant)


def _counted(ctx: RuleContext) -> Iterator[tuple[str, str, int, str, Decimal]]:
    c = ctx.report.three_public_costs
    yield ("$.three_public_costs.travel_abroad", "因公出国（境）团组", c.travel_abroad.groups, "次",
           c.travel_abroad.actual)
    yield ("$.three_public_costs.vehicle_purchase", "更新购置公务用车", c.vehicle_purchase.vehicles, "辆",
           c.vehicle_purchase.actual)
    yield ("$.three_public_costs.reception.domestic", "国内公务接待", c.reception.domestic.batches, "批次",
           c.reception.domestic.amount)
    yield ("$.three_public_costs.reception.foreign", "外事接待", c.reception.foreign.batches, "批次",
           c.reception.foreign.amount)


@rule("count-amount", WARNING, "次数、辆数与金额一致（有金额无次数，或有次数无金额）",
      example="国内公务接待支出0.67万元，但接待批次为0")
def count_amount(ctx: RuleContext) -> Iterator[Found]:
    """A “三公” amount and its count are both zero or both not: 因公出国（境） and its 团组, 公务用车购置
    and the vehicles bought, 国内 and 外事接待 and their 批次."""
    for path, label, count, unit, value in _counted(ctx):
        if value != 0 and count == 0:
            yield Found(path, f"{label}支出{amount(value)}万元，但{label}{unit}数为0", actual=count)
        elif value == 0 and count != 0:
            yield Found(path, f"{label}{count}{unit}，但支出为0万元", actual=value)
