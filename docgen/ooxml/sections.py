"""Section breaks: landscape pages for wide tables, and back to portrait (GB/T 9704-2012).

In OOXML a section's properties (``w:sectPr``) sit in the last paragraph of the section, inside
its ``w:pPr``; the last section's properties are the body's own ``w:sectPr``. A section without
header or footer references inherits the previous section's, and page numbers run on, so the
table pages keep the report's ``— N —`` footers.

A landscape page is the portrait page turned so that the table's head lies on the binding edge
(GB/T 9704 §10: 表头在订口一边): the portrait left margin becomes the top, the right the bottom,
the bottom the left and the top the right. The 156 × 225 mm text block turns with it (225 × 156),
and the footer keeps its distance from the text block.
"""

from __future__ import annotations

from typing import Literal

from attrs import evolve, frozen
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
Orientation = Literal["portrait", "landscape"]


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


@frozen
class PageSetup:
    """A section's page: size and margins in twips, its header/footer references and grid."""

    width: int
    height: int
    top: int
    right: int
    bottom: int
    left: int
    header: int = 851
    footer: int = 992
    gutter: int = 0
    references: tuple[tuple[str, str, str], ...] = ()
    """(``headerReference``/``footerReference``, type, relationship id)."""
    columns_space: int | None = None
    grid: tuple[tuple[str, str], ...] = ()
    """``w:docGrid`` attributes."""
    title_page: bool = False
    """A different first page (``w:titlePg``): the cover's section has one."""

    @property
    def orientation(self) -> Orientation:
        return "landscape" if self.width > self.height else "portrait"

    @classmethod
    def from_sect_pr(cls, sect_pr) -> PageSetup:
        """Read a ``w:sectPr`` element (python-docx's or plain lxml)."""
        size = sect_pr.find(_w("pgSz"))
        margins = sect_pr.find(_w("pgMar"))

        def margin(name: str, default: int) -> int:
            value = margins.get(_w(name)) if margins is not None else None
            return int(value) if value is not None else default

        references = tuple(
            (etree.QName(ref).localname, ref.get(_w("type"), "default"), ref.get(f"{{{R}}}id"))
            for ref in sect_pr if etree.QName(ref).localname in ("headerReference", "footerReference"))
        cols = sect_pr.find(_w("cols"))
        grid = sect_pr.find(_w("docGrid"))
        return cls(
            width=int(size.get(_w("w"))), height=int(size.get(_w("h"))),
            top=margin("top", 1440), right=margin("right", 1440), bottom=margin("bottom", 1440),
            left=margin("left", 1440), header=margin("header", 851), footer=margin("footer", 992),
            gutter=margin("gutter", 0), references=references,
            columns_space=int(cols.get(_w("space"))) if cols is not None and cols.get(_w("space")) else None,
            grid=tuple((etree.QName(k).localname, v) for k, v in grid.attrib.items()) if grid is not None else (),
            title_page=sect_pr.find(_w("titlePg")) is not None,
        )

    def turned(self) -> PageSetup:
        """The same page turned a quarter: portrait ↔ landscape, margins rotated per GB/T 9704."""
        if self.orientation == "portrait":  # binding edge (left) becomes the top
            top, right, bottom, left = self.left, self.top, self.right, self.bottom
        else:
            top, right, bottom, left = self.right, self.bottom, self.left, self.top
        return evolve(self, width=self.height, height=self.width, top=top, right=right, bottom=bottom, left=left,
                      header=max(0, self.header - (self.top - top)),
                      footer=max(0, self.footer - (self.bottom - bottom)))

    def oriented(self, orientation: Orientation) -> PageSetup:
        return self if orientation == self.orientation else self.turned()

    @property
    def text_width(self) -> int:
        """The text block's width in twips."""
        return self.width - self.left - self.right - self.gutter

    def sect_pr_xml(self, title_page: bool | None = None) -> str:
        """This page as a ``<w:sectPr>`` (namespace prefixes as in the document part).

        ``title_page`` overrides whether the section has a different first page.
        """
        first = self.title_page if title_page is None else title_page
        refs = "".join(f'<w:{kind} w:type="{kind_type}" r:id="{rid}"/>' for kind, kind_type, rid in self.references)
        orient = ' w:orient="landscape"' if self.orientation == "landscape" else ""
        cols = f'<w:cols w:space="{self.columns_space}"/>' if self.columns_space is not None else ""
        grid = ("<w:docGrid " + " ".join(f'w:{k}="{v}"' for k, v in self.grid) + "/>") if self.grid else ""
        return (f'<w:sectPr>{refs}<w:type w:val="nextPage"/>'
                f'<w:pgSz w:w="{self.width}" w:h="{self.height}"{orient}/>'
                f'<w:pgMar w:top="{self.top}" w:right="{self.right}" w:bottom="{self.bottom}" w:left="{self.left}" '
                f'w:header="{self.header}" w:footer="{self.footer}" w:gutter="{self.gutter}"/>'
                f'{cols}{"<w:titlePg/>" if first else ""}{grid}</w:sectPr>')

    def apply_to(self, sect_pr, title_page: bool | None = None) -> None:
        """Rewrite a ``w:sectPr`` element in place (the body's, which governs the last section)."""
        first = self.title_page if title_page is None else title_page
        size = sect_pr.find(_w("pgSz"))
        size.set(_w("w"), str(self.width))
        size.set(_w("h"), str(self.height))
        if self.orientation == "landscape":
            size.set(_w("orient"), "landscape")
        else:
            size.attrib.pop(_w("orient"), None)
        margins = sect_pr.find(_w("pgMar"))
        for name in ("top", "right", "bottom", "left", "header", "footer", "gutter"):
            margins.set(_w(name), str(getattr(self, name)))
        existing = sect_pr.find(_w("titlePg"))
        if first and existing is None:
            # w:titlePg follows w:cols / w:vAlign / w:noEndnote and precedes w:textDirection / w:docGrid.
            later = [sect_pr.find(_w(n)) for n in ("textDirection", "bidi", "rtlGutter", "docGrid",
                                                   "printerSettings", "sectPrChange")]
            anchor = next((e for e in later if e is not None), None)
            element = etree.Element(_w("titlePg"))
            if anchor is not None:
                anchor.addprevious(element)
            else:
                sect_pr.append(element)
        elif not first and existing is not None:
            sect_pr.remove(existing)


def section_break_xml(setup: PageSetup, title_page: bool | None = None) -> str:
    """An empty paragraph that ends a section laid out as ``setup``; the next page starts a new one.

    The paragraph is one point high, so it does not push a full page over.
    """
    return ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'
            f"{setup.sect_pr_xml(title_page)}</w:pPr></w:p>")
