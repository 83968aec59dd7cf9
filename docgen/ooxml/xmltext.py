"""Text escaped for XML, as ``xml.sax.saxutils`` escapes it, without its import cost.

``xml.sax.saxutils`` imports ``urllib.request`` and with it the network stack (``http``,
``email``, ``ssl``): about a third of ``import docgen`` for two string functions.
"""

from __future__ import annotations

_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE = (("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;"))


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (element text)."""
    for char, entity in _TEXT:
        if char in text:
            text = text.replace(char, entity)
    return text


def escape_attribute(text: str) -> str:
    """:func:`escape` and ``"`` as an entity: the value of an attribute written in double quotes."""
    return escape(text).replace('"', "&quot;")


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


_SERIALIZED_ATTRIBUTE = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\n", "&#10;"),
                         ("\r", "&#13;"), ("\t", "&#9;"))


def serialized_attribute(text: str) -> str:
    """An attribute value (to be written in double quotes) as lxml serialises it: every character
    a parser would otherwise change written as a reference. XML written as text with this is
    byte for byte what building it with lxml and serialising it gives."""
    for char, entity in _SERIALIZED_ATTRIBUTE:
        if char in text:
            text = text.replace(char, entity)
    return text
