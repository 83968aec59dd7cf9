"""Heading punctuation, per pack and level: every heading of every packaged pack, walked.

A level ends its headings one way throughout (``[numbering.ends]``: nothing by default, so
``一、收入决算情况说明`` and ``（一）主要职能``), and a bracketed number takes no 、 after it. The
2020 reference (``sichuan-2020``) is reproduced as published, with its full stops on some
（一） headings and not on others: those are listed here.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict

import docx
import pytest
from docx.oxml.ns import qn

import docgen
from conftest import REFERENCE_FIXTURE, ROOT

LEVELS = {"Heading 1": "part", "Heading 2": "h1", "Heading 3": "h2", "Heading 4": "h3",
          "Report Heading 1": "h1", "Report Heading 2": "h2", "Report Heading 3": "h3"}
"""The styles of headings, by level: the body's, and those inside an attachment's report."""
PACKS = {
    "sichuan": ROOT / "fixtures" / "complete-department-2024.json",
    "national": ROOT / "fixtures" / "complete-department-2024.json",
    "shanghai": ROOT / "fixtures" / "shanghai-department-2024.json",
}
REFERENCE_FULL_STOPS = {
    "（一）主要职能。", "（二）2020年重点工作完成情况。", "（四）预算绩效管理情况。", "1.项目绩效目标完成情况。",
    "2.部门绩效评价结果。", "（二）机构职能。", "（一）部门预算管理。", "（二）结果应用情况。", "（一）评价结论。",
    "（二）存在问题。", "（三）改进建议。",
}
"""The headings the 2020 reference ends with 。 (its other （一） headings have none)."""
_BRACKET_THEN_COMMA = re.compile(r"^（[一二三四五六七八九十\d]+）、")


def headings(data, region) -> list[tuple[str, str]]:
    """(level, text) of every heading paragraph, 附件1's run-in items (label in bold) as h2."""
    document = docx.Document(io.BytesIO(docgen.render(data, region=region, force=True)))
    found = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        level = LEVELS.get(paragraph.style.name)
        if level and text:
            found.append((level, text))
        elif paragraph.runs and paragraph.runs[0].bold and re.match(r"（[一二三四五六七八九十]+）", text):
            found.append(("h2", paragraph.runs[0].text))
    return found


@pytest.mark.parametrize("region", sorted(PACKS))
def test_each_level_ends_its_headings_one_way(region):
    ending = docgen.load_region(region).settings["numbering"].get("ends", {})
    by_level = defaultdict(set)
    walked = headings(PACKS[region], region)
    assert len(walked) > 10
    for level, text in walked:
        by_level[level].add(text[-1] == "。")
        assert not _BRACKET_THEN_COMMA.match(text), text
        assert not text.endswith(("，", "、", "；", "：")), text
        assert text.endswith("。") == (ending.get(level) == "。"), (level, text)
    assert all(len(ends) == 1 for ends in by_level.values()), dict(by_level)


def test_sichuan_headings_end_without_a_full_stop_at_every_level():
    walked = headings(PACKS["sichuan"], "sichuan")
    assert {level for level, _ in walked} == {"part", "h1", "h2", "h3"}
    assert not [text for _, text in walked if text.endswith("。")]
    assert ("h2", "（一）主要职能") in walked and ("h2", "（一）机构组成") in walked  # 附件1 as the body


def test_the_reference_keeps_its_own_full_stops():
    walked = headings(REFERENCE_FIXTURE, "sichuan-2020")
    stopped = {text for _, text in walked if text.endswith("。")}
    assert stopped == REFERENCE_FULL_STOPS | {"（一）机构组成。", "（三）人员概况。", "（一）部门财政资金收入情况。",
                                              "（二）部门财政资金支出情况。"}
    assert not any(_BRACKET_THEN_COMMA.match(text) for _, text in walked)


def test_attachment_headings_one_style_per_level():
    """附件1 and the project reports: each level in one style (no run-in label beside a heading line)."""
    document = docx.Document(io.BytesIO(docgen.render(PACKS["sichuan"], region="sichuan")))
    body = [p for p in document.paragraphs if p.text.strip()]
    start = next(i for i, p in enumerate(body) if p.text == "附件1")
    styles = defaultdict(set)
    for paragraph in body[start:]:
        text = paragraph.text
        for level, pattern in (("h1", r"[一二三四五六七八九十]+、"), ("h2", r"（[一二三四五六七八九十]+）")):
            if re.match(pattern, text) and len(text) < 30:
                styles[level].add(paragraph.style.name)
    assert styles == {"h1": {"Report Heading 1"}, "h2": {"Report Heading 2"}}
    outline = document.styles.element.xpath('w:style[w:name/@w:val="Report Heading 2"]/w:pPr/w:outlineLvl')
    assert outline == []  # outside the 目录
    assert document.styles["Report Heading 1"].element.find(qn("w:pPr")).find(qn("w:keepNext")) is not None
