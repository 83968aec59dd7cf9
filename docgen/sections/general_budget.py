"""一般公共预算财政拨款支出决算情况说明: 总体, 结构 and one sentence per 项."""

from __future__ import annotations

from types import SimpleNamespace

from ..derive import Completion
from ..figures import Figures, Part
from ..pack.patterns import TEXT, declare, pattern
from ..phrase.book import (
    Phrasebook,
    change_clause,
    completion_clause,
    numbered,
    percent,
    structure_parts,
    variance_clause,
)
from . import section

declare("general_budget", {
    "overall": pattern("year prior_year department actual share change"),
    "subject": TEXT,
    "structure": pattern("year department actual parts"),
    "category": pattern("name"),   # a 类 in {parts} of structure (上海: 教育支出（类）)
    # budget/completion/variance: against 调整后预算; initial_…: against 年初预算 (上海's template).
    "detail": pattern("year department actual budget completion initial_budget initial_rate "
                      "initial_variance"),
    "item": pattern("category section item code purpose actual budget completion variance initial_budget "
                    "initial_rate initial_variance"),
})


@section("general_budget", "一般公共预算财政拨款支出决算情况说明",
         charts=("general_budget_change", "general_budget_structure"))
def general_budget(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    year, prior = r.department.year, r.department.prior_year
    words = book.words("general_budget")
    s.general_budget_overall = book.fill(
        "general_budget", "overall", year=year, prior_year=prior, department=book.region.department_name(r.department),
        actual=f.general_budget_total,
        share=percent(f.general_budget_share),
        change=change_clause(book, "change", words["subject"], f.general_budget_change, prior,
                             r.general_budget.total.change_reason, "$.general_budget.total.change_reason"))
    parts = [Part(c.code.name, c.amount, c.share) for c in f.categories]
    s.general_budget_structure = book.fill(
        "general_budget", "structure", year=year, department=book.region.department_name(r.department),
        actual=f.general_budget_total,
        parts=structure_parts(book, parts, [(p.key, book.fill("general_budget", "category", name=p.key))
                                            for p in parts]))
    s.general_budget_detail = book.fill(
        "general_budget", "detail", {"initial_budget": "$.general_budget.items[*].initial_budget"},
        year=year, department=book.region.department_name(r.department), actual=f.general_budget_total,
        budget=f.general_budget_completion.budget, completion=completion_clause(book, f.general_budget_completion),
        **_initial(book, f.general_budget_initial_completion, r.general_budget.variance_reason,
                   "$.general_budget.variance_reason"))
    lines = []
    for i, item in enumerate(r.general_budget.items):
        category, section, entry = f.item_lineage(item)
        completion = f.item_completion(item)
        path = f"$.general_budget.items[{i}]"
        lines.append(book.fill(
            "general_budget", "item", {"purpose": f"{path}.purpose", "initial_budget": f"{path}.initial_budget"},
            category=category.name, section=section.name, item=entry.name, code=item.code, purpose=item.purpose,
            actual=item.actual, budget=item.budget, completion=completion_clause(book, completion),
            variance=variance_clause(book, completion, item.reason, f"{path}.reason"),
            **_initial(book, f.item_initial_completion(item), item.reason, f"{path}.reason")))
    s.general_budget_items = numbered(book, lines, "items")


def _initial(book: Phrasebook, completion: Completion | None, reason: str | None, path: str) -> dict:
    """年初预算, the rate of 完成年初预算的X% and its variance clause; empty (a text-missing finding
    where a pattern prints them) when the data gives no 年初预算, the rate too when it is 0."""
    if completion is None:
        return {"initial_budget": None, "initial_rate": None, "initial_variance": None}
    return {"initial_budget": completion.budget, "initial_rate": percent(completion.rate) if completion.budget else None,
            "initial_variance": variance_clause(book, completion, reason, path)}
