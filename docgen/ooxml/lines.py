"""How wide a run of text is and how many lines a paragraph's text takes, as LibreOffice sets
Chinese text mixed with Latin numbers (measured with LibreOffice 7.4, the fonts mapped as
``docgen/data/fonts.conf`` maps them; Word's rules are the same in kind).

- Widths: a CJK character or full-width form one em (the fonts' ideographs and full-width
  punctuation, “” included, are square; the document asks for no punctuation compression); a
  Latin character its Times New Roman width (the master's Latin font; Liberation Serif has the
  same metrics): digits half an em, ``.`` a quarter, ``%`` five sixths. Each character takes the
  run's character spacing (``w:spacing``) besides.
- Spacing between Asian and Latin text (``w:autoSpaceDE``/``autoSpaceDN``, on unless turned off):
  about a fifth of an em between an ideograph and a Latin letter or digit beside it, none beside
  punctuation.
- Line breaks: between any two ideographs, never inside a number or a Latin word (``152.80``,
  ``8.06%``); never before closing punctuation (）》” pull the character before them onto the next
  line) nor after opening punctuation (（《“ go to the next line with what follows); ，。、；：！？
  after an ideograph hang in the margin rather than start a line (after a number they pull it
  down, as closing punctuation does).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache

_TIMES = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
     500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
     921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
     556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
     333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
     500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541)))
"""Times New Roman's advance widths of the printable ASCII characters, thousandths of an em."""
_HALF = 500
"""Any other narrow character (Latin-1 and the like): half an em."""
AUTOSPACE = 220
"""The space LibreOffice puts between an ideograph and a Latin letter or digit, thousandths of an
em (3.5 pt at 三号 16 pt, 2.3 pt at 10.5 pt)."""

_WIDE = re.compile("[^\u0000-\u10ff]")
"""Characters set an em wide: CJK, full-width forms and the punctuation CJK fonts draw full width
(“”—…)."""
_IDEOGRAPH = re.compile("[\u2e80-\u2fdf\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile("[0-9A-Za-z]")
_TOKEN = re.compile(r"[0-9A-Za-z.,%+\-/:]+|.", re.S)
"""What a line cannot break inside: a number or a Latin word; any other character stands alone."""
_HANGING = frozenset("，。、；：！？．")
_NO_START = frozenset("）》」』】〕〉”’·)]}!?;")
_NO_END = frozenset("（《「『【〔〈“‘([{")


def char_width(char: str, em: int) -> float:
    """Twips ``char`` takes at ``em`` twips a font size, without character spacing."""
    if _WIDE.match(char):
        return em
    return em * _TIMES.get(char, _HALF) / 1000


def _autospace(before: str, after: str, em: int) -> float:
    if (_IDEOGRAPH.match(before) and _LATIN.match(after)) or (_LATIN.match(before) and _IDEOGRAPH.match(after)):
        return em * AUTOSPACE / 1000
    return 0


def text_width(text: str, size: int, spacing: int = 0) -> int:
    """Twips ``text`` takes on one line at ``size`` half-points, with ``spacing`` twips added to
    each character and the space between Asian and Latin text."""
    em = size * 10
    width = sum(char_width(c, em) + spacing for c in text)
    width += sum(_autospace(a, b, em) for a, b in zip(text, text[1:]))
    return math.ceil(width)


def _clusters(text: str, em: int, spacing: int) -> Iterator[tuple[float, float, float]]:
    """(width, hanging width at its end, space before it) of each piece a line cannot break
    inside, the punctuation that may neither start nor end a line joined to its neighbour; one at
    a time (a paragraph of 100,000 characters listed whole took some 30 MB)."""
    cluster: list | None = None
    previous = ""
    for match in _TOKEN.finditer(text):
        token = match.group()
        width = sum(char_width(c, em) + spacing for c in token)
        gap = _autospace(previous[-1], token[0], em) if previous else 0
        joins = cluster is not None and (token in _NO_START or previous[-1] in _NO_END
                                         or (token in _HANGING and not _WIDE.match(previous[-1])))
        if joins:
            cluster[0] += gap + width
            cluster[1] = 0
        elif cluster is not None and token in _HANGING:
            cluster[0] += width
            cluster[1] = width
        else:
            if cluster is not None:
                yield tuple(cluster)
            cluster = [width, 0, gap]
        previous = token
    if cluster is not None:
        yield tuple(cluster)


_CACHED_CHARS = 2_000
"""Texts up to this long have their line counts cached (table cells repeat: 0.00, codes; a batch
renders a department's paragraphs again); a longer one is counted again rather than kept alive
by the cache (4,096 texts of 100,000 characters would hold some 800 MB)."""


def line_count(text: str, size: int, room: int, spacing: int = 0, first_line: int = 0) -> int:
    """Lines ``text`` takes ``room`` twips wide after a first-line indent of ``first_line``:
    filled piece by piece, a piece that does not fit starting the next line (a piece wider than
    a line split over as many as it needs)."""
    count = _cached_line_count if len(text) <= _CACHED_CHARS else _line_count
    return count(text, size, room, spacing, first_line)


def _line_count(text: str, size: int, room: int, spacing: int, first_line: int) -> int:
    if first_line + len(text) * (size * 10 * (1000 + AUTOSPACE) // 1000 + max(spacing, 0)) <= room:
        return 1  # fits even were every character an em and spaced: most cells
    lines, used, start = 1, first_line, True
    for width, hang, gap in _clusters(text, size * 10, spacing):
        if not start and used + gap + width - hang > room:
            lines += 1
            used, start = 0, True
        if start and width - hang > room:
            extra = math.ceil((width - hang) / room) - 1
            lines += extra
            width -= extra * room
        used += (0 if start else gap) + width
        start = False
    return lines


_cached_line_count = lru_cache(maxsize=4096)(_line_count)
