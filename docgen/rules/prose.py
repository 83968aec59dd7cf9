"""Numbers and directions inside the department's prose: reasons, purposes, evaluation reports.

A reason printed after “比上年增加17.34万元，主要原因是…” that says “减少” or names 12.00万元 makes
the paragraph contradict itself. The prose is read once per text (linear in its length): each
万元 amount, each percentage after a financial word (增长, 下降, 执行率, 占…) and each count of
projects is compared with the figures of the data and those derived from them, and the reason of a
change with the direction of that change.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from ..derive import Change, Completion, Direction, Variance
from . import ERROR, WARNING, Found, RuleContext, rule
from .walk import figure_numbers, report_leaves, texts

ZERO = Decimal(0)
TEN_THOUSAND = Decimal(10000)

_CHECKED = re.compile(r"(?:^|\.)(?:change_reason|reason|variance_reason|purpose|summary|overall_self_evaluation)$"
                      r"|\.evaluation\.\w+$|^\$\.performance\.overall_evaluation\.")
"""The texts read: reasons, purposes, a project's summary and evaluation report, the overall
evaluation. (Functions, key work and indicators state facts of their own.)"""

_NUMBER = re.compile(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)(万元|元|%|％|个项目|项项目)")
_FINANCIAL = re.compile(r"(?:增长|下降|增加|减少|上升|降低|执行率|支付率|到位率|预算完成率|完成预算|占|比重|比例|节约)"
                        r"[了为达至到约]{0,3}$")
"""Words before a percentage that make it a figure of the accounts (not 覆盖率达100% or 合格率98%)."""


def _decimal(token: str) -> Decimal | None:
    try:
        return Decimal(token)
    except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
        return None


class _Known:
    """The figures prose may name: amounts (万元), percentages, counts of projects."""

    def __init__(self, ctx: RuleContext):
        amounts: set[Decimal] = set()
        percents: set[Decimal] = {Decimal(100), ZERO}

        def take(name: str, value: object) -> None:
            if isinstance(value, Change):
                amounts.update((value.current, value.prior, value.delta))
                percents.add(value.rate)
            elif isinstance(value, Completion):
                amounts.update((value.actual, value.budget, abs(value.actual - value.budget)))
                percents.add(value.rate)
            elif isinstance(value, Decimal):
                (percents if "share" in name or "rate" in name else amounts).add(value)

        for name, value in figure_numbers(ctx.figures):
            take(name, value)
        for name, value in _inline(ctx):
            take(name, value)
        percents.discard(None)
        self.percents = sorted(percents)
        self.projects: list[tuple[list[Decimal], list[Decimal]]] = []
        for project in ctx.report.performance.projects:
            own_amounts, own_percents = _project_figures(project)
            with_own = list(self.percents)  # the report's rates sorted once, a project's few put in place
            for rate in own_percents - percents:
                bisect.insort(with_own, rate)
            self.projects.append((sorted(own_amounts), with_own))
        for leaf in report_leaves(ctx.report):
            if isinstance(leaf.value, Decimal) and not leaf.path.startswith("$.performance.projects["):
                amounts.add(leaf.value)
        self.amounts = sorted(amounts)
        p = ctx.report.performance
        self.counts = {len(p.projects), p.goals_set, p.monitored, p.self_evaluated, len(p.ex_ante_assessed)}

    @staticmethod
    def near(value: Decimal, known: list[Decimal], tolerance: Decimal) -> bool:
        """Whether a known figure lies within ``tolerance`` of ``value`` (equal when it is 0)."""
        i = bisect.bisect_left(known, value - tolerance)
        if i == len(known):
            return False
        return known[i] - value < tolerance if tolerance else known[i] == value


def _project_figures(project) -> tuple[set[Decimal], set[Decimal]]:
    """A project's own amounts and rates: budget and execution (their parts, the difference), the
    funds received, 执行率, 到位率 and 支付率."""
    b, e = project.budget, project.execution
    amounts = {b.total, e.total, b.total - e.total, b.total - b.grant, b.grant, e.grant}
    amounts.update(x for x in (b.other, b.carried_over, e.other, e.carried_over, project.initial_budget) if x is not None)
    evaluation = project.evaluation
    received = evaluation.funds_received if evaluation and evaluation.funds_received is not None else b.total
    amounts.add(received)
    percents = {e.total * 100 / whole for whole in (b.total, received) if whole}
    percents.update(received * 100 / whole for whole in (b.total,) if whole)
    return amounts, percents


_PROJECT = re.compile(r"^\$\.performance\.projects\[(\d+)\]")


def _inline(ctx: RuleContext) -> Iterator[tuple[str, object]]:
    """Changes and completions the sentences compute from the model (per 项, category, fund)."""
    r = ctx.report
    for item in r.general_budget.items:
        yield "item", Completion(item.actual, item.budget)
    for cost in r.three_public_costs.categories:
        yield "category", Completion(cost.actual, cost.budget)
        yield "category", Change(cost.actual, cost.prior_year)
    for fund in (r.government_fund, r.state_capital):
        yield "fund", Completion(fund.actual, fund.budget)
        yield "fund", Change(fund.actual, fund.prior_year)


_MOVED = re.compile(r"(?:增加|减少|增长|下降|上升|降低|节约|超支|多|少)了?$")
"""A direction word just before a number: in a reason, that number is the change it explains."""


def _is_its_change(value: Decimal, unit: str, figure: Change | Completion, tolerance: Decimal) -> bool:
    """Whether ``value`` (in ``unit``) is the change of ``figure`` (its amount or its rate)."""
    if isinstance(figure, Change):
        delta, rate = figure.delta, figure.rate
    else:
        delta, rate = abs(figure.actual - figure.budget), (abs(figure.actual - figure.budget) * 100 / figure.budget
                                                            if figure.budget else None)
    if unit in ("万元", "元"):
        return abs((value / TEN_THOUSAND if unit == "元" else value) - delta) < max(tolerance, Decimal("0.000001"))
    if unit in ("%", "％"):
        places = max(0, -value.as_tuple().exponent)
        return rate is not None and abs(value - rate) <= max(Decimal(1).scaleb(-places) / 2, Decimal("0.01"))
    return True


def _excerpt(text: str, start: int, end: int, width: int = 14) -> str:
    head = "…" if start > width else ""
    tail = "…" if end + width < len(text) else ""
    return f"{head}{text[max(0, start - width):end + width]}{tail}"


@rule("text-number", ERROR, "原因、用途和绩效评价文字中的金额、比率、项目个数与数据一致",
      example="文字中的“12.34万元”不是数据中的金额，也不能由数据算出：…比上年增加12.34万元，主要是…")
def text_number(ctx: RuleContext) -> Iterator[Found]:
    """Every amount in 万元 (or 元), every percentage after a financial word (增长, 下降, 执行率, 支付率,
    到位率, 完成预算, 占 …) and every count of projects (4个项目) written in a reason, a reception's
    purpose, a project's summary or evaluation report, or the overall evaluation is a figure of the
    data or one derived from it (a total, a change, a rate, a project's budget, execution or
    执行率), within the tolerance (a percentage: to 0.01 point once rounded as written). A project's
    summary and evaluation report are held to that project's own figures (budget, execution, funds
    received and their rates), not another project's. In a reason,
    a number right after a direction word (增加12.00万元, 下降5%) is the change that reason explains:
    that change's amount or rate, not just any figure. Numbers in other units (万亩, 人, 次) and
    percentages of outcomes (覆盖率达100%) are the department's own."""
    known: _Known | None = None  # what the data gives, gathered at the first number met (most texts hold none)
    own: dict[str, Change | Completion] = {}
    tolerance = ctx.tolerance
    for leaf in texts(ctx.report):
        if not _CHECKED.search(leaf.path):
            continue
        text = leaf.value
        for match in _NUMBER.finditer(text):
            value, unit = _decimal(match.group(1)), match.group(2)
            if value is None:
                continue
            if known is None:
                known = _Known(ctx)
                own = {path: figure for path, _, figure, _ in reason_figures(ctx)}
            project = _PROJECT.match(leaf.path)
            amounts, percents = known.projects[int(project.group(1))] if project else (known.amounts, known.percents)
            if unit in ("万元", "元"):
                ok = known.near(value / TEN_THOUSAND if unit == "元" else value, amounts, tolerance)
                what = "金额"
            elif unit in ("%", "％"):
                if not _FINANCIAL.search(text[max(0, match.start() - 8):match.start()]):
                    continue
                places = -value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0
                step = Decimal(1).scaleb(-places) / 2 + Decimal("0.0001")
                ok = known.near(value, percents, max(step, Decimal("0.01")))
                what = "比率"
            else:
                ok = int(value) in known.counts
                what = "项目个数"
            figure = own.get(leaf.path)
            if ok and figure is not None and _MOVED.search(text[max(0, match.start() - 4):match.start()]):
                ok = _is_its_change(value, unit, figure, tolerance)
                what = "变动额" if unit in ("万元", "元") else "变动率" if unit in ("%", "％") else what
            if not ok:
                yield Found(leaf.path, f"文字中的“{match.group()}”不是数据中的{what}，也不能由数据算出："
                                       f"{_excerpt(text, match.start(), match.end())}", actual=match.group())


_UP = "增加|增长|上升|提高|新增|增多|扩大|上涨|超支|增支"
_DOWN = "减少|下降|降低|节约|压减|缩减|节省|核减|压缩|减支|下调|精简"
_WORD = re.compile(rf"(?<![不未无没])(?<!未能)(?<!不能)(?<!没有)(?:{_UP}|{_DOWN})")
_UP_WORDS = frozenset(_UP.split("|"))


def reason_figures(ctx: RuleContext) -> Iterator[tuple[str, str | None, Change | Completion, str]]:
    """(path, reason, the Change or Completion it explains, what) for each reason of the data."""
    r, f = ctx.report, ctx.figures
    fg = r.fiscal_grants
    yield "$.income.total.change_reason", r.income.total.change_reason, f.income_change, "收入总计"
    yield "$.spending.total.change_reason", r.spending.total.change_reason, f.spending_change, "支出总计"
    yield ("$.fiscal_grants.income_total.change_reason", fg.income_total.change_reason, f.grant_income_change,
           "财政拨款收入总计")
    yield ("$.fiscal_grants.spending_total.change_reason", fg.spending_total.change_reason,
           f.grant_spending_change, "财政拨款支出总计")
    yield ("$.general_budget.total.change_reason", r.general_budget.total.change_reason, f.general_budget_change,
           "一般公共预算财政拨款支出")
    yield "$.operating_costs.change_reason", r.operating_costs.change_reason, f.operating_costs_change, "机关运行经费"
    for key, what in (("government_fund", "政府性基金预算财政拨款支出"), ("state_capital", "国有资本经营预算财政拨款支出")):
        fund = getattr(r, key)
        yield f"$.{key}.change_reason", fund.change_reason, Change(fund.actual, fund.prior_year), what
    c = r.three_public_costs
    for key, what in (("travel_abroad", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
                      ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费")):
        cost = getattr(c, key)
        yield f"$.three_public_costs.{key}.change_reason", cost.change_reason, Change(cost.actual, cost.prior_year), what
    yield "$.three_public_costs.variance_reason", c.variance_reason, f.three_public_completion, "“三公”经费（对预算）"
    for i, item in enumerate(r.general_budget.items):
        yield (f"$.general_budget.items[{i}].reason", item.reason, Completion(item.actual, item.budget),
               f"{ctx.function_name(item.code)}（项）（对预算）")


def went_up(figure: Change | Completion) -> bool | None:
    """Whether a figure rose (against last year or its budget); ``None`` when it did not move."""
    if isinstance(figure, Change):
        return {Direction.INCREASE: True, Direction.FROM_ZERO: True, Direction.DECREASE: False}.get(figure.direction)
    return {Variance.OVER: True, Variance.NO_BUDGET: True, Variance.UNDER: False}.get(figure.variance)


def _reasons(ctx: RuleContext) -> Iterator[tuple[str, str | None, bool | None, str]]:
    """(path, reason, figure went up (None: neither), what) for each reason with a direction."""
    for path, reason, figure, what in reason_figures(ctx):
        yield path, reason, went_up(figure), what


@rule("reason-direction", WARNING, "原因中的增减方向与它解释的变动相反（支出减少却说“接待增加”）",
      example="公务接待费比上年减少，但所填原因只讲增加：“承办全省农业农村现场会，接待批次增加”")
def reason_direction(ctx: RuleContext) -> Iterator[Found]:
    """A reason for a change against last year (or for actual against budget) whose direction words
    (增加/增长/上升/新增/超支 … or 减少/下降/节约/压减/缩减 …, not after 不/未/无/没/未能/不能/没有) all point the other
    way from the change it explains. A reason with words of both directions, or of none, is left
    alone: it may well explain why a figure moved as it did."""
    for path, reason, went_up, what in _reasons(ctx):
        if not reason or went_up is None:
            continue
        words = {m.group() in _UP_WORDS for m in _WORD.finditer(reason)}
        if words == {not went_up}:
            change = "增加" if went_up else "减少"
            side = "多于预算" if "预算" in what and went_up else "少于预算" if "预算" in what else f"比上年{change}"
            said = "减少、节约" if went_up else "增加"
            yield Found(path, f"{what}{side}，但所填原因只讲{said}：“{reason}”", actual=reason)
