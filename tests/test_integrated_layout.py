"""The 预算管理一体化 project table as LibreOffice lays it out: its title stays with it, and a table
that runs onto the next page repeats its indicator header there, and only that.

Skips when LibreOffice (soffice) or pdftotext is absent.
"""

from __future__ import annotations

import copy
import shutil
import subprocess

import pytest

import docgen
from test_integrated_table import INDICATORS, PROJECT

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                reason="LibreOffice or poppler-utils not installed")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[str]:
    """The text of each page of a report whose one project has 40 indicators (squeezed)."""
    from conftest import MINIMAL

    folder = tmp_path_factory.mktemp("integrated")
    data = copy.deepcopy(MINIMAL)
    many = [{**INDICATORS[0], "level3": f"第{i}项指标", "weight": "2.25", "score": "2"} for i in range(40)]
    data["performance"] = {"goals_set": 1, "monitored": 1, "self_evaluated": 1,
                           "projects": [{**PROJECT, "indicators": many}]}
    report = folder / "report.docx"
    docgen.render(data, report, region="sichuan")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "pdf", "--outdir", str(folder), str(report)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", str(folder / "report.pdf"), "-"], check=True, capture_output=True,
                          text=True).stdout
    return ["".join(page.split()) for page in text.split("\f")]


def test_the_title_is_on_the_page_of_the_tables_first_rows(pages):
    (first,) = [p for p in pages if "部门预算项目支出绩效自评表" in p]
    assert "预算执行情况（10分）" in first and "项目名称" in first and "第0项指标" in first


def test_the_following_page_repeats_only_the_indicator_header(pages):
    start = next(i for i, p in enumerate(pages) if "部门预算项目支出绩效自评表" in p)
    end = next(i for i, p in enumerate(pages) if "第39项指标" in p)
    assert end > start  # the table runs onto a following page
    following = pages[end]
    assert "绩效指标（90分）" in following and "未完成原因分析" in following
    assert "预算执行情况" not in following and "部门预算项目支出绩效自评表" not in following
