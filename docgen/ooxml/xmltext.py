"""Text escaped for XML, as ``xml.sax.saxutils`` escapes it, without its import cost.

``xml.sax.saxutils`` imports ``urllib.request`` and with it the network stack (``http``,
``email``, ``ssl``): about a third of ``import docgen`` for two string functions.
"""

from __future__ import annotations

_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE = (("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;"))
_QUOTE = (('"', "&quot;"),)


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (element text)."""
    for char, entity in _TEXT:
        if char in text:
            text = text.replace(char, entity)
    return text


def escape_attribute(text: str) -> str:
    """An attribute value (to be written in double quotes) as lxml serialises it: :func:`escape`,
    ``"``, and the white space a parser would otherwise turn into spaces written as references.
    XML written as text with this is byte for byte what building it with lxml and serialising
    it gives."""
    text = escape(text)
    for char, entity in _QUOTE + _ATTRIBUTE:
        if char in text:
            text = text.replace(char, entity)
    return text


def quoteattr(text: str) -> str:
    """An attribute value with its quotes: double quotes, single ones when the text holds a
    double quote and no single one (what ``saxutils.quoteattr`` writes)."""
    text = escape(text)
    for char, entity in _ATTRIBUTE:
        text = text.replace(char, entity)
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))
