"""政府性基金预算财政拨款支出决算情况说明 (and the fund sentence 国有资本经营 shares)."""

from __future__ import annotations

from types import SimpleNamespace

from ..derive import Completion
from ..errors import RegionError
from ..figures import Figures
from ..pack.patterns import FUND, declare
from ..phrase.book import Phrasebook, change_clause, completion_clause, numbered, variance_clause
from . import section

declare("government_fund", FUND)


def _fund(book: Phrasebook, f: Figures, family: str) -> str:
    """One fund's spending against its budget and last year, or that it spent nothing."""
    r = f.report
    year, prior = r.department.year, r.department.prior_year
    fund = getattr(r, family)
    if fund.actual == 0 and fund.prior_year == 0:
        return book.fill(family, "none", year=year, department=book.region.department_name(r.department))
    change = ""
    if "{change}" in book.words(family)["sentence"]:
        change = change_clause(book, "change", book.words(family)["subject"], f.fund_change(family),
                               prior, fund.change_reason, f"$.{family}.change_reason")
    else:
        book.unasked.add(f"$.{family}.change_reason")
    return book.fill(family, "sentence", year=year, prior_year=prior,
                     department=book.region.department_name(r.department), income=fund.income, actual=fund.actual,
                     completion=completion_clause(book, f.fund_completion(family)),
                     change=change, items=_items(book, f, family))


_LAYOUTS = ("inline", "lines")


def _layout(book: Phrasebook, family: str) -> str:
    """``item_layout``: where the fund's 项 go, inside the sentence (inline) or after it (lines)."""
    layout = book.words(family).get("item_layout") or "inline"
    if layout not in _LAYOUTS:
        raise RegionError(f"region {book.region.name}: [phrases.{family}] item_layout: must be one of "
                          f"{', '.join(_LAYOUTS)}, got {layout!r}")
    return layout


def _item_texts(book: Phrasebook, f: Figures, family: str) -> list[str]:
    """Each 项 of the fund through the pack's ``item``; a variance clause only where it prints one
    (an unprinted clause would ask for a reason the pack does not print)."""
    pattern = book.words(family)["item"]
    texts = []
    for i, item in enumerate(getattr(f.report, family).items):
        if not f.item_known(item):  # an unknown code is a code-unknown finding
            continue
        path = f"$.{family}.items[{i}]"
        category, section, entry = f.item_lineage(item)
        actual = f.fund_item_spending(item)
        variance = initial_variance = None
        if "{variance}" in pattern and item.budget is not None:
            variance = variance_clause(book, Completion(actual, item.budget), item.reason, f"{path}.reason")
        initial = f.item_initial_completion(item)
        if "{initial_variance}" in pattern and initial is not None:
            initial_variance = variance_clause(book, initial, item.reason, f"{path}.reason")
        texts.append(book.fill(
            family, "item", {"purpose": f"{path}.purpose", "initial_budget": f"{path}.initial_budget",
                             "budget": f"{path}.budget", "variance": f"{path}.budget",
                             "initial_variance": f"{path}.initial_budget"},
            category=category.name, section=section.name, item=entry.name, code=item.code, purpose=item.purpose,
            actual=actual, budget=item.budget, initial_budget=item.initial_budget,
            carry_over_end=item.carry_over_end, variance=variance, initial_variance=initial_variance))
    return texts


def _items(book: Phrasebook, f: Figures, family: str) -> str:
    """The sentence's {items}: the fund's 项 joined inline, or "" (none in the data, or laid out as lines)."""
    if _layout(book, family) != "inline" or not getattr(f.report, family).items:
        return ""
    texts = _item_texts(book, f, family)
    if not texts:
        return ""
    return book.fill(family, "items", list=book.words(family)["item_separator"].join(texts))


def _fund_items(book: Phrasebook, f: Figures, family: str) -> list[str]:
    """The fund's 项 as numbered paragraphs after its sentence (``item_layout = "lines"``), else none."""
    fund = getattr(f.report, family)
    if _layout(book, family) != "lines" or (fund.actual == 0 and fund.prior_year == 0):
        return []
    return numbered(book, _item_texts(book, f, family), "items")


@section("government_fund", "政府性基金预算财政拨款支出决算情况说明")
def government_fund(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    s.government_fund = _fund(book, f, "government_fund")
    s.government_fund_items = _fund_items(book, f, "government_fund")
