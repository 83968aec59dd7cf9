"""Lead-in paragraphs stay with what they lead into.

A paragraph that ends on ``其中：`` (or ``具体情况如下：``, ``…包括：``) announces the next one; alone at
the foot of a page it reads as a sentence cut off. Such a paragraph is kept with the next
(``w:keepNext``), whatever section or pack wrote it, once the body is rendered.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEAD_INS = ("其中：", "其中:", "如下：", "如下:", "包括：", "包括:")
"""Endings that announce the next paragraph."""


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def keep_lead_ins(document: Any) -> None:
    """Give every top-level body paragraph of the python-docx ``document`` that ends on a lead-in
    ``w:keepNext``."""
    for paragraph in document.element.body.iterfind(_w("p")):
        text = "".join(t.text or "" for t in paragraph.iter(_w("t"))).rstrip()
        if text.endswith(LEAD_INS):
            keep_with_next(paragraph)


def keep_with_next(paragraph: Any) -> None:
    """``w:keepNext`` in the paragraph's properties, where the schema puts it (after ``w:pStyle`` only)."""
    ppr = paragraph.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        paragraph.insert(0, ppr)
    if ppr.find(_w("keepNext")) is not None:
        return
    keep = etree.Element(_w("keepNext"))
    style = ppr.find(_w("pStyle"))
    if style is not None:
        style.addnext(keep)
    else:
        ppr.insert(0, keep)
