"""The rows of the fill-in workbook: every value of a data dict, walked with the model's types.

Each row knows its JSON path, its kind (how to write and read it back), a Chinese label, what the
field is for, the figures a text explains, and whether the department writes it. Missing texts
the report needs get an empty row; lists get spare rows and spare entries.
"""

from __future__ import annotations

import re
import typing
from decimal import Decimal
from typing import Any

import attrs

from ..model import Report
from .schema import field_docs

SPARE_ROWS = 3
"""Empty rows after a list of paragraphs, for entries the department adds."""
SPARE_ENTRIES = {"projects": 1, "indicators": 2}
"""Empty entries offered after a list of objects: one more project, two more indicators each."""

SECTIONS = {
    "department": "单位", "overview": "部门概况", "income": "收入支出", "spending": "收入支出",
    "fiscal_grants": "收入支出", "general_budget": "一般公共预算支出", "basic_spending": "基本支出",
    "three_public_costs": "三公经费", "government_fund": "政府性基金及国有资本", "state_capital": "政府性基金及国有资本",
    "operating_costs": "其他重要事项", "procurement": "其他重要事项", "assets": "其他重要事项",
    "performance": "预算绩效", "codes": "科目与名词解释", "glossary": "科目与名词解释", "detail": "公开表明细",
    "own_sections": "其他章节", "last_year": "上年数据",
}
HEADERS = ("路径", "项目", "填写内容", "相关数字（只读）", "说明", "类型")
LEVEL1 = ["产出指标", "效益指标", "满意度指标", "成本指标"]
NAMES = {
    "actual": "决算数", "budget": "预算数", "prior_year": "上年数", "amount": "金额", "income": "本年收入",
    "carry_over_start": "年初结转和结余", "carry_over_end": "年末结转和结余", "basic": "基本支出", "project": "项目支出",
    "grant": "财政拨款", "other": "其他", "code": "编码", "name": "名称", "department": "单位", "overview": "部门概况",
    "institutions": "机构设置", "staff": "人员", "sources": "本年收入", "spending": "支出", "kinds": "本年支出",
    "fiscal_grants": "财政拨款", "general_budget": "一般公共预算财政拨款支出", "items": "项", "reason": "原因",
    "basic_spending": "基本支出", "lines": "款", "three_public_costs": "“三公”经费", "travel_abroad": "因公出国（境）费",
    "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费",
    "change_reason": "变动原因", "operating_costs": "机关运行经费", "procurement": "政府采购", "assets": "国有资产",
    "vehicles": "公务用车", "performance": "预算绩效", "projects": "项目", "indicators": "绩效指标",
    "evaluation": "绩效评价报告", "codes": "科目编码", "term": "名词", "explanation": "解释", "glossary": "名词解释",
    "detail": "公开表明细", "last_year": "上年数据", "figures": "上年数", "year": "年度", "title": "标题", "total": "总计",
    "government_fund": "政府性基金", "state_capital": "国有资本经营", "income_total": "财政拨款收入总计",
    "spending_total": "财政拨款支出总计", "own_sections": "本地区增设章节", "short_name": "简称", "region": "地区", "variance_reason": "决算与预算差异原因",
}
_LEADING = re.compile(r"^[\u4e00-\u9fff“”（）、]+")
_BRACKETED = re.compile(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)")
NOTES = {
    "change_reason": "与上年相比增加或减少的主要原因，如“人员增加”“项目完工”；金额未变可不填。",
    "reason": "决算数大于或小于预算数的主要原因；决算数等于预算数可不填。",
    "variance_reason": "“三公”经费决算数大于或小于预算数的主要原因。",
    "functions": "部门主要职能，一条一行，按“三定”方案填写；不需编号。",
    "key_work": "本年重点工作完成情况，一项一行；报告自动加“一是、二是……”。",
    "secondary_units": "纳入本部门决算编制范围的二级预算单位全称，一个一行。",
    "organisation": "机构组成：内设机构、下属单位的情况，一段话。",
    "purpose": "接待的具体内容，如“上级部门检查指导、兄弟单位交流学习”。",
    "short_name": "正文中使用的单位简称，如“县农业农村局”。",
    "region": "单位所在地区，如“四川省某某县”。",
    "expected_goal": "年初设定的年度绩效目标（预期目标）。",
    "actual_goal": "年度绩效目标的实际完成情况。",
    "summary": "项目资金主要用途（综述），如“主要用于……”。",
    "problems": "发现的主要问题。",
    "improvements": "下一步改进措施。",
    "suggestions": "改进建议（整体评价报告中一条一行）。",
    "level1": "一级指标：产出指标、效益指标、满意度指标或成本指标。",
    "level2": "二级指标，如数量指标、质量指标、时效指标、社会效益指标。",
    "level3": "三级指标：具体的绩效指标名称。",
    "expected": "预期指标值（包含数字及文字描述）。",
    "actual": "实际完成指标值（包含数字及文字描述）。",
    "ex_ante_assessed": "开展了事前绩效评估的项目名称，一个一行。",
    "goals_set": "编制了绩效目标的项目个数。",
    "monitored": "开展了绩效监控的项目个数。",
    "self_evaluated": "开展了绩效自评的项目个数。",
    "overall_self_evaluation": "部门整体支出绩效自评情况，一段话。",
}
"""What a text or count is for, in the words of a finance office (the 说明 column); other
fields show their model documentation."""
NOT_OFFERED = {"name", "title", "deviation", "explanation"}
"""Optional texts that get no empty row: they override a name or title, or belong to the
self-evaluation layout (偏差原因分析)."""
REVIEW_NOTE = "上年沿用，请核对"
TEXT, EMPTY, AMOUNT, NUMBER, INTEGER, COUNT, NONE = "text", "empty", "amount", "number", "integer", "count", "none"
"""Kinds: text; a text given as ""; an amount kept as a JSON string / a JSON number / a JSON
integer; a whole number; JSON null."""


@attrs.frozen
class Row:
    path: tuple[Any, ...]
    kind: str
    value: Any
    what: str
    note: str
    figures: str = ""
    editable: bool = False
    review: bool = False
    spare: bool = False
    """An extra row for one more paragraph."""


def _hint_parts(hint: Any) -> tuple[Any, bool]:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    optional = type(None) in typing.get_args(hint)
    return (args[0] if optional and len(args) == 1 else hint), optional


def _siblings(cls: type, data: dict) -> str:
    """The figures of an object, to show beside its texts (``决算数 386.52 · 预算数 390.00``)."""
    hints = typing.get_type_hints(cls)
    parts = [f"{NAMES.get(f.name, f.name)} {data[f.name]}" for f in attrs.fields(cls)
             if f.name in data and _hint_parts(hints[f.name])[0] in (Decimal, str) and f.name != "reason"
             and (_hint_parts(hints[f.name])[0] is Decimal or f.name == "code")]
    return " · ".join(parts)


def field_label(name: str, doc: str) -> str:
    """A field's Chinese name: docgen's own, the Chinese its docstring starts with or names in
    brackets, else the field's name."""
    if name in NAMES:
        return NAMES[name]
    if leading := _LEADING.match(doc):
        return leading[0]
    bracketed = _BRACKETED.search(doc)
    return bracketed[1] if bracketed else name


def _entry_label(entry: Any, index: int) -> str:
    if isinstance(entry, dict) and entry.get("code"):
        return str(entry["code"])
    if isinstance(entry, dict) and entry.get("name"):
        return str(entry["name"])
    return f"第{index + 1}条"


def _rows(cls: type, data: dict, path: tuple, review: set[str], where: str = "", new: bool = False) -> list[Row]:
    """The rows of one object; ``new``: an empty entry offered for one more (project, indicator)."""
    hints = typing.get_type_hints(cls)
    docs = field_docs(cls)
    beside = _siblings(cls, data)
    rows: list[Row] = []
    for field in attrs.fields(cls):
        hint, _ = _hint_parts(hints[field.name])
        here = path + (field.name,)
        value = data.get(field.name)
        note = NOTES.get(field.name) if hint in (str, int) or typing.get_origin(hint) is tuple else None
        note = note or docs.get(field.name, "")
        flagged = ".".join(str(p) for p in here[:2]) in review or ".".join(str(p) for p in here[:1]) in review
        what = f"{where} › {field_label(field.name, note)}" if where else field_label(field.name, note)
        if attrs.has(hint):
            if isinstance(value, dict) or (value is None and field.default is attrs.NOTHING):
                rows += _rows(hint, value or {}, here, review, what, new)
        elif typing.get_origin(hint) is tuple:
            item = typing.get_args(hint)[0]
            entries = value or []
            if attrs.has(item):
                for i, entry in enumerate(entries):
                    rows += _rows(item, entry, here + (i,), review, f"{what} {_entry_label(entry, i)}", new)
                for i in range(len(entries), len(entries) + SPARE_ENTRIES.get(field.name, 0)):
                    rows += _rows(item, {}, here + (i,), review, f"{what} 新增第{i + 1}条", True)
            else:
                rows += _paragraphs(here, entries, what, note, beside, flagged)
        elif typing.get_origin(hint) is dict:
            paragraphs = typing.get_origin(typing.get_args(hint)[1]) is tuple
            for key, entry in (value or {}).items():
                if paragraphs:  # own_sections: section id → its paragraphs
                    rows += _paragraphs(here + (key,), entry, f"{what} › {key}", note, beside, flagged)
                else:
                    rows.append(_leaf(here + (key,), Decimal, entry, f"{what} › {key}", note, "", flagged))
        elif new and hint is Decimal and field.default is attrs.NOTHING:
            rows.append(Row(here, NUMBER, None, what, note, "", True, spare=True))
        elif field.name in data or (hint is str and (field.name not in NOT_OFFERED or field.default is attrs.NOTHING)):
            # An absent text gets a row to fill, unless it only overrides a name or title.
            row = _leaf(here, hint, value, what, note, beside, flagged, field.name in data)
            rows.append(attrs.evolve(row, spare=True) if new else row)
    return rows


def _paragraphs(path: tuple, entries: list, what: str, note: str, beside: str, review: bool) -> list[Row]:
    """A list of paragraphs, one row each, and spare rows for more."""
    rows = [Row(path + (i,), TEXT, text, f"{what} 第{i + 1}段", note, beside, True, review)
            for i, text in enumerate(entries)]
    return rows + [Row(path + (len(entries) + i,), TEXT, None, f"{what} 第{len(entries) + i + 1}段", note, beside,
                       True, review, spare=bool(entries) or i > 0) for i in range(SPARE_ROWS)]


def _leaf(path: tuple, hint: Any, value: Any, what: str, note: str, beside: str, review: bool,
          present: bool = True) -> Row:
    if present and value is None:  # given as null: a text may still be written in
        return Row(path, NONE, None, what, note, beside, hint is str, review)
    if hint is Decimal:
        kind = NUMBER if isinstance(value, Decimal) else INTEGER if isinstance(value, int) else AMOUNT
        # A project's money is the department's to type (no export holds it); other figures are locked.
        return Row(path, kind, str(value), what, note, "", path[0] == "performance")
    if hint is int:
        locked = path[-1] == "year"
        return Row(path, COUNT, value, what, note, beside, not locked, review)
    code = path[-1] == "code"
    return Row(path, EMPTY if value == "" else TEXT, value, what, note, beside if not code else "", not code, review)


def rows_of(data: dict[str, Any]) -> list[Row]:
    """Every row of the workbook for ``data`` (a data dict, complete or not), in model order."""
    return _rows(Report, data, (), set(data.get("$review", [])))


def empty_texts(data: dict[str, Any]) -> list[Row]:
    """The texts the workbook offers to write that ``data`` does not have yet (spare rows aside)."""
    return [row for row in rows_of(data) if row.kind == TEXT and row.editable and row.value is None and not row.spare]
