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


def test_render_writes_the_report(tmp_path, capsys):
    out = tmp_path / "report.docx"
    assert run("render", str(REFERENCE_FIXTURE), "-o", str(out)) == 0
    assert out.stat().st_size > 10_000
    assert "wrote" in capsys.readouterr().out


def test_check_clean_data_exits_0(capsys):
    assert run("check", str(REFERENCE_FIXTURE)) == 0
    assert "0 error(s)" in capsys.readouterr().out


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
    assert "absent.json" in err and "unknown region 'atlantis'" in err and "sichuan" in err


def test_output_folder_missing_exits_2(tmp_path, capsys):
    assert run("render", str(REFERENCE_FIXTURE), "-o", str(tmp_path / "no" / "such" / "r.docx")) == 2
    assert "does not exist" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        run("render", str(REFERENCE_FIXTURE))  # no -o
    assert info.value.code == 2


@pytest.mark.parametrize("command", [["--help"], ["render", "--help"], ["check", "--help"]])
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
    result = subprocess.run([sys.executable, "-m", "docgen", "render", str(REFERENCE_FIXTURE), "-o", str(out)],
                            cwd=tmp_path, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert out.is_file()
