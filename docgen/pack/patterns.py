"""The wording a pack may hold, and the placeholders each pattern receives.

This catalogue is the contract between the code and the packs: every ``[phrases.<family>]`` key,
the ``{placeholders}`` docgen supplies to it, and whether a pack must provide it. When a pack
loads, every variant of every pattern is checked against it (an unknown key or a placeholder the
pattern does not receive is refused there, not the day data first reaches a rare variant).
``docs/pack-reference.md`` is generated from it. The families of the sentences that many sections
share are declared here; each section unit declares its own (:func:`declare`), so the catalogue
is complete once :mod:`docgen.sections` is imported (importing :mod:`docgen` does it).
"""

from __future__ import annotations

from attrs import frozen


@frozen
class Wording:
    """One key of a phrase family (or of another wording table)."""

    kind: str
    """``pattern`` (text with {placeholders}), ``pairs`` ([key, label] lists) or ``keys`` (a list of keys)."""
    placeholders: tuple[str, ...] = ()
    required: bool = True
    """Optional keys have a documented fallback (the ``…_minor`` variants, ``omit_when_zero``)."""


def pattern(names: str = "", required: bool = True) -> Wording:
    return Wording("pattern", tuple(names.split()), required)


TEXT = pattern()
PAIRS = Wording("pairs")
KEYS = Wording("keys", required=False)

_CHANGE = "subject change rate prior_year reason"
OPERATING_CHANGE = "year prior_year department actual change rate reason"
"""What ``[phrases.operating_costs]`` receives (its variants are :func:`changes`)."""


def changes(names: str) -> dict[str, Wording]:
    """The 增加/减少/持平/从零 variants of a change, and the optional ``…_minor`` ones."""
    variants = {v: pattern(names) for v in ("increase", "decrease", "equal", "from_zero")}
    # A minor change is worded only when no reason is given: its variants receive none.
    minor = " ".join(n for n in names.split() if n != "reason")
    variants |= {v: pattern(minor, required=False) for v in ("increase_minor", "decrease_minor")}
    return variants


TOTALS = {"sentence": pattern("year prior_year department income_total spending_total income_change "
                              "spending_change"),
          "income_subject": TEXT, "spending_subject": TEXT}
"""收入/支出总计 and 财政拨款收入/支出总计 (``totals``, ``grant_totals``)."""
STRUCTURE = {"sentence": pattern("year department total parts"), "parts": PAIRS, "omit_when_zero": KEYS}
"""本年收入/支出合计 and its parts (``income_structure``, ``spending_structure``)."""
FUND = {"none": pattern("year department"),
        "sentence": pattern("year prior_year department income actual completion change items"), "subject": TEXT,
        # One 项 of the fund, in one design for every pack: variance against budget (调整后预算),
        # initial_variance against 年初预算. item_layout says where the 项 go: "inline" (default) joined
        # by item_separator into items, the sentence's {items}; "lines": each its own paragraph after
        # the sentence, numbered as [numbering.lists] items (上海 八, 九).
        "item": pattern("category section item code purpose actual budget initial_budget carry_over_end variance "
                        "initial_variance"),
        "items": pattern("list"), "item_separator": TEXT,
        "item_layout": pattern("", required=False)}
"""政府性基金 and 国有资本经营预算拨款支出 (``government_fund``, ``state_capital``)."""

PHRASES: dict[str, dict[str, Wording]] = {
    "change": changes(_CHANGE),
    "year_on_year": changes(_CHANGE),
    "completion": {"rate": pattern("rate"), "no_budget": TEXT},
    "variance": {v: pattern("reason budget actual") for v in ("equal", "over", "under", "no_budget")},
    "structure": {"part": pattern("label amount share"), "separator": TEXT},
}
"""``[phrases.<family>]``: every key a family may hold. The clauses many sentences share are
declared here; each section unit declares its own families (:func:`declare`)."""

LISTS = {
    "functions": "部门概况 主要职能",
    "secondary_units": "部门概况 二级预算单位",
    "items": "一般公共预算财政拨款支出决算具体情况: one entry per 项",
    "projects": "预算绩效管理情况 项目绩效目标完成情况",
    "glossary": "名词解释",
    "evaluation_functions": "附件1 机构职能",
    "suggestions": "附件1 改进建议",
}
"""The numbered lists: ``[numbering.lists] <name>`` sets one's style (else ``list_item``):
``{n}`` 1, ``{cn}`` 一, ``{circled}`` ①, with the punctuation around them (``{n}.``, ``{n}、``,
``{cn}、``, ``（{cn}）``, ``{circled}``)."""

OTHER_PATTERNS: dict[str, dict[str, Wording]] = {
    "numbering": {level: pattern("n") for level in ("part", "h1", "h2", "h3", "h4", "attachment")}
    | {"figure": pattern("n title"), "list_item": pattern("n cn circled"),
       # appended to 附件N for each of several project reports (附件2-1 …); unset, only the first is labelled
       "attachment_item": pattern("n", required=False)},
    "numbering.lists": {name: pattern("n cn circled", required=False) for name in LISTS},
    # What ends a heading of that level where the 2020 reference ends it with 。 ("" or unset: nothing)
    "numbering.ends": {level: pattern(required=False) for level in ("part", "h1", "h2", "h3", "h4")},
    "glossary": {"entry": pattern("term explanation"), "code_term": pattern("category section item code"),
                 "before_codes": PAIRS, "after_codes": PAIRS,
                 # 上海 名词解释 二–四: "主要是：…等。" after a term's explanation, from the data's
                 # income.contents.<key> (contents_of: [term, key]); none where the data gives none.
                 "contents": pattern("contents", required=False), "contents_of": Wording("pairs", required=False)},
    # classes: [code, name] of every 类 the 收入支出决算总表 and 财政拨款收入支出决算总表 list (上海's form)
    # economic_rows: [code, name] of every economic 类/款 the 基本支出表 lists (上海's form)
    "statistical_tables": {"classes": Wording("pairs", required=False),
                           "economic_rows": Wording("pairs", required=False),
                           "heading": pattern("department year"), "number": pattern("n nn"),
                           "department": pattern("department"), "empty": pattern("department title")},
    "performance_table": {"year": pattern("year")},
    "headings": {},
}
"""Patterns outside ``[phrases]``, by table."""


def declare(family: str, keys: dict[str, Wording]) -> None:
    """Add the wording family of a section defined outside this catalogue (its unit declares it)."""
    if family in PHRASES and PHRASES[family] != keys:
        raise ValueError(f"phrase family {family!r} declared twice")
    PHRASES[family] = keys
