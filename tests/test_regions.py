"""Region packs: inheritance, rewording without code, sections left out renumber the rest."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

import docgen
from docgen.regions import load_region


def make_pack(tmp_path: Path, toml: str, name: str = "testland") -> Path:
    pack = tmp_path / name
    pack.mkdir()
    (pack / "region.toml").write_text(toml, encoding="utf-8")
    return pack


def test_sichuan_extends_base():
    region = load_region("sichuan")
    assert [p.name for p in region.chain] == ["sichuan", "base"]
    assert region.template.name == "report.docx"
    assert region.phrases("income_structure")["omit_when_zero"] == ["state_capital_grant"]
    assert "totals" in region.settings["phrases"]


def test_a_pack_rewords_a_sentence_without_code(tmp_path, minimal):
    pack = make_pack(tmp_path, 'extends = "sichuan"\n[phrases.operating_costs]\n'
                               'equal = "{year}年{department}机关运行经费{actual}万元，与上年持平。"\n')
    s = docgen.prepare(minimal, pack).context["s"]
    assert s.operating_costs == "2021年测试局机关运行经费10.00万元，与上年持平。"


def test_a_pack_that_drops_reason_from_its_wording_needs_no_reason(tmp_path, minimal):
    del minimal["general_budget"]["items"][1]["reason"]
    assert docgen.check(minimal) != []
    pack = make_pack(tmp_path, 'extends = "sichuan"\n[phrases.variance]\nunder = "决算数小于预算数。"\n')
    assert docgen.check(minimal, pack) == []


def test_omitted_sections_renumber_the_rest(tmp_path, minimal):
    pack = make_pack(tmp_path, 'extends = "sichuan"\n[sections]\nomit = ["government_fund", "state_capital"]\n')
    document = docx.Document(io.BytesIO(docgen.render(minimal, region=pack)))
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "八、其他重要事项的情况说明" in h2
    assert not any("政府性基金" in t for t in h2)


def test_unknown_placeholder_in_a_pack_is_a_region_error(tmp_path, minimal):
    pack = make_pack(tmp_path, 'extends = "sichuan"\n[phrases.procurement]\nsentence = "{year}年{nonsense}"\n')
    with pytest.raises(docgen.RegionError, match="unknown placeholder"):
        docgen.check(minimal, pack)


@pytest.mark.parametrize("pattern", ["{year.__class__}", "{reason!r}", "{rate:>9}", "{items[0]}", "未闭合{"])
def test_malformed_patterns_are_refused_when_the_pack_loads(tmp_path, pattern):
    # no_budget is a variant the minimal data never uses: the pack is still refused.
    pack = make_pack(tmp_path, f'extends = "sichuan"\n[phrases.variance]\nno_budget = "{pattern}"\n')
    with pytest.raises(docgen.RegionError, match=r"\[phrases.variance\] no_budget"):
        load_region(pack)


def test_extends_loop_and_missing_template_are_reported(tmp_path):
    make_pack(tmp_path, 'extends = "b"\n', "a")
    make_pack(tmp_path, 'extends = "a"\n', "b")
    with pytest.raises(docgen.RegionError, match="loops"):
        load_region("a", [tmp_path])
    make_pack(tmp_path, 'template = "missing.docx"\n', "c")
    with pytest.raises(docgen.RegionError, match="not found"):
        load_region("c", [tmp_path])


def test_bad_toml_is_a_region_error(tmp_path):
    make_pack(tmp_path, 'extends = \n', "broken")
    with pytest.raises(docgen.RegionError, match="region.toml"):
        load_region("broken", [tmp_path])


def test_pack_found_by_name_in_a_search_folder(tmp_path, minimal):
    make_pack(tmp_path, 'extends = "sichuan"\nname = "测试"\n', "mytown")
    assert load_region("mytown", [tmp_path]).name == "mytown"
    assert docgen.check(minimal, "mytown", [tmp_path]) == []


def test_a_changed_pack_is_reloaded(tmp_path, minimal):
    import os
    pack = make_pack(tmp_path, 'extends = "sichuan"\n')
    before = docgen.prepare(minimal, pack).context["s"].operating_costs
    (pack / "region.toml").write_text('extends = "sichuan"\n[phrases.operating_costs]\nequal = "持平。"\n',
                                      encoding="utf-8")
    stat = (pack / "region.toml").stat()
    os.utime(pack / "region.toml", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert docgen.prepare(minimal, pack).context["s"].operating_costs == "持平。" != before
