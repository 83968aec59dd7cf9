"""国有资本经营预算财政拨款支出决算情况说明."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.patterns import FUND, declare
from ..phrase.book import Phrasebook
from . import section
from .government_fund import _fund, _fund_items

declare("state_capital", FUND)


@section("state_capital", "国有资本经营预算财政拨款支出决算情况说明")
def state_capital(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    s.state_capital = _fund(book, f, "state_capital")
    s.state_capital_items = _fund_items(book, f, "state_capital")
