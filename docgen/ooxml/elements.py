"""The element classes a rendered body is read with: python-docx's, but while docgen only reads it.

docgen parses the rendered body with a parser of its own (:mod:`docgen.template`), which gives
it python-docx's element classes: the document's python-docx objects need them. lxml makes a
Python object for each element it hands out, and one of python-docx's classes takes about three
times a plain element's (0.8 µs against 0.25): the 目录's page estimate, which reads some 40,000
elements of a report, reads them as plain elements (:func:`plain_elements`).
"""

from __future__ import annotations

from collections.abc import Iterator
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
