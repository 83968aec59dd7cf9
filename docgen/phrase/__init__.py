"""Every sentence of the report, built from the figures and the region pack's wording.

``book`` fills patterns and records what the data lacks; ``narrative`` writes Parts 1–3;
``attachments`` writes 第四部分 附件.
"""

from __future__ import annotations

from types import SimpleNamespace

from ..figures import Figures
from ..findings import Finding
from ..regions import Region
from .attachments import attachments
from .book import Phrasebook
from .narrative import (
    basic_spending,
    funds,
    general_budget,
    glossary,
    other_matters,
    overview,
    three_public_costs,
    totals,
)

__all__ = ["Phrasebook", "phrase"]

SECTIONS = (overview, totals, general_budget, basic_spending, three_public_costs, funds, other_matters, glossary,
            attachments)


def phrase(figures: Figures, region: Region) -> tuple[SimpleNamespace, list[Finding]]:
    """All sentences of the report, and the findings for values the wording needs but the data lacks."""
    book = Phrasebook(region)
    sentences = SimpleNamespace()
    for section in SECTIONS:
        section(book, figures, sentences)
    return sentences, book.findings
