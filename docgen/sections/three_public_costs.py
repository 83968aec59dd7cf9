"""“三公”经费财政拨款支出决算情况说明: 总体, 结构 and each category."""

from __future__ import annotations

from types import SimpleNamespace

from ..derive import Change, Direction
from ..figures import Figures
from ..pack.patterns import PAIRS, TEXT, declare, pattern
from ..phrase.book import Phrasebook, change_clause, completion_clause, percent, variance_clause
from . import section

declare("three_public_costs", {
    "overall": pattern("year department actual budget funds completion variance change travel_actual "
                       "travel_completion vehicles_actual vehicles_completion reception_actual reception_completion"),
    # {change} of overall: the total against last year; each category gives its reason below.
    **{f"total_{d}": pattern("prior_year change rate") for d in ("increase", "decrease", "equal", "from_zero")},
    # …_reason: the same with the reason the data gives (``change_reason``), where the pack words it.
    **{f"total_{d}_reason": pattern("prior_year change rate reason", required=False)
       for d in ("increase", "decrease", "from_zero")},
    "fund_part": pattern("label amount"),
    "fund_labels": PAIRS,
    # travel_…, vehicles_…, reception_…: each category's 决算 and completion clause (上海 七（一）).
    "structure": pattern("year department parts"),
    "part": pattern("label amount share"),
    "travel_label": TEXT, "vehicles_label": TEXT, "reception_label": TEXT,
    "travel": pattern("actual budget groups people completion change purpose"), "travel_subject": TEXT,
    "vehicles": pattern("actual budget completion change"), "vehicles_subject": TEXT,
    "vehicle_purchase": pattern("actual vehicles purpose year fleet leaders confidential emergency law_enforcement "
                                "special_technical retired_service other"),
    # No purchase this year, where the pack words it apart (上海: 购置支出为0万元, no 主要用于).
    "vehicle_purchase_none": pattern("", required=False),
    "vehicle_operation": pattern("actual change purpose year department fleet"), "vehicle_operation_subject": TEXT,
    "reception": pattern("actual budget completion change"), "reception_subject": TEXT,
    # foreign_…: 外宾接待 within the domestic figures (上海: 国内公务接待支出…（含外宾接待支出…）)
    "domestic": pattern("amount batches people purpose foreign_amount foreign_batches foreign_people"),
    "domestic_none": TEXT,
    # A department without “三公” costs: this sentence alone (上海: 无“三公”经费财政拨款支出).
    "none": pattern("year department", required=False),
    "foreign": pattern("amount batches people purpose"), "foreign_none": TEXT,
    "year_change": pattern("year prior_year total parts reasons", required=False),
    "other_domestic": pattern("amount purpose"), "other_domestic_none": TEXT,
})


def _total_change(book: Phrasebook, f: Figures, prior: int) -> str:
    """The “三公” total against last year, with the data's reason where the pack words one."""
    total, reason = f.three_public_change, f.report.three_public_costs.change_reason
    variant = f"total_{total.direction.value}"
    values = dict(prior_year=prior, change=total.delta, rate=percent(total.rate))
    if reason and f"{variant}_reason" in book.words("three_public_costs"):
        variant, values["reason"] = f"{variant}_reason", reason
    return book.fill("three_public_costs", variant, **values)


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
    s.three_public_none = ""
    if c.actual == 0 and "none" in words:
        s.three_public_none = book.fill(fam, "none", year=year, department=book.region.department_name(r.department))
        return
    fund_labels = book.labels(fam, "fund_labels")
    funds = book.words("basic_spending")["separator"].join(
        book.fill(fam, "fund_part", label=fund_labels[key], amount=amount)
        # all zero: the 一般公共预算 part stands alone (其中：一般公共预算财政拨款0万元)
        for key, amount in [p for p in f.three_public_by_fund if p[1]] or f.three_public_by_fund[:1])
    change = _total_change(book, f, prior)
    s.three_public_overall = book.fill(
        fam, "overall", year=year, department=book.region.department_name(r.department), actual=c.actual,
        funds=funds, change=change,
        budget=f.three_public_completion.budget, completion=completion_clause(book, f.three_public_completion),
        variance=variance_clause(book, f.three_public_completion, c.variance_reason, f"{base}.variance_reason"),
        **{f"{k.key}_{name}": value for k in f.three_public_categories for name, value in
           (("actual", k.completion.actual), ("completion", completion_clause(book, k.completion)))})
    s.three_public_year_change = _year_change(book, f) if "year_change" in words else ""
    labels = [(key, words[f"{key}_label"]) for key in ("travel", "vehicles", "reception")]
    pieces = [book.fill(fam, "part", label=label, amount=p.amount, share=percent(p.share))
              for (key, label), p in zip(labels, f.three_public_parts)]
    s.three_public_structure = book.fill(fam, "structure", year=year,
                                         department=book.region.department_name(r.department),
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
    if vp.actual == 0 and "vehicle_purchase_none" in words:
        s.vehicle_purchase = book.fill(fam, "vehicle_purchase_none")
    else:
        s.vehicle_purchase = book.fill(
            fam, "vehicle_purchase", {"purpose": f"{base}.vehicle_purchase.purpose"}, actual=vp.actual,
            vehicles=vp.vehicles, purpose=vp.purpose, year=year, fleet=fleet.total, leaders=fleet.leaders,
            confidential=fleet.confidential, emergency=fleet.emergency, law_enforcement=fleet.law_enforcement,
            special_technical=fleet.special_technical, retired_service=fleet.retired_service, other=fleet.other)
    operation_change = (_operation_change(book, f, words["vehicle_operation_subject"], prior, vo.change_reason)
                        if "{change}" in words["vehicle_operation"] else "")
    s.vehicle_operation = book.fill(
        fam, "vehicle_operation", {"purpose": f"{base}.vehicle_operation.purpose",
                                   "fleet": f"{base}.vehicle_operation.fleet"},
        actual=vo.actual, change=operation_change, purpose=vo.purpose, year=year,
        department=book.region.department_name(r.department), fleet=vo.fleet)
    rc = c.reception
    s.reception = book.fill(fam, "reception", actual=rc.actual, budget=rc.budget,
                            completion=completion_clause(book, f.reception_completion),
                            change=yoy("reception_subject", f.reception_change, rc.change_reason,
                                       f"{base}.reception.change_reason"))
    dom, fgn = rc.domestic, rc.foreign
    purpose_path = {"purpose": f"{base}.reception.domestic.purpose"}
    s.domestic_reception = (book.fill(fam, "domestic", purpose_path, amount=dom.amount, batches=dom.batches,
                                      people=dom.people, purpose=dom.purpose, foreign_amount=fgn.amount,
                                      foreign_batches=fgn.batches, foreign_people=fgn.people)
                            if dom.amount else book.fill(fam, "domestic_none"))
    s.foreign_reception = (book.fill(fam, "foreign", {"purpose": f"{base}.reception.foreign.purpose"},
                                     amount=fgn.amount, batches=fgn.batches, people=fgn.people, purpose=fgn.purpose)
                           if fgn.amount or fgn.batches else book.fill(fam, "foreign_none"))
    s.other_domestic_reception = (book.fill(fam, "other_domestic", purpose_path, amount=rc.other_domestic,
                                            purpose=dom.purpose)
                                  if rc.other_domestic else book.fill(fam, "other_domestic_none"))


def _operation_change(book: Phrasebook, f: Figures, subject: str, prior: int, reason: str | None) -> str:
    """公务用车运行维护费 against last year, with the data's reason; without one, the change alone
    (the category's reason is optional: the 2020 wording never stated this change)."""
    change = f.vehicle_operation_change
    if reason or change.direction in (Direction.EQUAL, Direction.FROM_ZERO):
        return change_clause(book, "year_on_year", subject, change, prior, reason,
                             "$.three_public_costs.vehicle_operation.change_reason")
    variant = "increase_minor" if change.direction is Direction.INCREASE else "decrease_minor"
    return book.fill("year_on_year", variant, subject=subject, change=change.delta, rate=percent(change.rate),
                     prior_year=prior)


def _year_change(book: Phrasebook, f: Figures) -> str:
    """“三公” total and categories against last year, each category's reason after (上海 七（一）)."""
    r = f.report
    c = r.three_public_costs
    words = book.words("three_public_costs")
    base = "$.three_public_costs"
    reasons = {"travel": (c.travel_abroad.change_reason, f"{base}.travel_abroad.change_reason"),
               # One reason for the category: purchase's and running's both, where the data gives two.
               "vehicles": (book.words("structure")["separator"].join(
                   r.rstrip("。；;，, ") for r in (c.vehicle_purchase.change_reason, c.vehicle_operation.change_reason)
                   if r) or None, f"{base}.vehicle_operation.change_reason"),
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
