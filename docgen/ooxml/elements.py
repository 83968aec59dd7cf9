"""The rendered body put in its document (:func:`parse_body`), and the element classes it is read
with: python-docx's, but while docgen only reads it.

docgen parses the rendered body with a parser of its own, which gives it python-docx's element
classes: the document's python-docx objects need them. lxml makes a Python object for each
element it hands out, and one of python-docx's classes takes about three times a plain element's
(0.8 µs against 0.25): the 目录's page estimate, which reads some 40,000 elements of a report,
reads them as plain elements (:func:`plain_elements`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from lxml import etree


class DocumentParser(etree.XMLParser):
    """A parser of docgen's own, one for each body, giving python-docx's element classes: the
    one kind of parser :func:`plain_elements` switches (python-docx's, shared by every document
    it opens, is never switched)."""

    def __init__(self, **options: Any):
        from docx.oxml.parser import element_class_lookup

        super().__init__(**options)
        self.set_element_class_lookup(element_class_lookup)


def parse_body(xml: str, root: Any, parser_of: Callable[[type[etree.XMLParser]], etree.XMLParser]) -> Any:
    """The rendered body ``xml`` parsed (by a parser ``parser_of`` makes of the kind it is given)
    as the body of a copy of ``root`` (its tag, attributes and namespaces; python-docx's element
    classes): built where it will stay, so nothing moves it between documents. lxml moves a
    subtree in time growing with the square of its ``xml:space`` attributes (a report of 300
    projects spent a quarter of its render there). A body that does not start as docxtpl writes
    it, or that binds one of the document's prefixes to another namespace, is parsed alone (and
    moved by the caller). Raises lxml's ``XMLSyntaxError`` on damage."""
    shell = _Shell.of(root, xml)
    parser = parser_of(DocumentParser if shell.end else etree.XMLParser)
    parser.feed(shell.start.encode("utf-8"))
    for piece in shell.pieces(xml):
        parser.feed(piece.encode("utf-8"))
    parser.feed(shell.end.encode("utf-8"))
    parsed = parser.close()
    return parsed[0] if shell.end else parsed


_FEED_CHARS = 1 << 20
"""Characters of the rendered body encoded and fed to the parser at a time: the body's bytes are
never held whole beside its text and its tree (tens of megabytes each for a large report)."""


_BODY_START = re.compile(r"<(?:[\w.-]+:)?body[\s>]")
_DECLARATION = re.compile(r' xmlns(?::([\w.-]+))?="([^"<>]*)"')


class _Shell:
    """What is fed around the body's text (the document's start and end tags) and what of it is
    left out: the namespace declarations the document's root already makes, on the body and on
    elements within it (docgen's drawings bring their own). lxml leaves those out when it moves
    a body into a document, so the bytes written are the same either way."""

    __slots__ = ("start", "end", "redundant")

    def __init__(self, start: str = "", end: str = "", redundant: tuple[tuple[int, int], ...] = ()):
        self.start, self.end, self.redundant = start, end, redundant

    @classmethod
    def of(cls, root: Any, xml: str) -> _Shell:
        if not _BODY_START.match(xml) or root is None or root.text or any(c.tail for c in root):
            return cls()
        declared = root.nsmap
        redundant = []
        for match in _DECLARATION.finditer(xml):
            at = match.start()
            if xml.rfind("<", 0, at) < xml.rfind(">", 0, at):
                continue  # text that reads like a declaration, not in a tag
            prefix, uri = match.groups()
            if prefix in declared and declared[prefix] != uri:
                return cls()  # rebinds a prefix: only lxml's move resolves that
            if declared.get(prefix) == uri:
                redundant.append(match.span())
        shell = etree.tostring(etree.Element(root.tag, attrib=dict(root.attrib), nsmap=declared),
                               encoding="unicode")
        name = shell[1:].split(None, 1)[0].rstrip("/>")
        return cls(f"{shell[:-2]}>", f"</{name}>", tuple(redundant))

    def pieces(self, xml: str):
        """The body's text but its redundant declarations, in pieces of at most :data:`_FEED_CHARS`."""
        start = 0
        for skip_from, skip_to in (*self.redundant, (len(xml), len(xml))):
            for at in range(start, skip_from, _FEED_CHARS):
                yield xml[at:min(at + _FEED_CHARS, skip_from)]
            start = skip_to


@contextmanager
def plain_elements(element: Any) -> Iterator[None]:
    """lxml's plain elements for what is read of ``element``'s document inside the block, where
    the document was parsed by a :class:`DocumentParser`; python-docx's again after it.
    Elements already held keep their class, and an element read here must not be kept past the
    block (it would stay plain while held)."""
    parser = element.getroottree().parser
    if not isinstance(parser, DocumentParser):
        yield
        return
    from docx.oxml.parser import element_class_lookup

    parser.set_element_class_lookup(None)
    try:
        yield
    finally:
        parser.set_element_class_lookup(element_class_lookup)
