"""支出决算情况说明: 本年支出合计 and its parts (shares of the total)."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.patterns import STRUCTURE, declare
from ..phrase.book import Phrasebook
from . import section
from .income import _structure

declare("spending_structure", STRUCTURE)


@section("spending", "支出决算情况说明", charts=("spending_structure",))
def spending(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    s.spending_structure = _structure(book, f, "spending_structure", f.spending_parts, f.spending_this_year)
