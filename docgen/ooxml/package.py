"""A python-docx package written as .docx bytes that depend on its content only.

python-docx stamps every zip entry with the time of saving, so two renders of the same data
differ in their bytes; here every entry carries the same fixed time (1980-01-01, the zip
format's epoch, as XlsxWriter does for the embedded workbooks), so a batch can compare outputs.
The parts, their order and the content types are python-docx's own (its ``PackageWriter``); the
zip is written by :mod:`docgen.ooxml.archive`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .archive import Packed, archive, deflated, stored
from .xmltext import escape_attribute

COMPRESS_LEVEL = 1
"""zlib's fastest level: half the time of the default (6) on a report's XML for a file about a
fifth larger (90 KB against 74 KB for the complete fixture); Word rewrites it on its first save."""
_COMPRESSED = (".xlsx", ".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf", ".bin")
"""Parts already compressed (deflating them again costs time and saves nothing): stored."""
_TEMPLATE_PARTS: dict[bytes, Packed] = {}
"""The template's unchanged parts (``fixed``) as deflated: the same bytes object render after
render (its 337 KB of styles deflated once, not for every report). Bounded by a few templates."""
_TEMPLATE_PARTS_KEPT = 64

class _Entries:
    """python-docx's physical package writer interface, collecting the zip's entries."""

    def __init__(self, written: dict[str, bytes] | None, template_parts: frozenset[int]):
        self.entries: list[tuple[str, Packed]] = []
        self._written = written
        self._template_parts = template_parts

    def write(self, pack_uri: Any, blob: bytes) -> None:
        name = pack_uri.membername
        if self._written is not None and name.endswith((".xml", ".rels")):
            self._written[name] = blob
        if name.lower().endswith(_COMPRESSED):
            packed = stored(blob)
        elif id(blob) in self._template_parts:
            packed = _TEMPLATE_PARTS.get(blob)
            if packed is None:
                if len(_TEMPLATE_PARTS) >= _TEMPLATE_PARTS_KEPT:
                    _TEMPLATE_PARTS.clear()
                packed = _TEMPLATE_PARTS[blob] = deflated(blob, COMPRESS_LEVEL)
        else:
            packed = deflated(blob, COMPRESS_LEVEL)
        self.entries.append((name, packed))


def package_bytes(document: Any, written: dict[str, bytes] | None = None,
                  fixed: Mapping[Any, bytes] | None = None) -> bytes:
    """The .docx bytes of a python-docx ``Document`` (what ``document.save`` writes, with fixed
    entry times). ``written`` receives each XML part as written, by member name; ``fixed`` gives
    the bytes of parts whose element is unchanged since they were serialised, by element (a
    template's 337 KB of styles is not serialised again on every render, nor deflated)."""
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI

    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    writer = _Entries(written, frozenset(map(id, fixed.values())) if fixed else frozenset())
    writer.write(CONTENT_TYPES_URI, content_types_xml(parts))
    writer.write(PACKAGE_URI.rels_uri, relationships_xml(package.rels))
    for part in parts:  # as PackageWriter._write_parts, with the fixed bytes
        known = fixed.get(getattr(part, "_element", None)) if fixed else None
        writer.write(part.partname, part.blob if known is None else known)
        if len(part.rels):
            writer.write(part.partname.rels_uri, relationships_xml(part.rels))
    return archive(writer.entries)


def content_types_xml(parts: Any) -> bytes:
    """``[Content_Types].xml`` as python-docx writes it: its defaults (by extension, sorted) and
    overrides (by part name, sorted), chosen by python-docx, written as text."""
    from docx.opc.pkgwriter import _ContentTypesItem

    chosen = _ContentTypesItem.from_parts(parts)
    defaults = "".join(f'<Default Extension="{escape_attribute(ext)}" '
                       f'ContentType="{escape_attribute(chosen._defaults[ext])}"/>'
                       for ext in sorted(chosen._defaults.keys()))
    overrides = "".join(f'<Override PartName="{escape_attribute(name)}" '
                        f'ContentType="{escape_attribute(chosen._overrides[name])}"/>'
                        for name in sorted(chosen._overrides.keys()))
    return f'{_DECLARATION}<Types xmlns="{_CONTENT_TYPES}">{defaults}{overrides}</Types>'.encode("utf-8")


_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"


def relationships_xml(rels: Any) -> bytes:
    """A part's ``.rels`` as python-docx writes it (``Relationships.xml``: an element built and
    serialised for each), written as text."""
    entries = "".join(
        f'<Relationship Id="{escape_attribute(rel.rId)}" Type="{escape_attribute(rel.reltype)}" '
        f'Target="{escape_attribute(rel.target_ref)}"{_EXTERNAL if rel.is_external else ""}/>'
        for rel in rels.values())
    body = f'<Relationships xmlns="{_RELATIONSHIPS}">{entries}</Relationships>' if entries else (
        f'<Relationships xmlns="{_RELATIONSHIPS}"/>')
    return (_DECLARATION + body).encode("utf-8")


_EXTERNAL = ' TargetMode="External"'
_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
