"""What the placement checks share: number patterns, the masks and how a printed number is
compared with its figure (as the report rounds it)."""

from __future__ import annotations

import re
from collections.abc import Sequence
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
    value = number(printed) if printed is not None else None
    if expected is None:  # a rate without a base: the report prints 0 (or nothing)
        return value is None or value == 0
    if value is None:
        return False
    places = -value.as_tuple().exponent
    return value == expected or value == round_half_up(expected, HUNDREDTH) or (
        places > 2 and value == round_half_up(expected, Decimal(1).scaleb(-places)))


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
    the texts and the document, where a search per text grew with their product."""
    flat = "".join(paragraphs)
    marks = bytearray(len(flat))
    texts = sorted({t for t in own if len(t) > SHORT})
    if texts and flat:
        resume = [0] * len(texts)
        # A contiguous NFA: built in time linear in the texts (the default, a DFA where it fits,
        # took minutes for one text of 100,000 characters).
        automaton = ahocorasick_rs.AhoCorasick(texts, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        found = automaton.find_matches_as_indexes(flat, overlapping=True)
        for which, start, end in found:  # by end: each text's occurrences in order
            text = texts[which]
            if start < resume[which]:
                continue
            cuts = (start > 0 and flat[start - 1].isdigit() and text[0].isdigit()) or \
                   (end < len(flat) and flat[end].isdigit() and text[-1].isdigit())
            if not cuts:
                marks[start:end] = b"\x01" * len(text)
                resume[which] = end
    pieces, at = [], 0
    for run in _MARKED.finditer(marks):  # the masked runs spliced in, then cut back into paragraphs
        pieces += (flat[at:run.start()], MASK * (run.end() - run.start()))
        at = run.end()
    masked = "".join(pieces) + flat[at:]
    out, at = [], 0
    for paragraph in paragraphs:
        out.append(masked[at:at + len(paragraph)])
        at += len(paragraph)
    return out


_MARKED = re.compile(b"\x01+")


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
