"""收入决算情况说明: 本年收入合计 and its parts (shares of the total)."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.patterns import STRUCTURE, declare
from ..phrase.book import Phrasebook, structure_parts
from . import section

declare("income_structure", STRUCTURE)


def _structure(book: Phrasebook, f: Figures, family: str, parts, total) -> str:
    """本年收入/支出合计 and its parts, as the pack lists them."""
    r = f.report
    words = book.words(family)
    return book.fill(family, "sentence", year=r.department.year, department=r.department.short_name,
                     total=total, parts=structure_parts(book, parts, words["parts"], words.get("omit_when_zero", ())))


@section("income", "收入决算情况说明", charts=("income_structure",))
def income(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    s.income_structure = _structure(book, f, "income_structure", f.income_parts, f.income_this_year)
