"""其他重要事项的情况说明: 机关运行经费, 政府采购, 国有资产 (and 预算绩效管理, unless the pack prints it as a
section of its own: see :mod:`.performance`)."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.patterns import OPERATING_CHANGE, changes, declare, pattern
from ..phrase.book import Phrasebook, percent
from . import section

declare("operating_costs", changes(OPERATING_CHANGE))
declare("procurement", {"sentence": pattern(
    "year department total goods works services sme sme_share small_micro small_micro_share")})
declare("assets", {"sentence": pattern(
    "year department vehicles leaders confidential emergency other general_equipment special_equipment")})


@section("other_matters", "其他重要事项的情况说明")
def other_matters(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    d = r.department
    oc = f.operating_costs_change
    variant = book.change_variant("operating_costs", oc, r.operating_costs.change_reason)
    values = dict(year=d.year, prior_year=d.prior_year, department=d.short_name, actual=oc.current,
                  change=oc.delta, rate=percent(oc.rate))
    if not variant.endswith("_minor"):
        values["reason"] = r.operating_costs.change_reason
    s.operating_costs = book.fill("operating_costs", variant, {"reason": "$.operating_costs.change_reason"},
                                  **values)
    p = r.procurement
    s.procurement = book.fill("procurement", "sentence", year=d.year, department=d.short_name, total=p.total,
                              goods=p.goods, works=p.works, services=p.services, sme=p.awarded_to_sme,
                              sme_share=percent(f.sme_share), small_micro=p.awarded_to_small_micro,
                              small_micro_share=percent(f.small_micro_share))
    a = r.assets
    s.assets = book.fill("assets", "sentence", year=d.year, department=d.short_name, vehicles=a.vehicles.total,
                         leaders=a.vehicles.leaders, confidential=a.vehicles.confidential,
                         emergency=a.vehicles.emergency, other=f.other_vehicles,
                         general_equipment=a.general_equipment_over_500k,
                         special_equipment=a.special_equipment_over_1m)
