"""政府性基金预算财政拨款支出决算情况说明 (and the fund sentence 国有资本经营 shares)."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.patterns import FUND, declare
from ..phrase.book import Phrasebook, change_clause, completion_clause, numbered, variance_clause
from . import section

declare("government_fund", FUND)


def _fund(book: Phrasebook, f: Figures, family: str) -> str:
    """One fund's spending against its budget and last year, or that it spent nothing."""
    r = f.report
    year, prior = r.department.year, r.department.prior_year
    fund = getattr(r, family)
    if fund.actual == 0 and fund.prior_year == 0:
        return book.fill(family, "none", year=year, department=r.department.short_name)
    change = change_clause(book, "change", book.words(family)["subject"], f.fund_change(family),
                           prior, fund.change_reason, f"$.{family}.change_reason")
    return book.fill(family, "sentence", year=year, prior_year=prior, department=r.department.short_name,
                     income=fund.income, actual=fund.actual, completion=completion_clause(book, f.fund_completion(family)),
                     change=change, items=_items(book, f, family))


def _items(book: Phrasebook, f: Figures, family: str) -> str:
    """The fund's spending and 年末结转和结余 by 项 (its items), or "" when the data gives none."""
    items = getattr(f.report, family).items
    if not items:
        return ""
    pieces = []
    for item in filter(f.item_known, items):  # an unknown code is a code-unknown finding
        category, section, entry = f.item_lineage(item)
        pieces.append(book.fill(family, "item", category=category.name, section=section.name, item=entry.name,
                                actual=f.fund_item_spending(item), carry_over_end=item.carry_over_end))
    if not pieces:
        return ""
    return book.fill(family, "items", list=book.words(family)["item_separator"].join(pieces))


def _fund_items(book: Phrasebook, f: Figures, family: str) -> list[str]:
    """Each 项 of the fund: purpose, 年初预算, 决算 and why they differ (packs that set ``item_line``)."""
    fund = getattr(f.report, family)
    if "item_line" not in book.words(family) or (fund.actual == 0 and fund.prior_year == 0):
        return []
    lines = []
    for i, item in enumerate(fund.items):
        if not f.item_known(item):  # reported as code-unknown
            continue
        path = f"$.{family}.items[{i}]"
        category, section, entry = f.item_lineage(item)
        completion = f.item_initial_completion(item)
        variance = None if completion is None else variance_clause(book, completion, item.reason, f"{path}.reason")
        lines.append(book.fill(
            family, "item_line", {"purpose": f"{path}.purpose", "initial_budget": f"{path}.initial_budget",
                             "variance": f"{path}.initial_budget"},
            category=category.name, section=section.name, item=entry.name, code=item.code, purpose=item.purpose,
            actual=item.actual, budget=item.budget, initial_budget=item.initial_budget, variance=variance))
    return numbered(book, lines, "items")


@section("government_fund", "政府性基金预算财政拨款支出决算情况说明")
def government_fund(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    s.government_fund = _fund(book, f, "government_fund")
    s.government_fund_items = _fund_items(book, f, "government_fund")
