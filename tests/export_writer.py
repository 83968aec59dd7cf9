"""Writes a 财决 workbook (the 部门决算 software's export) in the layout of domain §12 from a data dict.

No real export is public; this writes what the documented layout describes, as the software
does it: a title row with the table number at the right, the year, ``编制单位：…`` in A3 and
``单位：元``; merged header cells (项目 and 行次 over two rows, 科目编码 over 类/款/项, group
headers such as 本年支出 over 合计 | 基本支出 | 项目支出); amounts in 元; “—” for zero in some
cells; totals as formulas without a cached value (openpyxl writes none).

.xlsx is written with openpyxl. No maintained Python writer of BIFF8 .xls exists (xlwt is
unmaintained since 2017), so .xls is made by LibreOffice converting the .xlsx (``to_xls``).
"""

from __future__ import annotations

import copy
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from docgen.catalogue import catalogue_for
from openpyxl.utils import get_column_letter

ZERO = Decimal(0)


def _d(value: Any) -> Decimal:
    return Decimal(str(value)) if value is not None else ZERO


def _yuan(value: Any, dash: bool = False) -> Any:
    """万元 → 元 as the software writes it: a number, or “—” for zero where ``dash``."""
    amount = _d(value) * 10000
    if amount == 0 and dash:
        return "—"
    return int(amount) if amount == amount.to_integral_value() else float(amount)


class _Writer:
    def __init__(self, data: dict):
        self.data = data
        self.book = openpyxl.Workbook()
        self.book.remove(self.book.active)
        edition = catalogue_for(data["department"]["year"], ())
        self.functional = {code: entry.name for code, entry in edition.functional.items()}
        self.functional.update({c["code"]: c["name"] for c in data.get("codes", [])})
        self.economic = {code: entry.name for code, entry in edition.economic.items()}

    def sheet(self, name: str, title: str, number: str, width: int):
        ws = self.book.create_sheet(name[:31])
        ws.cell(1, 1, title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width - 1)
        ws.cell(1, width, f"财决{number}表")
        ws.cell(2, 1, f"{self.data['department']['year']}年度")
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
        ws.cell(3, 1, f"编制单位：{self.data['department']['name']}")
        ws.cell(3, width, "单位：元")
        return ws

    # row tables ------------------------------------------------------------------------
    def row_blocks(self, ws, blocks: list[tuple[list[str], list[tuple[str, list[Any]]]]]) -> None:
        """Side-by-side blocks: (value headers, rows of (label, values)); header in rows 4–5."""
        col = 1
        for headers, rows in blocks:
            ws.cell(4, col, "项目")
            ws.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
            ws.cell(4, col + 1, "行次")
            ws.merge_cells(start_row=4, start_column=col + 1, end_row=5, end_column=col + 1)
            for i, header in enumerate(headers):
                ws.cell(4, col + 2 + i, header)
                ws.cell(5, col + 2 + i, i + 1)
            for r, (label, values) in enumerate(rows):
                ws.cell(6 + r, col, label)
                ws.cell(6 + r, col + 1, r + 1)
                for i, value in enumerate(values):
                    ws.cell(6 + r, col + 2 + i, value)
            col += 2 + len(headers)

    def statement_01(self) -> None:
        d = self.data
        src, inc, sp = d["income"]["sources"], d["income"], d["spending"]
        ws = self.sheet("Z01 收入支出决算总表(财决01表)", "收入支出决算总表", "01", 15)
        income_rows = [(label, ["—", "—", _yuan(src.get(key))]) for label, key in (
            ("一、一般公共预算财政拨款收入", "general_budget_grant"), ("二、政府性基金预算财政拨款收入", "government_fund_grant"),
            ("三、国有资本经营预算财政拨款收入", "state_capital_grant"), ("四、上级补助收入", "superior_subsidy"),
            ("五、事业收入", "public_service"), ("六、经营收入", "business"),
            ("七、附属单位上缴收入", "affiliate_remittance"), ("八、其他收入", "other"))]
        income_rows += [("本年收入合计", ["—", "—", "=SUM(E6:E13)"]),
                        ("使用非财政拨款结余", ["—", "—", _yuan(inc.get("non_grant_balance_used"), dash=True)]),
                        ("年初结转和结余", ["—", "—", _yuan(inc.get("carry_over_start"))]),
                        ("总计", ["—", "—", "=E14+E15+E16"])]
        by_class: dict[str, Decimal] = {}
        for line in d.get("detail", {}).get("spending_lines", []):
            by_class[line["code"][:3]] = by_class.get(line["code"][:3], ZERO) + sum(
                (_d(v) for k, v in line.items() if k != "code"), ZERO)
        class_rows = [(f"{self.functional[c]}", ["—", "—", _yuan(v)]) for c, v in sorted(by_class.items())]
        class_rows += [("本年支出合计", ["—", "—", _yuan(sum(by_class.values(), ZERO))]),
                       ("结余分配", ["—", "—", _yuan(sp.get("balance_distribution"))]),
                       ("年末结转和结余", ["—", "—", _yuan(sp.get("carry_over_end"))])]
        kinds = sp["kinds"]
        kind_rows = [(label, ["—", "—", _yuan(kinds.get(key), dash=True)]) for label, key in (
            ("基本支出", "basic"), ("项目支出", "project"), ("上缴上级支出", "remitted_to_superior"),
            ("经营支出", "business"), ("对附属单位补助支出", "affiliate_subsidy"))]
        headers = ["年初预算数", "全年预算数", "决算数"]
        self.row_blocks(ws, [(headers, income_rows), (headers, class_rows), (headers, kind_rows)])

    def statement_011(self) -> None:
        d, g = self.data, self.data["fiscal_grants"]
        src = d["income"]["sources"]
        ws = self.sheet("Z01_1 财政拨款收入支出决算总表(财决01-1表)", "财政拨款收入支出决算总表", "01-1", 8)
        grants = _d(src.get("general_budget_grant")) + _d(src.get("government_fund_grant")) + _d(src.get("state_capital_grant"))
        self.row_blocks(ws, [(["决算数"], [("本年收入", [_yuan(grants)]),
                                           ("年初财政拨款结转和结余", [_yuan(g.get("carry_over_start"))]),
                                           ("总计", ["=C6+C7"])]),
                             (["决算数"], [("本年支出", ["—"]),
                                           ("年末财政拨款结转和结余", [_yuan(g.get("carry_over_end"))]),
                                           ("总计", ["=F6+F7"])])])

    def statement_f01(self) -> None:
        t, d = self.data["three_public_costs"], self.data
        r = t["reception"]
        fleet = d.get("assets", {}).get("vehicles", {})
        ws = self.sheet("F01 预算支出相关信息表(财决附01表)", "预算支出相关信息表", "附01", 4)

        def amounts(part: dict, actual: Any) -> list:
            return [_yuan(part.get("budget"), dash=True), _yuan(actual, dash=True)]

        rows = [("“三公”经费", ["—", "—"]),
                ("1.因公出国（境）费", amounts(t["travel_abroad"], t["travel_abroad"].get("actual"))),
                ("2.公务用车购置费", amounts(t["vehicle_purchase"], t["vehicle_purchase"].get("actual"))),
                ("3.公务用车运行维护费", amounts(t["vehicle_operation"], t["vehicle_operation"].get("actual"))),
                ("4.公务接待费", amounts(r, r["domestic"].get("amount"))),
                ("国内公务接待费", ["—", _yuan(r["domestic"].get("amount"))]),
                ("其中：外事接待费", ["—", _yuan(r["foreign"].get("amount"))]),
                ("因公出国（境）团组数", ["—", t["travel_abroad"].get("groups", 0)]),
                ("因公出国（境）人次数", ["—", t["travel_abroad"].get("people", 0)]),
                ("公务用车购置数", ["—", t["vehicle_purchase"].get("vehicles", 0)]),
                ("国内公务接待批次", ["—", r["domestic"].get("batches", 0)]),
                ("国内公务接待人次", ["—", r["domestic"].get("people", 0)]),
                ("外事接待批次", ["—", r["foreign"].get("batches", 0)]),
                ("外事接待人次", ["—", r["foreign"].get("people", 0)]),
                ("机关运行经费", ["—", _yuan(d["operating_costs"]["actual"])])]
        p = d.get("procurement", {})
        rows += [(label, ["—", _yuan(p.get(key))]) for label, key in (
            ("政府采购货物支出", "goods"), ("政府采购工程支出", "works"), ("政府采购服务支出", "services"),
            ("授予中小企业合同金额", "awarded_to_sme"), ("授予小微企业合同金额", "awarded_to_small_micro"))]
        rows += [("公务用车保有量", ["—", "—"])]
        rows += [(label, ["—", fleet.get(key, 0)]) for label, key in (
            ("主要领导干部用车", "leaders"), ("机要通信用车", "confidential"), ("应急保障用车", "emergency"),
            ("执法执勤用车", "law_enforcement"), ("特种专业技术用车", "special_technical"), ("其他用车", "other"))]
        a = d.get("assets", {})
        rows += [("单价50万元以上通用设备", ["—", a.get("general_equipment_over_500k", 0)]),
                 ("单价100万元以上专用设备", ["—", a.get("special_equipment_over_1m", 0)])]
        for fund, key in (("政府性基金预算财政拨款", "government_fund"), ("国有资本经营预算财政拨款", "state_capital")):
            parts = d.get(key, {}).get("three_public_costs") or {}
            rows += [(f"{fund}{label}", amounts(parts.get(part, {}), parts.get(part, {}).get("actual")))
                     for label, part in (("因公出国（境）费", "travel_abroad"), ("公务用车购置费", "vehicle_purchase"),
                                         ("公务用车运行维护费", "vehicle_operation"), ("公务接待费", "reception"))]
        self.row_blocks(ws, [(["预算数", "统计数"], rows)])

    def statement_f03(self) -> None:
        o = self.data["overview"]
        i, s = o.get("institutions", {}), o.get("staff", {})
        ws = self.sheet("F03 机构运行信息表(财决附03表)", "机构运行信息表", "附03", 3)
        rows = [("机构", ["—"]), ("行政单位", [i.get("administrative", 0)]),
                ("参照公务员法管理事业单位", [i.get("civil_service_managed", 0)]),
                ("其他事业单位", [i.get("public_service", 0)]), ("人员", ["—"]),
                ("公务员", [s.get("civil_servants", 0)]), ("事业人员", [s.get("public_service_staff", 0)]),
                ("其他人员", [s.get("other", 0)])]
        self.row_blocks(ws, [(["统计数"], rows)])

    # code tables -----------------------------------------------------------------------
    def code_table(self, ws, groups: list[tuple[str, list[str]]], rows: list[tuple[str, list[Any]]]) -> None:
        """Header at rows 5–7: 科目编码 over 类|款|项 (A–C), 科目名称 (D), value columns from E;
        a group (``本年支出`` over its parts) spans columns; a lone column spans both rows."""
        ws.cell(5, 1, "科目编码")
        ws.merge_cells("A5:C6")
        for c, level in enumerate(("类", "款", "项"), start=1):
            ws.cell(7, c, level)
        ws.cell(5, 4, "科目名称")
        ws.merge_cells("D5:D7")
        col = 5
        for group, parts in groups:
            ws.cell(5, col, group)
            if parts:
                ws.merge_cells(start_row=5, start_column=col, end_row=5, end_column=col + len(parts) - 1)
                for i, part in enumerate(parts):
                    ws.cell(6, col + i, part)
                    ws.merge_cells(start_row=6, start_column=col + i, end_row=7, end_column=col + i)
                col += len(parts)
            else:
                ws.merge_cells(start_row=5, start_column=col, end_row=7, end_column=col)
                col += 1
        ws.cell(8, 1, "合计")
        ws.merge_cells("A8:D8")
        for r, (code, values) in enumerate(rows, start=8):
            if code != "合计":
                ws.cell(r, 1, code[:3])
                if len(code) > 3:
                    ws.cell(r, 2, code[3:5])
                if len(code) > 5:
                    ws.cell(r, 3, code[5:7])
                ws.cell(r, 4, self.functional.get(code, code))
            for i, value in enumerate(values):
                ws.cell(r, 5 + i, value)

    def _with_classes(self, lines: list[dict], keys: list[str]) -> list[tuple[str, list[Any]]]:
        """合计 row, then for each 类 a subtotal row followed by its 项 rows."""
        total = [sum((_d(l.get(k)) for l in lines), ZERO) for k in keys]
        rows = [("合计", [_yuan(v) for v in total])]
        for cls in dict.fromkeys(l["code"][:3] for l in lines):
            members = [l for l in lines if l["code"][:3] == cls]
            rows.append((cls, [_yuan(sum((_d(l.get(k)) for l in members), ZERO)) for k in keys]))
            rows += [(l["code"], [_yuan(l.get(k), dash=True) for k in keys]) for l in members]
        return rows

    def _totalled(self, lines: list[dict], keys: list[str]) -> list[dict]:
        return [{**l, "total": sum((_d(l.get(k)) for k in keys), ZERO)} for l in lines]

    def statement_03(self) -> None:
        keys = ["general_budget_grant", "government_fund_grant", "state_capital_grant", "superior_subsidy",
                "public_service", "business", "affiliate_remittance", "other"]
        ws = self.sheet("Z03 收入决算表(财决03表)", "收入决算表", "03", 13)
        groups = [("本年收入合计", []), ("财政拨款收入", ["一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]),
                  ("上级补助收入", []), ("事业收入", []), ("经营收入", []), ("附属单位上缴收入", []), ("其他收入", [])]
        lines = self._totalled(self.data["detail"]["income_lines"], keys)
        self.code_table(ws, groups, self._with_classes(lines, ["total"] + keys))

    def statement_04(self) -> None:
        keys = ["basic", "project", "remitted_to_superior", "business", "affiliate_subsidy"]
        ws = self.sheet("Z04 支出决算表(财决04表)", "支出决算表", "04", 10)
        groups = [("本年支出合计", [])] + [(g, []) for g in ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")]
        lines = self._totalled(self.data["detail"]["spending_lines"], keys)
        self.code_table(ws, groups, self._with_classes(lines, ["total"] + keys))

    def statement_07(self) -> None:
        keys = ["budget", "actual", "basic", "project"]
        ws = self.sheet("Z07 一般公共预算财政拨款收入支出决算表(财决07表)", "一般公共预算财政拨款收入支出决算表", "07", 8)
        groups = [("全年预算数", []), ("决算数", ["合计", "基本支出", "项目支出"])]
        self.code_table(ws, groups, self._with_classes(self.data["general_budget"]["items"], keys))

    def statement_economic(self, name: str, title: str, number: str, lines: list[dict]) -> None:
        """Columns: 合计 (a formula without a cached value), then per 类 its subtotal and its 款."""
        classes = list(dict.fromkeys(l["code"][:3] for l in lines))
        columns: list[tuple[str, Decimal]] = []
        for cls in classes:
            members = [l for l in lines if l["code"][:3] == cls]
            columns.append((self.economic[cls], sum((_d(l["amount"]) for l in members), ZERO)))
            columns += [(self.economic[l["code"]], _d(l["amount"])) for l in members]
        ws = self.sheet(name, title, number, 5 + len(columns))
        groups = [("合计", [])] + [(label, []) for label, _ in columns]
        last = get_column_letter(5 + len(columns))
        self.code_table(ws, groups, [("合计", [f"=SUM(F8:{last}8)"] + [_yuan(v) for _, v in columns])])

    def statement_fund(self, name: str, title: str, number: str, fund: dict) -> None:
        keys = ["carry_over_start", "income", "actual", "basic", "project", "carry_over_end"]
        items = [{**i, "actual": _d(i.get("basic")) + _d(i.get("project"))} for i in fund.get("items", [])]
        ws = self.sheet(name, title, number, 11)
        groups = [("全年预算数", []), ("年初结转和结余", []), ("本年收入", []), ("本年支出", ["合计", "基本支出", "项目支出"]),
                  ("年末结转和结余", [])]
        rows = self._with_classes(items, keys)
        rows[0] = ("合计", [_yuan(fund.get(k)) for k in ["carry_over_start", "income", "actual"]]
                   + [_yuan(sum((_d(i.get(k)) for i in items), ZERO)) for k in ("basic", "project")]
                   + [_yuan(fund.get("carry_over_end"))])
        rows = [(c, [_yuan(fund.get("budget")) if c == "合计" else "—"] + v) for c, v in rows]
        self.code_table(ws, groups, rows)

    def write(self) -> openpyxl.Workbook:
        d = self.data
        self.statement_01()
        self.statement_011()
        self.statement_03()
        self.statement_04()
        self.statement_07()
        self.statement_economic("Z08_1 一般公共预算财政拨款基本支出决算明细表(财决08-1表)",
                                "一般公共预算财政拨款基本支出决算明细表", "08-1", d["basic_spending"]["lines"])
        self.statement_economic("Z08_2 一般公共预算财政拨款项目支出决算明细表(财决08-2表)",
                                "一般公共预算财政拨款项目支出决算明细表", "08-2", d["detail"]["project_lines"])
        self.statement_fund("Z09 政府性基金预算财政拨款收入支出决算表(财决09表)", "政府性基金预算财政拨款收入支出决算表",
                            "09", d["government_fund"])
        self.statement_fund("Z10 国有资本经营预算财政拨款收入支出决算表(财决10表)",
                            "国有资本经营预算财政拨款收入支出决算表", "10", d["state_capital"])
        self.statement_f01()
        self.statement_f03()
        return self.book


def write_export(data: dict, path: Path) -> Path:
    """Write the export of ``data`` (a data dict as in the fixtures) to ``path`` (.xlsx)."""
    _Writer(data).write().save(path)
    return path


def to_xls(xlsx: Path) -> Path | None:
    """The same workbook as BIFF8 .xls (LibreOffice Calc's converter), or ``None`` without it."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    # A profile of its own: another LibreOffice running on the machine would otherwise take the job.
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{xlsx.parent}/profile",
                    "--convert-to", "xls:MS Excel 97", "--outdir", str(xlsx.parent), str(xlsx)],
                   check=False, capture_output=True, timeout=180)
    xls = xlsx.with_suffix(".xls")
    return xls if xls.exists() else None  # LibreOffice without Calc cannot convert


def texts_only(data: dict, imported: dict) -> dict:
    """``data`` without what the import provides (``imported``): what a department still types.
    Entries of coded lists keep their code and texts, so the import can match them."""
    from docgen.importing.merge import KEYED

    result = copy.deepcopy(data)

    def strip(target: dict, source: dict, path: str) -> None:
        for key, value in source.items():
            here = f"{path}.{key}" if path else key
            if here in KEYED:
                target[key] = [{k: v for k, v in e.items()
                                if k == "code" or isinstance(v, str) and not v.replace(".", "").isdigit()}
                               for e in target.get(key, [])]
            elif isinstance(value, dict) and isinstance(target.get(key), dict) and here != "general_budget.stated_category_totals":
                strip(target[key], value, here)
            else:
                target.pop(key, None)

    strip(result, imported, "")
    return result
