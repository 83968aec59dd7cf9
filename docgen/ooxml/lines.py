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
from itertools import repeat

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

_LAST_NARROW = "\u10ff"
"""Characters after this one are set an em wide."""
_WIDE = re.compile("[^\u0000-\u10ff]")
"""Characters set an em wide: CJK, full-width forms and the punctuation CJK fonts draw full width
(“”—…)."""
_IDEOGRAPH = re.compile("[\u2e80-\u2fdf\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile("[0-9A-Za-z]")
_LATIN_CHARACTERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
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


def _spaced(before: str, after: str) -> bool:
    """Whether LibreOffice sets :data:`AUTOSPACE` between the two characters."""
    return bool((_IDEOGRAPH.match(before) and _LATIN.match(after)) or (_LATIN.match(before) and _IDEOGRAPH.match(after)))


def _autospace(before: str, after: str, em: int) -> float:
    return em * AUTOSPACE / 1000 if _spaced(before, after) else 0


def text_width(text: str, size: int, spacing: int = 0) -> int:
    """Twips ``text`` takes on one line at ``size`` half-points, with ``spacing`` twips added to
    each character and the space between Asian and Latin text."""
    em = size * 10
    width = sum(char_width(c, em) + spacing for c in text)
    width += sum(_autospace(a, b, em) for a, b in zip(text, text[1:]))
    return math.ceil(width)


_MILLI = 1000
"""Line filling counts in thousandths of a twip: every width is then a whole number (an em's
thousandths times the size), so sums and comparisons with the line's room are exact."""
_OPENING = "".join(sorted(c for c in _NO_END if c > _LAST_NARROW))
_CLOSING = "".join(sorted(c for c in _NO_START | _HANGING if c > _LAST_NARROW))
_WORD = re.compile(f"[{_OPENING}]*[^\u0000-\u10ff{_OPENING}{_CLOSING}]+[{_CLOSING}]*")
"""Plain characters set an em wide (any two of them may be split over two lines, nothing is set
between them), with the opening brackets an em wide before them and the closing brackets and
sentence punctuation after them, which join the first and the last."""
_PIECE = re.compile(f"{_WORD.pattern}|{_TOKEN.pattern}", re.S)
"""What the line filling reads at once: such a run, else a token of :data:`_TOKEN`."""


_NARROW = re.compile("[\u0000-\u10ff]")
_NARROWEST = min(_TIMES.values())
"""The narrowest character's width, thousandths of an em."""
_SPACED = re.compile(f"{_IDEOGRAPH.pattern}(?=[0-9A-Za-z])|[0-9A-Za-z](?={_IDEOGRAPH.pattern})")
"""A character followed by one it is spaced from (:func:`_spaced`)."""


def _token_width(token: str, em: int, spacing: int) -> int:
    """Thousandths of a twip ``token`` takes (its characters' widths and spacing)."""
    if len(token) == 1:
        return (em * _MILLI if token > _LAST_NARROW else em * _TIMES.get(token, _HALF)) + spacing * _MILLI
    return em * sum(map(_TIMES.__getitem__, token)) + len(token) * spacing * _MILLI  # a number or Latin word


def _pieces(text: str, em: int, spacing: int) -> Iterator[tuple[int, int, int, int]]:
    """(count, width, hanging width at its end, space before the first) of the pieces a line
    cannot break inside, in thousandths of a twip: punctuation that may neither start nor end a
    line joined to its neighbour; ``count`` alike pieces of plain characters in a row, with
    nothing between them (a paragraph of 100,000 characters is never listed whole)."""
    wide, autospace = (em + spacing) * _MILLI, em * AUTOSPACE
    width = hang = gap = 0
    joining, last = False, ""  # whether a piece is open to what follows; the character before
    for token in _PIECE.findall(text):
        first = token[0]
        space = autospace if (first in _LATIN_CHARACTERS or last in _LATIN_CHARACTERS) and _spaced(last, first) else 0
        size = len(token)
        if size > 1 and first > _LAST_NARROW:  # a run of plain characters: its first and last may join
            opening = size - len(token.lstrip(_OPENING))
            closing = size - len(token.rstrip(_CLOSING))
            plain = size - opening - closing
            ends = wide if token[-1] in _HANGING else 0
            head = (opening + 1 + (closing if plain == 1 else 0)) * wide
            if joining and last in _NO_END:
                width, hang = width + space + head, 0
            else:
                if joining:
                    yield 1, width, hang, gap
                width, hang, gap = head, 0, space
            if plain > 1:  # the run up to its last, which is left open to what follows
                if width == wide:  # the first alike the rest
                    yield plain - 1, wide, 0, gap
                else:
                    yield 1, width, hang, gap
                    if plain > 2:
                        yield plain - 2, wide, 0, 0
                width, gap = (1 + closing) * wide, 0
            hang = ends
        else:
            extent = _token_width(token, em, spacing)
            if joining and (token in _NO_START or last in _NO_END or (token in _HANGING and last <= _LAST_NARROW)):
                width, hang = width + space + extent, 0
            elif joining and token in _HANGING:
                width, hang = width + extent, extent
            else:
                if joining:
                    yield 1, width, hang, gap
                width, hang, gap = extent, 0, space
        joining, last = True, token[-1]
    if joining:
        yield 1, width, hang, gap


def line_count(text: str, size: int, room: int, spacing: int = 0, first_line: int = 0) -> int:
    """Lines ``text`` takes ``room`` twips wide after a first-line indent of ``first_line``:
    filled piece by piece, a piece that does not fit starting the next line (a piece wider than
    a line split over as many as it needs)."""
    if len(text) <= surely_fitting(size, room - first_line, spacing):
        return 1  # most cells
    room *= _MILLI
    if (spacing * _MILLI + size * 10 * _NARROWEST >= 0 and len(text) * (size * 10 * _HALF + spacing * _MILLI) <= room
            and first_line * _MILLI + _total_width(text, size * 10, spacing) <= room):
        return 1  # a text short enough to be worth it that fits whole: no piece is narrower than nothing
    lines, used, start = 1, first_line * _MILLI, True
    for count, width, hang, gap in _pieces(text, size * 10, spacing):
        if not start and used + gap + width - hang > room:
            lines += 1
            used, start = 0, True
        extra = -(-(width - hang) // room) - 1 if start and width - hang > room else 0
        used += (0 if start else gap) + width - extra * room
        lines += extra
        start = False
        if count > 1:
            lines, used = _alike(count - 1, width, room, lines, used)
    return lines


def surely_fitting(size: int, room: int, spacing: int = 0) -> int:
    """How many characters fit ``room`` twips whatever they are: as many as would were every
    one an em wide and spaced from the next."""
    return room // (size * 10 * (1000 + AUTOSPACE) // 1000 + max(spacing, 0))


def _total_width(text: str, em: int, spacing: int) -> int:
    """Thousandths of a twip ``text`` takes on one line, the space between Asian and Latin text
    included (the narrow characters and the places spaced found by :mod:`re`)."""
    narrow = text if text.isascii() else _NARROW.findall(text)  # amounts and codes are all narrow
    units = (len(text) - len(narrow)) * 1000 + sum(map(_TIMES.get, narrow, repeat(_HALF, len(narrow))))
    spaced = len(_SPACED.findall(text)) if 0 < len(narrow) < len(text) else 0  # Asian and Latin text side by side
    return em * units + len(text) * spacing * _MILLI + spaced * em * AUTOSPACE


def _alike(count: int, width: int, room: int, lines: int, used: int) -> tuple[int, int]:
    """(lines, room used on the last) after ``count`` more pieces ``width`` wide, none hanging,
    nothing between them, set after a line's first piece: as many on each line as fit."""
    if width <= 0:  # a spacing as tight as the characters: they all fit, on a new line if this one is over
        return (lines + 1, count * width) if used + width > room else (lines, used + count * width)
    fit = (room - used) // width if used <= room else 0
    if count <= fit:
        return lines, used + count * width
    count -= fit
    if width > room:  # each piece alone over as many lines as it needs
        per_piece = -(-width // room)
        return lines + count * per_piece, width - (per_piece - 1) * room
    per_line = room // width
    more = -(-count // per_line)
    return lines + more, (count - (more - 1) * per_line) * width
