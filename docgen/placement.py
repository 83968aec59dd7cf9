"""Where each figure belongs: the rendered document checked figure by figure, at its place.

:mod:`docgen.selfcheck` asks whether each printed number is *some* number of the data; a bug that
prints another true number (income for spending, last year for this year, goods for services, one
row's value in the next row) passes that test. This module knows what each place should hold and
computes it again from the model — never from the phrasing, templates or table code under test:

- **sentences** by their anchor words: ``收入总计…万元``, ``比上年增加/减少…万元``, ``增长/下降…%``,
  ``完成预算…%``, ``决算数大于/小于/等于预算数``, the parts of a structure (``事业收入…万元，占…%``),
  the counts of vehicles and projects; direction words against the sign of the change; a list's
  parts against the whole it says they make up (``共有公务用车7辆，其中：…``);
- **statistical tables** (公开表) cell by cell, by row code and column, against the model's lines;
- **charts** value by value, by series and category, and their data labels.

The department's own texts (reasons, purposes, titles …) are masked first, wherever they are printed
and however they are split over paragraphs, so that a number the department wrote is never read as
a figure of docgen's, and an anchor inside it is never checked. Everything is a handful of passes
over the text: linear in its length.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal, InvalidOperation

from lxml import etree

from .derive import Change, Completion, Direction, Variance
from .figures import Figures
from .formatting import round_half_up

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_PARSER = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True)
_HUNDREDTH = Decimal("0.01")
ZERO = Decimal(0)
N = r"(-?[0-9]+(?:\.[0-9]+)?)"
MASK = "\x01"
SEP = "\x00"


def _d(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return None


def _same(printed: str | None, expected: Decimal | None) -> bool:
    """A printed number equals the figure as the report rounds it (2 places, or as given)."""
    value = _d(printed) if printed is not None else None
    if expected is None:  # a rate without a base: the report prints 0 (or nothing)
        return value is None or value == 0
    if value is None:
        return False
    places = -value.as_tuple().exponent
    return value == expected or value == round_half_up(expected, _HUNDREDTH) or (
        places > 2 and value == round_half_up(expected, Decimal(1).scaleb(-places)))


# The department's own text, masked -------------------------------------------------------------

SHORT = 8
"""Own texts this long or shorter (``100%``, ``5``) are not masked: they would hide docgen's own
figures wherever they recur. The self-check looks for them around a number that fails instead."""


def mask_own(paragraphs: Sequence[str], own: Sequence[str]) -> list[str]:
    """``paragraphs`` with every occurrence of an ``own`` text longer than :data:`SHORT` replaced by
    :data:`MASK`, found in the paragraphs run together (a title printed over two paragraphs is
    found too). An occurrence that would cut a number in two is left alone."""
    flat = "".join(paragraphs)
    marks = bytearray(len(flat))
    for text in sorted({t for t in own if len(t) > SHORT}, key=len, reverse=True):
        start = flat.find(text)
        while start != -1:
            end = start + len(text)
            cuts = (start > 0 and flat[start - 1].isdigit() and text[0].isdigit()) or \
                   (end < len(flat) and flat[end].isdigit() and text[-1].isdigit())
            if not cuts:
                marks[start:end] = b"\x01" * len(text)
            start = flat.find(text, end if not cuts else start + 1)
    out, at = [], 0
    for paragraph in paragraphs:
        piece = flat[at:at + len(paragraph)]
        span = marks[at:at + len(paragraph)]
        out.append("".join(MASK if m else c for c, m in zip(piece, span)) if any(span) else piece)
        at += len(paragraph)
    return out


# Sentences: anchors ----------------------------------------------------------------------------

Check = Callable[[re.Match], str | None]
"""A check of one anchor match: ``None`` when right, else what is wrong."""


def _amount(group: int, expected: Decimal, what: str) -> Check:
    def check(m: re.Match) -> str | None:
        return None if _same(m.group(group), expected) else f"{what} should be {round_half_up(expected, _HUNDREDTH)}"
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
        if not _same(m.group(2), change.delta):
            return f"{what}: the change should be {round_half_up(change.delta, _HUNDREDTH)}"
        if m.group(3) is not None:
            if m.group(3) != rate_words[0 if up else 1]:
                return f"{what} went {'up' if up else 'down'}, but the sentence says {m.group(3)}"
            if not _same(m.group(4), change.rate):
                return f"{what}: the rate should be {change.rate}"
        return None
    return check


def _completion(completion: Completion, what: str, rate_group: int = 1, word_group: int | None = None) -> Check:
    """``完成预算N%`` (and ``决算数大于/小于/等于预算数``) of ``completion``."""
    def check(m: re.Match) -> str | None:
        if not _same(m.group(rate_group), completion.rate):
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
        self.add(rf"(?<!财政拨款)收入总计{N}万元、支出总计{N}万元",
                 _all(_amount(1, f.income_total, "收入总计"), _amount(2, f.spending_total, "支出总计")), "收入、支出总计")
        self.add(rf"财政拨款收入总计{N}万元、支出总计{N}万元",
                 _all(_amount(1, f.grant_income_total, "财政拨款收入总计"),
                      _amount(2, f.grant_spending_total, "财政拨款支出总计")), "财政拨款收入、支出总计")
        change = rf"(增加|减少){N}万元(?:，(增长|下降){N}%)?"
        self.add(rf"(?<!财政拨款)收入总计{change}", _change(f.income_change, "收入总计"), "收入总计变动")
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
        spending = dict(zip(("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"),
                            ((p.amount, p.share) for p in f.spending_parts)))
        self.add(rf"本年收入合计{N}万元", _amount(1, f.income_this_year, "本年收入合计"), "本年收入合计")
        self.add(rf"本年支出合计{N}万元", _amount(1, f.spending_this_year, "本年支出合计"), "本年支出合计")
        self._paragraph_parts("本年收入合计", income, "收入结构")
        self._paragraph_parts("本年支出合计", spending, "支出结构")
        categories = {c.code.name: (c.amount, c.share) for c in f.categories}
        self._paragraph_parts("主要用于以下方面", categories, "一般公共预算财政拨款支出结构")
        labels = ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")
        three = {label: (p.amount, p.share) for label, p in zip(labels, f.three_public_parts)}
        self._paragraph_parts("“三公”经费财政拨款支出决算中", three, "“三公”经费结构", infix="支出决算")

    def _paragraph_parts(self, lead: str, labels: dict[str, tuple[Decimal, Decimal]], what: str,
                         infix: str = "") -> None:
        """In a paragraph holding ``lead``: each ``label{infix}N万元，占N%`` against its amount and share."""
        self.paragraph_rules.append((lead, labels, what, infix))

    def _general_budget(self) -> None:
        f, r = self.figures, self.report
        self.add(rf"一般公共预算财政拨款支出{N}万元，占本年支出合计的{N}%",
                 _all(_amount(1, f.general_budget_total, "一般公共预算财政拨款支出"),
                      lambda m: None if _same(m.group(2), f.general_budget_share) else
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
        f, r = self.figures, self.report
        c = r.three_public_costs
        self.add(rf"“三公”经费财政拨款支出决算为{N}万元，完成预算{N}%，决算数(大于|小于|等于)预算数",
                 _all(_amount(1, c.actual, "“三公”经费"), _completion(f.three_public_completion, "“三公”经费", 2, 3)),
                 "“三公”经费")
        change = rf"(增加|减少){N}万元(?:，(增长|下降){N}%)?"
        for label, subject, completion, change_of, what in (
                ("因公出国（境）经费支出", "因公出国（境）支出决算", Completion(c.travel_abroad.actual, c.travel_abroad.budget),
                 Change(c.travel_abroad.actual, c.travel_abroad.prior_year), "因公出国（境）费"),
                ("公务用车购置及运行维护费支出", "公务用车购置及运行维护费支出决算", f.vehicles_completion, f.vehicles_change,
                 "公务用车购置及运行维护费"),
                ("公务接待费支出", "公务接待费支出决算", Completion(c.reception.actual, c.reception.budget),
                 Change(c.reception.actual, c.reception.prior_year), "公务接待费")):
            self.add(rf"{label}{N}万元，完成预算{N}%",
                     _all(_amount(1, completion.actual, what), _completion(completion, what, 2)), what)
            self.add(rf"{subject}比\d{{4}}年{change}", _change(change_of, what), f"{what}变动")
        self.add(rf"公务用车购置支出{N}万元", _amount(1, c.vehicle_purchase.actual, "公务用车购置费"), "公务用车购置费")
        self.add(rf"公务用车运行维护费支出{N}万元", _amount(1, c.vehicle_operation.actual, "公务用车运行维护费"),
                 "公务用车运行维护费")
        self.add(rf"(?<!其他)国内公务接待支出{N}万元", _amount(1, c.reception.domestic.amount, "国内公务接待"), "国内公务接待")
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
                     lambda m, share=share, label=label: None if _same(m.group(1), share)
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
    for pattern, checks, what in anchors.entries:
        for n, m in enumerate(pattern.finditer(text)):
            check = checks[n] if n < len(checks) else None
            problem = check(m) if check else f"{what}: printed more often than the data has entries"
            if problem:
                found.append(f"{problem} (“{m.group(0)[:60]}”)")
    for lead, labels, what, infix in anchors.paragraph_rules:
        names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
        part = re.compile(rf"({names}){infix}{N}万元，占{N}%")
        for paragraph in paragraphs:
            if lead not in paragraph:
                continue
            for m in part.finditer(paragraph):
                amount, share = labels[m.group(1)]
                if not _same(m.group(2), amount) or not _same(m.group(3), share):
                    found.append(f"{what}: {m.group(1)} should be {round_half_up(amount, _HUNDREDTH)}万元，占{share}% "
                                 f"(“{m.group(0)}”)")
    found.extend(_sum_of_parts(text))
    return found


# Statistical tables ----------------------------------------------------------------------------

Rows = dict[str, list[Decimal]]


def _rolled(lines: Sequence[tuple[str, list[Decimal]]], levels: tuple[int, ...] = (3, 5, 7)) -> Rows:
    """Rows by code with every parent code (类, 款) and ``合计`` summed from the lines."""
    rows: Rows = {}
    for code, values in lines:
        keys = {code[:n] for n in levels if n <= len(code)} | {code, "合计"}
        for key in keys:
            current = rows.get(key)
            rows[key] = list(values) if current is None else [a + b for a, b in zip(current, values)]
    return rows


def _expected_tables(figures: Figures) -> dict[str, Rows]:
    """Table title → rows by code (and ``合计``) as the model gives them."""
    r = figures.report
    d = r.detail
    tables: dict[str, Rows] = {}
    if d.income_lines:
        tables["收入决算表"] = _rolled([(x.code, [x.general_budget_grant + x.government_fund_grant + x.state_capital_grant
                                               + x.superior_subsidy + x.public_service + x.business
                                               + x.affiliate_remittance + x.other,
                                               x.general_budget_grant + x.government_fund_grant + x.state_capital_grant,
                                               x.superior_subsidy, x.public_service, x.business, x.affiliate_remittance,
                                               x.other]) for x in d.income_lines])
    if d.spending_lines:
        tables["支出决算表"] = _rolled([(x.code, [x.basic + x.project + x.remitted_to_superior + x.business
                                               + x.affiliate_subsidy, x.basic, x.project, x.remitted_to_superior,
                                               x.business, x.affiliate_subsidy]) for x in d.spending_lines])
    gb = [(i.code, i.actual, i.basic, i.project) for i in r.general_budget.items]
    funds = [(i.code, i.actual, "gf") for i in r.government_fund.items] + [(i.code, i.actual, "sc")
                                                                           for i in r.state_capital.items]
    if all(fund.items or not fund.actual for fund in (r.government_fund, r.state_capital)):
        tables["财政拨款支出决算明细表"] = _rolled(
            [(code, [actual, actual, ZERO, ZERO]) for code, actual, _, _ in gb]
            + [(code, [actual, ZERO, actual if k == "gf" else ZERO, actual if k == "sc" else ZERO])
               for code, actual, k in funds])
    if all(b is not None or p is not None for _, _, b, p in gb):
        tables["一般公共预算财政拨款支出决算表"] = _rolled(
            [(code, [actual, actual - p if b is None else b, actual - b if p is None else p])
             for code, actual, b, p in gb])
    if d.project_lines:  # without them the table leaves the 合计 and 项目支出 columns open
        economic = [(x.code, [x.amount, x.amount, ZERO]) for x in r.basic_spending.lines]
        economic += [(x.code, [x.amount, ZERO, x.amount]) for x in d.project_lines]
        tables["一般公共预算财政拨款支出决算明细表"] = _rolled(economic, (3, 5))
        tables["一般公共预算财政拨款项目支出决算表"] = _rolled([(x.code, [x.amount]) for x in d.project_lines],
                                                               (3, 5))
    if r.government_fund.items:
        tables["政府性基金预算财政拨款收入支出决算表"] = _rolled(
            [(i.code, [i.carry_over_start, i.income, i.actual, i.basic, i.project, i.carry_over_end])
             for i in r.government_fund.items])
    if r.state_capital.items:
        tables["国有资本经营预算财政拨款支出决算表"] = _rolled(
            [(i.code, [i.actual, i.basic, i.project]) for i in r.state_capital.items])
    return tables


def _tables(root) -> Iterator[tuple[str, list[list[str]]]]:
    for tbl in root.iter(_W + "tbl"):
        caption = tbl.find(f"{_W}tblPr/{_W}tblCaption")
        if caption is None:
            continue
        title = caption.get(_W + "val", "").split(" ", 1)[-1]
        rows = [["".join(t.text or "" for t in tc.iter(_W + "t")) for tc in tr.iter(_W + "tc")] for tr in tbl.iter(_W + "tr")]
        yield title, rows


def table_problems(root, figures: Figures) -> list[str]:
    """Cells of the statistical tables whose row code and column hold another figure."""
    expected = _expected_tables(figures)
    found: list[str] = []
    for title, rows in _tables(root):
        model = expected.get(title)
        if model is None:
            continue
        seen = set()
        for row in rows:
            if not row:
                continue
            key = row[0].strip()
            values = row[1:] if key == "合计" else row[2:]
            if key not in model or not values or not all(_d(v) is not None or v == "" for v in values):
                continue
            seen.add(key)
            want = model[key]
            numbers = [v for v in values]
            if len(numbers) != len(want):
                found.append(f"{title}: row {key} has {len(numbers)} figures, the model {len(want)}")
                continue
            for column, (cell, value) in enumerate(zip(numbers, want), 1):
                if not (_same(cell, value) or (cell == "" and value == 0)):
                    found.append(f"{title}: row {key}, column {column} prints {cell or '(blank)'}, the model has "
                                 f"{round_half_up(value, _HUNDREDTH)}")
        missing = [k for k in model if k != "合计" and k not in seen and len(k) == max(len(c) for c in model)]
        if missing and seen:
            found.append(f"{title}: rows {', '.join(sorted(missing)[:5])} of the model are not printed")
    return found


def performance_problems(root, figures: Figures) -> list[str]:
    """The money rows of each project's performance table (预算数 | 执行数, 其中-财政拨款) against the
    project the table names."""
    projects = {p.name: p for p in figures.report.performance.projects}
    found: list[str] = []
    for tbl in root.iter(_W + "tbl"):
        cells = ["".join(t.text or "" for t in tc.iter(_W + "t")).strip() for tc in tbl.iter(_W + "tc")]
        if len(cells) < 2 or cells[0] != "项目名称" or cells[1] not in projects:
            continue
        p = projects[cells[1]]
        want = {"预算数:": [p.budget.total], "执行数:": [p.execution.total],
                "其中-财政拨款:": [p.budget.grant, p.execution.grant]}
        seen: dict[str, int] = {}
        for label, value in zip(cells, cells[1:]):
            if label in want:
                k = seen.get(label, 0)
                seen[label] = k + 1
                if k < len(want[label]) and not _same(value, want[label][k]):
                    found.append(f"performance table of “{p.name}”: {label} prints {value}, the project has "
                                 f"{round_half_up(want[label][k], _HUNDREDTH)}")
    return found


# Charts ----------------------------------------------------------------------------------------

def _series(chart) -> list[tuple[str, list[str], list[str]]]:
    out = []
    for ser in chart.iter(_C + "ser"):
        name = "".join(v.text or "" for v in ser.findall(f"{_C}tx//{_C}v"))
        cats = [v.text or "" for v in ser.findall(f"{_C}cat//{_C}pt/{_C}v")]
        vals = [v.text or "" for v in ser.findall(f"{_C}val//{_C}pt/{_C}v")]
        out.append((name, cats, vals))
    return out


def chart_problems(charts: Sequence[tuple[str, bytes]], figures: Figures) -> list[str]:
    """Each chart's values by series and category against the figures that chart shows."""
    f, r = figures, figures.report
    year, prior = str(r.department.year), str(r.department.prior_year)
    pairs = [{year: (f.income_total, f.spending_total), prior: (r.income.total.prior_year, r.spending.total.prior_year)},
             {year: (f.grant_income_total, f.grant_spending_total),
              prior: (r.fiscal_grants.income_total.prior_year, r.fiscal_grants.spending_total.prior_year)}]
    labelled: dict[str, Decimal] = {}
    for names, parts in (
            (("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入", "事业收入",
              "经营收入", "附属单位上缴收入", "其他收入"), f.income_parts),
            (("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"), f.spending_parts),
            (("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"), f.three_public_parts)):
        labelled.update({n: p.amount for n, p in zip(names, parts)})
    labelled.update({c.code.name: c.amount for c in f.categories})
    found: list[str] = []
    totals = 0
    for name, blob in charts:
        chart = etree.fromstring(blob, _PARSER)
        for series, cats, vals in _series(chart):
            if cats in (["收入", "支出"],) and series.rstrip("年") in (year, prior):
                expected = pairs[min(totals // 2, 1)].get(series.rstrip("年"))
                totals += 1
                for cat, val, want in zip(cats, vals, expected):
                    if not _same(val, want):
                        found.append(f"{name}: {series} {cat} is {val}, the figure is {round_half_up(want, _HUNDREDTH)}")
            elif cats == [f"{prior}年", f"{year}年"]:
                for cat, val, want in zip(cats, vals, (r.general_budget.total.prior_year, f.general_budget_total)):
                    if not _same(val, want):
                        found.append(f"{name}: {cat} is {val}, the figure is {round_half_up(want, _HUNDREDTH)}")
            else:
                for cat, val in zip(cats, vals):
                    if cat in labelled and not _same(val, labelled[cat]):
                        found.append(f"{name}: {cat} is {val}, the figure is {round_half_up(labelled[cat], _HUNDREDTH)}")
    return found


def problems(data: bytes, paragraphs: Sequence[str], figures: Figures) -> list[str]:
    """Every figure of the rendered document ``data`` found at a place that should hold another;
    ``paragraphs`` is its body text with the department's own texts masked."""
    found = sentence_problems(paragraphs, figures)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"), _PARSER)
        found += table_problems(root, figures)
        found += performance_problems(root, figures)
        charts = [(n, archive.read(n)) for n in sorted(archive.namelist(), key=_chart_number)
                  if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
    found += chart_problems(charts, figures)
    return found


def _chart_number(name: str) -> tuple[int, str]:
    m = re.search(r"(\d+)\.xml$", name)
    return (int(m.group(1)) if m else 0, name)
