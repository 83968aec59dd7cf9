"""The sentences of Parts 1–3: 部门概况, 决算情况说明 一 to 十, 名词解释 (domain.md §3).

Each function writes the sentences of one section onto ``s``: it picks a pattern variant from the
numbers (增加/减少/持平, 等于/大于/小于预算数, 0 → 非0) and fills it through the phrasebook.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from .. import formatting as fmt
from ..derive import Change, Completion, rate
from ..figures import Figures, Part
from .book import (
    Phrasebook,
    percent,
    change_clause,
    completion_clause,
    numbered,
    structure_parts,
    variance_clause,
)

def overview(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    d, ov = r.department, r.overview
    s.functions = numbered(book, ov.functions)
    s.key_work = [book.fill("overview", "key_work", ordinal=fmt.chinese_numeral(i), n=i, text=t)
                  for i, t in enumerate(ov.key_work, 1)]
    inst = ov.institutions
    s.institutions = book.fill("overview", "institutions", department=d.short_name, total=inst.total,
                               administrative=inst.administrative,
                               civil_service_managed=inst.civil_service_managed,
                               public_service=inst.public_service)
    lead = "secondary_units" if ov.secondary_units else "no_secondary_units"
    s.secondary_units_lead = book.fill("overview", lead, department=d.short_name, year=d.year)
    s.secondary_units = numbered(book, ov.secondary_units)


def totals(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    year, prior = r.department.year, r.department.prior_year
    words = book.words("totals")
    s.totals = book.fill(
        "totals", "sentence", year=year, prior_year=prior, department=r.department.short_name,
        income_total=f.income_total, spending_total=f.spending_total,
        income_change=change_clause(book, "change", words["income_subject"], f.income_change, prior,
                                    r.income.total.change_reason, "$.income.total.change_reason"),
        spending_change=change_clause(book, "change", words["spending_subject"], f.spending_change, prior,
                                      r.spending.total.change_reason, "$.spending.total.change_reason"),
    )
    for family, parts, attr in (("income_structure", f.income_parts, "income_structure"),
                                ("spending_structure", f.spending_parts, "spending_structure")):
        words = book.words(family)
        total = sum((p.amount for p in parts), Decimal(0))
        s.__dict__[attr] = book.fill(family, "sentence", year=year, department=r.department.short_name,
                                     total=total, parts=structure_parts(
            book, parts, words["parts"], words.get("omit_when_zero", ())))
    words = book.words("grant_totals")
    grants = r.fiscal_grants
    s.grant_totals = book.fill(
        "grant_totals", "sentence", year=year, prior_year=prior, department=r.department.short_name,
        income_total=f.grant_income_total, spending_total=f.grant_spending_total,
        income_change=change_clause(book, "change", words["income_subject"], f.grant_income_change, prior,
                                    grants.income_total.change_reason, "$.fiscal_grants.income_total.change_reason"),
        spending_change=change_clause(book, "change", words["spending_subject"], f.grant_spending_change, prior,
                                      grants.spending_total.change_reason,
                                      "$.fiscal_grants.spending_total.change_reason"),
    )


def general_budget(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    year, prior = r.department.year, r.department.prior_year
    words = book.words("general_budget")
    s.general_budget_overall = book.fill(
        "general_budget", "overall", year=year, prior_year=prior, department=r.department.short_name,
        actual=f.general_budget_total,
        share=percent(f.general_budget_share),
        change=change_clause(book, "change", words["subject"], f.general_budget_change, prior,
                             r.general_budget.total.change_reason, "$.general_budget.total.change_reason"))
    parts = [Part(c.code.name, c.amount, c.share) for c in f.categories]
    s.general_budget_structure = book.fill(
        "general_budget", "structure", year=year, department=r.department.short_name,
        actual=f.general_budget_total,
        parts=structure_parts(book, parts, [(p.key, p.key) for p in parts]))
    s.general_budget_detail = book.fill("general_budget", "detail", year=year, department=r.department.short_name,
                                        actual=f.general_budget_total,
                                        budget=f.general_budget_completion.budget,
                                        completion=completion_clause(book, f.general_budget_completion))
    lines = []
    for i, item in enumerate(r.general_budget.items):
        category, section, entry = f.item_lineage(item)
        completion = Completion(item.actual, item.budget)
        lines.append(book.fill(
            "general_budget", "item", category=category.name, section=section.name, item=entry.name,
            code=item.code, actual=item.actual, budget=item.budget, completion=completion_clause(book, completion),
            variance=variance_clause(book, completion, item.reason, f"$.general_budget.items[{i}].reason")))
    s.general_budget_items = numbered(book, lines)


def basic_spending(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    words = book.words("basic_spending")

    def listing(lines) -> str:
        return words["separator"].join(
            book.fill("basic_spending", "item", name=f.economic_name(line), code=line.code, amount=line.amount)
            for line in lines)

    d = f.report.department
    s.basic_lead = book.fill("basic_spending", "lead", year=d.year, department=d.short_name, total=f.basic_total)
    s.basic_personnel = (book.fill("basic_spending", "personnel", amount=f.personnel_total,
                                   items=listing(f.personnel_lines))
                         if f.personnel_lines else book.fill("basic_spending", "personnel_none"))
    s.basic_public = (book.fill("basic_spending", "public", amount=f.public_total, items=listing(f.public_lines))
                      if f.public_lines else book.fill("basic_spending", "public_none"))


def three_public_costs(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    c = r.three_public_costs
    year, prior = r.department.year, r.department.prior_year
    words = book.words("three_public_costs")
    base = "$.three_public_costs"
    fam = "three_public_costs"
    s.three_public_overall = book.fill(
        fam, "overall", year=year, department=r.department.short_name, actual=c.actual,
        budget=f.three_public_completion.budget, completion=completion_clause(book, f.three_public_completion),
        variance=variance_clause(book, f.three_public_completion, c.variance_reason, f"{base}.variance_reason"))
    labels = [(key, words[f"{key}_label"]) for key in ("travel", "vehicles", "reception")]
    pieces = [book.fill(fam, "part", label=label, amount=p.amount, share=percent(p.share))
              for (key, label), p in zip(labels, f.three_public_parts)]
    s.three_public_structure = book.fill(fam, "structure", year=year, department=r.department.short_name,
                                         parts=book.words("structure")["separator"].join(pieces))

    def yoy(subject_key: str, change: Change, reason: str | None, path: str) -> str:
        return change_clause(book, "year_on_year", words[subject_key], change, prior, reason, path)

    t = c.travel_abroad
    s.travel = book.fill(fam, "travel", actual=t.actual, budget=t.budget, groups=t.groups, people=t.people,
                         completion=completion_clause(book, Completion(t.actual, t.budget)),
                         change=yoy("travel_subject", Change(t.actual, t.prior_year), t.change_reason,
                                    f"{base}.travel_abroad.change_reason"))
    vp, vo = c.vehicle_purchase, c.vehicle_operation
    vehicle_reason = vp.change_reason or vo.change_reason
    s.vehicles = book.fill(fam, "vehicles", actual=vp.actual + vo.actual, budget=f.vehicles_completion.budget,
                           completion=completion_clause(book, f.vehicles_completion),
                           change=yoy("vehicles_subject", f.vehicles_change, vehicle_reason,
                                      f"{base}.vehicle_operation.change_reason"))
    fleet = r.assets.vehicles
    s.vehicle_purchase = book.fill(fam, "vehicle_purchase", actual=vp.actual, vehicles=vp.vehicles, year=year,
                                   fleet=fleet.total, leaders=fleet.leaders, confidential=fleet.confidential,
                                   emergency=fleet.emergency, law_enforcement=fleet.law_enforcement)
    s.vehicle_operation = book.fill(fam, "vehicle_operation", actual=vo.actual)
    rc = c.reception
    s.reception = book.fill(fam, "reception", actual=rc.actual, budget=rc.budget,
                            completion=completion_clause(book, Completion(rc.actual, rc.budget)),
                            change=yoy("reception_subject", Change(rc.actual, rc.prior_year), rc.change_reason,
                                       f"{base}.reception.change_reason"))
    dom, fgn = rc.domestic, rc.foreign
    purpose_path = {"purpose": f"{base}.reception.domestic.purpose"}
    s.domestic_reception = (book.fill(fam, "domestic", purpose_path, amount=dom.amount, batches=dom.batches,
                                      people=dom.people, purpose=dom.purpose)
                            if dom.amount else book.fill(fam, "domestic_none"))
    s.foreign_reception = book.fill(fam, "foreign", amount=fgn.amount, batches=fgn.batches, people=fgn.people)
    s.other_domestic_reception = (book.fill(fam, "other_domestic", purpose_path, amount=rc.other_domestic,
                                            purpose=dom.purpose)
                                  if rc.other_domestic else book.fill(fam, "other_domestic_none"))


def funds(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    year, prior = r.department.year, r.department.prior_year
    for family, fund in (("government_fund", r.government_fund), ("state_capital", r.state_capital)):
        if fund.actual == 0 and fund.prior_year == 0:
            setattr(s, family, book.fill(family, "none", year=year, department=r.department.short_name))
            continue
        change = change_clause(book, "change", book.words(family)["subject"], Change(fund.actual, fund.prior_year),
                               prior, fund.change_reason, f"$.{family}.change_reason")
        setattr(s, family, book.fill(family, "sentence", year=year, prior_year=prior,
                                     department=r.department.short_name, actual=fund.actual,
                                     completion=completion_clause(book, Completion(fund.actual, fund.budget)),
                                     change=change))


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
                              sme_share=percent(rate(p.awarded_to_sme, p.total)), small_micro=p.awarded_to_small_micro,
                              small_micro_share=percent(rate(p.awarded_to_small_micro, p.total)))
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
    s.projects_heading = book.words(fam)["projects_heading"]
    s.results_heading = book.words(fam)["results_heading"]
    names = "".join(book.fill(fam, "project_name", name=p.name) for p in pm.projects)
    s.projects_lead = (book.fill(fam, "projects", year=d.year, names=names, count=len(pm.projects))
                       if pm.projects else book.fill(fam, "no_projects", year=d.year))
    lines = []
    for p in pm.projects:
        completion = Completion(p.execution.total, p.budget.total)
        lines.append(book.fill(fam, "project", name=p.name, budget=p.budget.total, actual=p.execution.total,
                               completion=completion_clause(book, completion, "performance", "project_completion"),
                               summary=p.summary, problems=p.problems, improvements=p.improvements))
    s.projects = numbered(book, lines)
    s.overall_result = book.fill(fam, "overall_result", year=d.year, department=d.name)
    s.projects_result = book.fill(fam, "projects_result", year=d.year, names=names) if pm.projects else ""


def glossary(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    """第三部分 名词解释: the pack's general terms around one entry per 项 used, numbered without gaps.

    The data's own glossary terms replace a pack term of the same name, or are added after the
    code entries.
    """
    words = book.region.section("glossary")
    own = {g.term: g.explanation for g in f.report.glossary}
    entries: list[tuple[str, str]] = []
    for term, explanation in words.get("before_codes", ()):
        entries.append((term, own.pop(term, explanation)))
    seen = set()
    for item in f.report.general_budget.items:
        if item.code in seen:
            continue
        seen.add(item.code)
        category, section, entry = f.item_lineage(item)
        term = book.format(words["code_term"], "glossary.code_term", {},
                           {"category": category.name, "section": section.name, "item": entry.name,
                            "code": item.code})
        entries.append((term, own.pop(term, entry.explanation)))
    for term, explanation in words.get("after_codes", ()):
        entries.append((term, own.pop(term, explanation)))
    entries.extend(own.items())
    lines = [book.format(words["entry"], "glossary.entry", {"explanation": "$.glossary"},
                         {"term": t, "explanation": e}) for t, e in entries]
    s.glossary = numbered(book, lines)


