"""国有资本经营预算财政拨款支出决算情况说明."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.patterns import FUND, declare
from ..phrase.book import Phrasebook
from . import section
from .government_fund import _fund

declare("state_capital", FUND)


@section("state_capital", "国有资本经营预算财政拨款支出决算情况说明")
def state_capital(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    s.state_capital = _fund(book, f, "state_capital")
