"""Reasons: present wherever a sentence needs one, and not given for a change that did not happen.

Whether a sentence needs a reason is the wording's decision: the variant chosen from the numbers
(增加/减少 against last year, 0 → non-0, 决算数大于/小于预算数) holds ``{reason}``, and the phrasebook
reports ``reason-missing`` with the field's path when the data has none (:mod:`docgen.phrase.book`).
Its ``min_rate`` parameter sets the threshold: a change of less than ``min_rate`` percent needs no
reason, and its sentence takes the wording's ``…_minor`` variant (which names no reason).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from operator import attrgetter
from typing import Any

import ahocorasick_rs

from ..findings import Finding
from ..model import Report
from . import ERROR, WARNING, Found, RuleContext, amount, external, rule
from .walk import report_leaves

external("reason-missing", ERROR, "需要说明原因的句子缺少原因（变动、0变非0、决算数不等于预算数）", "docgen.phrase",
         params={"min_rate": Decimal(0)}, blocking=True,
         example="缺少原因说明：句式 phrases.variance.under 需要该内容",
         doc="The sentence variant chosen from the numbers holds {reason} and the data has none: a change "
             "against last year (增加/减少), last year 0 (0 → non-0), actual ≠ budget (大于/小于预算数). "
             "min_rate (%): a change smaller than this needs no reason; its sentence takes the "
             "wording's …_minor variant (default 0: every change needs one).")
external("text-missing", ERROR, "句子需要的文字内容缺失（如接待内容）", "docgen.phrase", blocking=True,
         example="缺少内容（purpose）：句式 phrases.three_public_costs.domestic 需要该内容",
         doc="A sentence variant needs a text the data lacks (the purpose of receptions, a glossary "
             "explanation for a code without one).")


def _unused(ctx: RuleContext) -> Iterator[tuple[str, str, str]]:
    """(path, what, why the sentence prints no reason) for each reason given without a change."""
    r, f = ctx.report, ctx.figures
    totals = (
        ("$.income.total.change_reason", r.income.total.change_reason, f.income_change, "收入总计"),
        ("$.spending.total.change_reason", r.spending.total.change_reason, f.spending_change, "支出总计"),
        ("$.fiscal_grants.income_total.change_reason", r.fiscal_grants.income_total.change_reason,
         f.grant_income_change, "财政拨款收入总计"),
        ("$.fiscal_grants.spending_total.change_reason", r.fiscal_grants.spending_total.change_reason,
         f.grant_spending_change, "财政拨款支出总计"),
        ("$.general_budget.total.change_reason", r.general_budget.total.change_reason, f.general_budget_change,
         "一般公共预算财政拨款支出"),
        ("$.operating_costs.change_reason", r.operating_costs.change_reason, f.operating_costs_change, "机关运行经费"),
    )
    for path, reason, change, what in totals:
        if reason and change.current == change.prior:
            yield path, what, f"与上年持平（均为{amount(change.current)}万元）"
    for key, what in (("government_fund", "政府性基金预算拨款支出"), ("state_capital", "国有资本经营预算拨款支出")):
        fund = getattr(r, key)
        if fund.change_reason and fund.actual == fund.prior_year:
            yield f"$.{key}.change_reason", what, f"与上年持平（均为{amount(fund.actual)}万元）"
    for i, item in enumerate(r.general_budget.items):
        if item.reason and item.actual == item.budget:
            yield (f"$.general_budget.items[{i}].reason", f"{ctx.function_name(item.code)}（项）",
                   f"决算数等于预算数（{amount(item.actual)}万元）")
    c = r.three_public_costs
    if c.variance_reason and c.actual == c.budget:
        yield "$.three_public_costs.variance_reason", "“三公”经费", f"决算数等于预算数（{amount(c.actual)}万元）"
    for key, what in (("travel_abroad", "因公出国（境）费"), ("reception", "公务接待费")):
        cost = getattr(c, key)
        if cost.change_reason and cost.actual == cost.prior_year:
            yield f"$.three_public_costs.{key}.change_reason", what, f"与上年持平（均为{amount(cost.actual)}万元）"
    vehicles = f.vehicles_change
    if vehicles.current == vehicles.prior:
        for key in ("vehicle_purchase", "vehicle_operation"):
            if getattr(c, key).change_reason:
                yield (f"$.three_public_costs.{key}.change_reason", "公务用车购置及运行维护费",
                       f"与上年持平（均为{amount(vehicles.current)}万元）")


@rule("reason-unused", WARNING, "给出了原因，但数字没有变动（原因不会印出，或数字有误）",
      example="收入总计与上年持平（均为100.00万元），句子不印出所填原因：请核对上年数或删去原因")
def reason_unused(ctx: RuleContext) -> Iterator[Found]:
    """A reason is given for a figure that did not change (this year = last year) or that equals its
    budget: the sentence prints no reason, so either the figures are wrong or the reason is left over."""
    for path, what, why in _unused(ctx):
        yield Found(path, f"{what}{why}，句子不印出所填原因：请核对数字或删去原因")


external("reason-unprinted", WARNING, "给出了原因，但报告没有印出（句式不含该原因，或该数字不需要原因）", "docgen.api",
         example="所填原因“加强公务用车管理，压减车辆运行费用”不会印在报告中",
         doc="A reason of the data (change_reason, reason, variance_reason) appears in none of the "
             "sentences phrased for the report: the region's wording has no place for it, or the figure "
             "it explains needs none. The officer who wrote it expects to read it; the finding names it.")

_REASON_FIELDS = ("change_reason", "reason", "variance_reason")


_SCALARS = frozenset({type(None), bool, int, float, Decimal})
_SKIP, _MAPPING, _SEQUENCE, _VARS = "skip", "mapping", "sequence", "vars"
_HOW: dict[type, Any] = {}
"""How a value of each type is entered: decided once per type (a context holds thousands of
values of a dozen types), an attrs class as the getter of its fields."""


def _how(kind: type) -> Any:
    how = _HOW.get(kind)
    if how is None:
        if issubclass(kind, Mapping):
            how = _MAPPING
        elif issubclass(kind, (list, tuple)):
            how = _SEQUENCE
        elif kind.__module__.startswith("docgen.model"):
            how = _SKIP  # the data itself (a report, a project) is not what was phrased
        elif hasattr(kind, "__attrs_attrs__"):  # attrs classes, slotted or not
            names = [a.name for a in kind.__attrs_attrs__]
            how = attrgetter(*names) if len(names) > 1 else (lambda value, name=names[0]: (getattr(value, name),))
        elif any("__call__" in vars(k) for k in kind.__mro__):
            how = _SKIP  # a callable (a function, a method, an object with __call__)
        else:
            how = _VARS
        _HOW[kind] = how
    return how


def _strings(value: Any) -> list[str]:
    """Every text of a phrased context (namespaces, attrs objects, mappings, lists), in no
    particular order.

    Walked with a stack rather than nested generators, and a text taken (a number skipped) where
    it is met, never pushed: a context holds some twenty thousand values (every cell of the
    performance tables), most of them widths and flags."""
    found: list[str] = []
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        value, depth = stack.pop()
        how = _HOW.get(type(value)) or _how(type(value))
        if how is _MAPPING:
            entries = value.values()
        elif how is _SEQUENCE:
            entries = value
        elif how is _SKIP:
            continue
        elif how is _VARS:
            if not hasattr(value, "__dict__"):
                continue
            entries = (vars(value),)
        else:
            entries = how(value)
        if depth == _DEPTH:  # deep enough for a table's cells (context → section → table → rows → cells)
            continue
        for entry in entries:
            if isinstance(entry, str):
                found.append(entry)
            elif type(entry) not in _SCALARS:  # most values of a table (widths, flags)
                stack.append((entry, depth + 1))
    return found


_DEPTH = 12
"""The deepest level of the context whose texts are read (the context itself is level 0)."""


def unprinted_reasons(report: Report, context: Mapping[str, Any], seen: Iterable[Finding] = ()) -> list[Finding]:
    """``reason-unprinted`` warnings for the reasons the phrased ``context`` does not hold (but not
    where a finding of ``seen`` already names the reason: ``reason-unused`` says why; nor where the
    pack's wording states no such figure: what the pack prints decides)."""
    named = {f.path for f in seen}
    sentences = context.get("s")
    named |= set(getattr(sentences, "unasked_reasons", ()))  # the pack states no such figure
    given = [leaf for leaf in report_leaves(report)
             if leaf.name in _REASON_FIELDS and isinstance(leaf.value, str) and leaf.value.strip()
             and leaf.path not in named]
    if not given:
        return []  # nothing to look for: the context is not read
    printed = _occurring({_as_printed(leaf.value) for leaf in given}, "\x00".join(_strings(context)))
    return [Finding("reason-unprinted", WARNING, leaf.path, f"所填原因“{leaf.value}”不会印在报告中：请核对句式或数字，"
                                                            "或删去该原因")
            for leaf in given if _as_printed(leaf.value) not in printed]


def _as_printed(reason: str) -> str:
    """What a sentence prints of a reason: without the spaces and the closing 。；; around it."""
    return reason.strip().rstrip("。；;")


_SEARCHED_ONE_BY_ONE = 2_000_000
"""Reasons times characters up to which each reason is looked for on its own (some 60 reasons in
a report of 30,000 characters): the automaton costs about as much to build as that many searches."""


def _occurring(texts: set[str], haystack: str) -> set[str]:
    """The ``texts`` that occur in ``haystack`` (the empty one always does), all found in one
    pass (an Aho–Corasick automaton): a search per reason grew with the reasons times the
    report's length."""
    wanted = sorted(t for t in texts if t)
    found = {""}
    if len(wanted) * len(haystack) <= _SEARCHED_ONE_BY_ONE:
        # A few reasons in a short report: one search each is quicker than building the automaton.
        return found | {t for t in wanted if t in haystack}
    if wanted and haystack:
        automaton = ahocorasick_rs.AhoCorasick(wanted, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        # As strings, not indexes: the indexes of a text beyond ASCII are counted in characters
        # through a table of some 22 bytes a character of the haystack (30 MB for a long report).
        found.update(automaton.find_matches_as_strings(haystack, overlapping=True))
    return found
