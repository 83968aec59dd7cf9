"""docgen region new / check / show: tools for pack authors."""

from __future__ import annotations

from conftest import ROOT

COMPLETE_FIXTURE = ROOT / "fixtures" / "complete-department-2024.json"
from docgen.cli import main


def test_new_writes_a_pack_that_renders(tmp_path, capsys):
    assert main(["region", "new", "shanghai", "--from", "sichuan", "--into", str(tmp_path)]) == 0
    pack = tmp_path / "shanghai"
    assert 'extends = "sichuan"' in (pack / "region.toml").read_text(encoding="utf-8")
    out = tmp_path / "out.docx"
    assert main(["render", str(COMPLETE_FIXTURE), "--region", str(pack), "-o", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"
    assert main(["region", "check", str(pack)]) == 0
    assert "chain: shanghai → sichuan → sichuan-2020 → base" in capsys.readouterr().out


def test_new_never_overwrites(tmp_path, capsys):
    (tmp_path / "x").mkdir()
    assert main(["region", "new", "x", "--into", str(tmp_path)]) == 2
    assert "already exists; nothing written" in capsys.readouterr().err
    assert list((tmp_path / "x").iterdir()) == []
    assert main(["region", "new", "y", "--from", "atlantis", "--into", str(tmp_path)]) == 2
    assert not (tmp_path / "y").exists()


def test_check_exits_2_naming_file_and_key(tmp_path, capsys):
    pack = tmp_path / "bad"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan"\n[phrases.varaince]\nequal = "等于。"\n', encoding="utf-8")
    assert main(["region", "check", str(pack)]) == 2
    err = capsys.readouterr().err
    assert "region.toml: [phrases.varaince]: unknown section (did you mean 'variance'?)" in err
    (pack / "region.toml").write_text('extends = "sichuan"\n[report]\norder = ["overview", "glosary"]\n',
                                      encoding="utf-8")
    assert main(["region", "check", str(pack)]) == 2
    assert "did you mean 'glossary'" in capsys.readouterr().err


def test_show_gives_each_value_with_its_file(capsys):
    assert main(["region", "show", "sichuan"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith('name = "四川"  # ') and lines[0].endswith("sichuan/region.toml")
    assert any(l.startswith('extends = "sichuan-2020"') for l in lines[:4])
    heading = next(l for l in lines if l.startswith("three_public_costs = \"财政拨款"))
    assert heading.endswith("sichuan/region.toml")
    inherited = next(l for l in lines if l.startswith("omit_when_zero = "))
    assert inherited.endswith("sichuan-2020/region.toml")
    assert any(l.startswith("totals_change = ") and l.endswith("base/region.toml") for l in lines)
    assert any(l.startswith("sections.glossary = ") and "base/sections/glossary.docx" in l for l in lines)


def test_check_covers_the_options_other_modules_read(tmp_path, capsys):
    pack = tmp_path / "p"
    pack.mkdir()
    for toml, message in (('[charts]\nlegend = "middle"\n', "legend must be one of"),
                          ('[rules.no-such-rule]\nlevel = "error"\n', "unknown rule 'no-such-rule'"),
                          ('[[statistical_tables.tables]]\nkind = "incomes"\n', "unknown table kind 'incomes'")):
        (pack / "region.toml").write_text('extends = "sichuan"\n' + toml, encoding="utf-8")
        assert main(["region", "check", str(pack)]) == 2
        assert message in capsys.readouterr().err
