"""收入支出决算总体情况说明: 收入总计 and 支出总计 against last year."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.patterns import TOTALS, declare
from ..phrase.book import Phrasebook, change_clause
from . import section

declare("totals", TOTALS)


@section("income_spending", "收入支出决算总体情况说明", charts=("totals_change",))
def income_spending(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    year, prior = r.department.year, r.department.prior_year
    words = book.words("totals")
    s.totals = book.fill(
        "totals", "sentence", year=year, prior_year=prior, department=book.region.department_name(r.department),
        income_total=f.income_total, spending_total=f.spending_total,
        income_change=change_clause(book, "change", words["income_subject"], f.income_change, prior,
                                    r.income.total.change_reason, "$.income.total.change_reason"),
        spending_change=change_clause(book, "change", words["spending_subject"], f.spending_change, prior,
                                      r.spending.total.change_reason, "$.spending.total.change_reason"),
    )
