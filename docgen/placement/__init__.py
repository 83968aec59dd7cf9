"""Where each figure belongs: the rendered document checked figure by figure, at its place.

:mod:`docgen.selfcheck` asks whether each printed number is *some* number of the data; a bug that
prints another true number (income for spending, last year for this year, goods for services, one
row's value in the next row) passes that test. This module knows what each place should hold and
computes it again from the model — never from the phrasing, templates or table code under test:

- **sentences** by their anchor words: ``收入总计…万元``, ``比上年增加/减少…万元``, ``增长/下降…%``,
  ``完成预算…%``, ``决算数大于/小于/等于预算数``, the parts of a structure (``事业收入…万元，占…%``),
  the counts of vehicles and projects; direction words against the sign of the change; a list's
  parts against the whole it says they make up (``共有公务用车7辆，其中：…``);
- **statistical tables** (公开表) cell by cell, by row code and column, against the model's lines;
- **charts** value by value, by series and category, and their data labels.

The department's own texts (reasons, purposes, titles …) are masked first, wherever they are printed
and however they are split over paragraphs, so that a number the department wrote is never read as
a figure of docgen's, and an anchor inside it is never checked. Everything is a handful of passes
over the text: linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..figures import Figures
from .charts import chart_problems
from .common import MASK, SEP, SHORT, mask_own
from .sentences import sentence_problems
from .tables import performance_problems, table_problems

if TYPE_CHECKING:
    from ..ooxml.reading import Table
    from ..render import Rendered

__all__ = ["problems", "CHART_PART", "mask_own", "MASK", "SEP", "SHORT", "sentence_problems", "table_problems",
           "performance_problems", "chart_problems"]


def problems(document: "Rendered", paragraphs: Sequence[str], tables: Sequence["Table"], figures: Figures) -> list[str]:
    """Every figure of the rendered ``document`` found at a place that should hold another;
    ``paragraphs`` is its body text with the department's own texts masked, ``tables`` its tables
    (both as :func:`docgen.ooxml.reading.read_body` reads them)."""
    found = sentence_problems(paragraphs, figures)
    found += table_problems(tables, figures)
    found += performance_problems(tables, figures)
    charts = [(n, document.tree(n)) for n in sorted(document.names(CHART_PART), key=_chart_number)]
    found += chart_problems(charts, figures)
    return found


CHART_PART = re.compile(r"word/charts/chart\d+\.xml")


def _chart_number(name: str) -> tuple[int, str]:
    m = re.search(r"(\d+)\.xml$", name)
    return (int(m.group(1)) if m else 0, name)
