"""Self-check of the rendered document: every number docgen printed is a number of the data.

After rendering and before anything is written, the document's text is read back — the body's
paragraphs (table cells included) and the charts' caches (``word/charts/chart*.xml``: ``c:v``
values and ``a:t`` label texts) — and every number in it is looked up among the numbers the model
and its derived figures produce. A template or phrasing bug (a wrong placeholder, a rate computed
against the wrong base, a figure typed into a template) fails loudly with
:class:`~docgen.errors.RenderError`, naming the number and where it appeared, instead of
publishing a wrong figure.

What a number may be depends on what follows it:

- ``…万元``: an amount of the model, a derived total, change or sum (statistical tables included),
  as entered or rounded half up to 2 or 4 places;
- ``…%``: a share, rate, completion or change rate, computed here again from the amounts where a
  sentence computes it inline (procurement shares, a project's 执行率 …);
- ``…年`` (four digits): this year or last year;
- a count unit (个, 人, 次, 辆, 批次 …): a count of the model or a derived count;
- after 图, 附件, 公开 or before 表, or opening a paragraph (``3.``, ``（2）``): a list or section number;
- anything else (a table cell, a chart value): any of those, or a classification code of the data.

The department's own text (its functions, reasons, evaluation prose, indicator values …) and the
region's wording (``单价50万元以上``) may hold any number: a number that fails the look-up is
accepted when it lies inside such a text where it appears. The template's own text may not: a
number typed into a template (a year, a total) is the stale figure this check exists to stop, so
wording with numbers belongs in the pack's ``[phrases]``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from . import placement
from .derive import Change, Completion, rate
from .errors import RenderError
from .figures import Figures, breakdown
from .formatting import round_half_up
from .ooxml.reading import read_body
from .regions import Region, pattern_pieces
from .render import Rendered
from .rules.walk import figure_numbers, numbers_in, report_leaves

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_NUMBER = re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?")
_DIGIT = re.compile(r"[0-9]")
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FORBIDDEN_BUT_SEP = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_COUNT_UNITS = ("个", "人", "次", "辆", "批", "台", "项", "条", "名", "户", "家", "所")
_REASON_LEAD = re.compile(r"^(?:主要(?:变动)?原因(?:是|为|：|:)|原因(?:是|为))+")
_TWO_PLACES = Decimal("0.01")
_FOUR_PLACES = Decimal("0.0001")


@attrs.frozen
class Expected:
    """The numbers a report may print, by kind, and the texts that may hold any number."""

    amounts: frozenset[Decimal]
    percents: frozenset[Decimal]
    counts: frozenset[Decimal]
    years: frozenset[Decimal]
    codes: frozenset[Decimal]
    ordinals: frozenset[Decimal]
    free_texts: tuple[str, ...]
    """The department's texts and the region's wording that hold digits, longest first."""
    anything: frozenset[Decimal] = attrs.field(init=False)
    """Every number of any kind (a table cell, a chart value)."""
    short_texts: frozenset[str] = attrs.field(init=False)
    """The free texts looked for around a number (see :func:`_free_spans`), the others being masked."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "anything", self.amounts | self.percents | self.counts | self.years | self.codes
                           | self.ordinals)
        object.__setattr__(self, "short_texts", frozenset(t for t in self.free_texts if len(t) <= _SHORT))


# What the report may print ------------------------------------------------------------------------

Named = tuple[str, Any]
"""(name, value): a value with the name it goes by; ``…share…`` and ``…rate…`` name percentages."""


def _inline_values(figures: Figures) -> Iterator[Named]:
    """What the sentences and tables compute from the model themselves, computed again here."""
    from .tables.performance import BUDGET_EXECUTION_POINTS, execution_score, total_score, total_weight

    r = figures.report
    for item in r.general_budget.items:
        yield "item", Completion(item.actual, item.budget)
    c = r.three_public_costs
    for cost in c.categories:
        yield "category", Completion(cost.actual, cost.budget)
        yield "category", Change(cost.actual, cost.prior_year)
        yield "amount", cost.actual
    yield "three_public", Completion(c.actual, c.budget)
    for fund in (r.government_fund, r.state_capital):
        yield "fund", Completion(fund.actual, fund.budget)
        yield "fund", Change(fund.actual, fund.prior_year)
    p = r.procurement
    yield "amount", p.total
    yield "rate", rate(p.awarded_to_sme, p.total)
    yield "rate", rate(p.awarded_to_small_micro, p.total)
    yield "rate", rate(p.awarded_to_small_micro, p.awarded_to_sme)
    yield "amount", c.reception.other_domestic
    s = r.income.sources
    yield "amount", s.fiscal_grants
    grants = [("a", s.general_budget_grant), ("b", s.government_fund_grant), ("c", s.state_capital_grant)]
    for part in breakdown(grants):
        yield "amount", part.amount
        yield "share", part.share
    # 附件1 may list 本年财政拨款支出 by fund.
    general_budget = sum((item.actual for item in r.general_budget.items), Decimal(0))
    fund_spending = [("a", general_budget), ("b", r.government_fund.actual), ("c", r.state_capital.actual)]
    yield "amount", general_budget + r.government_fund.actual + r.state_capital.actual
    for part in breakdown(fund_spending):
        yield "share", part.share
    for project in r.performance.projects:
        budget, execution = project.budget, project.execution
        yield "amount", budget.total
        yield "amount", execution.total
        yield "amount", budget.total - budget.grant
        yield "project", Completion(execution.total, budget.total)
        evaluation = project.evaluation
        received = evaluation.funds_received if evaluation and evaluation.funds_received is not None else budget.total
        yield "amount", received
        yield "rate", rate(received, budget.total)
        for points in (BUDGET_EXECUTION_POINTS, execution_score(project), total_weight(project), total_score(project)):
            yield "points", points


def _statistics_values(figures: Figures, region: Region) -> Iterator[Named]:
    """The statistical tables' derived numbers (their rows are sums of the model's lines)."""
    try:
        from .statistics import KINDS, statistics_for
        from .tables.statistical import table_kinds
    except ImportError:  # pragma: no cover - a build without statistical tables
        return
    stats = statistics_for(figures)
    for kind in table_kinds(region):
        if kind in KINDS:
            yield from (("table", value) for _, value in numbers_in(KINDS[kind](stats)))


def _derived_counts(figures: Figures) -> Iterator[int]:
    r = figures.report
    yield r.overview.institutions.total
    yield r.overview.staff.total
    yield r.assets.vehicles.total
    yield figures.other_vehicles
    yield len(r.performance.projects)


def _region_texts(value: Any) -> Iterator[str]:
    """Every text of the region's settings (wording, labels, captions), as literal pieces."""
    if isinstance(value, str):
        try:
            pieces = pattern_pieces(value, "selfcheck")
        except Exception:  # a label that is no pattern: take it whole
            yield value
            return
        for literal, _ in pieces:
            yield literal
    elif isinstance(value, dict):
        for entry in value.values():
            yield from _region_texts(entry)
    elif isinstance(value, (list, tuple)):
        for entry in value:
            yield from _region_texts(entry)


_WORDING: dict[int, tuple[Region, frozenset[str]]] = {}


def _wording(region: Region) -> frozenset[str]:
    """The region's wording (phrases, captions, labels; not its [rules]) that holds digits, as the
    literal pieces between placeholders (cached per pack). The template's own text is not among
    them: a figure typed into a template is what the self-check is for."""
    cached = _WORDING.get(id(region))
    if cached is not None and cached[0] is region:
        return cached[1]
    settings = {key: value for key, value in region.settings.items() if key != "rules"}
    texts = {t for t in _region_texts(settings) if _DIGIT.search(t)}
    if len(_WORDING) > 32:
        _WORDING.clear()
    _WORDING[id(region)] = (region, frozenset(texts))
    return _WORDING[id(region)][1]


def _clean(text: str) -> str:
    return _FORBIDDEN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _clean_all(texts: list[str]) -> list[str]:
    """:func:`_clean` of each text, in one pass over them all (thousands of paragraphs)."""
    joined = _SEP.join(texts)
    if not texts or joined.count(_SEP) != len(texts) - 1:  # a text holding the separator: one by one
        return [_clean(text) for text in texts]
    if "\r" not in joined and not _FORBIDDEN_BUT_SEP.search(joined):
        return list(texts)  # clean already (the rule): the texts themselves, not a copy of them
    return _FORBIDDEN_BUT_SEP.sub("", joined.replace("\r\n", "\n").replace("\r", "\n")).split(_SEP)


def expected_numbers(figures: Figures, region: Region) -> Expected:
    """Everything ``figures`` (with ``region``'s tables) may print."""
    r = figures.report
    amounts: set[Decimal] = set()
    percents: set[Decimal] = set()
    whole: set[int] = set()  # counts, made Decimals once each at the end
    codes: set[Decimal] = set()
    free: set[str] = set()
    for leaf in report_leaves(r):
        value = leaf.value
        if isinstance(value, Decimal):
            if not leaf.name.startswith("stated_") and ".stated_category_shares." not in leaf.path:
                amounts.add(value)  # stated rates and shares are never printed
        elif isinstance(value, str):
            if leaf.name == "code":
                codes.update(Decimal(value[:n]) for n in (3, 5, 7) if n <= len(value))
            else:
                text = _clean(value)
                free.add(text)
                free.add(_REASON_LEAD.sub("", text.strip()).rstrip("。；;，, "))
        elif isinstance(value, int) and not isinstance(value, bool):
            whole.add(value)
    sources = (figure_numbers(figures), _inline_values(figures), _statistics_values(figures, region))
    for name, value in itertools.chain.from_iterable(sources):
        if isinstance(value, Decimal):
            (percents if "share" in name or "rate" in name else amounts).add(value)
        elif isinstance(value, Change):
            amounts.update((value.current, value.prior, value.delta))
            if value.rate is not None:
                percents.add(value.rate)
        elif isinstance(value, Completion):
            amounts.update((value.actual, value.budget))
            if value.rate is not None:
                percents.add(value.rate)
        elif isinstance(value, int) and not isinstance(value, bool):
            whole.add(value)
    whole.update(_derived_counts(figures))
    counts = {Decimal(value) for value in whole}
    amounts |= {round_half_up(a, places) for a in amounts if a.is_finite() for places in (_TWO_PLACES, _FOUR_PLACES)}
    percents |= {round_half_up(p, _TWO_PLACES) for p in percents if p.is_finite()}
    percents.add(Decimal(0))
    d = r.department
    for code in list(r.general_budget.stated_category_totals) + list(r.general_budget.stated_category_shares):
        codes.add(Decimal(code))
    codes |= {Decimal(c) for c in ("301", "302", "303", "310")}
    for term in r.glossary:
        free.update((_clean(term.term), _clean(term.explanation)))
    for code in figures.catalogue.functional.values():
        if code.explanation and _DIGIT.search(code.explanation):
            free.add(code.explanation)
    free.update(_wording(region))
    lists = (len(r.overview.functions), len(r.overview.key_work), len(r.overview.secondary_units),
             len(r.general_budget.items), len(r.performance.projects), len(r.glossary),
             len(region.settings.get("glossary", {}).get("before_codes", ()))
             + len(region.settings.get("glossary", {}).get("after_codes", ())) + len(r.general_budget.items)
             + len(r.government_fund.items) + len(r.state_capital.items) + len(r.glossary), 30)
    ordinals = {Decimal(n) for n in range(0, max(lists) + 1)}
    return Expected(
        amounts=frozenset(amounts), percents=frozenset(percents), counts=frozenset(counts),
        years=frozenset({Decimal(d.year), Decimal(d.prior_year)}), codes=frozenset(codes),
        ordinals=frozenset(ordinals),
        free_texts=tuple(sorted((t for t in free if t and _DIGIT.search(t)), key=len, reverse=True)),
    )


# Reading the document back -------------------------------------------------------------------------

_TOKEN = re.compile(r"([-0-9](?<![0-9.].)(?:(?<=-)[0-9]+|(?<=[0-9])[0-9]*)(?:\.[0-9]+)?)"
                    r"(万元|%|年|表|[个人次辆批台项条名户家所]|[.、．）])?")
"""A number (a sign included: a table may print a negative difference of inconsistent data) and
what follows it: an optional sign, digits and optional decimals, not after a digit or a point;
written to begin with its first character, so that the search skips to the next sign or digit
instead of trying every place of the text."""
_SEP = "\x00"
"""Between two texts read back (never in a text: control characters are dropped)."""


def _chart_texts(document: Rendered) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(where, text) of every chart label holding a digit, and (where, value) of every chart value
    cache entry (the body is read by :func:`~docgen.ooxml.reading.read_body`)."""
    texts: list[tuple[str, str]] = []
    values: list[tuple[str, str]] = []
    for name in document.names(placement.CHART_PART):
        chart = document.tree(name)
        for cache in chart.iter(_C + "numCache"):
            values.extend((f"{name} (value cache)", (v.text or "").strip()) for v in cache.iter(_C + "v"))
        for cache in chart.iter(_C + "strCache"):
            texts.extend((f"{name} (label cache)", v.text) for v in cache.iter(_C + "v")
                         if v.text and _DIGIT.search(v.text))
        texts.extend((f"{name} (label)", t.text) for t in chart.iter(_A + "t") if t.text and _DIGIT.search(t.text))
    return texts, values


def _kind(text: str, start: int, token: str, suffix: str | None) -> str:
    if suffix == "万元":
        return "amount"
    if suffix == "%":
        return "percent"
    before = text[max(0, start - 2):start]
    if suffix == "年" and len(token) == 4:
        return "year"
    if suffix == "表" or before.endswith(("图", "附件", "公开")):
        return "ordinal"
    opens = start == 0 or text[start - 1] == _SEP
    if opens and suffix in (".", "、", "．") or (suffix == "）" and before.endswith(_SEP + "（")):
        return "ordinal"
    if suffix and suffix not in (".", "、", "．", "）", "年"):
        return "count"
    return "any"


_KIND_WORDS = {"amount": "an amount (万元)", "percent": "a percentage", "year": "a year",
               "ordinal": "a list or section number", "count": "a count", "any": "a figure"}


def _value(token: str) -> Decimal | None:
    try:
        return Decimal(token)
    except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
        return None


_SHORT = placement.SHORT
"""Own texts up to this length are looked for around a number that fails (a short name ``5``
before the year: ``52021年度``); longer ones are masked whole beforehand (linear in the text)."""


def _free_spans(text: str, start: int, end: int, expected: Expected) -> list[tuple[int, int]]:
    """The occurrences of short own texts in ``text`` that overlap ``start:end``. Such a text is at
    most :data:`_SHORT` long, so only the pieces of ``text`` around the number are looked up in
    the set of them: a few dozen look-ups a number, however many texts and numbers there are."""
    short = expected.short_texts
    return [(a, b) for a in range(max(0, start - _SHORT + 1), end)
            for b in range(max(a, start) + 1, min(a + _SHORT, len(text)) + 1)
            if text[a:b] in short and not _inside_number(text, a, b)]


def _inside_number(text: str, start: int, end: int) -> bool:
    """As in placement.mask_own: an occurrence inside a longer number is not the text (an indicator
    value 1 or 5 written by the department must not excuse 1226.51)."""
    return ((start > 0 and text[start].isdigit() and (text[start - 1].isdigit() or text[start - 1] == "."))
            or (end < len(text) and text[end - 1].isdigit() and (text[end].isdigit() or text[end] == ".")))


def _own_text(text: str, start: int, end: int, expected: Expected) -> bool:
    """Whether the number at ``start:end`` of one text lies in the department's text or the
    region's wording, or runs into such a text with a part that is a figure of its own."""
    spans = _free_spans(text, start, end, expected)
    if any(s <= start and end <= e for s, e in spans):
        return True
    token = text[start:end]
    rest = "".join(" " if any(s <= start + i < e for s, e in spans) else c for i, c in enumerate(token))
    return rest != token and all(_value(p.group()) in expected.anything for p in _NUMBER.finditer(rest))


def problems(document: bytes | Rendered, figures: Figures, region: Region) -> list[str]:
    """Every number of the rendered ``document`` (as :func:`docgen.render.render_document` returns
    it, or its bytes) that the data does not produce."""
    if isinstance(document, bytes):
        document = Rendered.read(document)
    expected = expected_numbers(figures, region)
    body = read_body(document.parts["word/document.xml"])
    labels, values = _chart_texts(document)
    found = [f"{where}: the value {value!r} is not a figure of the data" for where, value in values
             if not _is_figure(value, expected)]
    texts, numbers, tables = body.paragraphs + [text for _, text in labels], body.numbers, body.tables
    paragraphs = len(numbers)
    del body  # the texts as read: what follows reads them masked (a paragraph holding an own text is copied)
    # The department's texts and the region's wording are masked: their numbers are theirs.
    cleaned = placement.mask_own(_clean_all(texts), expected.free_texts)
    del texts

    def where(index: int) -> str:
        return f"paragraph {numbers[index]} of the body" if index < paragraphs else labels[index - paragraphs][0]

    found += _unexpected_numbers(cleaned, expected, where)
    found.extend(f"placement: {p}" for p in placement.problems(document, cleaned[:paragraphs], tables, figures))
    return found


def _is_figure(value: str, expected: Expected) -> bool:
    """Whether a chart's cached ``value`` is an amount, a percentage or a count of the data."""
    number = _value(value) if _NUMBER.fullmatch(value) else None
    return number is not None and (number in expected.amounts or number in expected.percents
                                   or number in expected.counts)


def _unexpected_numbers(texts: list[str], expected: Expected, where: Callable[[int], str]) -> list[str]:
    """Every number of ``texts`` (own texts masked) that is not a number of its kind, and lies in
    no own text; ``where(i)`` names the place of ``texts[i]``.

    What a number is, and whether it is the data's, depends on the text it stands in alone (and,
    for the first text, on standing first): each text is looked at once however often it is
    printed (table cells repeat their figures, codes and blanks)."""
    distinct = [*texts[:1], *(text for text in dict.fromkeys(texts[1:]) if _DIGIT.search(text))]
    wrong = _wrong_numbers(distinct, expected)
    if not any(wrong):
        return []
    group = {text: i for i, text in enumerate(distinct) if i}
    found: list[str] = []
    for i, text in enumerate(texts):
        j = 0 if i == 0 else group.get(text)
        if j is not None:
            found.extend(f"{where(i)}: {problem}" for problem in wrong[j])
    return found


def _wrong_numbers(texts: list[str], expected: Expected) -> list[list[str]]:
    """What is wrong with the numbers of each of ``texts`` (see :func:`_unexpected_numbers`)."""
    allowed = {"amount": expected.amounts, "percent": expected.percents, "year": expected.years,
               "ordinal": expected.ordinals, "count": expected.counts, "any": expected.anything}
    joined = _SEP.join(texts)
    numbers: dict[str, Decimal] = {}  # the texts print the same few numbers many times
    offsets: list[int] = []
    wrong: list[list[str]] = [[] for _ in texts]
    for match in _TOKEN.finditer(joined):
        token, suffix = match.groups()
        number = numbers.get(token)
        if number is None:
            number = numbers[token] = Decimal(token)
        start = match.start()
        kind = _kind(joined, start, token, suffix)
        if number in allowed[kind]:
            continue
        first = joined.rfind(_SEP, 0, start) + 1
        last = joined.find(_SEP, start)
        text = joined[first:last if last != -1 else len(joined)]
        if _own_text(text, start - first, start - first + len(token), expected):
            continue
        offsets = offsets or list(itertools.accumulate(len(t) + 1 for t in texts))
        local = start - first
        excerpt = text[max(0, local - 20):local + len(token) + 12].replace(placement.MASK, "…")
        wrong[bisect.bisect_right(offsets, start)].append(
            f"the number {token} is not {_KIND_WORDS[kind]} of the data (“…{excerpt}…”)")
    return wrong


def verify(document: bytes | Rendered, figures: Figures, region: Region) -> None:
    """Raise :class:`~docgen.errors.RenderError` when the rendered ``document`` prints a number the
    data does not produce (a template or phrasing bug): nothing is written."""
    found = problems(document, figures, region)
    if found:
        more = f" (and {len(found) - 5} more)" if len(found) > 5 else ""
        raise RenderError(f"self-check: {len(found)} number(s) of the rendered document are not figures of the data"
                          f"{more}; nothing written", [f"self-check: {line}" for line in found[:5]] +
                          ([f"self-check: … {len(found) - 5} more"] if len(found) > 5 else []) +
                          ["self-check: a template or phrasing bug prints a wrong number; nothing written"])


__all__ = ["verify", "problems", "expected_numbers", "Expected"]
