"""The report's order from the pack: each section in ``[report] order`` with its heading, its
layout fragment (resolved over the pack chain) and, for the generic fragment, its paragraphs."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from attrs import frozen

from ..errors import InputError, RegionError
from ..formatting import chinese_numeral
from ..ooxml.fragments import allow
from ..pack.chain import shown
from ..pack.errors import explain_unknown
from ..pack.wording import entity_wording, fill
from ..regions import Region
from . import SECTIONS

FRAGMENTS = "sections"
DEFAULT_FRAGMENT = "default"
OWN_HEADINGS = ("cover", "contents")
"""``[headings]`` keys that are not sections: the cover's second title line, the 目录's heading."""


@frozen
class Unit:
    """What the master template's loop sees of one section."""

    id: str
    fragment: str
    """The name to ``include`` (a registered fragment)."""
    heading: str
    shown: bool
    lines: tuple[str, ...]
    """The section's paragraphs (``s.<id>``), for the generic fragment."""
    level: str = "h1"
    """``part`` (第一部分 …) or ``h1`` (一、 within a part)."""
    index: int = 0
    """Its number among the printed parts, or among the printed sections of its part (0: not printed)."""
    number: str = ""
    """That number in the pack's ``[numbering]`` format: computed here, before rendering."""


def fragment(region: Region, section_id: str, packs: Sequence[PackFragments] | None = None) -> str:
    """``sections/<id>.docx`` from the first pack of the chain that has one, else ``default.docx``.

    Without either, the name says so: a template that includes it fails naming the file; one
    that lays the report out whole (an older single-file template) never asks. ``packs``: the
    chain's folders as :func:`pack_fragments` reads them, when already read.
    """
    packs = packs if packs is not None else pack_fragments(region)
    for name in (section_id, DEFAULT_FRAGMENT):
        for pack in packs:
            found = pack.find(f"{name}.docx")
            if found is not None:
                return allow(found)
    return f"{FRAGMENTS}/{section_id}.docx (in no pack of the chain, nor {FRAGMENTS}/{DEFAULT_FRAGMENT}.docx)"


class PackFragments:
    """One pack folder's ``sections/``, listed once for all the sections of a report: following
    links to check that a fragment stays inside the pack was most of what laying out cost, and a
    fragment that is no link, in a folder that is none, needs no following."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.root = folder.resolve()
        sections = folder / FRAGMENTS
        self._sections = str(sections)
        self._plain: frozenset[str] = frozenset()
        """The files of the folder that are no links (none when the folder itself is one)."""
        if sections.is_dir() and not sections.is_symlink():
            with os.scandir(sections) as entries:
                self._plain = frozenset(e.name for e in entries if not e.is_symlink() and e.is_file())

    def find(self, file_name: str) -> Path | None:
        """The fragment ``file_name`` with its links followed, ``None`` when the pack has none;
        a :class:`RegionError` when it lies outside the pack (a link, or a name with ``..``)."""
        if not os.path.isfile(os.path.join(self._sections, file_name)):
            return None
        if file_name in self._plain and _is_plain(file_name):
            return self.root / FRAGMENTS / file_name
        path = self.folder / FRAGMENTS / file_name
        real = path.resolve()
        if not real.is_relative_to(self.root):  # a link or an id with "..": no file outside the pack is read
            raise RegionError(f"{shown(path)}: lies outside the pack's folder {shown(self.folder)}: "
                              "keep the section's layout in the pack")
        return real


def _is_plain(file_name: str) -> bool:
    """A name of a folder's own entry: no separator, not ``.`` or ``..``."""
    return file_name not in (".", "..") and "/" not in file_name and os.sep not in file_name and (
        not os.altsep or os.altsep not in file_name)


def pack_fragments(region: Region) -> list[PackFragments]:
    """The ``sections/`` folder of each pack of the chain, first to last."""
    return [PackFragments(folder) for folder in region.chain]


def order(region: Region) -> list[str]:
    """The pack's order, every id a registered section or one of the pack's free-text sections."""
    ids = list(region.order)
    texts = region.texts
    for section_id in texts:
        if section_id in SECTIONS:
            raise RegionError(f"region {region.name}: [texts.{section_id}]: {section_id!r} is a section of "
                              "docgen's own; give the free-text section another id")
    for section_id in ids:
        if section_id not in SECTIONS and section_id not in texts:
            raise RegionError(f"region {region.name}: [report] order: unknown section {section_id!r}"
                              f"{explain_unknown(section_id, [*SECTIONS, *texts])}")
    return ids


def headings(region: Region, values: Mapping[str, Any]) -> dict[str, str]:
    """Each section's heading, its ``{year}``/``{department}`` filled."""
    out = {}
    declared = {key: spec.heading for key, spec in region.texts.items() if spec.heading is not None}
    for key, text in (declared | dict(region.headings)).items():
        if key not in SECTIONS and key not in OWN_HEADINGS and key not in region.texts:
            raise RegionError(f"region {region.name}: [headings] {key}: unknown section"
                              f"{explain_unknown(key, SECTIONS)}")
        out[key] = fill(text, values, f"region {region.name}: [headings] {key}",
                        lambda literal: entity_wording(region, literal))
    return out


def own_text(region: Region, own_sections: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """Each free-text section's paragraphs: the department's own, else the pack's; the data's
    sections the pack does not declare are refused (they would print nowhere)."""
    texts = region.texts
    unknown = [key for key in own_sections if key not in texts]
    if unknown:
        raise InputError(f"$.own_sections.{unknown[0]}: region {region.name} declares no such free-text section"
                         f"{explain_unknown(unknown[0], texts)} (its [texts]: {', '.join(texts) or 'none'})")
    return {key: tuple(own_sections.get(key, spec.paragraphs or ())) for key, spec in texts.items()}


def _printed(section_id: str, region: Region, sentences: SimpleNamespace) -> bool:
    """Whether a section prints its heading (a part without content prints nothing)."""
    if section_id in region.omitted:
        return False
    if section_id == "attachments":
        a = sentences.attachments
        return bool(a.overall or a.projects)
    if section_id == "statistical_tables":
        tables = region.settings.get("statistical_tables", {})
        return bool(tables.get("tables") and tables.get("heading"))
    return True


def layout(region: Region, sentences: SimpleNamespace, titles: Mapping[str, str],
           own: Mapping[str, Sequence[str]] | None = None) -> list[Unit]:
    """The units in the pack's order, numbered: parts 第一部分 …, sections 一、 … within their part,
    counting only what prints (a left-out section closes up the numbers of the rest)."""
    formats = region.settings["numbering"]
    own = own or {}
    counts = {"part": 0, "h1": 0}
    units = []
    packs = pack_fragments(region)
    for section_id in order(region):
        lines = own[section_id] if section_id in own else getattr(sentences, section_id, ())
        unit = SECTIONS.get(section_id)
        level = "part" if unit is not None and unit.part else "h1"
        index, number = 0, ""
        if _printed(section_id, region, sentences):
            counts[level] += 1
            if level == "part":
                counts["h1"] = 0
            index = counts[level]
            number = formats[level].replace("{n}", chinese_numeral(index))
        units.append(Unit(section_id, fragment(region, section_id, packs), titles.get(section_id, ""),
                          section_id not in region.omitted,
                          tuple(lines) if isinstance(lines, (list, tuple)) else (str(lines),), level, index, number))
    return units
