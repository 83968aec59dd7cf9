"""Sections as units: the registry, and what a section owns."""

from __future__ import annotations

import pytest

import docgen
from docgen.pack.schema import FIGURE_IDS
from docgen.sections import SECTIONS


def test_the_base_order_prints_every_registered_section_once():
    order = docgen.load_region("base").settings["report"]["order"]
    # 预算绩效管理情况 prints inside 其他重要事项 unless a pack lists it (see test_layout).
    assert sorted(order + ["performance"]) == sorted(SECTIONS) and len(order) == len(set(order))
    assert order[:3] == ["overview", "statement", "income_spending"]


def test_each_figure_belongs_to_one_section():
    drawn = [chart for unit in SECTIONS.values() for chart in unit.charts]
    assert sorted(drawn) == sorted(FIGURE_IDS)


def test_an_unknown_section_in_omit_is_refused(tmp_path, minimal):
    pack = tmp_path / "p"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan-2020"\n[sections]\nomit = ["glosary"]\n', encoding="utf-8")
    with pytest.raises(docgen.RegionError, match="unknown section 'glosary'"):
        docgen.check(minimal, pack)
