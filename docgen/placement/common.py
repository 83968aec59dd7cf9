"""What the placement checks share: number patterns, the masks and how a printed number is
compared with its figure (as the report rounds it)."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation

import ahocorasick_rs

from ..derive import Change, Completion
from ..figures import Part, breakdown
from ..formatting import round_half_up

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
HUNDREDTH = Decimal("0.01")
ZERO = Decimal(0)
N = r"(-?[0-9]+(?:\.[0-9]+)?)"
MASK = "\x01"
SEP = "\x00"


def number(text: str) -> Decimal | None:
    """A printed number, or ``None`` when the text is none."""
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return None


def same(printed: str | None, expected: Decimal | None) -> bool:
    """A printed number equals the figure as the report rounds it (2 places, or as given)."""
    return same_number(number(printed) if printed is not None else None, expected)


def same_number(value: Decimal | None, expected: Decimal | None) -> bool:
    """:func:`same` of a printed number already read."""
    if expected is None:  # a rate without a base: the report prints 0 (or nothing)
        return value is None or value == 0
    if value is None:
        return False
    if value == expected or value == round_half_up(expected, HUNDREDTH):
        return True
    places = -value.as_tuple().exponent  # more places than two: the figure rounded to as many
    return places > 2 and value == round_half_up(expected, Decimal(1).scaleb(-places))


# The department's own text, masked -------------------------------------------------------------

SHORT = 8
"""Own texts this long or shorter (``100%``, ``5``) are not masked: they would hide docgen's own
figures wherever they recur. The self-check looks for them around a number that fails instead."""


def mask_own(paragraphs: Sequence[str], own: Sequence[str]) -> list[str]:
    """``paragraphs`` with every occurrence of an ``own`` text longer than :data:`SHORT` replaced by
    :data:`MASK`, found in the paragraphs run together (a title printed over two paragraphs is
    found too). An occurrence that would cut a number in two is left alone; an occurrence that
    overlaps an earlier masked one of the same text is not looked at.

    All texts are looked for in one pass (an Aho–Corasick automaton): linear in the length of
    the texts and the document, where a search per text grew with their product. The automaton
    holds each text's first :data:`ANCHOR` characters only, and each place one starts is compared
    with the whole texts that start so: an automaton of the whole texts took some 25 bytes a
    character (150 MB for the longest texts a file may hold)."""
    flat = "".join(paragraphs)
    marks = bytearray(len(flat))
    texts = sorted({t for t in own if len(t) > SHORT})
    if texts and flat:
        groups: dict[str, list[str]] = {}
        for text in texts:
            groups.setdefault(text[:ANCHOR], []).append(text)
        anchors = list(groups)
        resume = dict.fromkeys(texts, 0)
        for which, start in anchor_starts(flat, anchors):  # in order: each text's occurrences in order
            for text in groups[anchors[which]]:
                if start < resume[text] or not flat.startswith(text, start):
                    continue
                end = start + len(text)
                cuts = (start > 0 and flat[start - 1].isdigit() and text[0].isdigit()) or \
                       (end < len(flat) and flat[end].isdigit() and text[-1].isdigit())
                if not cuts:
                    marks[start:end] = b"\x01" * len(text)
                    resume[text] = end
    out = list(paragraphs)  # a paragraph without a masked run is returned as it is, not copied
    runs = list(_runs(marks, 0, len(marks)))
    if runs:
        starts = [0, *itertools.accumulate(map(len, paragraphs))]
        touched = {i for first, last in runs
                   for i in range(bisect.bisect_right(starts, first) - 1, bisect.bisect_left(starts, last))}
        for i in touched:
            out[i] = _spliced(flat, marks, starts[i], starts[i + 1])
    return out


def _runs(marks: bytearray, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each masked run of ``marks[start:end]``, found by searching for the next
    change of byte (a few runs in tens of thousands of characters)."""
    first = marks.find(1, start, end)
    while first != -1:
        last = marks.find(0, first, end)
        last = end if last == -1 else last
        yield first, last
        first = marks.find(1, last, end)


def _spliced(flat: str, marks: bytearray, start: int, end: int) -> str:
    """``flat[start:end]`` with its masked runs replaced by :data:`MASK`."""
    pieces, at = [], start
    for first, last in _runs(marks, start, end):
        pieces += (flat[at:first], MASK * (last - first))
        at = last
    return "".join(pieces) + flat[at:end]


ANCHOR = 32
"""Characters of an own text the automaton looks for (see :func:`mask_own`)."""
_WINDOW = 1 << 14
"""Characters of the document searched at a time: a repetitive text starts at nearly every place
of a repetitive document, and the automaton lists every start of a search at once."""


def anchor_starts(flat: str, anchors: list[str]) -> Iterator[tuple[int, int]]:
    """(anchor index, start) of every occurrence of an anchor in ``flat``, overlapping ones
    included, by start within each anchor."""
    # A contiguous NFA: built in time linear in the anchors (the default, a DFA where it fits,
    # took minutes for one text of 100,000 characters when whole texts were looked for).
    automaton = ahocorasick_rs.AhoCorasick(anchors, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
    reach = max(map(len, anchors)) - 1  # an anchor starting in a window may end past it
    for at in range(0, len(flat), _WINDOW):
        for which, start, _ in automaton.find_matches_as_indexes(flat[at:at + _WINDOW + reach], overlapping=True):
            if start < _WINDOW:
                yield which, at + start



# “三公” figures recomputed from the model itself: the figures layer computes them for the phrasing,
# so a bug there must not set the expectation too.

def vehicles(report) -> tuple[Completion, Change]:
    """公务用车购置及运行维护费 against its budget and against last year."""
    c = report.three_public_costs
    vp, vo = c.vehicle_purchase, c.vehicle_operation
    return (Completion(vp.actual + vo.actual, vp.budget + vo.budget),
            Change(vp.actual + vo.actual, vp.prior_year + vo.prior_year))


def three_public_parts(report) -> list[Part]:
    """因公出国（境）, 公务用车购置及运行维护, 公务接待 with their shares of “三公”经费."""
    c = report.three_public_costs
    return breakdown([("travel", c.travel_abroad.actual), ("vehicles", vehicles(report)[0].actual),
                      ("reception", c.reception.actual)])
