"""第一部分 部门概况: 主要职能, 重点工作, 机构设置 and the secondary units."""

from __future__ import annotations

from types import SimpleNamespace

from .. import formatting as fmt
from ..figures import Figures
from ..pack.patterns import declare, pattern
from ..phrase.book import Phrasebook, numbered
from . import section

declare("overview", {
    "institutions": pattern("department total administrative civil_service_managed public_service"),
    "secondary_units": pattern("department year"),
    "no_secondary_units": pattern("department year"),
    "key_work": pattern("ordinal n text"),
    # 一's heading over 主要职能 and 重点工作 (a 单位决算: 主要职责).
    "duties_heading": pattern(),
    # 部门决算单位构成 (上海): the lead sentences of the units table; only packs that print it set them.
    "composition": pattern("department", required=False),
    "units_lead": pattern("department year", required=False),
})


@section("overview", "部门概况", part=True)
def overview(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    d, ov = r.department, r.overview
    s.duties_heading = book.fill("overview", "duties_heading")
    s.functions = numbered(book, ov.functions, "functions")
    s.key_work = [book.fill("overview", "key_work", ordinal=fmt.chinese_numeral(i), n=i, text=t)
                  for i, t in enumerate(ov.key_work, 1)]
    inst = ov.institutions
    s.institutions = book.fill("overview", "institutions", department=book.region.department_name(d), total=inst.total,
                               administrative=inst.administrative,
                               civil_service_managed=inst.civil_service_managed,
                               public_service=inst.public_service)
    lead = "secondary_units" if ov.secondary_units else "no_secondary_units"
    s.secondary_units_lead = book.fill("overview", lead, department=book.region.department_name(d), year=d.year)
    s.secondary_units = numbered(book, ov.secondary_units, "secondary_units")
    words = book.words("overview")
    s.composition = book.fill("overview", "composition", department=d.name) if "composition" in words else ""
    s.units_lead = (book.fill("overview", "units_lead", department=d.name, year=d.year)
                    if "units_lead" in words else "")
