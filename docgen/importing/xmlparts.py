"""Reading an .xlsx's XML parts as streams: the sheets a workbook lists, and the elements of a part
one at a time, so that a scan holds the open elements only (see :mod:`.extent`, which also finds
the formulas without a computed value there: python-calamine does not say which cells are
formulas)."""

from __future__ import annotations

import posixpath
import re
import zipfile

from lxml import etree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ADDRESS = re.compile(r"([A-Z]+)(\d+)")


def _index(address: str) -> tuple[int, int]:
    letters, digits = _ADDRESS.fullmatch(address).groups()
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(digits) - 1, col - 1


def forget(element) -> None:
    """Drop what a streamed parse has read up to ``element``: lxml keeps every element it built
    (cleared or not) under the root, some 100 bytes a cell, unless the earlier siblings go too."""
    element.clear()
    while element.getprevious() is not None:
        del element.getparent()[0]
    parent = element.getparent()
    while parent is not None and parent.getprevious() is not None:
        del parent.getparent()[0]


def sheet_list(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, part) of every sheet the workbook lists, in its order and as often as it lists it.
    Both parts are streamed, an element at a time: a workbook.xml padded with millions of empty
    elements took 280 MB parsed whole."""
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in _stream(book, "xl/_rels/workbook.xml.rels",
                                                                           f"{PKG_REL}Relationship")}
    return [(sheet.get("name") or "", _part(targets.get(sheet.get(f"{REL}id"), "")))
            for sheet in _stream(book, "xl/workbook.xml", f"{MAIN}sheet")]


def _stream(book: zipfile.ZipFile, part: str, tag: str):
    with book.open(part) as xml:
        yield from streamed(xml, (tag,))


def streamed(xml, tags: tuple[str, ...]):
    """The elements of ``tags`` in the XML, each as it ends. Every element is let go once it has
    ended and been looked at, except what lies inside a wanted element (its text, its cells),
    which goes with it: memory holds the open elements, whatever else the part is padded with."""
    for _, element in etree.iterparse(xml, resolve_entities=False, no_network=True):
        if element.tag in tags:
            yield element
        elif next(element.iterancestors(*tags), None) is not None:
            continue
        forget(element)


def _part(target: str) -> str:
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
