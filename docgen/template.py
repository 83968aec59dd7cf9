"""docxtpl's ``DocxTemplate`` without the passes that have nothing to do (see :class:`ReportTemplate`).

Subclassed, not copied (docxtpl is LGPL): each override skips work or adds a check, then hands
over to docxtpl's own method.
"""

from __future__ import annotations

import copy
import io
import os
import re
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docxtpl import DocxTemplate
from lxml import etree

from .errors import RenderError
from .ooxml.elements import parse_body
from .ooxml.tables import add_cell_styles, missing_cell_styles
from .render import read_template, strict_parser


def _parse_strictly(xml: str, document: Any) -> Any:
    """The rendered body parsed strictly, where it stays (:func:`docgen.ooxml.elements.parse_body`)."""
    try:
        return parse_body(xml, document.element, strict_parser)
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"the rendered document is damaged (template or value): {exc}") from None


class _LxmlQueries:
    """A body as docxtpl queries it: with lxml's ``xpath`` (which takes ``namespaces``), not
    python-docx's elements' own (which bring theirs)."""

    __slots__ = ("_tree",)

    def __init__(self, tree: Any):
        self._tree = tree

    def xpath(self, path: str, **keywords: Any) -> Any:
        return etree._Element.xpath(self._tree, path, **keywords)


class _Body:
    """The rendered body's text, from :meth:`ReportTemplate.build_xml` to
    :meth:`ReportTemplate.fix_tables`, which takes it: docxtpl's ``render`` keeps what
    ``build_xml`` returned until the headers and footers are done, and that is then this empty
    holder, not the text."""

    __slots__ = ("xml",)

    def __init__(self, xml: str):
        self.xml = xml

    def take(self) -> str:
        xml, self.xml = self.xml, ""
        return xml


_LISTING_CHAR_SET = "\t\a\n\f"
_LISTING_CHARS = re.compile(f"[{_LISTING_CHAR_SET}]")
"""What docxtpl's ``resolve_listing`` turns into Word markup (tab, paragraph, line and page breaks)."""
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
"""A paragraph as ``resolve_listing`` finds them (first closing tag)."""


def _styles_part(document: Any) -> Any:
    try:
        return document.part.part_related_by(RT.STYLES)
    except KeyError:
        return None


class _Pristine:
    """A template as python-docx opened it, and its styles element shared by every render."""

    def __init__(self, document: Any):
        self.document = document
        part = _styles_part(document)
        self.styles = part.element if part is not None else None
        self.fixed: dict[Any, tuple[int, bytes]] = {self.styles: (len(self.styles), part.blob)} if part else {}
        """Serialised once: the template's styles and each copy with cell styles added, with the
        number of their children then."""
        self._variants: dict[tuple[str, ...], Any] = {}

    def with_cell_styles(self, added: tuple[str, ...]) -> Any:
        """The template's styles with the cell styles ``added``: made once per set (a handful of
        fonts), shared read only like the template's."""
        variant = self._variants.get(added)
        if variant is None:
            from docx.opc.oxml import serialize_part_xml

            variant = copy.deepcopy(self.styles)
            add_cell_styles(variant, added)
            if len(self._variants) >= 16:  # dropped ones are still correct: only serialised again
                self._variants.clear()
                self.fixed = {self.styles: self.fixed[self.styles]}
            self._variants[added] = variant
            self.fixed[variant] = (len(variant), serialize_part_xml(variant))
        return variant

    def intact(self) -> bool:
        """Whether the template's styles still have the children they were read with."""
        return self.styles is not None and len(self.styles) == self.fixed[self.styles][0]

    def unchanged(self) -> dict[Any, bytes]:
        """The bytes of the shared elements that still have the children they were serialised
        with: code that adds a style to the document's styles in place (instead of through
        :func:`add_cell_styles`) gets its style written, not the stale bytes."""
        return {element: data for element, (children, data) in self.fixed.items() if len(element) == children}


class ReportTemplate(DocxTemplate):
    """docxtpl's template without the passes that have nothing to do.

    - The body's and the footers' Jinja source (the template's XML patched by docxtpl's regular
      expressions) is made once per template text, not on every render.
    - ``resolve_listing`` rewrites the runs of paragraphs that hold a tab, a line break, ``\\a``
      or ``\\f`` typed in a value; its regular expressions walked every paragraph and run of the
      body (a report holds a handful of such paragraphs in more than a thousand): here only the
      paragraphs that hold one go through it.
    - The rendered body is parsed once, strictly (docxtpl parses it with a recovering parser to
      fix table grids, which would hide damage): docxtpl's grid fix runs only for templates with
      column loops (``{%tc``), the one thing it repairs. The body's text is fed to the parser a
      piece at a time and freed once parsed (docxtpl's ``render`` would hold it to its end).
    - Footnotes are rendered only when the document has a footnotes part.
    - The template file is parsed once (per file and modification time); each render starts
      from a copy of it, which is about half the work of parsing it again. Its styles part (a
      third of a megabyte) is not copied but shared, read only, and written as the bytes it was
      serialised to once (:meth:`fixed_parts`).

    It also adds the styles the rendered tables use to the document (:func:`add_cell_styles`):
    to a copy of the template's styles made once for each set of added styles.
    """

    _sources: dict[str, tuple[str, bool]] = {}
    _patched: dict[str, str] = {}
    _parsed: dict[tuple, _Pristine] = {}
    _pristine_entry: _Pristine | None = None

    def init_docx(self, reload: bool = True):
        if not self.docx or (self.is_rendered and reload):
            entry = self._pristine_entry = self._pristine()
            shared = {id(entry.styles): entry.styles} if entry.styles is not None else {}
            self.docx = copy.deepcopy(entry.document, shared)
            self.is_rendered = False

    def _pristine(self) -> _Pristine:
        """The template as python-docx opened it from its checked package (:func:`read_template`),
        never rendered (only copied)."""
        stat = os.stat(self.template_file)
        key = (os.fspath(self.template_file), stat.st_mtime_ns, stat.st_size)
        entry = ReportTemplate._parsed.get(key)
        if entry is None:
            package = read_template(Path(self.template_file))
            if len(ReportTemplate._parsed) >= 4:
                ReportTemplate._parsed.clear()
            entry = ReportTemplate._parsed[key] = _Pristine(docx.Document(io.BytesIO(package)))
        return entry

    def fixed_parts(self) -> dict[Any, bytes]:
        """The bytes of the template's shared parts, by element: written as they are while a
        part's element is one of them (see :func:`docgen.ooxml.package.package_bytes`)."""
        return self._pristine_entry.unchanged() if self._pristine_entry is not None else {}

    def _add_cell_styles(self, body_xml: str) -> None:
        entry = self._pristine_entry
        part = _styles_part(self.docx)
        if entry is None or part is None or part.element is not entry.styles or not entry.intact():
            if part is not None and entry is not None and part.element is entry.styles:
                part._element = copy.deepcopy(part.element)  # changed in place: this render's own copy
                for key in [k for k, v in ReportTemplate._parsed.items() if v is entry]:
                    del ReportTemplate._parsed[key]  # and the next render reads the template afresh
            styles = self.docx.styles.element  # python-docx adds a styles part where there is none
            add_cell_styles(styles, missing_cell_styles(styles, body_xml))
            return
        added = missing_cell_styles(part.element, body_xml)
        if added:
            part._element = entry.with_cell_styles(added)  # python-docx's XmlPart keeps its element there

    def _body_source(self) -> tuple[str, bool]:
        # Keyed by the body's XML, not by the file: the statistical tables may turn the body's
        # last section before rendering (see docgen.tables.statistical).
        key = self.get_xml()
        cached = ReportTemplate._sources.get(key)
        if cached is None:
            source = self.patch_xml(key)
            cached = (source, "{%tc " in source or "{%tc\t" in source)
            if len(ReportTemplate._sources) >= 16:
                ReportTemplate._sources.clear()
            ReportTemplate._sources[key] = cached
        return cached

    def patch_xml(self, src_xml):
        # docxtpl's regular expressions over a part of the template (the footers on every
        # render): a function of the template's text alone, so made once per text.
        patched = ReportTemplate._patched.get(src_xml)
        if patched is None:
            patched = super().patch_xml(src_xml)
            if len(ReportTemplate._patched) >= 32:
                ReportTemplate._patched.clear()
            ReportTemplate._patched[src_xml] = patched
        return patched

    def build_xml(self, context, jinja_env=None):
        source, self._column_loops = self._body_source()
        return _Body(self.render_xml_part(source, self.docx._part, context, jinja_env))

    def resolve_listing(self, xml):
        if not any(char in xml for char in _LISTING_CHAR_SET):  # str's own search: 30× a regex class's
            return xml
        resolve = super().resolve_listing
        return _PARAGRAPH.sub(lambda m: resolve(m.group(0)) if _LISTING_CHARS.search(m.group(0)) else m.group(0),
                              xml)

    def fix_tables(self, xml):
        if isinstance(xml, _Body):
            xml = xml.take()  # freed when this returns
        tree = _parse_strictly(xml, self.docx)
        self._add_cell_styles(xml)  # the tables' cell paragraphs name their style
        return super().fix_tables(xml) if self._column_loops else tree

    def fix_docpr_ids(self, tree):
        super().fix_docpr_ids(_LxmlQueries(tree))

    def map_tree(self, tree):
        root = tree.getparent()
        if root is None:
            return super().map_tree(tree)
        old = self.docx.element
        for i, child in enumerate(list(old)):  # w:background and the like: moved beside the new body
            if child is not old.body:
                root.insert(i, child)
        self.docx._element = self.docx._part._element = root
        self.docx._Document__body = None  # python-docx's body proxy, made again from the new root

    def map_headers_footers_xml(self, relKey, xml):
        try:
            super().map_headers_footers_xml(relKey, xml)
        except etree.XMLSyntaxError as exc:
            raise RenderError(f"the rendered document is damaged (template or value): {exc}") from None

    def render_footnotes(self, context, jinja_env=None):
        if any(rel.reltype == RT.FOOTNOTES for rel in self.docx.part.rels.values()):
            super().render_footnotes(context, jinja_env)
