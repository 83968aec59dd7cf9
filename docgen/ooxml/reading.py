"""The body's text read back from the XML it was written as, in one pass: every paragraph (table
cells included) and every table cell by cell, for the self-check and the placement checks alike.

One regular expression finds the pieces that matter — ``w:t`` texts, breaks and tabs, the ends of
paragraphs, cells, rows and tables, the starts of tables with their captions — in the body's
bytes, and one loop over those pieces (a few thousand) puts them together: walking the tree
instead takes a Python object per element. The texts are decoded a batch at a time; the body
itself is never decoded whole (that would be another copy of it, two for a Chinese text).

A paragraph is what lies between two ``</w:p>``, as it reads in the file: a text box's
paragraphs run into the paragraph that holds it. A table is read row by row and cell by cell as
they end; a cell's text is its ``w:t`` texts run together (no breaks or tabs). A table inside a
cell is a table of its own, and its texts are the outer cell's too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from attrs import field, frozen

from .contents import CONTENTS_LINE

_CAPTION = (rb"""[^<]*<w:tblPr(?:\s[^>]*)?(?<!/)>(?:[^<]*<(?!/w:tblPr>|w:tblCaption\b)[^>]*>)*"""
            rb"""[^<]*<w:tblCaption\s(?:[^>]*?\s)?w:val=("[^"]*|'[^']*)""")
"""After a table's start: its properties (never past their end) up to its caption's value,
opening quote included."""
_PIECE = re.compile(
    rb"<(?:/w:(p|tc|tr|tbl)>"  # 1: an end
    rb"|w:t(?:(?:\s[^>]*)?>([^<]*)</w:t>"  # 2: a text
    rb"|(ab)\b[^>]*/>"  # 3: a tab
    rb"|bl(?=[\s/>])([^>]*>)(?:" + _CAPTION + rb")?)"  # 4: a table's start (/> when empty), 5: its caption
    rb"|w:(br|cr)\b[^>]*/>)")  # 6: a line break
"""Every alternative but an empty ``<w:t></w:t>`` captures something: a match whose groups are all
empty is that empty text."""
_PARAGRAPH_END = b"</w:p>"
_CONTENTS_LINE = CONTENTS_LINE.encode()
_BREAK = b"\n"
_TAB = b"\t"
_SEP = b"\x00"
"""Between texts decoded together (XML holds no NUL)."""


@frozen
class Table:
    """A table as printed: its caption (``w:tblCaption``'s value, empty without one) and the
    texts of its cells, kept encoded together until asked for (a table of a thousand rows is one
    object, not tens of thousands)."""

    caption: str
    data: bytes = field(repr=False)
    """Each cell's text followed by :data:`_CELL_END`, each row followed by :data:`_ROW_END`."""

    @property
    def rows(self) -> list[list[str]]:
        """Every row inside the table, each with every cell inside it."""
        text = self.data.decode("utf-8")
        rows = [row.split(_CELL_END)[:-1] for row in text.split(_ROW_END)[:-1]]
        return [[html.unescape(c) if "&" in c else c for c in row] for row in rows] if "&" in text else rows

    def cells(self) -> Iterator[str]:
        """Every cell's text, in order."""
        for row in self.rows:
            yield from row


@frozen
class BodyText:
    """What the body prints."""

    paragraphs: list[str]
    """The text of each paragraph that holds one, but the 目录's lines (they repeat headings read
    where they stand, with page numbers)."""
    numbers: list[int]
    """Each paragraph's number in the body, from 1, in the order paragraphs end."""
    tables: list[Table]
    """Every table, in the order they start."""


_CELL_END, _ROW_END = "\x00", "\x01"
"""After each cell's text and after each row in a table's text (XML holds neither)."""
_CELL_END_BYTE, _ROW_END_BYTE = _CELL_END.encode(), _ROW_END.encode()
_BATCH = 1 << 16
"""Bytes of paragraph text decoded at a time: a few calls for a report, and never its whole text
held twice over (a report of long texts holds megabytes of them)."""


class _Table:
    """A table while it is read: its text so far, and its cell being read."""

    __slots__ = ("caption", "data", "cell")

    def __init__(self, caption: str) -> None:
        self.caption = caption
        self.data = bytearray()
        self.cell = bytearray()

    def end_cell(self) -> None:
        self.data += self.cell
        self.data += _CELL_END_BYTE
        self.cell.clear()


def _decoded(texts: list[bytes]) -> list[str]:
    """``texts`` decoded in one call, entities replaced."""
    if not texts:
        return []
    joined = _SEP.join(texts).decode("utf-8")
    decoded = joined.split("\x00")
    return [html.unescape(t) if "&" in t else t for t in decoded] if "&" in joined else decoded


def read_body(xml: bytes) -> BodyText:
    """The paragraphs and tables of the body ``xml`` (``word/document.xml`` as written)."""
    texts: list[str] = []
    pending: list[bytes] = []  # paragraph texts not decoded yet, `size` bytes of them
    size = 0
    numbers: list[int] = []
    tables: list[_Table] = []  # in the order they start
    open_tables: list[_Table] = []
    table: _Table | None = None  # the innermost open table
    pieces: list[bytes] = []
    tagged = False  # the paragraph's XML holds "<w:t" (a text, a tab, a table)
    number = 1
    paragraphs = _Paragraphs(xml)
    for end, text, tab, start, caption, brk in _pieces(xml):
        if text:
            pieces.append(text)
            tagged = True
            if table is not None:
                for open_table in open_tables:  # a nested table's text is the outer cell's too
                    open_table.cell += text
        elif end == b"p":
            if pieces and paragraphs.read(number, tagged):
                pending.append(b"".join(pieces))
                numbers.append(number)
                size += len(pending[-1])
                if size > _BATCH:
                    texts += _decoded(pending)
                    pending, size = [], 0
            pieces, tagged = [], False
            number += 1
        elif end:
            if table is None:
                continue
            if end == b"tc":
                table.end_cell()
            elif end == b"tr":
                table.data += _ROW_END_BYTE
            else:
                open_tables.pop()
                table = open_tables[-1] if open_tables else None
        elif start:
            tagged = True
            new = _Table(html.unescape(caption[1:].decode("utf-8")) if caption else "")
            tables.append(new)
            if not start.endswith(b"/>"):
                open_tables.append(new)
                table = new
        elif tab:
            pieces.append(_TAB)
            tagged = True
        elif brk:
            pieces.append(_BREAK)
        else:  # an empty <w:t></w:t>
            tagged = True
    if pieces and paragraphs.read(number, tagged):
        pending.append(b"".join(pieces))
        numbers.append(number)
    return BodyText(texts + _decoded(pending), numbers, [Table(t.caption, bytes(t.data)) for t in tables])


_WINDOW = 1 << 16
"""Bytes of the body searched at a time: the pieces found hold the texts, and a report of long
texts holds megabytes of them."""


def _pieces(xml: bytes) -> Iterator[tuple[bytes, ...]]:
    """The matches of :data:`_PIECE` in ``xml``, searched a window at a time; a window ends after a
    paragraph's end, which no piece runs across."""
    at = 0
    while at < len(xml):
        found = xml.find(_PARAGRAPH_END, at + _WINDOW)
        end = found + len(_PARAGRAPH_END) if found != -1 else len(xml)
        yield from _PIECE.findall(xml, at, end)
        at = end


class _Paragraphs:
    """Which paragraphs of ``xml`` are read: all but the 目录's lines, and but those of line breaks
    alone whose XML holds no ``<w:t`` (a page break's)."""

    def __init__(self, xml: bytes) -> None:
        self.xml = xml
        self.contents = self._contents_lines()
        self.ends: list[int] = []

    def read(self, number: int, tagged: bool) -> bool:
        return number not in self.contents and (tagged or self._holds_text_tag(number))

    def _contents_lines(self) -> set[int]:
        """The numbers of the paragraphs that hold :data:`CONTENTS_LINE` (a 目录 of a few dozen
        lines, near the start: the body is searched up to its last one)."""
        lines: set[int] = set()
        number, at = 1, 0
        while (found := self.xml.find(_CONTENTS_LINE, at)) != -1:
            number += self.xml.count(_PARAGRAPH_END, at, found)
            lines.add(number)
            at = found + len(_CONTENTS_LINE)
        return lines

    def _holds_text_tag(self, number: int) -> bool:
        """Whether paragraph ``number``'s XML holds ``<w:t`` (asked seldom: of a paragraph of
        line breaks alone), its end found by searching the body from the last one found."""
        xml, ends = self.xml, self.ends
        while len(ends) < number:
            found = xml.find(_PARAGRAPH_END, ends[-1] + len(_PARAGRAPH_END) if ends else 0)
            ends.append(found if found != -1 else len(xml))
        start = ends[number - 2] + len(_PARAGRAPH_END) if number > 1 else 0
        return xml.find(b"<w:t", start, ends[number - 1]) != -1


__all__ = ["read_body", "BodyText", "Table"]
