"""The report's sections as units: one registry, one decorator, one module per section.

A section unit owns its sentences (a function writing them onto ``s`` from the figures through the
pack's wording, whose families and placeholders it declares with
:func:`docgen.pack.patterns.declare`), names the figures it draws (``charts``: their captions are in ``[figures]``, their
options in ``[charts]``) and the table hooks it prints (``tables``). Each module registers its
section on import with :func:`section`, like the rule catalogue (:mod:`docgen.rules`); the
pack's ``[report] order`` decides where each prints (:mod:`.layout`). Every module of this package
is imported on start, so adding a section is adding its module (and its wording and heading in the
base pack, and its test). ``docs/pack-reference.md`` lists the sections.
"""

from __future__ import annotations

import importlib
import pkgutil
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
    part: bool = False
    """A part of the report (第一部分 …) rather than a section numbered 一、 within one."""


SECTIONS: dict[str, Section] = {}
"""Every section, by id."""


def section(id: str, title: str, *, charts: tuple[str, ...] = (), tables: tuple[str, ...] = (),
            part: bool = False) -> Callable:
    """Register the decorated function as the sentence writer of section ``id``."""
    def register(write: Writer) -> Writer:
        add(Section(id, title, write, charts, tables, (write.__doc__ or "").strip(), part))
        return write
    return register


def add(unit: Section) -> None:
    if unit.id in SECTIONS:
        raise ValueError(f"section {unit.id!r} registered twice")
    SECTIONS[unit.id] = unit


def phrase(figures: Figures, region: Region) -> tuple[SimpleNamespace, list[Finding]]:
    """All sentences of the report, and the findings for values the wording needs but the data lacks.

    Sections are phrased in the pack's order, then any registered section the order leaves out
    (its findings still count: the data is the same whichever sections print)."""
    book = Phrasebook(region)
    sentences = SimpleNamespace()
    listed = [s for s in region.order if s in SECTIONS]
    for section_id in dict.fromkeys(listed + list(SECTIONS)):
        unit = SECTIONS[section_id]
        if unit.write is not None:
            unit.write(book, figures, sentences)
    sentences.unasked_reasons = frozenset(book.unasked)
    return sentences, book.findings


def _register_all() -> None:
    """Import every section module (each registers itself): a new section is one new module."""
    for module in pkgutil.iter_modules(__path__):
        if module.name != "layout":
            importlib.import_module(f"{__name__}.{module.name}")


_register_all()
