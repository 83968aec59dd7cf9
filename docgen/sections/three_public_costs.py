"""“三公”经费财政拨款支出决算情况说明: 总体, 结构 and each category."""

from __future__ import annotations

from types import SimpleNamespace

from ..derive import Change
from ..figures import Figures
from ..pack.patterns import TEXT, declare, pattern
from ..phrase.book import Phrasebook, change_clause, completion_clause, percent, variance_clause
from . import section

declare("three_public_costs", {
    # travel_…, vehicles_…, reception_…: each category's 决算 and completion clause (上海 七（一）).
    "overall": pattern("year department actual budget completion variance travel_actual travel_completion "
                       "vehicles_actual vehicles_completion reception_actual reception_completion"),
    "structure": pattern("year department parts"),
    "part": pattern("label amount share"),
    "travel_label": TEXT, "vehicles_label": TEXT, "reception_label": TEXT,
    "travel": pattern("actual budget groups people completion change purpose"), "travel_subject": TEXT,
    "vehicles": pattern("actual budget completion change"), "vehicles_subject": TEXT,
    "vehicle_purchase": pattern("actual vehicles year fleet leaders confidential emergency law_enforcement"),
    "vehicle_operation": pattern("actual purpose year department fleet"),
    "reception": pattern("actual budget completion change"), "reception_subject": TEXT,
    "domestic": pattern("amount batches people purpose"), "domestic_none": TEXT,
    "foreign": pattern("amount batches people"),
    "year_change": pattern("year prior_year total parts reasons", required=False),
    "other_domestic": pattern("amount purpose"), "other_domestic_none": TEXT,
})


# 上海 七（一）'s second paragraph: the total and each category against last year, then each category's
# reason. Optional families: only packs that print "year_change" set them.
_VARIANTS = ("increase", "decrease", "equal", "from_zero")
declare("three_public_total", {v: pattern("change rate", required=False) for v in _VARIANTS})
declare("three_public_delta", {v: pattern("subject change rate", required=False) for v in _VARIANTS})
declare("three_public_reason", {v: pattern("subject reason", required=False) for v in _VARIANTS})


@section("three_public_costs", "“三公”经费财政拨款支出决算情况说明", charts=("three_public_structure",))
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
        variance=variance_clause(book, f.three_public_completion, c.variance_reason, f"{base}.variance_reason"),
        **{f"{k.key}_{name}": value for k in f.three_public_categories for name, value in
           (("actual", k.completion.actual), ("completion", completion_clause(book, k.completion)))})
    s.three_public_year_change = _year_change(book, f) if "year_change" in words else ""
    labels = [(key, words[f"{key}_label"]) for key in ("travel", "vehicles", "reception")]
    pieces = [book.fill(fam, "part", label=label, amount=p.amount, share=percent(p.share))
              for (key, label), p in zip(labels, f.three_public_parts)]
    s.three_public_structure = book.fill(fam, "structure", year=year, department=r.department.short_name,
                                         parts=book.words("structure")["separator"].join(pieces))

    def yoy(subject_key: str, change: Change, reason: str | None, path: str) -> str:
        return change_clause(book, "year_on_year", words[subject_key], change, prior, reason, path)

    t = c.travel_abroad
    s.travel = book.fill(fam, "travel", {"purpose": f"{base}.travel_abroad.purpose"}, purpose=t.purpose,
                         actual=t.actual, budget=t.budget, groups=t.groups, people=t.people,
                         completion=completion_clause(book, f.travel_completion),
                         change=yoy("travel_subject", f.travel_change, t.change_reason,
                                    f"{base}.travel_abroad.change_reason"))
    vp, vo = c.vehicle_purchase, c.vehicle_operation
    vehicle_reason = vp.change_reason or vo.change_reason
    s.vehicles = book.fill(fam, "vehicles", actual=f.vehicles_actual, budget=f.vehicles_completion.budget,
                           completion=completion_clause(book, f.vehicles_completion),
                           change=yoy("vehicles_subject", f.vehicles_change, vehicle_reason,
                                      f"{base}.vehicle_operation.change_reason"))
    fleet = r.assets.vehicles
    s.vehicle_purchase = book.fill(fam, "vehicle_purchase", actual=vp.actual, vehicles=vp.vehicles, year=year,
                                   fleet=fleet.total, leaders=fleet.leaders, confidential=fleet.confidential,
                                   emergency=fleet.emergency, law_enforcement=fleet.law_enforcement)
    s.vehicle_operation = book.fill(
        fam, "vehicle_operation", {"purpose": f"{base}.vehicle_operation.purpose",
                                   "fleet": f"{base}.vehicle_operation.fleet"},
        actual=vo.actual, purpose=vo.purpose, year=year, department=r.department.short_name, fleet=vo.fleet)
    rc = c.reception
    s.reception = book.fill(fam, "reception", actual=rc.actual, budget=rc.budget,
                            completion=completion_clause(book, f.reception_completion),
                            change=yoy("reception_subject", f.reception_change, rc.change_reason,
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


def _year_change(book: Phrasebook, f: Figures) -> str:
    """“三公” total and categories against last year, each category's reason after (上海 七（一）)."""
    r = f.report
    c = r.three_public_costs
    words = book.words("three_public_costs")
    base = "$.three_public_costs"
    reasons = {"travel": (c.travel_abroad.change_reason, f"{base}.travel_abroad.change_reason"),
               "vehicles": (c.vehicle_purchase.change_reason or c.vehicle_operation.change_reason,
                            f"{base}.vehicle_operation.change_reason"),
               "reception": (c.reception.change_reason, f"{base}.reception.change_reason")}

    def delta(subject: str, change: Change) -> str:
        return book.fill("three_public_delta", change.direction.value, subject=subject, change=change.delta,
                         rate=percent(change.rate))

    parts = [delta(words[f"{k.key}_subject"], k.change) for k in f.three_public_categories]
    because = [book.fill("three_public_reason", k.change.direction.value, {"reason": reasons[k.key][1]},
                         subject=words[f"{k.key}_label"], reason=reasons[k.key][0])
               for k in f.three_public_categories]
    return book.fill("three_public_costs", "year_change", year=r.department.year,
                     prior_year=r.department.prior_year, total=book.fill("three_public_total", f.three_public_change.direction.value,
                                    change=f.three_public_change.delta, rate=percent(f.three_public_change.rate)),
                     parts=book.words("structure")["separator"].join(parts), reasons="".join(because))
