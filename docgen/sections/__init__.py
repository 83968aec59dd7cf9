"""The report's sections as units: one registry, one decorator, one module per section.

A section unit owns its sentences (a function writing them onto ``s`` from the figures through the
pack's wording), names the figures it draws (``charts``: their captions are in ``[figures]``, their
options in ``[charts]``) and the table hooks it prints (``tables``). Each module registers its
section on import with :func:`section`, like the rule catalogue (:mod:`docgen.rules`); the
registry is in print order of the reference report. ``docs/pack-reference.md`` lists it.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from attrs import frozen

from ..figures import Figures
from ..findings import Finding
from ..phrase.book import Phrasebook
from ..regions import Region

Writer = Callable[[Phrasebook, Figures, SimpleNamespace], None]


@frozen
class Section:
    """One registered section."""

    id: str
    title: str
    """The section's usual Chinese heading."""
    write: Writer | None
    charts: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    doc: str = ""


SECTIONS: dict[str, Section] = {}
"""Every section, by id, in registration (print) order."""


def section(id: str, title: str, *, charts: tuple[str, ...] = (), tables: tuple[str, ...] = ()) -> Callable:
    """Register the decorated function as the sentence writer of section ``id``."""
    def register(write: Writer) -> Writer:
        add(Section(id, title, write, charts, tables, (write.__doc__ or "").strip()))
        return write
    return register


def add(unit: Section) -> None:
    if unit.id in SECTIONS:
        raise ValueError(f"section {unit.id!r} registered twice")
    SECTIONS[unit.id] = unit


def phrase(figures: Figures, region: Region) -> tuple[SimpleNamespace, list[Finding]]:
    """All sentences of the report, and the findings for values the wording needs but the data lacks."""
    book = Phrasebook(region)
    sentences = SimpleNamespace()
    for unit in SECTIONS.values():
        if unit.write is not None:
            unit.write(book, figures, sentences)
    return sentences, book.findings


# The section modules register their sections on import, in print order.
from . import (  # noqa: E402,F401
    overview, income_spending, income, spending, grants, general_budget, basic_spending, three_public_costs,
    government_fund, state_capital, other_matters, glossary, attachments, statistical_tables,
)
