"""docs/importing.md shows the commands' real output: the walk-through is run again here and
each output block of the page compared with what the commands print now."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT
from export_writer import write_export

PAGE = ROOT / "docs" / "importing.md"
KEY_WORK = '["overview", "key_work", 0]'
FILLED = {
    '["general_budget", "items", 3, "reason"]': "事业单位人员调入，医疗保险缴费基数增加",
    '["general_budget", "items", 4, "reason"]': "严格控制日常公用经费开支，节约办公经费",
    '["general_budget", "items", 5, "reason"]': "部分农业综合执法设备采购跨年度实施，资金结转下年使用",
    '["general_budget", "items", 7, "reason"]': "部分防疫物资集中采购价格低于预算",
    '["three_public_costs", "variance_reason"]': "厉行节约，严格控制“三公”经费支出",
    '["three_public_costs", "reception", "domestic", "purpose"]': "上级部门检查指导、兄弟县区交流学习、农业项目验收等",
}


def blocks() -> list[tuple[str, str]]:
    """(command, output) of every ``$ docgen …`` block of the page."""
    found = []
    for block in re.findall(r"```\n(\$ docgen .*?)```", PAGE.read_text(encoding="utf-8"), re.S):
        command, _, output = block.partition("\n")
        found.append((command[2:], output))
    return found


def docgen(folder: Path, command: str) -> str:
    result = subprocess.run([sys.executable, "-m", "docgen", *command.split()[1:]], cwd=folder,
                            capture_output=True, text=True, timeout=300)
    return result.stdout + result.stderr


def fill(path: Path, values: dict[str, str]) -> None:
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            if row[0].value in values:
                row[2].value = values[row[0].value]
    book.save(path)


def with_a_note_far_away(export: Path, noted: Path) -> None:
    """The export with a note an officer typed at AZ3000 of the 财决07 statement."""
    book = openpyxl.load_workbook(export)
    next(sheet for sheet in book.worksheets if "财决07表" in sheet.title)["AZ3000"] = "已核对"
    book.save(noted)


def same(shown: str, printed: str) -> bool:
    """Equal, where the page may cut a run of lines with a line ``…``."""
    pattern = "\n".join(".*?" if line == "…" else re.escape(line) for line in shown.rstrip("\n").split("\n"))
    return re.fullmatch(pattern, printed.rstrip("\n"), re.S) is not None


@pytest.mark.skipif(not PAGE.exists(), reason="no page")
def test_the_walk_through_prints_what_the_page_shows(tmp_path):
    data = json.loads((ROOT / "fixtures" / "complete-department-2024.json").read_text(encoding="utf-8"))
    year = data["department"]["year"]  # the page's example: this year's export, last year's file
    write_export(data, tmp_path / f"财决{year}.xlsx")
    data["department"]["year"] = year - 1
    (tmp_path / f"{year - 1}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    checks = iter([{}, {KEY_WORK: "稳定粮食生产。全县粮食播种面积稳定在52.3万亩。"}, FILLED])
    compared = 0
    for command, shown in blocks():
        if command.startswith("docgen check"):
            fill(tmp_path / f"填报{year}.xlsx", next(checks))
        if command.startswith("docgen init"):
            (tmp_path / f"{year}.json").rename(tmp_path / "imported.json")
        if "备注" in command:
            with_a_note_far_away(tmp_path / f"财决{year}.xlsx", tmp_path / f"财决{year}-备注.xlsx")
        printed = docgen(tmp_path, command)
        assert same(shown, printed), f"{command}\n--- page ---\n{shown}\n--- now ---\n{printed}"
        compared += 1
    assert compared >= 9
