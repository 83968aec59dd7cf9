"""第三部分 名词解释."""

from __future__ import annotations

from types import SimpleNamespace

from ..errors import RegionError
from ..figures import Figures
from ..model import IncomeContents
from ..pack.wording import entity_wording
from ..phrase.book import Phrasebook, numbered
from . import section


@section("glossary", "名词解释", part=True)
def glossary(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    """第三部分 名词解释: the pack's general terms around one entry per 项 used, numbered without gaps.

    The 项 are those of 一般公共预算, 政府性基金 and 国有资本经营预算 spending.

    The data's own glossary terms replace a pack term of the same name, or are added after the
    code entries. A pack term given a third element, an amount's name (``income.business`` …, see
    :meth:`Figures.named_amount`), is printed only when that amount is not zero.

    ``[glossary] codes = false`` leaves the 项 entries out.
    """
    words = book.region.section("glossary")
    own = {g.term: g.explanation for g in f.report.glossary}
    entries: list[tuple[str, str]] = []
    def general(key: str) -> None:
        for term, explanation, *amount in words.get(key, ()):
            if not amount or _amount(book, f, key, amount[0]):
                entries.append((term, own.pop(term, entity_wording(book.region, explanation)
                                              + _contents(book, f, term))))

    general("before_codes")
    seen = set()
    r = f.report
    # A fund 项 the catalogue does not know (nor the data's codes) has no explanation to print.
    funds = [item for item in (*r.government_fund.items, *r.state_capital.items) if f.item_known(item)]
    # codes = false: a region (上海) whose 名词解释 explains no 项.
    for item in ((*r.general_budget.items, *funds) if words.get("codes", True) else ()):
        if item.code in seen:
            continue
        seen.add(item.code)
        category, section, entry = f.item_lineage(item)
        term = book.format(words["code_term"], "glossary.code_term", {},
                           {"category": category.name, "section": section.name, "item": entry.name,
                            "code": item.code})
        entries.append((term, own.pop(term, entry.explanation)))
    general("after_codes")
    entries.extend(own.items())
    lines = [book.format(words["entry"], "glossary.entry", {"explanation": "$.glossary"},
                         {"term": t, "explanation": e}) for t, e in entries]
    s.glossary = numbered(book, lines, "glossary")


def _amount(book: Phrasebook, f: Figures, key: str, name: str):
    try:
        return f.named_amount(name)
    except KeyError:
        raise RegionError(f"region {book.region.name}: [glossary] {key}: unknown amount {name!r} "
                          "(income.<source>, spending.<kind>, income.non_grant_balance_used, "
                          "spending.balance_distribution)") from None


def _contents(book: Phrasebook, f: Figures, term: str) -> str:
    """``[glossary] contents`` for a term of ``contents_of``: what the department's income of that kind
    mainly is (income.contents), or "" where the pack or the data does not say."""
    words = book.region.section("glossary")
    key = dict(words.get("contents_of", ())).get(term)
    fields = [a.name for a in IncomeContents.__attrs_attrs__]
    if key is not None and key not in fields:
        raise RegionError(f"region {book.region.name}: [glossary] contents_of: {term!r} names {key!r}, "
                          f"not one of income.contents ({', '.join(fields)})")
    contents = f.report.income.contents
    text = getattr(contents, key) if key and contents is not None else None
    if not text:
        return ""
    return book.format(words["contents"], "glossary.contents", {}, {"contents": text})
