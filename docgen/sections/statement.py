"""第二部分 YYYY年度部门决算情况说明: the part's heading; the sections after it in the order are its own."""

from __future__ import annotations

from . import Section, add

add(Section("statement", "部门决算情况说明", None,
            doc="A part heading: the sections that follow it in [report] order form the part.", part=True))
