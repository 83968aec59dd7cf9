"""Sentences by their anchor words: each figure where the wording puts it, recomputed from the
model; direction words against the sign of the change; parts against their whole."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal

from ..derive import Change, Completion, Direction, Variance
from ..figures import Figures
from ..formatting import round_half_up
from .common import HUNDREDTH, SEP, ZERO, N, anchor_starts, same, three_public_parts, vehicles

Check = Callable[[re.Match], str | None]
"""A check of one anchor match: ``None`` when right, else what is wrong."""


def _amount(group: int, expected: Decimal, what: str) -> Check:
    def check(m: re.Match) -> str | None:
        return None if same(m.group(group), expected) else f"{what} should be {round_half_up(expected, HUNDREDTH)}"
    return check


def _change(change: Change, what: str, words: tuple[str, str] = ("增加", "减少"),
            rate_words: tuple[str, str] = ("增长", "下降")) -> Check:
    """``(增加|减少)N万元(，(增长|下降)N%)?``: the direction, the amount and the rate of ``change``."""
    def check(m: re.Match) -> str | None:
        up = change.direction in (Direction.INCREASE, Direction.FROM_ZERO)
        if change.direction == Direction.EQUAL:
            return f"{what} did not change, but the sentence says {m.group(1)}"
        if m.group(1) != words[0 if up else 1]:
            return f"{what} went {'up' if up else 'down'}, but the sentence says {m.group(1)}"
        if not same(m.group(2), change.delta):
            return f"{what}: the change should be {round_half_up(change.delta, HUNDREDTH)}"
        if m.group(3) is not None:
            if m.group(3) != rate_words[0 if up else 1]:
                return f"{what} went {'up' if up else 'down'}, but the sentence says {m.group(3)}"
            if not same(m.group(4), change.rate):
                return f"{what}: the rate should be {change.rate}"
        return None
    return check


def _completion(completion: Completion, what: str, rate_group: int = 1, word_group: int | None = None) -> Check:
    """``完成预算N%`` (and ``决算数大于/小于/等于预算数``) of ``completion``."""
    def check(m: re.Match) -> str | None:
        if not same(m.group(rate_group), completion.rate):
            return f"{what}: 完成预算 should be {completion.rate}%"
        if word_group is not None and m.group(word_group):
            word = {Variance.OVER: "大于", Variance.UNDER: "小于", Variance.EQUAL: "等于",
                    Variance.NO_BUDGET: "大于"}[completion.variance]
            if m.group(word_group) != word:
                return f"{what}: 决算数{word}预算数, but the sentence says {m.group(word_group)}"
        return None
    return check


def _all(*checks: Check) -> Check:
    def check(m: re.Match) -> str | None:
        return next((p for p in (c(m) for c in checks) if p), None)
    return check


class _Anchors:
    """(pattern, [check per occurrence, in order]) of the report's sentences, built from the model."""

    def __init__(self, figures: Figures):
        self.figures, self.report = figures, figures.report
        self.entries: list[tuple[re.Pattern, list[Check], str]] = []
        self.paragraph_rules: list[tuple[str, dict[str, tuple[Decimal, Decimal]], str, str]] = []

    def add(self, pattern: str, checks: Check | list[Check], what: str) -> None:
        self.entries.append((re.compile(pattern), checks if isinstance(checks, list) else [checks], what))

    def build(self) -> "_Anchors":
        self._totals()
        self._structures()
        self._general_budget()
        self._three_public()
        self._others()
        return self

    def _totals(self) -> None:
        f = self.figures
        self.add(rf"收入总计(?<!财政拨款收入总计){N}万元、支出总计{N}万元",
                 _all(_amount(1, f.income_total, "收入总计"), _amount(2, f.spending_total, "支出总计")), "收入、支出总计")
        self.add(rf"财政拨款收入总计{N}万元、支出总计{N}万元",
                 _all(_amount(1, f.grant_income_total, "财政拨款收入总计"),
                      _amount(2, f.grant_spending_total, "财政拨款支出总计")), "财政拨款收入、支出总计")
        change = rf"(增加|减少){N}万元(?:，(增长|下降){N}%)?"
        self.add(rf"收入总计(?<!财政拨款收入总计){change}", _change(f.income_change, "收入总计"), "收入总计变动")
        self.add(rf"财政拨款收入总计{change}", _change(f.grant_income_change, "财政拨款收入总计"), "财政拨款收入总计变动")
        self.add(rf"相比，收入总计[^{SEP}]*?；支出总计{change}", _change(f.spending_change, "支出总计"), "支出总计变动")
        self.add(rf"相比，财政拨款收入总计[^{SEP}]*?；支出总计{change}", _change(f.grant_spending_change, "财政拨款支出总计"),
                 "财政拨款支出总计变动")
        self.add(rf"与\d{{4}}年相比，一般公共预算财政拨款支出{change}",
                 _change(f.general_budget_change, "一般公共预算财政拨款支出"), "一般公共预算财政拨款支出变动")

    def _structures(self) -> None:
        f = self.figures
        income = dict(zip(("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入",
                           "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"),
                          ((p.amount, p.share) for p in f.income_parts)))
        grants = f.income_parts_grants_as_one[0]
        income["财政拨款收入"] = (grants.amount, grants.share)  # 上海 二: the three as one part
        spending = dict(zip(("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
                            ((p.amount, p.share) for p in f.spending_parts)))
        self.add(rf"本年收入合计{N}万元", _amount(1, f.income_this_year, "本年收入合计"), "本年收入合计")
        self.add(rf"本年支出合计{N}万元", _amount(1, f.spending_this_year, "本年支出合计"), "本年支出合计")
        self._paragraph_parts("本年收入合计", income, "收入结构")
        self._paragraph_parts("本年支出合计", spending, "支出结构")
        categories = {c.code.name: (c.amount, c.share) for c in f.categories}
        self._paragraph_parts("主要用于以下方面", categories, "一般公共预算财政拨款支出结构", infix="(?:（类）)?")
        labels = ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")
        three = {label: (p.amount, p.share) for label, p in zip(labels, three_public_parts(self.report))}
        self._paragraph_parts("“三公”经费财政拨款支出决算中", three, "“三公”经费结构", infix="支出决算")

    def _paragraph_parts(self, lead: str, labels: dict[str, tuple[Decimal, Decimal]], what: str,
                         infix: str = "") -> None:
        """In a paragraph holding ``lead``: each ``label{infix}N万元，占N%`` against its amount and share."""
        self.paragraph_rules.append((lead, labels, what, infix))

    def _general_budget(self) -> None:
        f, r = self.figures, self.report
        self.add(rf"一般公共预算财政拨款支出{N}万元，占本年支出合计的{N}%",
                 _all(_amount(1, f.general_budget_total, "一般公共预算财政拨款支出"),
                      lambda m: None if same(m.group(2), f.general_budget_share) else
                      f"一般公共预算财政拨款支出占本年支出合计 should be {f.general_budget_share}%"), "一般公共预算财政拨款支出")
        self.add(rf"一般公共预算财政拨款支出决算数为{N}万元，完成预算{N}%",
                 _all(_amount(1, f.general_budget_total, "一般公共预算财政拨款支出决算数"),
                      _completion(f.general_budget_completion, "一般公共预算财政拨款支出", 2)), "完成预算")
        items = [_all(_amount(1, item.actual, f"{item.code} 支出决算"),
                      _completion(Completion(item.actual, item.budget), f"{item.code}", 2, 3))
                 for item in r.general_budget.items]
        # 年初未安排预算 takes the place of 完成预算…% where the budget is 0: one match per 项 all the same
        self.add(rf"（项）：支出决算为{N}万元，(?:完成预算{N}%)?[^，{SEP}]*，(?:决算数(大于|小于|等于)预算数)?", items,
                 "各项支出")
        self.add(rf"基本支出{N}万元，其中：", _amount(1, f.basic_total, "一般公共预算财政拨款基本支出"), "基本支出")
        self.add(rf"人员经费{N}万元", _amount(1, f.personnel_total, "人员经费"), "人员经费")
        self.add(rf"日常公用经费{N}万元", _amount(1, f.public_total, "日常公用经费"), "公用经费")

    def _three_public(self) -> None:
        r = self.report
        c = r.three_public_costs
        self.add(rf"“三公”经费财政拨款支出决算为{N}万元，完成预算{N}%，决算数(大于|小于|等于)预算数",
                 _all(_amount(1, c.actual, "“三公”经费"), _completion(Completion(c.actual, c.budget), "“三公”经费", 2, 3)),
                 "“三公”经费")
        change = rf"(增加|减少){N}万元(?:，(增长|下降){N}%)?"
        for label, subject, completion, change_of, what in (
                ("因公出国（境）经费支出", "因公出国（境）支出决算", Completion(c.travel_abroad.actual, c.travel_abroad.budget),
                 Change(c.travel_abroad.actual, c.travel_abroad.prior_year), "因公出国（境）费"),
                ("公务用车购置及运行维护费支出", "公务用车购置及运行维护费支出决算", *vehicles(r),
                 "公务用车购置及运行维护费"),
                ("公务接待费支出", "公务接待费支出决算", Completion(c.reception.actual, c.reception.budget),
                 Change(c.reception.actual, c.reception.prior_year), "公务接待费")):
            self.add(rf"{label}{N}万元，完成预算{N}%",
                     _all(_amount(1, completion.actual, what), _completion(completion, what, 2)), what)
            self.add(rf"{subject}比\d{{4}}年{change}", _change(change_of, what), f"{what}变动")
        self.add(rf"公务用车购置支出{N}万元", _amount(1, c.vehicle_purchase.actual, "公务用车购置费"), "公务用车购置费")
        self.add(rf"公务用车运行维护费支出{N}万元", _amount(1, c.vehicle_operation.actual, "公务用车运行维护费"),
                 "公务用车运行维护费")
        self.add(rf"国内公务接待支出(?<!其他国内公务接待支出){N}万元", _amount(1, c.reception.domestic.amount, "国内公务接待"), "国内公务接待")
        self.add(rf"外事接待支出{N}万元", _amount(1, c.reception.foreign.amount, "外事接待"), "外事接待")
        self.add(rf"其他国内公务接待支出{N}万元", _amount(1, c.reception.other_domestic, "其他国内公务接待"),
                 "其他国内公务接待")
        self.add(rf"团组{N}次，出国（境）{N}人",
                 _all(_amount(1, Decimal(c.travel_abroad.groups), "团组"),
                      _amount(2, Decimal(c.travel_abroad.people), "出国（境）人数")), "因公出国（境）团组")
        self.add(rf"更新购置公务用车{N}辆", _amount(1, Decimal(c.vehicle_purchase.vehicles), "购置公务用车"), "购置公务用车")

    def _others(self) -> None:
        f, r = self.figures, self.report
        for key, label in (("government_fund", "政府性基金预算拨款支出"), ("state_capital", "国有资本经营预算拨款支出")):
            fund = getattr(r, key)
            completion = Completion(fund.actual, fund.budget)
            self.add(rf"{label}{N}万元，完成预算{N}%", _all(_amount(1, fund.actual, label), _completion(completion, label, 2)),
                     label)
            self.add(rf"{label}(增加|减少){N}万元(?:，(增长|下降){N}%)?", _change(Change(fund.actual, fund.prior_year), label),
                     f"{label}变动")
        oc = f.operating_costs_change
        self.add(rf"机关运行经费支出{N}万元", _amount(1, oc.current, "机关运行经费"), "机关运行经费")
        self.add(rf"机关运行经费支出[0-9.]+万元，比\d{{4}}年(增加|减少){N}万元(?:，(增长|下降){N}%)?", _change(oc, "机关运行经费"),
                 "机关运行经费变动")
        p = r.procurement
        for label, value in (("政府采购支出总额", p.total), ("政府采购货物支出", p.goods), ("政府采购工程支出", p.works),
                             ("政府采购服务支出", p.services), ("授予中小企业合同金额", p.awarded_to_sme),
                             ("授予小微企业合同金额", p.awarded_to_small_micro)):
            self.add(rf"{label}{N}万元", _amount(1, value, label), label)
        for label, part in (("授予中小企业合同金额", p.awarded_to_sme), ("授予小微企业合同金额", p.awarded_to_small_micro)):
            share = part * 100 / p.total if p.total else ZERO
            self.add(rf"{label}[0-9.]+万元，占政府采购支出总额的{N}%",
                     lambda m, share=share, label=label: None if same(m.group(1), share)
                     else f"{label}占政府采购支出总额 should be {share}%", f"{label}占比")
        v = r.assets.vehicles
        self.add(rf"共有车辆{N}辆", _amount(1, Decimal(v.total), "车辆"), "车辆")
        self.add(rf"共有公务用车{N}辆", _amount(1, Decimal(v.total), "公务用车"), "公务用车")
        for label, count in (("主要领导干部用车", v.leaders), ("机要通信用车", v.confidential), ("应急保障用车", v.emergency),
                             ("执法执勤用车", v.law_enforcement), ("特种专业技术用车", v.special_technical)):
            self.add(rf"{label}{N}辆", [_amount(1, Decimal(count), label)] * 4, label)
        pm = r.performance
        for pattern, value, what in ((rf"对{N}个项目编制了绩效目标", pm.goals_set, "编制绩效目标项目"),
                                     (rf"选取{N}个项目开展绩效监控", pm.monitored, "绩效监控项目"),
                                     (rf"对{N}个项目开展了绩效目标完成情况自评", pm.self_evaluated, "自评项目"),
                                     (rf"等{N}个项目绩效目标实际完成情况", len(pm.projects), "所列项目")):
            self.add(pattern, _amount(1, Decimal(value), what), what)
        projects = [_all(_amount(1, p.budget.total, f"“{p.name}”预算数"), _amount(2, p.execution.total, f"“{p.name}”执行数"),
                         _completion(Completion(p.execution.total, p.budget.total), f"“{p.name}”", 3))
                    for p in pm.projects]
        self.add(rf"项目全年预算数{N}万元，执行数为{N}万元，(?:完成预算的{N}%)?", projects, "项目完成情况")


def _matches(patterns: Sequence[re.Pattern], text: str) -> Iterator[Iterator[re.Match]]:
    """Each pattern's matches in ``text``, as ``finditer`` finds them. A pattern that begins with
    a literal text is tried only where that text stands, all such places found in one pass (an
    Aho–Corasick automaton, :func:`~docgen.placement.common.anchor_starts`): some fifty patterns,
    each a pass over the whole text otherwise."""
    leads = [_lead(pattern.pattern) for pattern in patterns]
    indexed = sorted({lead for lead in leads if lead})
    places: dict[str, list[int]] = {lead: [] for lead in indexed}
    if indexed and text:
        for which, start in anchor_starts(text, indexed):
            places[indexed[which]].append(start)
    for pattern, lead in zip(patterns, leads):
        yield _matches_at(pattern, text, places[lead]) if lead else pattern.finditer(text)


def _matches_at(pattern: re.Pattern, text: str, places: Sequence[int]) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` when every match begins at one of ``places`` (in order)."""
    at = 0
    for place in places:
        if place >= at and (m := pattern.match(text, place)):
            yield m
            at = max(m.end(), place + 1)


_SPECIAL = frozenset("\\.^$*+?{}[]|()")


@functools.lru_cache(maxsize=256)
def _lead(pattern: str) -> str:
    """The literal text every match of ``pattern`` begins with: its characters up to the first
    special one, less one that a quantifier follows; none when it has an alternative outside any
    group (``a|b``). Kept per pattern text: the patterns are the module's own, the same for every
    report but for the labels they name."""
    end = next((i for i, c in enumerate(pattern) if c in _SPECIAL), len(pattern))
    if end < len(pattern) and pattern[end] in "*+?{":
        end -= 1
    depth, escaped, in_class = 0, False, False
    for c in pattern:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return ""
    return pattern[:max(end, 0)]


_PART = "，占"
"""Between a part's amount and its share (``事业收入86.50万元，占7.05%``)."""


def _sum_of_parts(text: str) -> Iterator[str]:
    """``共有…N辆，其中：a辆、b辆…``: the parts listed add up to no more than the whole (a pack may
    list only some classes: ``fleet-classes`` warns about the vehicles it leaves out)."""
    for m in re.finditer(rf"共有(?:公务用车|车辆){N}辆，其中：([^；。{SEP}]*)", text):
        parts = [Decimal(x) for x in re.findall(rf"{N}辆", m.group(2))]
        if sum(parts, ZERO) > Decimal(m.group(1)):
            yield f"the vehicles listed add up to {sum(parts)}, more than the {m.group(1)} of the sentence " \
                  f"(“{m.group(0)[:60]}”)"


def sentence_problems(paragraphs: Sequence[str], figures: Figures) -> list[str]:
    """What the sentences of ``paragraphs`` (own texts masked) print at a place that should hold
    another figure."""
    anchors = _Anchors(figures).build()
    text = SEP.join(paragraphs)
    found: list[str] = []
    patterns = [pattern for pattern, _, _ in anchors.entries]
    for (pattern, checks, what), matches in zip(anchors.entries, _matches(patterns, text)):
        for n, m in enumerate(matches):
            check = checks[n] if n < len(checks) else None
            problem = check(m) if check else f"{what}: printed more often than the data has entries"
            if problem:
                found.append(f"{problem} (“{m.group(0)[:60]}”)")
    shares = [paragraph for paragraph in paragraphs if _PART in paragraph]  # the few a part can be in
    for lead, labels, what, infix in anchors.paragraph_rules:
        names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
        part = re.compile(rf"({names}){infix}{N}万元{_PART}{N}%")
        for paragraph in shares:
            if lead not in paragraph:
                continue
            for m in part.finditer(paragraph):
                amount, share = labels[m.group(1)]
                if not same(m.group(2), amount) or not same(m.group(3), share):
                    found.append(f"{what}: {m.group(1)} should be {round_half_up(amount, HUNDREDTH)}万元，占{share}% "
                                 f"(“{m.group(0)}”)")
    found.extend(_sum_of_parts(text))
    return found
