"""其他重要事项的情况说明: 机关运行经费, 政府采购, 国有资产, 预算绩效管理 (its tables: one per project)."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..phrase.book import Phrasebook, completion_clause, numbered, percent
from . import section


@section("other_matters", "其他重要事项的情况说明", tables=("performance",))
def other_matters(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    d = r.department
    oc = f.operating_costs_change
    variant = book.change_variant("operating_costs", oc, r.operating_costs.change_reason)
    values = dict(year=d.year, prior_year=d.prior_year, department=d.short_name, actual=oc.current,
                  change=oc.delta, rate=percent(oc.rate))
    if not variant.endswith("_minor"):
        values["reason"] = r.operating_costs.change_reason
    s.operating_costs = book.fill("operating_costs", variant, {"reason": "$.operating_costs.change_reason"},
                                  **values)
    p = r.procurement
    s.procurement = book.fill("procurement", "sentence", year=d.year, department=d.short_name, total=p.total,
                              goods=p.goods, works=p.works, services=p.services, sme=p.awarded_to_sme,
                              sme_share=percent(f.sme_share), small_micro=p.awarded_to_small_micro,
                              small_micro_share=percent(f.small_micro_share))
    a = r.assets
    s.assets = book.fill("assets", "sentence", year=d.year, department=d.short_name, vehicles=a.vehicles.total,
                         leaders=a.vehicles.leaders, confidential=a.vehicles.confidential,
                         emergency=a.vehicles.emergency, other=f.other_vehicles,
                         general_equipment=a.general_equipment_over_500k,
                         special_equipment=a.special_equipment_over_1m)
    performance(book, f, s)


def performance(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    d, pm = r.department, r.performance
    fam = "performance"
    counts = dict(goals_set=pm.goals_set, monitored=pm.monitored, self_evaluated=pm.self_evaluated)
    if pm.ex_ante_assessed:
        s.performance_management = book.fill(fam, "management", ex_ante="、".join(pm.ex_ante_assessed), **counts)
    else:
        s.performance_management = book.fill(fam, "management_no_ex_ante", **counts)
    s.overall_self_evaluation = pm.overall_self_evaluation
    s.projects_heading = book.fill(fam, "projects_heading")
    s.results_heading = book.fill(fam, "results_heading")
    names = "".join(book.fill(fam, "project_name", name=p.name) for p in pm.projects)
    s.projects_lead = (book.fill(fam, "projects", year=d.year, names=names, count=len(pm.projects))
                       if pm.projects else book.fill(fam, "no_projects", year=d.year))
    lines = []
    for p in pm.projects:
        completion = f.project_completion(p)
        lines.append(book.fill(fam, "project", name=p.name, budget=p.budget.total, actual=p.execution.total,
                               completion=completion_clause(book, completion, "performance", "project_completion"),
                               summary=p.summary, problems=p.problems, improvements=p.improvements))
    s.projects = numbered(book, lines, "projects")
    s.overall_result = book.fill(fam, "overall_result", year=d.year, department=d.name)
    s.projects_result = book.fill(fam, "projects_result", year=d.year, names=names) if pm.projects else ""
