"""一般公共预算财政拨款基本支出决算情况说明: 人员经费 and 公用经费 by economic 款."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.patterns import TEXT, declare, pattern
from ..phrase.book import Phrasebook
from . import section

declare("basic_spending", {
    "lead": pattern("year department total"),
    "personnel": pattern("amount items"), "personnel_none": TEXT,
    "public": pattern("amount items"), "public_none": TEXT,
    "item": pattern("name code amount"), "separator": TEXT,
    # The three as one paragraph (上海 六), where the pack words it; unset, each is a paragraph.
    "paragraph": pattern("lead personnel public", required=False),
})


@section("basic_spending", "一般公共预算财政拨款基本支出决算情况说明")
def basic_spending(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    words = book.words("basic_spending")

    def listing(lines) -> str:
        return words["separator"].join(
            book.fill("basic_spending", "item", name=f.economic_name(line), code=line.code, amount=line.amount)
            for line in lines)

    d = f.report.department
    s.basic_lead = book.fill("basic_spending", "lead", year=d.year, department=book.region.department_name(d),
                             total=f.basic_total)
    s.basic_personnel = (book.fill("basic_spending", "personnel", amount=f.personnel_total,
                                   items=listing(f.personnel_lines))
                         if f.personnel_lines else book.fill("basic_spending", "personnel_none"))
    s.basic_public = (book.fill("basic_spending", "public", amount=f.public_total, items=listing(f.public_lines))
                      if f.public_lines else book.fill("basic_spending", "public_none"))
    if "paragraph" in words:
        s.basic_lead = book.fill("basic_spending", "paragraph", lead=s.basic_lead, personnel=s.basic_personnel,
                                 public=s.basic_public)
        s.basic_personnel = s.basic_public = ""
