"""其他重要事项的情况说明: 机关运行经费, 政府采购, 国有资产 (and 预算绩效管理, unless the pack prints it as a
section of its own: see :mod:`.performance`)."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.patterns import OPERATING_CHANGE, changes, declare, pattern
from ..phrase.book import Phrasebook, percent
from . import section

# none: a department without 机关运行经费 this year (上海: 无机关运行经费支出的部门), where the pack words it.
declare("operating_costs", changes(OPERATING_CHANGE) | {"none": pattern("year department", required=False)})
_PROCUREMENT = ("year department total goods works services sme sme_share small_micro small_micro_share "
                "small_micro_sme_share")
declare("procurement", {"sentence": pattern(_PROCUREMENT),
    # sentence_by_kind replaces sentence where the data splits the SME awards by kind
    # (awarded_to_sme_by_kind): {by_kind} holds each kind's share of that kind (a kind with no
    # spending has none), its parts joined by by_kind_separator.
    "sentence_by_kind": pattern(_PROCUREMENT + " by_kind", required=False),
    "by_kind_separator": pattern(required=False),
    **{f"{kind}_share": pattern("amount share", required=False) for kind in ("goods", "works", "services")},
    # …_share_small_micro: the same with the small-and-micro part of that kind's SME awards
    # (awarded_to_small_micro_by_kind), where the data gives it and the pack words it.
    **{f"{kind}_share_small_micro": pattern("amount share small_micro small_micro_share", required=False)
       for kind in ("goods", "works", "services")},
    # 面向中小企业预留 (上海): only packs that print it set it.
    "reservations": pattern("year sme_budget small_micro_budget sme_awarded small_micro_awarded other_sme_awarded",
                            required=False)})
declare("assets", {"sentence": pattern(
    # {other}: every vehicle not among the first three classes; {other_class}: those classed 其他用车
    "year department vehicles leaders confidential emergency law_enforcement special_technical other other_class "
    "general_equipment special_equipment"),
    # Every vehicle class of the current templates and 单价100万元（含）以上设备 (上海); replaces sentence.
    "classes": pattern("year department vehicles ministerial leaders confidential emergency law_enforcement "
                       "special_technical retired_service other equipment", required=False)})


@section("other_matters", "其他重要事项的情况说明")
def other_matters(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    r = f.report
    d = r.department
    oc = f.operating_costs_change
    name = book.region.department_name(d)
    if oc.current == 0 and "none" in book.words("operating_costs"):
        s.operating_costs = book.fill("operating_costs", "none", year=d.year, department=name)
    else:
        s.operating_costs = _operating_costs(book, f)
    p = r.procurement
    by_kind = _by_kind(book, f)
    s.procurement = book.fill("procurement", "sentence_by_kind" if by_kind else "sentence",
                              year=d.year, department=name, total=p.total,
                              goods=p.goods, works=p.works, services=p.services, sme=p.awarded_to_sme,
                              sme_share=percent(f.sme_share), small_micro=p.awarded_to_small_micro,
                              small_micro_share=percent(f.small_micro_share),
                              small_micro_sme_share=percent(f.small_micro_sme_share),
                              **({"by_kind": by_kind} if by_kind else {}))
    s.procurement_reservations = _reservations(book, r) if "reservations" in book.words("procurement") else ""
    a = r.assets
    if "classes" in book.words("assets"):
        v = a.vehicles
        s.assets = book.fill("assets", "classes", {"equipment": "$.assets.equipment_over_1m"}, year=d.year,
                             department=name, vehicles=v.total, ministerial=v.ministerial,
                             leaders=v.leaders, confidential=v.confidential, emergency=v.emergency,
                             law_enforcement=v.law_enforcement, special_technical=v.special_technical,
                             retired_service=v.retired_service, other=v.other, equipment=a.equipment_over_1m)
        return
    s.assets = book.fill("assets", "sentence", year=d.year, department=name, vehicles=a.vehicles.total,
                         leaders=a.vehicles.leaders, confidential=a.vehicles.confidential,
                         emergency=a.vehicles.emergency, law_enforcement=a.vehicles.law_enforcement,
                         special_technical=a.vehicles.special_technical, other=f.other_vehicles,
                         other_class=a.vehicles.other,
                         general_equipment=a.general_equipment_over_500k,
                         special_equipment=a.special_equipment_over_1m)


def _by_kind(book: Phrasebook, f: Figures) -> str:
    """货物/工程/服务采购授予中小企业合同金额占该类支出的比例, or nothing without the split or the wording."""
    words = book.words("procurement")
    shares = [k for k in f.sme_shares_by_kind if k.share is not None]
    if "sentence_by_kind" not in words or not shares:
        return ""
    return words["by_kind_separator"].join(_kind_share(book, k) for k in shares)


def _kind_share(book: Phrasebook, k) -> str:
    if k.small_micro is not None and f"{k.key}_share_small_micro" in book.words("procurement"):
        return book.fill("procurement", f"{k.key}_share_small_micro", amount=k.amount, share=percent(k.share),
                         small_micro=k.small_micro, small_micro_share=percent(k.small_micro_share))
    return book.fill("procurement", f"{k.key}_share", amount=k.amount, share=percent(k.share))


def _reservations(book: Phrasebook, r) -> str:
    """面向中小企业预留 and what SMEs won; a text-missing finding when the data gives no reservations."""
    res, year = r.procurement.reserved, r.department.year
    keys = ("sme_budget", "small_micro_budget", "sme_awarded", "small_micro_awarded", "other_sme_awarded")
    paths = {k: "$.procurement.reserved" for k in keys}
    return book.fill("procurement", "reservations", paths, year=year,
                     **{k: None if res is None else getattr(res, k) for k in keys})


def _operating_costs(book: Phrasebook, f: Figures) -> str:
    """机关运行经费 against last year (增加/减少/持平, a minor change without a reason)."""
    r = f.report
    d = r.department
    oc = f.operating_costs_change
    variant = book.change_variant("operating_costs", oc, r.operating_costs.change_reason)
    values = dict(year=d.year, prior_year=d.prior_year, department=book.region.department_name(d), actual=oc.current,
                  change=oc.delta, rate=percent(oc.rate))
    if not variant.endswith("_minor"):
        values["reason"] = r.operating_costs.change_reason
    return book.fill("operating_costs", variant, {"reason": "$.operating_costs.change_reason"}, **values)
