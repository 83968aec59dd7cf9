"""Every bad input a clear error: a battery of malformed and hostile data, packs, templates and
output paths through the command line.

Each case asserts the exit code (2 unusable input or pack, 1 findings in the data, 0 accepted),
that the message names the file and, where there is one, the JSON path or pack key, that nothing
raised (no traceback), and that no file was written or changed but the one a successful render
writes. Kinds are grouped as the tags say; ``KINDS`` counts them.
"""

from __future__ import annotations

import copy
import io
import json
import os
import socket
import stat
import zipfile
from collections.abc import Callable
from typing import Any
from pathlib import Path

import openpyxl
import pytest
from openxml_audit import OpenXmlValidator

from conftest import MINIMAL, ROOT, copy_pack, edit_template, rezip, run_cli
from docgen.importing.workbook import write_workbook
from docgen.loader import MAX_LIST_ENTRIES
from docgen.regions import DEFAULT_REGION


_EXTENDS = f'extends = "{DEFAULT_REGION}"\n'
"""A pack's first line in the cases; :meth:`Workspace.pack` makes it extend the pack under test."""
PACKS = (DEFAULT_REGION, "sichuan", "national", "shanghai")
"""The packaged packs a case runs through where the pack matters (tags in ``PACK_MATTERS``)."""
PACK_MATTERS = ("packs", "templates", "text")
_DATA = {"shanghai": ROOT / "fixtures" / "shanghai-department-2024.json"}
"""A pack's own data where the minimal report lacks fields its wording needs (上海's 年初预算, purposes)."""


class Workspace:
    """A folder with a data file, an optional pack copy and an output path."""

    def __init__(self, root: Path, region: str = DEFAULT_REGION):
        self.root = root
        self.region = region
        self.base = json.loads(_DATA[region].read_text(encoding="utf-8")) if region in _DATA else MINIMAL
        self.data_path = root / "in.json"
        self.out = root / "out.docx"
        self.args: list[str] = []
        self.command = "render"
        self.set()

    def set(self, data: dict | None = None, edit: Callable[[dict], None] | None = None) -> None:
        data = copy.deepcopy(data if data is not None else self.base)
        if edit:
            edit(data)
        self.write(json.dumps(data).encode("utf-8"))  # \u escapes: a lone surrogate stays writable

    def text(self, replace: str, by: str) -> None:
        """Edit the minimal data's JSON text (for what a dict cannot hold: raw numbers, duplicates)."""
        text = json.dumps(MINIMAL, ensure_ascii=False)
        assert replace in text
        self.write(text.replace(replace, by, 1).encode("utf-8"))

    def write(self, raw: bytes) -> None:
        self.data_path.write_bytes(raw)

    def pack(self, toml: str | None = None) -> Path:
        pack = copy_pack(self.root, self.region)
        if toml is not None:
            toml = toml.replace(_EXTENDS, f'extends = "{self.region}"\n')
            (pack / "region.toml").write_text(toml, encoding="utf-8")
        self.args += ["--region", str(pack)]
        return pack


CASES: dict[str, tuple[str, int, tuple[str, ...], Callable[[Workspace], None]]] = {}


def case(kind: str, tag: str, code: int, *expect: str):
    """Register a case: ``expect`` are fragments the message must hold (``{data}`` is the data
    file's name, ``{out}`` the output's)."""

    def register(setup: Callable[[Workspace], None]):
        CASES[kind] = (tag, code, expect, setup)
        return setup

    return register


def _items(data: dict) -> list:
    return data["general_budget"]["items"]


# Syntax ----------------------------------------------------------------------------------------
for kind, raw, where in [
    ("empty file", b"", "line 1"), ("whitespace only", b"  \n\t ", "line 2"),
    ("truncated", b'{"department": {', "line 1"), ("trailing comma", b'{"a": 1,}', "line 1"),
    ("single quotes", b"{'a': 1}", "line 1"), ("comment", b'{"a": 1 // note\n}', "line 1"),
    ("unquoted key", b"{a: 1}", "line 1"), ("two objects", b"{}{}", "Extra data"),
    ("raw control character in a string", b'{"a": "x\x01y"}', "Invalid control character"),
    ("invalid escape", b'{"a": "\\q"}', "escape"),
]:
    case(f"syntax: {kind}", "syntax", 2, "{data}: not valid JSON", where)(lambda w, raw=raw: w.write(raw))

for kind, raw in [("array", b"[1, 2]"), ("string", b'"text"'), ("number", b"3"), ("null", b"null")]:
    case(f"syntax: top level is an {kind}", "syntax", 2, "{data}: $: expected a JSON object")(
        lambda w, raw=raw: w.write(raw))

for literal in ("NaN", "Infinity", "-Infinity"):
    case(f"syntax: {literal} as an amount", "syntax", 2, "$.spending.kinds.basic", "expected an amount")(
        lambda w, literal=literal: w.text('"60.00"', literal))

case("syntax: duplicate key", "syntax", 2, "{data}: $.department: the key 'year' appears twice")(
    lambda w: w.text('"year": 2021', '"year": 2021, "year": 2019'))
case("syntax: duplicate key in a list element", "syntax", 2, "$.general_budget.items[0]: the key 'actual'")(
    lambda w: w.text('"actual": "60.00"', '"actual": "60.00", "actual": "6.00"'))
case("syntax: duplicate top-level key", "syntax", 2, "{data}: $: the key 'overview' appears twice")(
    lambda w: w.text('"overview": {', '"overview": {}, "overview": {'))

# Encodings ---------------------------------------------------------------------------------------
_TEXT = json.dumps(MINIMAL, ensure_ascii=False)
for kind, raw, named in [
    ("GBK", _TEXT.encode("gbk"), "looks like GBK"),
    ("UTF-16 LE with BOM", _TEXT.encode("utf-16"), "looks like UTF-16"),
    ("UTF-16 BE with BOM", b"\xfe\xff" + _TEXT.encode("utf-16-be"), "looks like UTF-16"),
    ("UTF-16 without BOM", _TEXT.encode("utf-16-le"), "looks like UTF-16"),
    ("UTF-32 with BOM", _TEXT.encode("utf-32"), "looks like UTF-32"),
    ("binary garbage", bytes(range(256)) * 8, "not text at all"),
    ("Latin-1", '{"a": "café"}'.encode("latin-1"), "not UTF-8"),
    ("Big5", _TEXT.encode("big5", errors="ignore"), "not UTF-8"),
    ("UTF-8 cut inside a character", _TEXT.encode("utf-8")[:-3] + "测".encode("utf-8")[:2], "not UTF-8"),
]:
    case(f"encoding: {kind}", "encoding", 2, "{data}: not UTF-8", named, "save it as UTF-8")(
        lambda w, raw=raw: w.write(raw))

case("encoding: UTF-8 with BOM is accepted", "encoding", 0, "wrote")(
    lambda w: w.write(b"\xef\xbb\xbf" + _TEXT.encode("utf-8")))

# Types -------------------------------------------------------------------------------------------
_TYPES = [
    ("a text for a list of texts", "overview.functions", lambda d: d["overview"].update(functions="负责全县农业农村工作。"), "expected a list"),
    ("a text for key work", "overview.key_work", lambda d: d["overview"].update(key_work="完成测试。"), "expected a list"),
    ("a text for secondary units", "overview.secondary_units", lambda d: d["overview"].update(secondary_units="某单位"), "expected a list"),
    ("an object for a list", "general_budget.items", lambda d: d["general_budget"].update(items={"code": "2011101"}), "expected a list"),
    ("a list for an object", "overview", lambda d: d.update(overview=[]), "expected an object"),
    ("a text for an object", "department", lambda d: d.update(department="某某局"), "expected an object"),
    ("true as an amount", "operating_costs.actual", lambda d: d["operating_costs"].update(actual=True), "expected an amount"),
    ("false as an amount", "operating_costs.actual", lambda d: d["operating_costs"].update(actual=False), "expected an amount"),
    ("null as an amount", "operating_costs.actual", lambda d: d["operating_costs"].update(actual=None), "expected an amount"),
    ("a list as an amount", "operating_costs.actual", lambda d: d["operating_costs"].update(actual=[1]), "expected an amount"),
    ("an object as an amount", "operating_costs.actual", lambda d: d["operating_costs"].update(actual={"v": 1}), "expected an amount"),
    ("words as an amount", "general_budget.items[1].budget", lambda d: _items(d)[1].update(budget="fifty"), "expected an amount"),
    ("a text year", "department.year", lambda d: d["department"].update(year="2021"), "expected a whole number"),
    ("a fractional year", "department.year", lambda d: d["department"].update(year=2021.5), "expected a whole number"),
    ("true as a year", "department.year", lambda d: d["department"].update(year=True), "expected a whole number"),
    ("true as a count", "overview.staff.civil_servants", lambda d: d["overview"].update(staff={"civil_servants": True}), "expected a whole number"),
    ("a negative count", "overview.staff.civil_servants", lambda d: d["overview"].update(staff={"civil_servants": -1}), "zero or more"),
    ("a fractional count", "overview.staff.civil_servants", lambda d: d["overview"].update(staff={"civil_servants": 1.5}), "expected a whole number"),
    ("a number for a text", "department.name", lambda d: d["department"].update(name=123), "expected text"),
    ("null for a required text", "department.name", lambda d: d["department"].update(name=None), "expected text"),
    ("a list for a text", "department.name", lambda d: d["department"].update(name=["a"]), "expected text"),
    ("a number for a code", "general_budget.items[0].code", lambda d: _items(d)[0].update(code=2011101), "expected text"),
    ("an unknown key", "spending.kinds", lambda d: d["spending"]["kinds"].update(bsaic="1"), "unknown field"),
    ("a missing required field", "general_budget.items[0].actual", lambda d: _items(d)[0].pop("actual"), "required field missing"),
    ("a list for a map", "general_budget.stated_category_totals", lambda d: d["general_budget"].update(stated_category_totals=[1]), "expected an object"),
    ("an empty object", "department", lambda d: d.clear(), "required field missing"),
]
for kind, path, edit, message in _TYPES:
    case(f"types: {kind}", "types", 2, f"{{data}}: $.{path}", message)(lambda w, edit=edit: w.set(edit=edit))

# Magnitudes --------------------------------------------------------------------------------------
for kind, literal, message in [
    ("a 5,000-digit integer", "1" + "0" * 5000, "a number of 5,001 characters"),
    ("1e309", "1e309", "beyond"), ("1e999999999", "1e999999999", "beyond"), ("1e30", "1e30", "beyond"),
    ("-1e30", "-1e30", "beyond"),
    ("an amount of 1e30 as text", '"1e30"', "beyond"), ("seven decimal places", "1.0000001", "decimal places"),
    ("1e-999999999", "1e-999999999", "decimal places"), ("an amount text of 100,000 digits", '"' + "9" * 100_000 + '"', "100,000 characters"),
]:
    case(f"magnitude: {kind}", "magnitude", 2, "{data}: $.spending.kinds.basic", message)(
        lambda w, literal=literal: w.text('"60.00"', literal))
for kind, literal in [("a 5,000-digit year", "9" * 5000), ("a year of 1e999999999", "1e999999999"),
                      ("a year of 3000", "3000")]:
    case(f"magnitude: {kind}", "magnitude", 2, "{data}: $.department.year")(
        lambda w, literal=literal: w.text("2021", literal))
case("magnitude: a count of 1e999999999", "magnitude", 2, "{data}: $.overview.staff.other", "beyond")(
    lambda w: w.text('"functions"', '"staff": {"other": 1e999999999}, "functions"'))

case("resources: 300,000 tiny numbers (memory per value)", "resources", 2, "{data}: more than", "numbers beside")(
    lambda w: w.text('"functions"', '"padding": [' + ",".join(["0"] * 300_000) + '], "functions"'))
case("resources: 150,000 distinct decimals (memory per value)", "resources", 2, "{data}: more than", "numbers beside")(
    lambda w: w.text('"functions"', '"padding": [' + ",".join(f"{i}.5" for i in range(150_000)) + '], "functions"'))
case("resources: 150,000 empty objects (memory per value)", "resources", 2, "{data}: 150,0", "packed too densely")(
    lambda w: w.text('"functions"', '"padding": [' + ",".join(["{}"] * 150_000) + '], "functions"'))
case("resources: one object of 100,000 keys", "resources", 2, "{data}:", "packed too densely")(
    lambda w: w.text('"functions"', '"padding": {' + ",".join(f'"k{i}":""' for i in range(100_000)) + '}, "functions"'))
case("resources: 300,000 short texts", "resources", 2, "{data}:", "packed too densely")(
    lambda w: w.text('"functions"', '"padding": [' + ",".join(['"ab"'] * 300_000) + '], "functions"'))
case("resources: 300,000 empty lists", "resources", 2, "{data}: more than 200,000 objects and lists")(
    lambda w: w.text('"functions"', '"padding": [' + ",".join(["[]"] * 300_000) + '], "functions"'))
case("resources: 500,000 short texts", "resources", 2, "{data}: more than 400,000 keys and texts")(
    lambda w: w.text('"functions"', '"padding": [' + ",".join(['"ab"'] * 500_000) + '], "functions"'))

# Structure ---------------------------------------------------------------------------------------
case("structure: arrays nested 1,500 deep", "structure", 2, "{data}: nested deeper than")(
    lambda w: w.write(b"[" * 1_500 + b"]" * 1_500))
case("structure: objects nested 1,500 deep", "structure", 2, "{data}: nested deeper than")(
    lambda w: w.write(b'{"a":' * 1_500 + b"1" + b"}" * 1_500))
case("structure: arrays nested 100,000 deep", "structure", 2, "{data}: 100,000 objects and lists", "packed too densely")(
    lambda w: w.write(b"[" * 100_000 + b"]" * 100_000))
case("structure: objects nested 100,000 deep", "structure", 2, "{data}: 100,000 objects and lists", "packed too densely")(
    lambda w: w.write(b'{"a":' * 100_000 + b"1" + b"}" * 100_000))
case("structure: lists nested 40 deep in a field", "structure", 2, "{data}: $.overview.functions", "nested deeper")(
    lambda w: w.set(edit=lambda d: d["overview"].update(functions=json.loads("[" * 40 + "]" * 40))))
case("structure: a 5 MiB file", "structure", 2, "{data}: larger than 4 MiB")(
    lambda w: w.write(b'{"a": "' + b"x" * (5 * 2**20) + b'"}'))
case("structure: a 50 MB file of real content", "structure", 2, "{data}: larger than 4 MiB")(
    lambda w: w.set(edit=lambda d: d["overview"].update(key_work=["完成测试。" * 1000] * 3500)))
case(f"structure: {MAX_LIST_ENTRIES + 1:,} entries in a list", "structure", 2, "{data}: $.overview.key_work",
     f"the limit is {MAX_LIST_ENTRIES}")(
    lambda w: w.set(edit=lambda d: d["overview"].update(key_work=["完成测试。"] * (MAX_LIST_ENTRIES + 1))))
case("structure: no items", "structure", 2, "{data}: $.general_budget.items")(
    lambda w: w.set(edit=lambda d: d["general_budget"].pop("items")))

# Codes -------------------------------------------------------------------------------------------
for kind, value in [("letters", "201110a"), ("too short", "20111"), ("Arabic-Indic digits", "٢٠١١١٠١"),
                    ("superscript digits", "²⁰¹¹¹⁰¹"), ("blank", "")]:
    case(f"codes: a code of {kind}", "codes", 2, "{data}: $.general_budget.items[0].code", "classification code")(
        lambda w, value=value: w.set(edit=lambda d: _items(d)[0].update(code=value)))
case("codes: an unknown functional code", "codes", 1, "$.general_budget.items[0].code", "[code-unknown]")(
    lambda w: w.set(edit=lambda d: _items(d)[0].update(code="2999999")))
case("codes: an unknown economic code", "codes", 1, "$.basic_spending.lines[0].code")(
    lambda w: w.set(edit=lambda d: d["basic_spending"]["lines"][0].update(code="39999")))
case("codes: full-width digits are the same code", "codes", 0, "wrote")(
    lambda w: w.set(edit=lambda d: _items(d)[0].update(code="２０１１１０１")))
case("codes: spaces around a code", "codes", 0, "wrote")(
    lambda w: w.set(edit=lambda d: _items(d)[0].update(code=" 2011101 ")))

# Hostile text ------------------------------------------------------------------------------------
_REASON = "$.income.total.change_reason"
for kind, text, message in [
    ("a lone surrogate", "人员\ud800增加", "lone surrogate U+D800"),
    ("a right-to-left override", "人员增加\u202e", "U+202E (right-to-left override)"),
    ("a left-to-right embedding", "\u202a人员增加", "U+202A"),
    ("a first strong isolate", "人员\u2068增加", "U+2068"),
    ("a text of 100,001 characters", "增" * 100_001, "the limit is 100,000"),
]:
    case(f"text: {kind}", "text", 2, "{data}: " + _REASON, message)(
        lambda w, text=text: w.set(edit=lambda d: d["income"]["total"].update(change_reason=text)))
case("text: only invisible characters", "text", 2, "{data}: $.overview.functions", "blank")(
    lambda w: w.set(edit=lambda d: d["overview"].update(functions=["\x00\u200b\x07"])))
for kind, text in [("NUL and bell", "负责\x00测试\x07工作。"), ("Windows line ends with a number", "完成测试。\r\n全年完成测试10次。"),
                   ("Word's Shift+Enter", "完成测试。\x0b全年10次。"), ("Unicode line separators", "完成\u2028测试\u2029。"),
                   ("zero-width spaces and a BOM", "\ufeff完成\u200b测试。"), ("template syntax", "{{ 7*7 }}{% if %}"),
                   ("XML markup", "<w:p>&amp;]]>"), ("the department's 是一是", "主要做法是一是加强管理，二是节约开支。")]:
    case(f"text: {kind} is printed cleanly", "text", 0, "wrote")(
        lambda w, text=text: w.set(edit=lambda d: d["overview"].update(key_work=[text])))

# Resources ---------------------------------------------------------------------------------------
case("resources: a missing data file", "resources", 2, "{data}", "No such file")(lambda w: w.data_path.unlink())
case("resources: a folder as the data", "resources", 2, "{data}", "directory")(
    lambda w: (w.data_path.unlink(), w.data_path.mkdir()))
def _workbook(w: Workspace, parts: dict[str, bytes], lie: bool = False) -> None:
    """The data given as an .xlsx of these parts; ``lie``: the zip's headers state 1,000 bytes
    for the largest part."""
    w.data_path.unlink()
    w.data_path = w.root / "in.xlsx"
    with zipfile.ZipFile(w.data_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    if lie:
        raw = w.data_path.read_bytes()
        size = max(len(blob) for blob in parts.values()).to_bytes(4, "little")
        w.data_path.write_bytes(raw.replace(size, (1000).to_bytes(4, "little")))


_SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
_SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
_BOOK = b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
case("resources: a workbook unpacking to 70 MB", "resources", 2, "in.xlsx: unpacks to more than 8 MB",
     "xl/worksheets/sheet1.xml")(
    lambda w: _workbook(w, {"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": _SHEET + b"<row/>" * 12_000_000}))
case("resources: a workbook whose zip headers lie about a part's size", "resources", 2, "in.xlsx", "damaged zip")(
    lambda w: _workbook(w, {"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": _SHEET + b"<row/>" * 1_000_000},
                        lie=True))
def _filled(w: Workspace, edit: Callable[[Any], None]) -> None:
    """The data given as docgen's fill-in workbook of the minimal report, edited with openpyxl."""
    w.data_path.unlink()
    w.data_path = w.root / "in.xlsx"
    w.data_path.write_bytes(write_workbook(copy.deepcopy(MINIMAL)))
    book = openpyxl.load_workbook(w.data_path)
    edit(book)
    book.save(w.data_path)


def _first_path_cell(book: Any) -> Any:
    return book["部门概况"]["A2"]


case("resources: a workbook with one cell at ZZ200000", "resources", 2, "in.xlsx", "reaches ZZ200000", "over 1,000,000 cells")(
    lambda w: _filled(w, lambda b: b["部门概况"].cell(200_000, 702, "x")))
def _merged_to_the_end(w: Workspace) -> None:
    """A merged range over a whole sheet, written into the XML (openpyxl would make each cell)."""
    _filled(w, lambda b: None)
    with zipfile.ZipFile(w.data_path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    part = "xl/worksheets/sheet2.xml"
    entries[part] = entries[part].replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                                          b'<mergeCell ref="H1:XFD1048576"/></mergeCells>', 1)
    with zipfile.ZipFile(w.data_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in entries.items():
            archive.writestr(name, blob)


case("resources: a workbook with a merged range to XFD1048576", "resources", 2, "in.xlsx", "reaches XFD1048576")(
    _merged_to_the_end)
case("resources: a workbook with one cell at AZ3000 (a grid of 156,000 cells from 30 KB)", "resources", 2,
     "in.xlsx: sheet 部门概况 reaches AZ3000", "more than one per 10 bytes")(
    lambda w: _filled(w, lambda b: b["部门概况"].cell(3000, 52, "x")))
case("resources: a workbook showing one shared text of 9 KB in 800 cells", "resources", 2, "in.xlsx: its cells show",
     "a shared text counted at every cell that shows it")(
    lambda w: _workbook(w, {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": _BOOK,
                            "xl/sharedStrings.xml": _SST + "<si><t>{}</t></si></sst>".format("长" * 3000).encode(),
                            "xl/worksheets/sheet1.xml": _SHEET + b'<row r="1">' + b'<c t="s"><v>0</v></c>' * 800
                            + b"</row></sheetData></worksheet>"}))
case("resources: a workbook with a cell at ZZ2000 outside any row", "resources", 2, "in.xlsx", "reaches ZZ2000",
     "over 1,000,000 cells")(
    lambda w: _workbook(w, {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": _BOOK, "xl/worksheets/sheet1.xml": _SHEET
                            + b'<row r="1"><c r="A1"><v>1</v></c></row><c r="ZZ2000"><v>1</v></c></sheetData></worksheet>'}))
case("resources: a workbook of 2,000 empty parts", "resources", 2, "in.xlsx: 2,001 parts", "at most 1,000 parts are read")(
    lambda w: _workbook(w, {"[Content_Types].xml": b"<Types/>", **{f"x/{i}": b"" for i in range(2000)}}))
case("resources: an .ods given as the data", "resources", 2, "in.xlsx: an .ods workbook: save it as .xlsx")(
    lambda w: _workbook(w, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}))
case("resources: an .xlsb given as the data", "resources", 2, "in.xlsx: an .xlsb workbook: save it as .xlsx")(
    lambda w: _workbook(w, {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\0" * 100}))
case("resources: a workbook of 120 sheets", "resources", 2, "in.xlsx: 1", "sheets (at most 100 are read)")(
    lambda w: _filled(w, lambda b: [b.create_sheet(f"备注{i}") for i in range(120)]))
for kind, value in [("a number", 3), ("a list position of a billion", '["overview", "key_work", 1000000000]'),
                    ("an object", '{"a": 1}'), ("a list position at the top", "[0]")]:
    case(f"types: a workbook row's hidden path changed to {kind}", "types", 2, "部门概况!A2: the row's hidden path was changed")(
        lambda w, value=value: _filled(w, lambda b: setattr(_first_path_cell(b), "value", value)))
case("types: a workbook row's hidden path turning a list into an object", "types", 2, "$.overview.functions",
     "expected a list")(
    lambda w: _filled(w, lambda b: setattr(_first_path_cell(b), "value", '["overview", "functions", "x"]')))
case("types: a workbook's hidden data changed to a list", "types", 2, "元数据!A1: the workbook's hidden data was changed")(
    lambda w: _filled(w, lambda b: setattr(b.create_sheet("元数据")["A1"], "value", "[1, 2]")))
case("resources: a device as the data", "resources", 2, "/dev/zero: larger than 4 MiB")(
    lambda w: w.args.append("/dev/zero"))

# Output paths ------------------------------------------------------------------------------------
def _device(path: Path) -> Path:
    """A character device of our own (never a system one: a bug would replace it); a socket
    where creating devices is not allowed."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        return _socket(path)
    return path


def _socket(path: Path) -> Path:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    _SOCKETS.append(server)
    return path


_SOCKETS: list[socket.socket] = []

for kind, make, message in [
    ("the data file itself", lambda w: w.data_path, "a file this report is made from"),
    ("a hard link to the data", lambda w: (os.link(w.data_path, w.root / "link.docx"), w.root / "link.docx")[1], "made from"),
    ("a symlink to the data", lambda w: ((w.root / "sym.docx").symlink_to(w.data_path), w.root / "sym.docx")[1], "made from"),
    ("a read-only file", lambda w: (w.out.write_bytes(b"old"), w.out.chmod(0o444), w.out)[2], "read-only"),
    ("a FIFO", lambda w: (os.mkfifo(w.root / "f.docx"), w.root / "f.docx")[1], "FIFO"),
    ("a device", lambda w: _device(w.root / "null.docx"), "device"),
    ("a socket", lambda w: _socket(w.root / "s.docx"), "socket"),
    ("a folder", lambda w: w.root, "is a folder"),
    ("a dangling symlink", lambda w: ((w.root / "d.docx").symlink_to(w.root / "nowhere" / "x.docx"), w.root / "d.docx")[1], "does not exist"),
    ("a missing folder", lambda w: w.root / "missing" / "out.docx", "does not exist"),
]:
    case(f"paths: output onto {kind}", "paths", 2, message)(
        lambda w, make=make: setattr(w, "out", make(w)))
case("paths: output onto the pack's template", "paths", 2, "made from")(
    lambda w: setattr(w, "out", w.pack() / "report.docx"))
case("paths: output onto the pack's region.toml", "paths", 2, "made from")(
    lambda w: setattr(w, "out", w.pack() / "region.toml"))
case("paths: output through a symlink to a report", "paths", 0, "wrote")(
    lambda w: ((w.root / "real.docx").write_bytes(b"old"), (w.root / "l.docx").symlink_to(w.root / "real.docx"),
               setattr(w, "out", w.root / "l.docx")))

# Packs -------------------------------------------------------------------------------------------
for kind, toml, message in [
    ("template = 1", _EXTENDS + "template = 1\n", "region.toml: template"),
    ("extends = 1", "extends = 1\n", "region.toml: extends"),
    ("extends = []", "extends = []\n", "region.toml: extends"),
    ("an unknown parent", 'extends = "atlantis"\n', "unknown region 'atlantis'"),
    ("malformed TOML", "extends = \n", "region.toml"),
    ("a missing template", _EXTENDS + 'template = "none.docx"\n', "'none.docx' not found"),
    ("a placeholder reaching into an object", _EXTENDS + '[phrases.variance]\nno_budget = "{a.b}"\n', "only plain"),
    ("an unknown placeholder", _EXTENDS + '[phrases.procurement]\nsentence = "{nonsense}"\n', "unknown placeholder"),
    ("a label list without a key the data uses", _EXTENDS + '[phrases.three_public_costs]\nfund_labels = [["x", "y"]]\n',
     "[phrases.three_public_costs] fund_labels: no label for 'general_budget'"),
]:
    case(f"packs: {kind}", "packs", 2, "region", message)(lambda w, toml=toml: w.pack(toml))
_OUTSIDE = "lies outside the pack's folder"
case("packs: a template path leaving the pack", "packs", 2, "region.toml: template '../in.json'", _OUTSIDE)(
    lambda w: w.pack(_EXTENDS + 'template = "../in.json"\n'))
case("packs: a template path climbing out and back", "packs", 2, "region.toml: template", _OUTSIDE)(
    lambda w: w.pack(_EXTENDS + 'template = "sections/../../pack/../in.json"\n'))
case("packs: an absolute template path", "packs", 2, "region.toml: template '/", "absolute path")(
    lambda w: w.pack(_EXTENDS + f'template = "{(w.root / "pack" / "report.docx").as_posix()}"\n'))
case("packs: a template symlink leaving the pack", "packs", 2, "region.toml: template 'report.docx'", _OUTSIDE)(
    lambda w: _symlinked_template(w, w.root / "elsewhere.docx"))
case("packs: a template in a symlinked folder leaving the pack", "packs", 2, "region.toml: template 'inner/report.docx'", _OUTSIDE)(
    lambda w: _symlinked_folder(w))
case("packs: a section layout symlink leaving the pack", "packs", 2, "sections/income_spending.docx", _OUTSIDE)(
    lambda w: _symlinked_section(w))
case("packs: a symlinked sections folder leaving the pack", "packs", 2, "sections/overview.docx", _OUTSIDE)(
    lambda w: _symlinked_sections(w))
case("packs: a template symlink within the pack is followed", "packs", 0, "wrote")(
    lambda w: _symlinked_template(w, w.root / "pack" / "master.docx"))
case("packs: an extends loop", "packs", 2, "region", "loops")(
    lambda w: (w.root / "pack" / "region.toml").write_text(f'extends = "{w.pack()}"\n', encoding="utf-8"))
case("packs: region.toml not UTF-8", "packs", 2, "region.toml: not UTF-8")(
    lambda w: (w.pack() / "region.toml").write_bytes("name = '四川'".encode("gbk")))
case("packs: an unknown region name", "packs", 2, "unknown region 'nowhere'")(
    lambda w: w.args.extend(["--region", "nowhere"]))


def _symlinked_template(w: Workspace, target: Path) -> None:
    """The pack's report.docx made a link to a copy outside the pack."""
    pack = w.pack()
    (pack / "report.docx").rename(target)
    (pack / "report.docx").symlink_to(target)


def _symlinked_section(w: Workspace) -> None:
    section = w.pack() / "sections" / "income_spending.docx"
    section.rename(w.root / "elsewhere.docx")
    section.symlink_to(w.root / "elsewhere.docx")


def _symlinked_sections(w: Workspace) -> None:
    sections = w.pack() / "sections"
    sections.rename(w.root / "elsewhere")
    sections.symlink_to(w.root / "elsewhere")


def _symlinked_folder(w: Workspace) -> None:
    pack = w.pack(_EXTENDS + 'template = "inner/report.docx"\n')
    (w.root / "outside").mkdir()
    (pack / "report.docx").rename(w.root / "outside" / "report.docx")
    (pack / "inner").symlink_to(w.root / "outside")


# Templates ---------------------------------------------------------------------------------------
def _rezip(pack: Path, change: Callable[[dict], None], name: str = "report.docx") -> None:
    rezip(pack / name, change)


_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                      for i in range(1, 10))
           + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol9;</w:document>')


def _lying_header(pack: Path) -> None:
    """A part whose zip headers state 1,000 bytes for 30 MB."""
    path = pack / "report.docx"
    _rezip(pack, lambda e: e.update({"word/document.xml": b" " * 30_000_000}))
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        info = archive.getinfo("word/document.xml")
    big = info.file_size.to_bytes(4, "little")
    small = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(raw).replace(big, small))


for kind, change, message in [
    ("not a zip", lambda p: (p / "report.docx").write_bytes(b"not a zip"), "not a .docx"),
    ("a part over the size cap", lambda p: _rezip(p, lambda e: e.update({"word/media/big.bin": b"\0" * (21 * 2**20)})), "larger than 20 MiB"),
    ("zip headers that lie about a part's size", _lying_header, "word/document.xml"),
    ("billion laughs in the body", lambda p: _rezip(p, lambda e: e.update({"word/document.xml": _LAUGHS})), "DTD"),
    ("malformed XML in the body", lambda p: _rezip(p, lambda e: e.update({"word/document.xml": b"<w:document><w:body>"})), "not well-formed"),
    ("malformed XML in the styles", lambda p: _rezip(p, lambda e: e.update({"word/styles.xml": b"<a><b></a>"})), "word/styles.xml"),
    ("billion laughs in a section fragment", lambda p: _rezip(p, lambda e: e.update({"word/document.xml": _LAUGHS}), "sections/overview.docx"), "sections/overview.docx: part word/document.xml: declares a DTD"),
    ("a fragment part over the size cap", lambda p: _rezip(p, lambda e: e.update({"word/media/big.bin": b"\0" * (21 * 2**20)}), "sections/overview.docx"), "sections/overview.docx: part word/media/big.bin larger than 20 MiB"),
    ("no content types", lambda p: _rezip(p, lambda e: e.pop("[Content_Types].xml")), "report.docx"),
    ("loops nested to billions of steps", lambda p: edit_template(p, "{{ s.totals }}", "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"), "steps"),
    ("a macro calling itself", lambda p: edit_template(p, "{{ s.totals }}", "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"), "report.docx"),
    ("a text repeated a billion times", lambda p: edit_template(p, "{{ s.totals }}", "{{ 'x' * 1000000000 }}"), "repeats"),
    ("a huge power", lambda p: edit_template(p, "{{ s.totals }}", "{{ 10 ** 100000000 }}"), "power"),
    ("a text centred in a billion characters", lambda p: edit_template(p, "{{ s.totals }}", "{{ 'x'.center(1000000000) }}"), "passes 1000000000"),
    ("a filter asked for a billion characters", lambda p: edit_template(p, "{{ s.totals }}", "{{ 'x'|center(1000000000) }}"), "passes 1000000000"),
    ("a printf width of a billion", lambda p: edit_template(p, "{{ s.totals }}", "{{ '%999999999d' % 1 }}"), "width"),
    ("a format width of a billion", lambda p: edit_template(p, "{{ s.totals }}", "{{ '{:>999999999}'.format(1) }}"), "width"),
    ("Python internals", lambda p: edit_template(p, "{{ s.totals }}", "{{ s.__class__.__mro__ }}"), "sandbox"),
    ("an unknown name", lambda p: edit_template(p, "{{ s.totals }}", "{{ s.no_such_sentence }}"), "no_such_sentence"),
    ("a Jinja syntax error", lambda p: edit_template(p, "{{ s.totals }}", "{% if %}"), "template error"),
]:
    case(f"templates: {kind}", "templates", 2, message)(lambda w, change=change: change(w.pack()))


KINDS = len(CASES)


def _runs() -> list:
    """Every case through the default pack; the pack and template cases through every pack."""
    return [pytest.param(kind, region, id=kind if region == DEFAULT_REGION else f"{kind} [{region}]")
            for kind, (tag, *_) in CASES.items()
            for region in (PACKS if tag in PACK_MATTERS else (DEFAULT_REGION,))]


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files[str(path.relative_to(root))] = (path.read_bytes(), path.stat().st_mtime_ns)
    return files


@pytest.mark.parametrize(("kind", "region"), _runs())
def test_battery(kind, region, tmp_path, capsys):
    tag, code, expect, setup = CASES[kind]
    work = Workspace(tmp_path, region)
    setup(work)
    data = work.args.pop() if work.args[-1:] == ["/dev/zero"] else str(work.data_path)
    before = _snapshot(tmp_path)
    args = [work.command, data, "-o", str(work.out), *work.args]
    exit_code, err, out = run_cli(args, capsys, kind)
    message = err + out
    assert exit_code == code, message
    for fragment in expect:
        assert fragment.format(data=data, out=work.out) in message, message
    assert "Traceback" not in message
    after = _snapshot(tmp_path)
    if code == 0:
        written = work.out.resolve()
        after.pop(str(written.relative_to(tmp_path)), None)
        before.pop(str(written.relative_to(tmp_path)), None)
    assert after == before, "files written or changed"
    assert not list(tmp_path.rglob("*.part"))
    if code == 0 and tag == "text":  # hostile text printed: the document must still be valid OOXML
        errors = OpenXmlValidator(max_errors=20).validate(str(work.out)).errors
        assert errors == [], "\n".join(str(e) for e in errors[:5])


def test_the_battery_covers_over_a_hundred_kinds_in_every_group():
    tags = {tag for tag, *_ in CASES.values()}
    assert KINDS >= 100
    assert tags == {"syntax", "encoding", "types", "magnitude", "structure", "codes", "text", "resources",
                    "paths", "packs", "templates"}
