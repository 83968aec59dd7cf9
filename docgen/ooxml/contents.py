"""The 目录 after the cover, and the page numbering that starts the body at ``— 1 —``.

The 目录 is a real Word table-of-contents field (``TOC \\o "1-2" \\h \\z \\u``): Word and WPS rebuild
it from the headings (styles ``Heading 1``/``Heading 2``, and paragraphs given an outline level,
the statistical tables' titles) when they update fields. Its result is written already filled —
one line per part, section and table, each with its page number and a link to a bookmark on the
heading — so LibreOffice, a PDF and a reader who never updates fields see it complete.

The page numbers are estimated (:mod:`docgen.ooxml.pages`) and the document asks Word to update
its fields when it opens (``w:updateFields``), which puts Word's own numbers in; LibreOffice shows
the estimate until its reader updates the index (Tools ▸ Update ▸ Update All).

Sections: the cover is a section of its own (``w:titlePg``: its one page shows the empty first-page
footer); the 目录 another, whose footers are all that empty one; the body's first section restarts
the numbering at 1 (``w:pgNumType w:start="1"``). Without a 目录, ``page_numbers = "body"`` still
puts the cover in a section of its own and starts the body at 1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from attrs import evolve, frozen
from lxml import etree

from .elements import plain_elements
from .pages import estimate_pages
from .sections import PageSetup, section_break_xml
from .xmltext import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARKER = "_docgen_contents"
"""The bookmark naming the paragraph the filled field replaces after rendering."""
TOC_INSTRUCTION = ' TOC \\o "1-{levels}" \\h \\z \\u '
ENTRY_STYLE = "TOC{level}"
"""Word's own styles of TOC lines (``toc 1``, ``toc 2``): an update restyles nothing."""
CONTENTS_LINE = '<w:pStyle w:val="TOC'
"""How a 目录 line begins in the body's XML (the self-check leaves its page numbers alone)."""
BOOKMARK = "_Toc{n:08d}"
_TITLE = '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
"""The 目录's heading, in Word's ``TOC Heading`` style (the master's: 二号黑体, centred)."""
_MARKER_XML = (f'<w:p><w:bookmarkStart w:id="0" w:name="{MARKER}"/><w:bookmarkEnd w:id="0"/></w:p>')
# w:sectPr children after w:pgNumType, in schema order.
_AFTER_PAGE_NUMBERS = ("cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                       "rtlGutter", "docGrid", "printerSettings", "sectPrChange")
# w:settings children after w:updateFields, in schema order.
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                        "decimalSymbol", "listSeparator")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@frozen
class Entry:
    """One line of the 目录: its level (1 parts, 2 sections and tables), text and page."""

    level: int
    text: str
    page: int
    anchor: str


def unnumbered(setup: PageSetup) -> PageSetup:
    """The same page, every footer the empty first-page one (the 目录's pages show no number)."""
    first = next((rid for kind, kind_type, rid in setup.references
                  if kind == "footerReference" and kind_type == "first"), None)
    if first is None:
        return setup
    references = tuple((kind, kind_type, first if kind == "footerReference" else rid)
                       for kind, kind_type, rid in setup.references)
    return evolve(setup, references=references, title_page=False)


class Contents:
    """``{{p contents }}`` after the cover: the cover's section break, and with a 目录 its heading,
    the place of its entries and its own section break; :meth:`after_render` fills the entries and
    restarts the body's page numbers. Nothing at all when the pack asks for neither."""

    def __init__(self, base: PageSetup | None, title: str, show: bool, body_from_one: bool, levels: int = 2):
        self.base = base
        self.title = title
        self.show = show and base is not None
        self.body_from_one = (body_from_one or show) and base is not None
        self.levels = levels
        self.placed = False

    def __html__(self) -> str:
        if not self.body_from_one:
            return ""
        self.placed = True
        parts = [section_break_xml(self.base, title_page=True)]
        if self.show:
            parts += [_TITLE.format(text=escape(self.title)), _MARKER_XML,
                      section_break_xml(unnumbered(self.base), title_page=False)]
        return "".join(parts)

    def after_render(self, document: Any) -> None:
        """Fill the 目录 and number the body from 1 in the rendered python-docx ``document``."""
        if not self.placed:
            return
        body = document.element.body
        sections = list(body.iter(_w("sectPr")))
        opening = 2 if self.show else 1
        if len(sections) <= opening:
            return
        restart_numbering(sections[opening:])
        if self.show:
            styles = document.styles.element
            with plain_elements(body):  # read whole: python-docx's classes would take 3× as long
                fill(body, styles, self.levels, lambda b: estimate_pages(b, styles), sections[opening - 1],
                     self.base.text_width)
            ask_to_update_fields(document.settings.element)


def restart_numbering(sections: Sequence[Any]) -> None:
    """The first of ``sections`` (the body's first) numbers from 1; none keeps the cover's
    different first page, which would hide a body page's number."""
    for sect_pr in sections:
        for title_page in sect_pr.findall(_w("titlePg")):
            sect_pr.remove(title_page)
    first = sections[0]
    for old in first.findall(_w("pgNumType")):
        first.remove(old)
    _insert_before(first, etree.Element(_w("pgNumType"), {_w("start"): "1"}), _AFTER_PAGE_NUMBERS)


def ask_to_update_fields(settings: Any) -> None:
    """``w:updateFields``: Word (and WPS) update the fields, the 目录's page numbers among them, on opening."""
    for old in settings.findall(_w("updateFields")):
        settings.remove(old)
    _insert_before(settings, etree.Element(_w("updateFields"), {_w("val"): "true"}), _AFTER_UPDATE_FIELDS)


def _insert_before(parent: Any, element: Any, later: Iterable[str]) -> None:
    names = {_w(n) for n in later}
    anchor = next((child for child in parent if child.tag in names), None)
    if anchor is not None:
        anchor.addprevious(element)
    else:
        parent.append(element)


_PPR, _OUTLINE, _PSTYLE, _VAL, _T = _w("pPr"), _w("outlineLvl"), _w("pStyle"), _w("val"), _w("t")
_STYLE_ID, _BASED_ON = _w("styleId"), _w("basedOn")


def outline_level(paragraph: Any, style_levels: dict[str, int]) -> int | None:
    """A paragraph's outline level (0 for a part), from its own ``w:outlineLvl`` or its style's.
    ``w:pPr`` comes first in a paragraph and ``w:pStyle`` first in it (the schema's order): read
    by position, as lxml's ``find`` walks a Python path matcher for each call."""
    ppr = paragraph[0] if len(paragraph) else None
    if ppr is None or ppr.tag != _PPR:
        return None
    own = next(ppr.iterchildren(_OUTLINE), None)
    if own is not None:
        return int(own.get(_VAL))
    style = ppr[0] if len(ppr) else None
    if style is not None and style.tag == _PSTYLE:
        return style_levels.get(style.get(_VAL))
    return None


def style_outline_levels(styles: Any) -> dict[str, int]:
    """Each paragraph style's outline level (following ``w:basedOn``)."""
    own, based = {}, {}
    for style in styles.iterchildren(_w("style")):
        style_id = style.get(_STYLE_ID)
        ppr = next(style.iterchildren(_PPR), None)
        level = next(ppr.iterchildren(_OUTLINE), None) if ppr is not None else None
        if level is not None:
            own[style_id] = int(level.get(_VAL))
        parent = next(style.iterchildren(_BASED_ON), None)
        if parent is not None:
            based[style_id] = parent.get(_VAL)
    levels = {}
    for style_id in set(own) | set(based):
        current, seen = style_id, set()
        while current is not None and current not in own and current not in seen:
            seen.add(current)
            current = based.get(current)
        if current in own:
            levels[style_id] = own[current]
    return levels


def headings(body: Any, after: Any, levels: int, style_levels: dict[str, int]) -> list[tuple[int, Any]]:
    """(level, paragraph) of each paragraph the 目录 lists: after ``after`` (the 目录's section
    break), outline level below ``levels``, with text."""
    found, started = [], False
    for paragraph in body.iterfind(_w("p")):  # headings stand in the body, not in tables
        if not started:
            started = paragraph is after
            continue
        level = outline_level(paragraph, style_levels)
        if level is not None and level < levels and _text(paragraph).strip():
            found.append((level, paragraph))
    return found


def _text(paragraph: Any) -> str:
    return "".join(paragraph.itertext(_T))


def fill(body: Any, styles: Any, levels: int, estimate: Callable[[Any], dict[Any, int]], contents_end: Any,
         width: int) -> list[Entry]:
    """Replace the marker with the TOC field, its entries filled (page numbers counted from the
    body's first page; ``width`` the text block's, for the right-aligned numbers); return them."""
    marker, next_id = _marker_and_next_bookmark_id(body)
    if marker is None:
        return []
    break_paragraph = contents_end.getparent().getparent()
    listed = headings(body, break_paragraph, levels, style_outline_levels(styles))
    pages = estimate(body)
    first_body_page = pages.get(break_paragraph, 0) + 1
    entries = []
    for n, (level, paragraph) in enumerate(listed, 1):
        anchor = BOOKMARK.format(n=n)
        _bookmark(paragraph, anchor, next_id + n)
        page = pages.get(paragraph, first_body_page) - first_body_page + 1
        entries.append(Entry(level + 1, _text(paragraph), max(page, 1), anchor))
    for element in reversed(field_paragraphs(entries, levels, width)):
        marker.addnext(element)
    marker.getparent().remove(marker)
    return entries


_BOOKMARK_START, _ID, _NAME = _w("bookmarkStart"), _w("id"), _w("name")


def _marker_and_next_bookmark_id(body: Any) -> tuple[Any, int]:
    """The marker's paragraph (a child of the body) and the first bookmark id above the body's:
    one walk of the body for both."""
    marker, highest = None, 0
    for start in body.iter(_BOOKMARK_START):
        number = start.get(_ID) or ""
        if number.isdigit():
            highest = max(highest, int(number))
        if marker is None and start.get(_NAME) == MARKER and start.getparent().getparent() is body:
            marker = start.getparent()
    return marker, highest + 1


def _bookmark(paragraph: Any, name: str, number: int) -> None:
    """A bookmark around the paragraph's content: the 目录 line's link and page reference."""
    start = etree.Element(_w("bookmarkStart"), {_w("id"): str(number), _w("name"): name})
    end = etree.Element(_w("bookmarkEnd"), {_w("id"): str(number)})
    ppr = paragraph.find(_w("pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(end)


def _run(inner: str) -> str:
    return f"<w:r>{inner}</w:r>"


def _field_char(kind: str) -> str:
    return _run(f'<w:fldChar w:fldCharType="{kind}"/>')


def _instruction(text: str) -> str:
    return _run(f'<w:instrText xml:space="preserve">{escape(text)}</w:instrText>')


def field_paragraphs(entries: Sequence[Entry], levels: int, width: int) -> list[Any]:
    """The TOC field as paragraphs: the field opens in the first line and closes in the last; each
    line is a link to its heading, a dotted tab, and a ``PAGEREF`` holding the page number."""
    lines = []
    for i, entry in enumerate(entries or [Entry(1, "", 1, "")]):
        start = (_field_char("begin") + _instruction(TOC_INSTRUCTION.format(levels=levels))
                 + _field_char("separate")) if i == 0 else ""
        end = _field_char("end") if i == len(entries or [None]) - 1 else ""
        link = ""
        if entry.anchor:
            link = (f'<w:hyperlink w:anchor="{entry.anchor}" w:history="1">'
                    + _run(f'<w:t xml:space="preserve">{escape(entry.text)}</w:t>') + _run("<w:tab/>")
                    + _field_char("begin") + _instruction(f" PAGEREF {entry.anchor} \\h ")
                    + _field_char("separate") + _run(f"<w:t>{entry.page}</w:t>") + _field_char("end")
                    + "</w:hyperlink>")
        ppr = (f'<w:pPr><w:pStyle w:val="{ENTRY_STYLE.format(level=entry.level)}"/>'
               f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs></w:pPr>')
        lines.append(etree.fromstring(f'<w:p xmlns:w="{W}">{ppr}{start}{link}{end}</w:p>'))
    return lines
