"""docgen batch / docgen.render_many: many departments, a failing one among them, resumed runs,
the summary workbook and JSON, PDF output."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import openpyxl
import pytest

import docgen
import docgen.batch
from docgen.cli import main

from conftest import REFERENCE_FIXTURE, ROOT

COMPLETE_FIXTURE = ROOT / "fixtures" / "complete-department-2024.json"


def _reference_counts() -> tuple[int, int]:
    """Errors and warnings of the reference as published (docs/rules.md lists them)."""
    findings = docgen.check(REFERENCE_FIXTURE)
    errors = sum(1 for f in findings if f.level == "error")
    return errors, len(findings) - errors


@pytest.fixture
def inputs(tmp_path, minimal) -> Path:
    """A folder with three departments: a clean one, the reference (errors in its data) and an
    unusable one; plus a file of another kind the batch ignores."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "clean.json").write_text(json.dumps(minimal, ensure_ascii=False), encoding="utf-8")
    shutil.copy(REFERENCE_FIXTURE, folder / "sub" / "reference.json")
    (folder / "broken.json").write_text('{"department": 5}', encoding="utf-8")
    (folder / "notes.txt").write_text("not an input", encoding="utf-8")
    return folder


def _by_input(result) -> dict[str, docgen.batch.Outcome]:
    return {Path(o.input).stem: o for o in result.outcomes}


def test_a_batch_goes_on_past_failing_departments_and_summarises(tmp_path, inputs):
    out = tmp_path / "out"
    result = docgen.render_many([inputs], out)
    outcomes = _by_input(result)
    assert set(outcomes) == {"clean", "reference", "broken"}
    assert outcomes["clean"].status == "rendered" and (out / "clean.docx").is_file()
    assert outcomes["clean"].department == "某某县测试局"
    errors, warnings = _reference_counts()
    assert errors and outcomes["reference"].status == "failed" and outcomes["reference"].errors == errors
    assert outcomes["reference"].exit_code == 1 and not (out / "reference.docx").exists()
    assert outcomes["broken"].status == "failed" and "$.department" in outcomes["broken"].message
    assert result.exit_code == 2

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["departments"], summary["rendered"], summary["failed"]) == (3, 1, 2)
    reference = next(r for r in summary["results"] if r["input"].endswith("reference.json"))
    assert reference["errors"] == errors and len(reference["findings"]) == reference["errors"] + reference["warnings"]

    book = openpyxl.load_workbook(out / "summary.xlsx")
    departments = list(book["部门"].values)
    assert departments[0][:7] == ("部门", "状态", "错误", "警告", "页数", "输出", "PDF")
    rows = {row[0]: row for row in departments[1:]}
    assert rows["中共广元市利州区委巡察办"][1:4] == ("失败", errors, warnings)
    assert rows["某某县测试局"][1] == "已生成" and rows["某某县测试局"][5].endswith("clean.docx")
    findings = list(book["问题"].values)
    assert findings[0] == ("部门", "规则", "级别", "位置（JSON 路径）", "说明")
    assert len(findings) - 1 == sum(len(r["findings"]) for r in summary["results"])
    assert {row[2] for row in findings[1:]} == {"error", "warning"}


def test_a_second_run_keeps_up_to_date_outputs_and_renders_changed_inputs(tmp_path, inputs):
    out = tmp_path / "out"
    docgen.render_many([inputs / "clean.json", inputs / "sub"], out, force=True)
    written = {p: p.stat().st_mtime_ns for p in out.glob("*.docx")}
    assert len(written) == 2
    again = _by_input(docgen.render_many([inputs / "clean.json", inputs / "sub"], out, force=True))
    assert {o.status for o in again.values()} == {"up to date"}
    assert again["reference"].errors == _reference_counts()[0]  # still checked: the summary is complete
    assert {p: p.stat().st_mtime_ns for p in out.glob("*.docx")} == written
    later = time.time() + 5
    os.utime(inputs / "clean.json", (later, later))
    third = _by_input(docgen.render_many([inputs / "clean.json", inputs / "sub"], out, force=True))
    assert (third["clean"].status, third["reference"].status) == ("rendered", "up to date")
    rebuilt = _by_input(docgen.render_many([inputs / "sub"], out, force=True, resume=False))
    assert rebuilt["reference"].status == "rendered"


def test_check_only_writes_no_report(tmp_path, inputs):
    out = tmp_path / "out"
    result = docgen.render_many([str(inputs / "*.json")], out, check_only=True)
    assert {Path(o.input).stem: o.status for o in result.outcomes} == {"clean": "checked", "broken": "failed"}
    assert not list(out.glob("*.docx")) and (out / "summary.xlsx").is_file()


def test_a_pool_of_workers_gives_the_same_reports(tmp_path, inputs, minimal):
    for n in range(3):
        minimal["department"]["name"] = f"某某县测试{n}局"
        (inputs / f"dept{n}.json").write_text(json.dumps(minimal, ensure_ascii=False), encoding="utf-8")
    parallel = docgen.render_many([inputs], tmp_path / "parallel", force=True, jobs=2)
    serial = docgen.render_many([inputs], tmp_path / "serial", force=True, jobs=1)
    assert [o.status for o in parallel.outcomes] == [o.status for o in serial.outcomes]
    for outcome in serial.outcomes:
        if outcome.output:
            name = Path(outcome.output).name
            assert (tmp_path / "parallel" / name).read_bytes() == Path(outcome.output).read_bytes()


def test_cli_batch_exit_codes_and_refusals(tmp_path, inputs, capsys):
    out = tmp_path / "out"
    assert main(["batch", str(inputs / "clean.json"), "-o", str(out)]) == 0
    assert "1 rendered" in capsys.readouterr().out
    assert main(["batch", str(inputs / "sub"), "-o", str(out)]) == 1
    assert f"{_reference_counts()[0]} error(s) in the data" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "nothing-here"), "-o", str(out)]) == 2
    assert "nothing-here: no such file" in capsys.readouterr().err
    (inputs / "other").mkdir()
    shutil.copy(inputs / "clean.json", inputs / "other" / "clean.json")
    assert main(["batch", str(inputs), "-o", str(out)]) == 2
    assert "would both write" in capsys.readouterr().err


def test_pdf_without_libreoffice_is_a_clear_error_before_any_work(tmp_path, inputs, monkeypatch, capsys):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "no-soffice"))
    out = tmp_path / "out"
    assert main(["batch", str(inputs / "clean.json"), "-o", str(out), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert "PDF output needs LibreOffice" in err and "apt-get install libreoffice-writer-nogui" in err
    assert not list(out.glob("*.docx"))


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice absent")
def test_pdf_of_a_batch_and_of_one_report(tmp_path, inputs):
    result = docgen.render_many([inputs / "clean.json"], tmp_path / "out", pdf=True)
    (outcome,) = result.outcomes
    assert outcome.pdf and Path(outcome.pdf).read_bytes().startswith(b"%PDF") and outcome.pages > 5
    assert main(["render", str(inputs / "clean.json"), "-o", str(tmp_path / "one.docx"), "--pdf"]) == 0
    assert (tmp_path / "one.pdf").read_bytes().startswith(b"%PDF")


def test_the_progress_bar_counts_departments(tmp_path, inputs, capsys):
    docgen.render_many([inputs / "clean.json", inputs / "broken.json"], tmp_path / "out", progress=True)
    err = capsys.readouterr().err
    assert "2/2" in err and "report" in err


def test_an_output_folder_inside_the_input_folder_is_not_read_as_input(tmp_path, inputs):
    (inputs / "broken.json").unlink()
    out = inputs / "out"
    for _ in range(2):
        result = docgen.render_many([inputs], out)
        assert sorted(Path(o.input).stem for o in result.outcomes) == ["clean", "reference"]


_PROCESS = docgen.batch.process


def _dying(job):
    """A worker that is killed (out of memory, say) while it renders dept1."""
    if job.input.stem == "dept1":
        os._exit(3)
    return _PROCESS(job)


def test_a_worker_that_dies_fails_its_department_not_the_batch(tmp_path, inputs, monkeypatch, minimal):
    (inputs / "broken.json").unlink()
    (inputs / "sub" / "reference.json").unlink()
    for n in range(4):
        (inputs / f"dept{n}.json").write_text(json.dumps(minimal, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(docgen.batch, "process", _dying)
    result = docgen.render_many([inputs], tmp_path / "out", jobs=2)
    outcomes = _by_input(result)
    assert outcomes["dept1"].status == "failed" and "worker process died" in outcomes["dept1"].message
    assert outcomes["clean"].status == "rendered" and outcomes["dept0"].status == "rendered"
    assert len(outcomes) == 5 and result.exit_code == 2
    assert (tmp_path / "out" / "summary.json").is_file()


def test_render_pdf_without_libreoffice_writes_nothing(tmp_path, inputs, monkeypatch, capsys):
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "no-soffice"))
    assert main(["render", str(inputs / "clean.json"), "-o", str(tmp_path / "r.docx"), "--pdf"]) == 2
    assert "PDF output needs LibreOffice" in capsys.readouterr().err
    assert not (tmp_path / "r.docx").exists()
