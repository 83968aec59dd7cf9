"""第三部分 名词解释."""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..pack.wording import entity_wording
from ..phrase.book import Phrasebook, numbered
from . import section


@section("glossary", "名词解释", part=True)
def glossary(book: Phrasebook, f: Figures, s: SimpleNamespace) -> None:
    """第三部分 名词解释: the pack's general terms around one entry per 项 used, numbered without gaps.

    ``[glossary] codes = false`` leaves the 项 entries out. The data's own glossary terms replace a pack term of the same name, or are added after the
    code entries.
    """
    words = book.region.section("glossary")
    own = {g.term: g.explanation for g in f.report.glossary}
    entries: list[tuple[str, str]] = []
    for term, explanation in words.get("before_codes", ()):
        entries.append((term, own.pop(term, entity_wording(book.region, explanation))))
    seen = set()
    # codes = false: a region (上海) whose 名词解释 explains no 项.
    for item in (f.report.general_budget.items if words.get("codes", True) else ()):
        if item.code in seen:
            continue
        seen.add(item.code)
        category, section, entry = f.item_lineage(item)
        term = book.format(words["code_term"], "glossary.code_term", {},
                           {"category": category.name, "section": section.name, "item": entry.name,
                            "code": item.code})
        entries.append((term, own.pop(term, entry.explanation)))
    for term, explanation in words.get("after_codes", ()):
        entries.append((term, own.pop(term, entity_wording(book.region, explanation))))
    entries.extend(own.items())
    lines = [book.format(words["entry"], "glossary.entry", {"explanation": "$.glossary"},
                         {"term": t, "explanation": e}) for t, e in entries]
    s.glossary = numbered(book, lines, "glossary")
