"""Shared fixtures: the reference fixture's path, and a small valid report to vary in tests."""

from __future__ import annotations

import copy
import os
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent


def script(relative: str):
    """A tool's or bench's script imported from its file (``tools`` and ``bench`` are not packages),
    once: it is kept in ``sys.modules`` under its file's stem, as its own classes expect."""
    import importlib.util
    import sys

    name = Path(relative).stem
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / relative)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
REFERENCE_FIXTURE = ROOT / "fixtures" / "lizhou-xunchaban-2020.json"
REFERENCE_TEXT = ROOT / "tests" / "reference" / "lizhou-xunchaban-2020.txt"
"""Text extracted from the published Word file of the reference report (see domain notes)."""

MINIMAL = {
    "department": {"name": "某某县测试局", "short_name": "测试局", "region": "四川省某某县", "year": 2021},
    "overview": {"functions": ["负责测试工作。"], "key_work": ["完成测试。全年完成测试10次。"]},
    "assets": {"equipment_over_1m": 0},  # the current wording (sichuan, 上海) prints it
    "income": {"sources": {"general_budget_grant": "100.00"}, "total": {"prior_year": "80.00", "change_reason": "人员增加"}},
    "spending": {"kinds": {"basic": "60.00", "project": "40.00"},
                 "total": {"prior_year": "80.00", "change_reason": "人员增加"}},
    "fiscal_grants": {"income_total": {"prior_year": "80.00", "change_reason": "人员增加"},
                      "spending_total": {"prior_year": "80.00", "change_reason": "人员增加"}},
    "general_budget": {
        "items": [
            {"code": "2011101", "actual": "60.00", "budget": "60.00", "basic": "60.00"},
            {"code": "2011102", "actual": "40.00", "budget": "50.00", "reason": "项目延期", "project": "40.00"},
        ],
        "total": {"prior_year": "80.00", "change_reason": "人员增加"},
    },
    "basic_spending": {"lines": [{"code": "30101", "amount": "50.00"}, {"code": "30201", "amount": "10.00"}]},
    "operating_costs": {"actual": "10.00", "prior_year": "10.00"},
    "detail": {"project_lines": [{"code": "30227", "amount": "40.00"}]},
}


@pytest.fixture
def minimal() -> dict:
    """A small consistent report as a dict: copy-on-use, tests may change it freely."""
    return copy.deepcopy(MINIMAL)


@pytest.fixture
def reference_data() -> dict:
    return json.loads(REFERENCE_FIXTURE.read_text(encoding="utf-8"))


def without_statistical_tables(tables):
    """A document's tables other than the statistical tables (公开表), which carry a title
    (``w:tblCaption``) such as ``公开01表 收入支出决算总表``."""
    return [t for t in tables if t._tbl.tblPr.find(qn("w:tblCaption")) is None]


def pytest_report_header(config):
    return f"soffice: {shutil.which('soffice') or 'absent (visual tests skip)'}"


def cell_grid(tbl) -> list[list[tuple[str, int, str | None]]]:
    """A ``w:tbl`` element's rows as (text, gridSpan, vMerge) per cell; vMerge is 'restart',
    'continue' or None."""
    rows = []
    for tr in tbl.tr_lst:
        row = []
        for tc in tr.tc_lst:
            pr = tc.tcPr
            span = pr.find(qn("w:gridSpan")) if pr is not None else None
            merge = pr.find(qn("w:vMerge")) if pr is not None else None
            state = None if merge is None else (merge.get(qn("w:val")) or "continue")
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            row.append((text, int(span.get(qn("w:val"))) if span is not None else 1, state))
        rows.append(row)
    return rows


def copy_pack(tmp_path: Path, region: str = "sichuan-2020") -> Path:
    """A writable copy of a packaged region pack (it still extends the packaged base)."""
    import docgen

    resolved = docgen.load_region(region)
    pack = tmp_path / "pack"
    shutil.copytree(resolved.chain[0], pack)
    # The layout files too (wherever in the chain they are), so the copy's own override them.
    shutil.copy(resolved.template, pack / "report.docx")
    for folder in reversed(resolved.chain):
        if (folder / "sections").is_dir():
            shutil.copytree(folder / "sections", pack / "sections", dirs_exist_ok=True)
    toml = (pack / "region.toml").read_text(encoding="utf-8")
    if "template =" not in toml:
        (pack / "region.toml").write_text(toml.replace("\n[", '\ntemplate = "report.docx"\n\n[', 1), encoding="utf-8")
    return pack


def edit_template(pack: Path, old: str, new: str) -> None:
    """Replace text in the body of the pack's layout file that holds it (report.docx or a section's
    fragment), as a template author would in Word."""
    for path in [pack / "report.docx", *sorted((pack / "sections").glob("*.docx"))]:
        if not path.is_file():
            continue
        with zipfile.ZipFile(path) as archive:
            entries = {name: archive.read(name) for name in archive.namelist()}
        xml = entries["word/document.xml"].decode("utf-8")
        if old not in xml:
            continue
        entries["word/document.xml"] = xml.replace(old, new).encode("utf-8")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, blob in entries.items():
                archive.writestr(name, blob)
        return
    raise AssertionError(f"{old!r} is in none of the pack's layout files")


# Property tests: a CI run (CI=true) is derandomized and keeps no example database, so it cannot
# fail on one run and pass on the next; locally the database replays past failures.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    _hypothesis_settings.load_profile("ci")


def run_cli(args: list[str], capsys, what: str = "") -> tuple[int, str, str]:
    """``docgen`` run on ``args`` in this process: its exit code, what it printed on stderr and on
    stdout; the test fails if anything escapes it as an exception (a traceback for a user)."""
    from docgen.cli import main

    try:
        exit_code = main(args)
    except BaseException as exc:  # noqa: BLE001 - the point: nothing may escape as a traceback
        pytest.fail(f"{what}{': ' if what else ''}{type(exc).__name__} escaped: {exc}")
    captured = capsys.readouterr()
    return exit_code, captured.err, captured.out


def rezip(path: Path, change) -> None:
    """Rewrite the zip at ``path`` (a .docx or .xlsx) after ``change`` edits its parts, a dict of
    name to bytes."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
