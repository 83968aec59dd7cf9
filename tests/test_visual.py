"""The report as a reader sees it: LibreOffice converts it to PDF, and the PDF holds the text.

Skips when LibreOffice (soffice) or pdftotext is absent; `.ci/run` installs both.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

import docgen
from conftest import REFERENCE_FIXTURE

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                reason="LibreOffice or poppler-utils not installed")


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("pdf")
    report = folder / "report.docx"
    docgen.render(REFERENCE_FIXTURE, report, force=True)  # the reference as published has errors
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "pdf", "--outdir", str(folder), str(report)],
                   check=True, capture_output=True, timeout=300)
    pdf = folder / "report.pdf"
    assert pdf.is_file()
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_pdf_holds_parts_headings_and_figures(pdf_text):
    squeezed = "".join(pdf_text.split())
    for text in ("第一部分部门概况", "第二部分2020年度部门决算情况说明", "第三部分名词解释",
                 "十、其他重要事项的情况说明", "（图7：“三公”经费财政拨款支出结构）",
                 "收入总计增加173.86万元，增长70.33%"):
        assert text in squeezed


def test_pages_are_numbered_with_dashes(pdf_text):
    numbers = re.findall(r"—\s*(\d+)\s*—", pdf_text)
    assert numbers[:3] == ["2", "3", "4"]  # the title page carries no number
