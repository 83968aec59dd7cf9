"""Line counts: :func:`docgen.ooxml.lines.line_count` fills a line piece by piece and sets a run of
plain characters a line at a time; here each is checked against the rule as stated, character by
character in exact fractions of a twip, on random texts and on every text of the rendered reports."""

from __future__ import annotations

import io
import math
from fractions import Fraction

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

import docgen
from conftest import ROOT
from docgen.ooxml import lines
from docgen.ooxml.lines import AUTOSPACE, line_count


def _width(char: str, em: int) -> Fraction:
    return Fraction(em) if lines._WIDE.match(char) else Fraction(em * lines._TIMES.get(char, lines._HALF), 1000)


def _clusters(text: str, em: int, spacing: int):
    """(width, hanging width, space before) of each piece a line cannot break inside, token by token."""
    cluster, previous = None, ""
    for match in lines._TOKEN.finditer(text):
        token = match.group()
        width = sum((_width(c, em) + spacing for c in token), Fraction(0))
        gap = Fraction(em * AUTOSPACE, 1000) if previous and lines._spaced(previous[-1], token[0]) else 0
        if cluster is not None and (token in lines._NO_START or previous[-1] in lines._NO_END
                                    or (token in lines._HANGING and not lines._WIDE.match(previous[-1]))):
            cluster = [cluster[0] + gap + width, 0, cluster[2]]
        elif cluster is not None and token in lines._HANGING:
            cluster = [cluster[0] + width, width, cluster[2]]
        else:
            if cluster is not None:
                yield cluster
            cluster = [width, 0, gap]
        previous = token
    if cluster is not None:
        yield cluster


def stated_lines(text: str, size: int, room: int, spacing: int = 0, first_line: int = 0) -> int:
    """The lines the rule gives, filling one piece at a time."""
    if first_line + len(text) * (size * 10 * (1000 + AUTOSPACE) // 1000 + max(spacing, 0)) <= room:
        return 1
    count, used, start = 1, Fraction(first_line), True
    for width, hang, gap in _clusters(text, size * 10, spacing):
        if not start and used + gap + width - hang > room:
            count, used, start = count + 1, Fraction(0), True
        if start and width - hang > room:
            extra = math.ceil((width - hang) / room) - 1
            count, width = count + extra, width - extra * room
        used += (0 if start else gap) + width
        start = False
    return count


_CHARACTERS = ("一二收入支出年万元\u3000—…①Ａ" "，。、；：！？．" "）》」』】〕〉”’·)]}!?;" "（《「『【〔〈“‘([{"
               "0123456789.%,-/:+ aXé\t")
"""Ideographs, the full-width forms and punctuation, every kind of punctuation a line treats apart,
digits and Latin letters, and narrow characters the fonts' table does not list."""


@settings(max_examples=3000, deadline=None)
@given(text=st.text(st.sampled_from(_CHARACTERS), max_size=80),
       size=st.sampled_from([18, 21, 24, 32]), room=st.integers(1, 9000),
       spacing=st.sampled_from([0, -6, -100, -180, -320, -400, 10, 40]), first_line=st.sampled_from([0, 320, 640]))
def test_line_counts_follow_the_rule_piece_by_piece(text, size, room, spacing, first_line):
    assert line_count(text, size, room, spacing, first_line) == stated_lines(text, size, room, spacing, first_line)


@settings(max_examples=500, deadline=None)
@given(count=st.integers(1, 400), size=st.sampled_from([18, 32]), room=st.integers(1, 9000),
       spacing=st.sampled_from([0, -6, -100]), first_line=st.sampled_from([0, 640]),
       cut=st.sampled_from(["", "2024", "，", "（一）", "“三公”"]))
def test_long_runs_of_ideographs_fill_whole_lines(count, size, room, spacing, first_line, cut):
    text = "收" * count + cut + "入" * (count // 3)
    assert line_count(text, size, room, spacing, first_line) == stated_lines(text, size, room, spacing, first_line)


def _texts(fixture: str, region: str) -> set[str]:
    """Each paragraph's text (its line breaks as new lines) in a rendered report, tables' cells' too."""
    body = docx.Document(io.BytesIO(docgen.render(ROOT / "fixtures" / fixture, region=region, force=True))).element.body
    found = set()
    for paragraph in body.iter(qn("w:p")):
        text = "".join(e.text or "" if e.tag == qn("w:t") else "\n" for e in paragraph.iter(qn("w:t"), qn("w:br")))
        found.update(text.split("\n"))
    return found - {""}


@pytest.mark.parametrize("fixture, region", [("complete-department-2024.json", "sichuan"),
                                             ("shanghai-department-2024.json", "shanghai"),
                                             ("lizhou-xunchaban-2020.json", "sichuan-2020")])
def test_every_text_of_a_report_counts_as_the_rule_says(fixture, region):
    for text in _texts(fixture, region):
        for size, room, spacing, first_line in ((32, 8845, -6, 640), (21, 8845, 0, 0), (18, 743, -6, 0),
                                                (18, 1897, 0, 0), (24, 300, 0, 0), (21, 12756, 0, 420)):
            assert line_count(text, size, room, spacing, first_line) == stated_lines(text, size, room, spacing,
                                                                                     first_line), text
