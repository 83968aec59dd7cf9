"""The wording a pack may hold, and the placeholders each pattern receives.

This catalogue is the contract between the code and the packs: every ``[phrases.<family>]`` key,
the ``{placeholders}`` docgen supplies to it, and whether a pack must provide it. When a pack
loads, every variant of every pattern is checked against it (an unknown key or a placeholder the
pattern does not receive is refused there, not the day data first reaches a rare variant).
``docs/pack-reference.md`` is generated from it.
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
_OPERATING = "year prior_year department actual change rate reason"


def _changes(names: str) -> dict[str, Wording]:
    """The 增加/减少/持平/从零 variants of a change, and the optional ``…_minor`` ones."""
    variants = {v: pattern(names) for v in ("increase", "decrease", "equal", "from_zero")}
    # A minor change is worded only when no reason is given: its variants receive none.
    minor = " ".join(n for n in names.split() if n != "reason")
    variants |= {v: pattern(minor, required=False) for v in ("increase_minor", "decrease_minor")}
    return variants


_TOTALS = {"sentence": pattern("year prior_year department income_total spending_total income_change "
                               "spending_change"),
           "income_subject": TEXT, "spending_subject": TEXT}
_STRUCTURE = {"sentence": pattern("year department total parts"), "parts": PAIRS, "omit_when_zero": KEYS}
_FUND = {"none": pattern("year department"),
         "sentence": pattern("year prior_year department actual completion change"), "subject": TEXT}

PHRASES: dict[str, dict[str, Wording]] = {
    "overview": {
        "institutions": pattern("department total administrative civil_service_managed public_service"),
        "secondary_units": pattern("department year"),
        "no_secondary_units": pattern("department year"),
        "key_work": pattern("ordinal n text"),
    },
    "change": _changes(_CHANGE),
    "year_on_year": _changes(_CHANGE),
    "completion": {"rate": pattern("rate"), "no_budget": TEXT},
    "variance": {v: pattern("reason budget actual") for v in ("equal", "over", "under", "no_budget")},
    "structure": {"part": pattern("label amount share"), "separator": TEXT},
    "totals": _TOTALS,
    "income_structure": _STRUCTURE,
    "spending_structure": _STRUCTURE,
    "grant_totals": _TOTALS,
    "general_budget": {
        "overall": pattern("year prior_year department actual share change"),
        "subject": TEXT,
        "structure": pattern("year department actual parts"),
        "detail": pattern("year department actual budget completion"),
        "item": pattern("category section item code actual budget completion variance"),
    },
    "basic_spending": {
        "lead": pattern("year department total"),
        "personnel": pattern("amount items"), "personnel_none": TEXT,
        "public": pattern("amount items"), "public_none": TEXT,
        "item": pattern("name code amount"), "separator": TEXT,
    },
    "three_public_costs": {
        "overall": pattern("year department actual budget completion variance"),
        "structure": pattern("year department parts"),
        "part": pattern("label amount share"),
        "travel_label": TEXT, "vehicles_label": TEXT, "reception_label": TEXT,
        "travel": pattern("actual budget groups people completion change"), "travel_subject": TEXT,
        "vehicles": pattern("actual budget completion change"), "vehicles_subject": TEXT,
        "vehicle_purchase": pattern("actual vehicles year fleet leaders confidential emergency law_enforcement"),
        "vehicle_operation": pattern("actual"),
        "reception": pattern("actual budget completion change"), "reception_subject": TEXT,
        "domestic": pattern("amount batches people purpose"), "domestic_none": TEXT,
        "foreign": pattern("amount batches people"),
        "other_domestic": pattern("amount purpose"), "other_domestic_none": TEXT,
    },
    "government_fund": _FUND,
    "state_capital": _FUND,
    "operating_costs": _changes(_OPERATING),
    "procurement": {"sentence": pattern("year department total goods works services sme sme_share "
                                        "small_micro small_micro_share")},
    "assets": {"sentence": pattern("year department vehicles leaders confidential emergency other "
                                   "general_equipment special_equipment")},
    "performance": {
        "management": pattern("ex_ante goals_set monitored self_evaluated"),
        "management_no_ex_ante": pattern("goals_set monitored self_evaluated"),
        "projects_heading": TEXT,
        "projects": pattern("year names count"),
        "no_projects": pattern("year"),
        "project_name": pattern("name"),
        "project": pattern("name budget actual completion summary problems improvements"),
        "project_completion": pattern("rate"),
        "results_heading": TEXT,
        "overall_result": pattern("year department"),
        "projects_result": pattern("year names"),
    },
    "attachments": {
        "overall_title": pattern("department year"),
        "overall_title_second": pattern("department year"),
        "staff": pattern("year total civil_servants public_service_staff other"),
        "staff_with_other": pattern("year total civil_servants public_service_staff other"),
        "income": pattern("total parts"), "income_none": TEXT,
        "spending": pattern("total parts"), "spending_none": TEXT,
        "part": pattern("label amount share"),
        "grant_sources": PAIRS, "spending_kinds": PAIRS,
        "funding_authority": TEXT,
        "project_title": pattern("name year"),
        "fund_plan": pattern("authority name budget sources"),
        "other_sources": pattern("grant other"), "no_other_sources": TEXT,
        "funds_received": pattern("name received rate"),
        "fund_use": pattern("name actual rate text"),
    },
}
"""``[phrases.<family>]``: every key a family may hold."""

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
    | {"figure": pattern("n title"), "list_item": pattern("n cn circled")},
    "numbering.lists": {name: pattern("n cn circled", required=False) for name in LISTS},
    "glossary": {"entry": pattern("term explanation"), "code_term": pattern("category section item code"),
                 "before_codes": PAIRS, "after_codes": PAIRS},
    "statistical_tables": {"number": pattern("n nn"), "department": pattern("department"),
                           "empty": pattern("department title")},
    "performance_table": {"year": pattern("year")},
    "headings": {},
}
"""Patterns outside ``[phrases]``, by table."""


def declare(family: str, keys: dict[str, Wording]) -> None:
    """Add the wording family of a section defined outside this catalogue (its unit declares it)."""
    if family in PHRASES and PHRASES[family] != keys:
        raise ValueError(f"phrase family {family!r} declared twice")
    PHRASES[family] = keys
