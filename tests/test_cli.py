"""The command line: exit codes, readable errors, nothing written on failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REFERENCE_FIXTURE, ROOT
from docgen.cli import main


def run(*args: str) -> int:
    return main(list(args))


def write(tmp_path, data) -> str:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_render_writes_the_report(tmp_path, minimal, capsys):
    out = tmp_path / "report.docx"
    assert run("render", write(tmp_path, minimal), "-o", str(out)) == 0
    assert out.stat().st_size > 10_000
    assert capsys.readouterr().out == f"wrote {out}\n"


def test_reference_as_published_is_refused_without_force(tmp_path, capsys):
    out = tmp_path / "report.docx"
    assert run("render", str(REFERENCE_FIXTURE), "-o", str(out)) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "[income-spending-balance]" in err and "[text-typo]" in err  # errors and warnings, by section
    assert "【一般公共预算财政拨款支出决算情况】" in err
    assert "docgen: 8 error(s) in the data; nothing written (fix them, or write anyway with --force)" in err


def test_force_writes_the_reference_and_still_prints_the_findings(tmp_path, capsys):
    out = tmp_path / "report.docx"
    assert run("render", str(REFERENCE_FIXTURE), "-o", str(out), "--force") == 0
    assert out.stat().st_size > 10_000
    captured = capsys.readouterr()
    assert "[class-sum]" in captured.err
    assert captured.out == f"wrote {out} despite 8 error(s) in the data (--force)\n"


def test_force_cannot_pass_a_missing_reason(tmp_path, minimal, capsys):
    del minimal["general_budget"]["items"][1]["reason"]
    out = tmp_path / "report.docx"
    assert run("render", write(tmp_path, minimal), "-o", str(out), "--force") == 1
    assert not out.exists()
    assert "--force cannot pass these" in capsys.readouterr().err


def test_check_clean_data_exits_0(tmp_path, minimal, capsys):
    assert run("check", write(tmp_path, minimal)) == 0
    assert capsys.readouterr().out == "0 error(s), 0 warning(s)\n"


def test_check_reference_exits_1_grouped_by_section(capsys):
    assert run("check", str(REFERENCE_FIXTURE)) == 1
    out = capsys.readouterr().out
    headings = [line for line in out.splitlines() if line.startswith("【")]
    assert headings[:3] == ["【收入支出决算总体情况】", "【财政拨款收入支出决算总体情况】", "【一般公共预算财政拨款支出决算情况】"]
    assert ("error: $.operating_costs.stated_change_rate: 机关运行经费变动率列示为23.79%，按金额计算为23.80%"
            "（变动6.28万元 ÷ 上年26.39万元） [stated-rate]") in out
    assert out.splitlines()[-1].startswith("8 error(s), ")


def test_check_json(capsys):
    assert run("check", str(REFERENCE_FIXTURE), "--json") == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 8
    (rate,) = [f for f in report["findings"] if f["rule"] == "stated-rate"]
    assert rate == {"rule": "stated-rate", "level": "error", "section": "other_matters",
                    "section_title": "其他重要事项（机关运行经费、政府采购、国有资产、预算绩效管理）",
                    "path": "$.operating_costs.stated_change_rate", "message": rate["message"],
                    "expected": "23.80", "actual": "23.79"}


def test_rules_lists_the_catalogue_with_the_region_levels(tmp_path, capsys):
    assert run("rules") == 0
    out = capsys.readouterr().out
    assert out.startswith("tolerance: 0.01万元")
    assert any(line.startswith("class-sum") and "error" in line for line in out.splitlines())
    pack = tmp_path / "strict"
    pack.mkdir()
    (pack / "region.toml").write_text('extends = "sichuan-2020"\n[rules.text-typo]\nlevel = "error"\n'
                                      '[rules.count-amount]\nenabled = false\n', encoding="utf-8")
    assert run("rules", "--region", str(pack), "--json") == 0
    rules = {r["id"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    assert rules["text-typo"]["level"] == "error" and rules["count-amount"]["enabled"] is False
    assert rules["reason-missing"]["blocking"] is True


def test_check_missing_reason_exits_1_and_names_the_path(tmp_path, minimal, capsys):
    del minimal["general_budget"]["items"][1]["reason"]
    data = tmp_path / "data.json"
    data.write_text(json.dumps(minimal, ensure_ascii=False), encoding="utf-8")
    assert run("check", str(data)) == 1
    out = capsys.readouterr().out
    assert "error: $.general_budget.items[1].reason: 缺少原因说明" in out


def test_render_with_findings_exits_1_and_writes_nothing(tmp_path, minimal, capsys):
    del minimal["income"]["total"]["change_reason"]
    data = tmp_path / "data.json"
    data.write_text(json.dumps(minimal, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "report.docx"
    assert run("render", str(data), "-o", str(out)) == 1
    assert not out.exists()
    assert "nothing written" in capsys.readouterr().err


@pytest.mark.parametrize("content, message", [
    ('{"department": ', "not valid JSON"),
    ('{"department": {"name": 1}}', "$.department.name: expected text, got 1"),
])
def test_bad_input_exits_2_without_traceback(tmp_path, content, message, capsys):
    data = tmp_path / "data.json"
    data.write_text(content, encoding="utf-8")
    assert run("render", str(data), "-o", str(tmp_path / "out.docx")) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "out.docx").exists()


def test_missing_file_and_unknown_region_exit_2(tmp_path, capsys):
    assert run("check", str(tmp_path / "absent.json")) == 2
    assert run("check", str(REFERENCE_FIXTURE), "--region", "atlantis") == 2
    err = capsys.readouterr().err
    assert "absent.json" in err and "unknown region 'atlantis'" in err and "sichuan-2020" in err


def test_output_folder_missing_exits_2(tmp_path, capsys):
    assert run("render", str(REFERENCE_FIXTURE), "-o", str(tmp_path / "no" / "such" / "r.docx"), "--force") == 2
    assert "does not exist" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        run("render", str(REFERENCE_FIXTURE))  # no -o
    assert info.value.code == 2


@pytest.mark.parametrize("command", [["--help"], ["render", "--help"], ["check", "--help"], ["rules", "--help"]])
def test_help(command, capsys):
    with pytest.raises(SystemExit) as info:
        run(*command)
    assert info.value.code == 0
    assert "usage: docgen" in capsys.readouterr().out


def test_installed_command_works_from_any_directory(tmp_path):
    """Run the installed package from outside the repository: templates and data are in the wheel."""
    probe = subprocess.run([sys.executable, "-c", "import docgen, sys; print(docgen.__file__)"],
                           cwd=tmp_path, capture_output=True, text=True)
    if probe.returncode != 0 or Path(probe.stdout.strip()).is_relative_to(ROOT / "docgen"):
        pytest.skip("docgen is not installed as a package (only importable from the source tree)")
    out = tmp_path / "report.docx"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-m", "docgen", "render", str(REFERENCE_FIXTURE), "-o", str(out),
                             "--force"],
                            cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert out.is_file()


def test_a_bug_is_not_reported_as_findings(tmp_path, minimal, monkeypatch, capsys):
    """Exit 1 means errors in the data: a crash exits 70 with a readable line, no traceback."""
    import docgen.cli

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(docgen.cli, "prepare", broken)
    monkeypatch.delenv("DOCGEN_DEBUG", raising=False)
    assert run("check", write(tmp_path, minimal)) == 70
    err = capsys.readouterr().err
    assert err.startswith("docgen: internal error (ZeroDivisionError: division by zero); nothing written.")
    assert "Traceback" not in err
