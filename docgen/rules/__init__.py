"""The checker's rule catalogue: every check docgen runs on a report's data before phrasing it.

Each rule has a stable id (``class-sum``), a default level (``error`` or ``warning``), a Chinese
title a finance officer understands, parameters with defaults, and a function that yields what it
finds. A region pack's ``[rules]`` table switches a rule off, changes its level or its parameters,
and sets the one tolerance (see :mod:`docgen.rules.config`). ``docgen rules`` lists the catalogue;
``docs/rules.md`` documents it.

A few rules are found elsewhere and only registered here, so that they are listed and a pack can
set their level: the phrasebook finds ``reason-missing`` and ``text-missing`` while filling the
sentences, the statistical tables find ``detail-missing`` and ``detail-mismatch``.

Rules live in short modules by theme: :mod:`.identities` (§5 identities that can fail),
:mod:`.stated` (figures stated twice), :mod:`.reasons`, :mod:`.codes`, :mod:`.text`,
:mod:`.amounts` (impossible or suspicious amounts), :mod:`.links` (soft links between the
economic and functional classifications), :mod:`.prose` (numbers and directions inside the
department's prose) and :mod:`.cross` (cross-checks between sections).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from .. import formatting as fmt
from ..catalogue import Catalogue
from ..figures import Figures
from ..model import Report

ERROR, WARNING = "error", "warning"
LEVELS = (ERROR, WARNING)

SECTIONS: dict[str, str] = {
    "overview": "部门概况",
    "income_spending": "收入支出决算总体情况",
    "income": "收入决算情况",
    "spending": "支出决算情况",
    "grants": "财政拨款收入支出决算总体情况",
    "general_budget": "一般公共预算财政拨款支出决算情况",
    "basic_spending": "一般公共预算财政拨款基本支出决算情况",
    "three_public_costs": "“三公”经费财政拨款支出决算情况",
    "government_fund": "政府性基金预算支出决算情况",
    "state_capital": "国有资本经营预算支出决算情况",
    "other_matters": "其他重要事项（机关运行经费、政府采购、国有资产、预算绩效管理）",
    "glossary": "名词解释",
    "attachments": "附件（绩效评价报告）",
    "tables": "附表（公开表）",
    "codes": "科目编码（codes）",
}
"""Report sections findings are grouped by, in print order: id → Chinese title."""

_PATH_SECTIONS = (
    ("$.department", "overview"), ("$.overview", "overview"),
    ("$.income", "income"), ("$.spending", "spending"), ("$.fiscal_grants", "grants"),
    ("$.general_budget", "general_budget"), ("$.basic_spending", "basic_spending"),
    ("$.three_public_costs", "three_public_costs"), ("$.government_fund", "government_fund"),
    ("$.state_capital", "state_capital"), ("$.operating_costs", "other_matters"),
    ("$.procurement", "other_matters"), ("$.assets", "other_matters"),
    ("$.performance.overall_evaluation", "attachments"), ("$.performance", "other_matters"),
    ("$.glossary", "glossary"), ("$.codes", "codes"), ("$.detail", "tables"),
)


def section_of(path: str) -> str | None:
    """The section a JSON path belongs to (``$.general_budget.items[3]`` → ``general_budget``)."""
    if path.startswith("$.performance.projects[") and ".evaluation" in path:
        return "attachments"
    for prefix, section in _PATH_SECTIONS:
        if path == prefix or path.startswith((prefix + ".", prefix + "[")):
            return section
    return None


@frozen
class Found:
    """What a rule function yields: where, what, and the two values that disagree."""

    path: str
    message: str
    expected: Any = None
    actual: Any = None
    section: str | None = None


@frozen
class Rule:
    """One entry of the catalogue."""

    id: str
    level: str
    """The default level; a pack may change it (unless ``blocking``)."""
    title: str
    """What the rule checks, in Chinese."""
    check: Callable[["RuleContext"], Iterable[Found]] | None
    """The rule's function; ``None`` when another part of docgen finds it (``source``)."""
    params: Mapping[str, Any] = field(factory=dict)
    """Parameters and their defaults (a pack overrides them in ``[rules.<id>]``)."""
    section: str | None = None
    """The section its findings belong to when not the one of their path."""
    blocking: bool = False
    """The report cannot be written while such a finding stands (a sentence would be incomplete
    or a name unknown): a pack cannot switch it off or lower it, and ``--force`` does not pass it."""
    source: str = "docgen.rules"
    """Where the rule is found: a rules module, the phrasebook or the statistical tables."""
    example: str = ""
    """An example message (for the documentation)."""
    doc: str = ""
    """What exactly is compared (for the documentation)."""


RULES: dict[str, Rule] = {}
"""The catalogue, in the order rules were registered (the order of ``docs/rules.md``)."""


def rule(id: str, level: str, title: str, *, params: Mapping[str, Any] | None = None,
         section: str | None = None, blocking: bool = False, example: str = "") -> Callable:
    """Register the decorated function as rule ``id`` (its docstring documents it)."""

    def register(function: Callable[["RuleContext"], Iterable[Found]]) -> Callable:
        _add(Rule(id, level, title, function, dict(params or {}), section, blocking,
                  function.__module__, example, _doc(function)))
        return function

    return register


def external(id: str, level: str, title: str, source: str, *, params: Mapping[str, Any] | None = None,
             blocking: bool = False, example: str = "", doc: str = "") -> None:
    """Register a rule whose findings another part of docgen makes (phrasing, statistical tables)."""
    _add(Rule(id, level, title, None, dict(params or {}), None, blocking, source, example, doc))


def _add(entry: Rule) -> None:
    if entry.id in RULES:
        raise ValueError(f"rule {entry.id} registered twice")
    if entry.level not in LEVELS:
        raise ValueError(f"rule {entry.id}: level {entry.level!r}")
    RULES[entry.id] = entry


def _doc(function: Callable) -> str:
    out = ""
    for line in (function.__doc__ or "").strip().splitlines():
        line = line.strip()
        # Chinese runs on without a space at a line break; anything else takes one.
        out += line if out and (ord(out[-1]) > 0x2E80 and line and ord(line[0]) > 0x2E80) else (" " if out else "") + line
    return out


class RuleContext:
    """What a rule function sees: the report, its figures and catalogue, the tolerance and the
    rule's own parameters (as configured by the region)."""

    def __init__(self, figures: Figures, tolerance: Decimal, region: Any = None):
        self.figures = figures
        self.report: Report = figures.report
        self.catalogue: Catalogue = figures.catalogue
        self.tolerance = tolerance
        self.params: Mapping[str, Any] = {}
        self.region = region
        """The pack (:class:`docgen.regions.Region`), for rules that follow its wording; ``None``
        checks against the catalogue's defaults."""

    def differ(self, a: Decimal, b: Decimal) -> bool:
        """Whether two amounts disagree: they differ by the tolerance or more."""
        return abs(a - b) >= self.tolerance

    def function_name(self, code: str) -> str:
        """The catalogue's name of a functional code, or the code itself when unknown."""
        entry = self.catalogue.functional.get(code)
        return entry.name if entry else code

    def economic_name(self, code: str) -> str:
        entry = self.catalogue.economic.get(code)
        return entry.name if entry else code


def amount(value: Decimal) -> str:
    """An amount as a message prints it (``386.49``)."""
    return fmt.amount(value)


def percent(value: Decimal | None) -> str:
    return "—" if value is None else fmt.percent(value)


def paths(items: Iterable[Any], base: str) -> Iterator[tuple[str, Any]]:
    for i, item in enumerate(items):
        yield f"{base}[{i}]", item


# The rule modules register their rules on import, in the order of the documentation.
from . import identities, stated, reasons, prose, cross, codes, text, amounts, links, tables, prior  # noqa: E402,F401
from . import disclosure, projects, requirements  # noqa: E402,F401
