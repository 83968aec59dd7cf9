"""Fields a region pack requires because it prints the sentences they fill (``field-required``).

Most fields of the current templates are optional in the input format, since a pack that does not
print a sentence does not need its figures. A pack that does print it switches the sentence's
requirement on, by section id, and ``docgen check`` then names every missing field by its JSON path
before anything is phrased:

```toml
[rules.field-required]
sections = ["general_budget.items", "performance.management"]
```

Each section id maps to field paths written as ``a.b[].c``: ``[]`` walks every entry of a list
(an empty list requires nothing of its entries), a field is missing when it is ``None`` or an empty
list, and a missing object is reported once at its own path rather than once per field inside it.
``… if x.y`` requires the field only when the figure ``x.y`` is not zero (a fund the department
does not have prints its 无…收入和支出 sentence, which needs nothing).
Reasons that depend on the figures (needed only when a figure changed) are not listed here: the
phrasebook finds those (``reason-missing``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import RegionError
from . import ERROR, Found, RuleContext, rule

REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "overview.units": ("overview.units",),
    "glossary.income_contents": ("income.contents.public_service if income.sources.public_service",
                                 "income.contents.business if income.sources.business",
                                 "income.contents.other if income.sources.other"),
    "general_budget.items": ("general_budget.items[].purpose", "general_budget.items[].initial_budget"),
    "government_fund.items": ("government_fund.items if government_fund.actual", "government_fund.items[].purpose",
                              "government_fund.items[].initial_budget"),
    "state_capital.items": ("state_capital.items if state_capital.actual", "state_capital.items[].purpose",
                            "state_capital.items[].initial_budget"),
    "three_public_costs.detail": (
        "three_public_costs.travel_abroad.purpose if three_public_costs.travel_abroad.actual",
        "three_public_costs.vehicle_purchase.purpose if three_public_costs.vehicle_purchase.actual",
        "three_public_costs.vehicle_operation.purpose if three_public_costs.vehicle_operation.actual",
        "three_public_costs.vehicle_operation.fleet"),
    "performance.management": ("performance.management", "performance.management.systems",
                               "performance.management.mechanism"),
    "procurement.reservations": ("procurement.reserved if procurement.total",),
    "procurement.kinds": ("procurement.awarded_to_sme_by_kind if procurement.awarded_to_sme",),
    "assets.equipment": ("assets.equipment_over_1m",),
    "assets.fleet": ("assets.vehicles.stated_total",),
    "performance.project_table": (
        "performance.projects[].project_code", "performance.projects[].funds", "performance.projects[].conclusion",
        "performance.projects[].project_lead", "performance.projects[].finance_lead",
        "performance.projects[].indicators[].nature", "performance.projects[].indicators[].weight",
        "performance.projects[].indicators[].score"),
}
"""Section id → the fields its sentences or table print (度量单位 is not required: a 定性 indicator
has none). Section ids name the part of the report
(as :data:`docgen.rules.SECTIONS` and the JSON paths do) and the sentence or table within it."""


TITLES: dict[str, str] = {
    "overview.units": "部门决算单位构成",
    "glossary.income_contents": "名词解释中事业收入、经营收入、其他收入的主要内容",
    "general_budget.items": "一般公共预算财政拨款支出各项的用途和年初预算",
    "government_fund.items": "政府性基金预算财政拨款支出各项的用途和年初预算",
    "state_capital.items": "国有资本经营预算财政拨款支出各项的用途和年初预算",
    "three_public_costs.detail": "“三公”经费支出具体情况（开支内容、用途、公务用车保有量）",
    "performance.management": "预算绩效管理工作开展情况",
    "procurement.reservations": "面向中小企业预留政府采购项目情况",
    "procurement.kinds": "货物、工程、服务授予中小企业合同金额",
    "assets.equipment": "单价100万元（含）以上设备",
    "assets.fleet": "车辆总数",
    "performance.project_table": "部门预算项目支出绩效自评表（预算管理一体化）",
}
"""What each section prints, as the finding names it."""


def required_paths(value: Any, path: str, base: str = "$") -> Iterator[str]:
    """The JSON paths under ``value`` where the field ``path`` (``a.b[].c``) is missing."""
    head, _, rest = path.partition(".")
    walk_list = head.endswith("[]")
    name = head[:-2] if walk_list else head
    here = f"{base}.{name}"
    child = getattr(value, name)
    if child is None or (isinstance(child, tuple) and not child and not walk_list):
        yield here
        return
    if walk_list:
        for i, entry in enumerate(child):
            if rest:
                yield from required_paths(entry, rest, f"{here}[{i}]")
    elif rest:
        yield from required_paths(child, rest, here)


def missing_fields(report: Any, sections: list[str]) -> Iterator[tuple[str, str]]:
    """(section id, JSON path) of every field the ``sections`` require that ``report`` lacks, each
    path once (a missing object stands for the fields inside it)."""
    unknown = [s for s in sections if s not in REQUIREMENTS]
    if unknown:
        raise RegionError(f"[rules.field-required] sections: unknown section {', '.join(map(repr, unknown))} "
                          f"(known: {', '.join(REQUIREMENTS)})")
    seen: list[str] = []
    for section in sections:
        for entry in REQUIREMENTS[section]:
            path, _, condition = entry.partition(" if ")
            if condition and not _figure(report, condition):
                continue
            for missing in required_paths(report, path):
                if not any(missing == s or missing.startswith((s + ".", s + "[")) for s in seen):
                    seen.append(missing)
                    yield section, missing


def _figure(value: Any, path: str) -> Any:
    for name in path.split("."):
        value = getattr(value, name)
    return value


@rule("field-required", ERROR, "地区模板所印语句需要的字段已填写", params={"sections": []}, blocking=True,
      example="地区模板印出“一般公共预算财政拨款支出各项的用途和年初预算”（general_budget.items），需要此项数据，但未填写")
def field_required(ctx: RuleContext) -> Iterator[Found]:
    """Every field that the sections listed in the pack's ``sections`` print is present (not ``null``,
    not an empty list); each missing one is reported by its JSON path. A pack that prints a section's
    sentences lists the section; the sections and their fields are in the table below
    (``docgen.rules.requirements``). Empty by default: nothing is required beyond the input format."""
    for section, path in missing_fields(ctx.report, list(ctx.params["sections"])):
        yield Found(path, f"地区模板印出“{TITLES[section]}”（{section}），需要此项数据，但未填写")
