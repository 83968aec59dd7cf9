"""The 单位决算 variant of the current Sichuan pack (``sichuan-unit``): the complete fixture rendered
as a unit's report prints the unit's headings, and no 部门 of docgen's wording remains where the unit
is meant — in the sentences, the headings, the attachment, the table notes and the table cells."""

from __future__ import annotations

import io
import json

import docx
import pytest

import docgen
from conftest import ROOT
from docgen.pack.wording import KEPT

COMPLETE = ROOT / "fixtures" / "complete-department-2024.json"
DATA = json.loads(COMPLETE.read_text(encoding="utf-8"))
YEAR = DATA["department"]["year"]


def texts_of(data) -> list[str]:
    """Every text the department wrote (it is printed as written, 部门 or not)."""
    if isinstance(data, dict):
        return [t for value in data.values() for t in texts_of(value)]
    if isinstance(data, list):
        return [t for value in data for t in texts_of(value)]
    return [data] if isinstance(data, str) else []


@pytest.fixture(scope="module")
def document():
    return docx.Document(io.BytesIO(docgen.render(COMPLETE, region="sichuan-unit")))


@pytest.fixture(scope="module")
def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def test_the_units_headings(paragraphs):
    assert paragraphs[1] == f"{YEAR}年度单位决算"
    start = paragraphs.index("第一部分 单位概况")
    assert paragraphs[start + 1] == "一、主要职责"
    assert "二、机构设置" in paragraphs[start:]
    assert f"第二部分 {YEAR}年度单位决算情况说明" in paragraphs
    attachment = paragraphs.index("附件1")
    assert paragraphs[attachment + 2] == f"{YEAR}年单位整体支出绩效评价报告"
    assert {"一、单位概况", "二、单位财政资金收支情况", "三、单位整体预算绩效管理情况"} <= set(paragraphs[attachment:])
    assert "（一）单位财政资金收入情况" in paragraphs[attachment:]   # sichuan: h2 headings end bare
    assert any(p.startswith("注：本表反映单位本年度") for p in paragraphs)


def test_no_department_wording_where_the_unit_is_meant(document, paragraphs):
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    own = sorted({t.strip().rstrip("。；;，, ") for t in texts_of(DATA) if "部门" in t}, key=len, reverse=True)
    left = []
    for text in paragraphs + cells:
        for written in own:
            text = text.replace(written, "")
        for term in KEPT:
            text = text.replace(term, "")
        if "部门" in text:
            left.append(text)
    assert left == []


def test_the_terms_that_name_another_body_are_kept(paragraphs):
    joined = "\n".join(paragraphs)
    assert "指事业单位从主管部门和上级单位取得的非财政补助收入" in joined
    assert "按部门预算支出经济分类科目列示" in joined
    assert "部门预算项目支出绩效自评表" in paragraphs


def test_the_department_report_is_unchanged_by_the_variant():
    document = docx.Document(io.BytesIO(docgen.render(COMPLETE, region="sichuan")))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    assert "第一部分 部门概况" in paragraphs and "一、基本职能及主要工作" in paragraphs
    assert "一、部门（单位）概况" in paragraphs


def test_a_units_project_table_names_its_supervising_department():
    data = json.loads(COMPLETE.read_text(encoding="utf-8"))
    data["department"] |= {"name": "某某县动物疫病预防控制中心", "short_name": "县动物疫控中心",
                           "supervisor": "某某县农业农村局"}
    document = docx.Document(io.BytesIO(docgen.render(data, region="sichuan-unit")))
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["主管部门", "某某县农业农村局", "实施单位", "某某县动物疫病预防控制中心"] in [
        list(dict.fromkeys(r)) for r in rows]
