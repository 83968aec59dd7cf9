"""财政拨款收入支出决算总体情况说明: 财政拨款收入/支出总计 against last year."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.patterns import TOTALS, declare
from ..phrase.book import Phrasebook, change_clause
from . import section

declare("grant_totals", TOTALS)


@section("grants", "财政拨款收入支出决算总体情况说明", charts=("grant_totals_change",))
def grants(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    year, prior = r.department.year, r.department.prior_year
    words = book.words("grant_totals")
    grants = r.fiscal_grants
    s.grant_totals = book.fill(
        "grant_totals", "sentence", year=year, prior_year=prior, department=book.region.department_name(r.department),
        income_total=f.grant_income_total, spending_total=f.grant_spending_total,
        income_change=change_clause(book, "change", words["income_subject"], f.grant_income_change, prior,
                                    grants.income_total.change_reason, "$.fiscal_grants.income_total.change_reason"),
        spending_change=change_clause(book, "change", words["spending_subject"], f.grant_spending_change, prior,
                                      grants.spending_total.change_reason,
                                      "$.fiscal_grants.spending_total.change_reason"),
    )
