"""docs/pack-reference.md is generated from the sections, the patterns and the schema: it must be current."""

from __future__ import annotations


from conftest import ROOT, script
from docgen.pack.patterns import PHRASES
from docgen.sections import SECTIONS


def _generator():
    return script("tools/pack_doc.py")


def test_the_pack_reference_is_current():
    assert _generator().is_current(), "docs/pack-reference.md is stale: run `python tools/pack_doc.py` and commit it"


def test_it_lists_every_section_pattern_and_option():
    page = (ROOT / "docs" / "pack-reference.md").read_text(encoding="utf-8")
    assert all(f"| `{section_id}` |" in page for section_id in SECTIONS)
    assert all(f"### `[phrases.{family}]`" in page for family in PHRASES)
    for option in ("report.order", "report.entity", "formats.integral_percent", "statistical_tables.zero",
                   "performance_table.layout", "charts.legend"):
        assert f"| `{option}` |" in page
    assert "| `list_item` | `{n}` `{cn}` `{circled}` | yes | `\"{n}.\"` |" in page
