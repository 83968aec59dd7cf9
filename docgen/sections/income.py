"""收入决算情况说明: 本年收入合计 and its parts (shares of the total)."""

from __future__ import annotations

from types import SimpleNamespace

from ..errors import RegionError
from ..figures import Figures
from ..pack.patterns import STRUCTURE, declare
from ..phrase.book import Phrasebook, structure_parts
from . import section

declare("income_structure", STRUCTURE)


def _structure(book: Phrasebook, f: Figures, family: str, parts, total) -> str:
    """本年收入/支出合计 and its parts, as the pack lists them."""
    r = f.report
    words = book.words(family)
    known = [p.key for p in parts]
    unknown = [key for key, _ in words["parts"] if key not in known]
    if unknown:
        # fiscal_grants (财政拨款收入) stands for the three grant parts: a pack lists it or them.
        raise RegionError(f"region {book.region.name}: [phrases.{family}] parts: {unknown[0]!r} is not one of "
                          f"the parts ({', '.join(known)})")
    return book.fill(family, "sentence", year=r.department.year, department=book.region.department_name(r.department),
                     total=total, parts=structure_parts(book, parts, words["parts"], words.get("omit_when_zero", ())))


@section("income", "收入决算情况说明", charts=("income_structure",))
def income(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    # A pack that lists 财政拨款收入 as one part (fiscal_grants) takes the parts that hold it.
    listed = {key for key, _ in book.words("income_structure")["parts"]}
    parts = f.income_parts_grants_as_one if "fiscal_grants" in listed else f.income_parts
    s.income_structure = _structure(book, f, "income_structure", parts, f.income_this_year)
