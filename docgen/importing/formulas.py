"""Formulas an .xlsx holds without a computed value.

A program that writes a workbook (not Excel) may leave a formula's result out; a reader then sees
an empty cell, which an importer must not take for zero. python-calamine does not say which cells
are formulas, so the sheets' XML is scanned for cells with ``<f>`` and no ``<v>``. BIFF8 ``.xls``
always stores a formula's last result, so it has none.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
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


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package."""
    rels = etree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    parts = {}
    for sheet in etree.fromstring(book.read("xl/workbook.xml")).iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(f"{REL}id"), "")
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return parts


def uncached_formulas(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Sheet name → (row, col) of each formula without a value; empty for anything not .xlsx."""
    if not zipfile.is_zipfile(path):
        return {}
    found: dict[str, set[tuple[int, int]]] = {}
    try:
        with zipfile.ZipFile(path) as book:
            for name, part in _sheet_parts(book).items():
                with book.open(part) as xml:
                    for _, element in etree.iterparse(xml, tag=(f"{MAIN}row", f"{MAIN}c")):
                        if element.tag == f"{MAIN}c":
                            value = element.find(f"{MAIN}v")
                            if element.find(f"{MAIN}f") is not None and (value is None or not value.text):
                                found.setdefault(name, set()).add(_index(element.get("r")))
                        if element.tag == f"{MAIN}row" or element.getparent().tag != f"{MAIN}row":
                            forget(element)  # a row's cells go with the row
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, AttributeError, TypeError):
        return {}  # not a workbook docgen can scan: the reader reports what is wrong with it
    return found
