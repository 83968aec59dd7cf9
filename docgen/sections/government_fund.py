"""政府性基金预算财政拨款支出决算情况说明 (and the fund sentence 国有资本经营 shares)."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.patterns import FUND, declare
from ..phrase.book import Phrasebook, change_clause, completion_clause
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
                     actual=fund.actual, completion=completion_clause(book, f.fund_completion(family)),
                     change=change)


@section("government_fund", "政府性基金预算财政拨款支出决算情况说明")
def government_fund(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    s.government_fund = _fund(book, f, "government_fund")
