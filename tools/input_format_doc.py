"""Generate ``docs/input-format.md``, the reference of the input JSON, from the model itself.

The page walks the attrs classes from :class:`docgen.model.Report` down. Each field's meaning is
the string literal written right after it in the class body (read with ``ast``, since Python
keeps no attribute docstrings); types, defaults and constraints come from ``attrs.fields`` and
the field makers in ``docgen/model/_fields.py``; the error messages shown are produced by running
the loader and the command line, so the page cannot drift from the code.

Usage::

    python tools/input_format_doc.py            # (re)write docs/input-format.md
    python tools/input_format_doc.py --check    # exit 1 if docs/input-format.md is stale
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import inspect
import io
import json
import os
import re
import sys
import tempfile
import textwrap
import types
import typing
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere, without installing docgen
    sys.path.insert(0, str(ROOT))

import docgen  # noqa: E402
from docgen import figures as figures_module  # noqa: E402
from docgen.model import Report, _fields  # noqa: E402
from docgen.model.performance import MAX_INDICATORS, MAX_PROJECTS  # noqa: E402

OUTPUT = ROOT / "docs" / "input-format.md"
FIXTURE = ROOT / "fixtures" / "lizhou-xunchaban-2020.json"
FIXTURES = ROOT / "fixtures"

NOT_MONEY = {("Indicator", "weight"), ("Indicator", "score"), ("PerformanceManagement", "average_score"), ("YearOnYear", "stated_rate"),
             ("OperatingCosts", "stated_change_rate"), ("GeneralBudgetSpending", "stated_category_shares")}
"""Decimal fields that are points (分值, 得分) or percentages (stated rates and shares), not amounts
in 万元. The model types all as ``Decimal``; this set tells them apart and fails loudly if a named
field disappears."""

GENERIC_MEANINGS = {
    "name": "名称.",
    "code": "科目编码 (classification code).",
    "amount": "金额.",
    "actual": "决算数: this year's actual figure.",
    "budget": "预算数.",
    "prior_year": "上年决算数: last year's actual figure.",
    "change_reason": "主要变动原因: why the figure changed from last year (needed when it did).",
    "term": "名词: the term explained.",
    "explanation": "解释: the explanation printed for it.",
}
"""What a field with a self-explanatory name means when the model gives it no docstring
(``tests/test_docs.py`` allows exactly such names to go without one)."""


# Reading the model ---------------------------------------------------------------------------

@cache
def _class_nodes(module_name: str) -> dict[str, ast.ClassDef]:
    tree = ast.parse(inspect.getsource(sys.modules[module_name]))
    return {node.name: node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}


def _class_node(cls: type) -> ast.ClassDef:
    return _class_nodes(cls.__module__)[cls.__name__]


def _string_literal(node: ast.stmt) -> str | None:
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
        return node.value.value
    return None


def field_docstrings(cls: type) -> dict[str, str]:
    """Each field's docstring: the string literal right after its annotation in the class body.

    Inherited fields keep the docstring written in the class that declares them.
    """
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not attrs.has(klass):
            continue
        body = _class_node(klass).body
        for statement, following in zip(body, body[1:]):
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                literal = _string_literal(following)
                if literal is not None:
                    docs[statement.target.id] = inspect.cleandoc(literal)
    return docs


def class_docstring(cls: type) -> str | None:
    """The class's own docstring (not one inherited from a base class)."""
    doc = cls.__dict__.get("__doc__")
    return inspect.cleandoc(doc) if doc else None


def _unwrap(hint: typing.Any) -> tuple[typing.Any, bool]:
    """(the type without ``None``, whether ``None`` is allowed)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return hint, False


def _model_classes_in(hint: typing.Any) -> list[type]:
    hint, _ = _unwrap(hint)
    if attrs.has(hint):
        return [hint]
    return [c for arg in typing.get_args(hint) for c in _model_classes_in(arg)]


def reachable_classes() -> dict[type, list[str]]:
    """Every model class reachable from ``Report``, depth first in field order, with the JSON
    paths where it appears (``[]`` marks a list element)."""
    found: dict[type, list[str]] = {}

    def visit(cls: type, path: str) -> None:
        first = cls not in found
        found.setdefault(cls, []).append(path)
        if not first:
            return
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            hint, _ = _unwrap(hints[field.name])
            suffix = "[]" if typing.get_origin(hint) is tuple else ""
            for target in _model_classes_in(hint):
                visit(target, f"{path}.{field.name}{suffix}")

    visit(Report, "$")
    return found


def model_fields(cls: type) -> list[tuple[attrs.Attribute, typing.Any]]:
    hints = typing.get_type_hints(cls)
    return [(field, hints[field.name]) for field in attrs.fields(cls)]


# Describing a field ------------------------------------------------------------------------------

def _anchor(cls: type) -> str:
    return cls.__name__.lower()


def _link(cls: type) -> str:
    return f"[{cls.__name__}](#{_anchor(cls)})"


def _digit_lengths(validator: typing.Any) -> tuple[int, ...] | None:
    """The lengths a ``code(…)`` field accepts, read from its validator's closure."""
    if getattr(validator, "__qualname__", "") != f"{_fields._digits.__name__}.<locals>.check":
        return None
    return inspect.getclosurevars(validator).nonlocals.get("lengths")


def _or(values: typing.Sequence[object]) -> str:
    words = [str(v) for v in values]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _is_money(cls: type, field: attrs.Attribute) -> bool:
    return (cls.__name__, field.name) not in NOT_MONEY


def type_text(cls: type, field: attrs.Attribute, hint: typing.Any) -> str:
    hint, _ = _unwrap(hint)
    lengths = _digit_lengths(field.validator)
    if lengths:
        return f"code ({_or(lengths)} digits)"
    if field.validator is _fields._non_negative:
        return "whole number ≥ 0"
    return _type_name(hint, money=_is_money(cls, field))


def _type_name(hint: typing.Any, money: bool = True) -> str:
    hint, _ = _unwrap(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        return "text"
    if hint is Decimal:
        return "amount" if money else "number"
    if hint is int:
        return "whole number"
    if attrs.has(hint):
        return f"object {_link(hint)}"
    if origin is tuple:
        return f"list of {_type_name(args[0], money)}"
    if origin is dict and args == (str, Decimal):
        return f"map code → {'amount' if money else 'number'}"
    if origin is dict and args[0] is str:
        return f"map id → {_type_name(args[1], money)}"
    raise ValueError(f"no JSON description for the type {hint!r}: extend tools/input_format_doc.py")


def default_text(field: attrs.Attribute, hint: typing.Any) -> str:
    _, nullable = _unwrap(hint)
    default = field.default
    if default is attrs.NOTHING:
        return "**required**"
    if isinstance(default, attrs.Factory):
        made = default.factory
        if made is tuple:
            return "default: empty list"
        if made is dict:
            return "default: empty map"
        if attrs.has(made):
            return "default: all its fields at their defaults"
        return f"default: {made.__name__}()"
    if default is None:
        return "optional (omit or null)" if nullable else "default: null"
    return f"default {default}"


def _markdown(text: str) -> str:
    """Docstring markup as Markdown: RST ``literals`` and roles become `code`."""
    text = re.sub(r":\w+:`~?([^`]+)`", r"`\1`", text)
    return text.replace("``", "`")


def _cell(text: str) -> str:
    return " ".join(_markdown(text).split()).replace("|", "\\|")


def meaning_text(cls: type, field: attrs.Attribute, hint: typing.Any, docs: dict[str, str]) -> str:
    doc = docs.get(field.name) or GENERIC_MEANINGS.get(field.name)
    if doc is None:
        targets = _model_classes_in(hint)
        target_doc = class_docstring(targets[0]) if targets else None
        doc = target_doc.split("\n\n")[0] if target_doc else ""
    base, _ = _unwrap(hint)
    if _is_money(cls, field) and (base is Decimal or typing.get_args(base)[-1:] == (Decimal,)):
        doc = f"{doc} In 万元." if doc else "In 万元."
    return _cell(doc) if doc else "—"


# The page ----------------------------------------------------------------------------------------

def _run_cli(*args: str) -> tuple[int, str, str]:
    from docgen.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _bad_input_example() -> tuple[str, str, int, str]:
    """Run ``docgen check`` on the fixture with two mistakes; return what it printed."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["general_budget"]["items"][1]["budget"] = "fifty"
    data["spending"]["kinds"]["bsaic"] = 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        here = os.getcwd()
        os.chdir(folder)  # the message names the file as given: data.json, not a temporary path
        try:
            code, _, err = _run_cli("check", path.name)
        finally:
            os.chdir(here)
    return '"budget": "fifty"', '"bsaic": 1', code, err.rstrip("\n")


def _float_example() -> str:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"), parse_float=Decimal)
    data["income"]["sources"]["general_budget_grant"] = 0.1 + 0.2
    try:
        docgen.load(copy.deepcopy(data))
    except docgen.InputError as exc:
        return exc.lines[0]
    raise AssertionError("the loader accepted a binary float")


def limits() -> list[str]:
    """The loader's bounds and text normalisation, read from its constants."""
    from docgen import loader
    from docgen.model import _fields

    return [
        "## Text as pasted, and limits",
        "",
        "Texts are normalised once, when the data is loaded, and the self-check sees exactly what "
        "is printed:",
        "",
        "- **Line ends** — Windows `\\r\\n`, old Mac `\\r`, Word's Shift+Enter (`\\v`) and page "
        "break (`\\f`), U+2028 and U+2029 — all become the one line break docgen prints (`\\n`). "
        "Tabs stay.",
        "- **Invisible characters** — other control characters (which XML forbids), zero-width "
        "spaces and joiners, soft hyphens, byte-order marks, left-to-right and right-to-left marks "
        "— are removed.",
        "- **Direction controls** — bidi embeddings, overrides and isolates (U+202A–U+202E, "
        "U+2066–U+2069) — are refused with the JSON path: they would reverse the text after them, "
        "docgen's own figures included. So is a broken character (a lone UTF-16 surrogate).",
        "- **Nothing else is changed**: no trimming, no full-width/half-width conversion of the "
        "department's words. Codes alone accept full-width digits (`\"２０１０１０１\"` is "
        "`\"2010101\"`).",
        "- **Types mean what they say**: a list field given a text (`\"functions\": \"…\"`), an "
        "object given a list, `true` for a number, or a key written twice in one object is an "
        "error with its path, never a silent reinterpretation.",
        "- **Encoding**: UTF-8, with or without a byte-order mark. Any other encoding is named in "
        "the error (`data.json: not UTF-8 (looks like GBK): save it as UTF-8`).",
        "",
        "Limits, checked before the work they protect (exit 2 with the file and path):",
        "",
        "| what | limit |",
        "|---|---|",
        f"| the data file | {loader.MAX_INPUT_BYTES // 2**20} MiB (a complete report is some 40 KB) |",
        f"| nesting of arrays and objects | {loader.MAX_DEPTH} levels |",
        f"| entries of one list | {loader.MAX_LIST_ENTRIES} |",
        f"| objects, lists and numbers in the file | {loader.MAX_VALUES:,} (a complete report has under 1,000) |",
        f"| keys and texts in the file | {2 * loader.MAX_VALUES:,} |",
        f"| memory the values take when read | {loader.MEMORY_PER_BYTE}× the file's size, plus "
        f"{loader.MEMORY_ALLOWANCE // 2**10} KiB: a file of tiny values packed densely is refused "
        "(a report's data takes 3–5×; `[0,0,…]` or `[{},{},…]` would take 20–80×); a key repeating one "
        "before it counts as no text, since the parser keeps one copy of each key. Text given in "
        "memory counts as the UTF-8 file it would be. Reading any file over 1 MiB takes at most 10× "
        "its size (measured in `tests/test_memory.py`) |",
        f"| one JSON number | {loader.MAX_NUMBER_CHARS} characters |",
        f"| an amount | below {loader.MAX_AMOUNT:,} 万元, at most {loader.MAX_DECIMALS} decimal places |",
        f"| a whole number (count, year) | below {loader.MAX_COUNT:,} |",
        f"| one text | {_fields.MAX_TEXT_CHARS:,} characters |",
        f"| a name (the department's `name`, `short_name`, `region`, `supervisor`; a project's `name` and "
        f"`unit`; a code's `name`) | {_fields.MAX_NAME_CHARS} characters: a name is printed in every title, "
        "table and sentence that names it (the department's some 40 times) |",
        f"| projects | {MAX_PROJECTS:,}: each prints a page of its own table |",
        f"| indicators of all projects | {MAX_INDICATORS:,} (a report of 300 projects has about 3,000) |",
        "",
        *RENDER_MEMORY,
        *_workbook_limits(),
    ]


def _workbook_limits() -> list[str]:
    from docgen.importing import cells, extent

    return [
        "A fill-in workbook (`.xlsx`) given as the data has the workbook bounds of",
        "[importing.md](importing.md#workbooks-too-large-to-read) too "
        f"({cells.MAX_BYTES // 2**20} MB, {cells.MAX_UNPACKED // 2**20} MB unpacked, {extent.MAX_SHEETS} sheets, "
        "the sheets' grids and the text they show relative to the unpacked size): reading one takes at most "
        f"10× what it unpacks to, counted as at least {extent.FLOOR // 2**20} MB.",
        "",
    ]


RENDER_MEMORY = [
    "Rendering takes memory beyond what reading took, measured in `tests/test_memory.py`: the peak "
    "resident memory of rendering the file (lxml's allocations included) less that of rendering the "
    "minimal file through the same pack just before, against the file's size:",
    "",
    "| the file | render adds |",
    "|---|---|",
    "| the largest accepted (3.4 MiB) of long texts printed once: distinct, one sentence repeated, "
    "one character beyond the BMP | 9.3× / 7.8× / 9.3× its size (was 59× / 17× / 58×) |",
    "| 1.6 MiB of long reasons, 3.4 MiB of 40 项 lines with long reasons | 10.5× / 10.4× (was 25× / 59×) |",
    "| 999 项 lines (a 250 KB file), 300 projects of 10 indicators (2.2 MB) | 234× / 114× its size "
    "(was 249× / 134×): 17.4× / 16.1× the body's XML (was 18.5× / 18.9×) |",
    "",
    "Text in the file is held within about 10× its size. Rows are not, and cannot be without refusing "
    "real reports: a 项 line of some 100 bytes becomes a row in several tables, a project a page of its "
    "own table (some 50 KB of XML), and python-docx holds the body as an lxml tree of some 10× its "
    "XML. They are bounded in number instead (the entries of a list, the projects and indicators above), "
    "which bounds the worst accepted file: 999 projects (1.1 MB) add some 390 MB (were 470 MB).",
    "",
]


def intro() -> list[str]:
    report_fields = model_fields(Report)
    required = [f.name for f, _ in report_fields if f.default is attrs.NOTHING]
    optional = [f.name for f, _ in report_fields if f.default is not attrs.NOTHING]
    skeleton = ",\n".join(f'  "{name}": {{…}}' for name in required)
    bad_budget, bad_key, code, err = _bad_input_example()
    return [
        "# Input format",
        "",
        "<!-- Generated by tools/input_format_doc.py from the model in docgen/model/. "
        "Do not edit by hand: run `python tools/input_format_doc.py`. -->",
        "",
        "The data of one report is one JSON object: one department (部门), one fiscal year. It is "
        "loaded into the frozen attrs classes of `docgen/model/`; this page is generated from "
        "those classes, so every field below is exactly what the loader accepts. "
        "`fixtures/lizhou-xunchaban-2020.json` is a complete example (the 2020 report of "
        "中共广元市利州区委巡察办).",
        "",
        "At the top level these parts are required:",
        "",
        "```json",
        "{\n" + skeleton + "\n}",
        "```",
        "",
        "and these are optional (a missing part counts as empty or zero): "
        + ", ".join(f"`{name}`" for name in optional) + ". See [Report](#report).",
        "",
        "## Rules",
        "",
        "- **Amounts are exact decimals in 万元.** JSON numbers are read as `Decimal`, never as "
        "binary floats, and a string of digits is accepted too (`421.06` or `\"421.06\"`). What is "
        "written is kept: `89.496` stays `89.496`, and `10.00` keeps its two decimals (sentences "
        "print at least two decimals and up to four). From Python, pass `Decimal`, `int` or `str`: "
        "a `float` is refused —",
        f"  `{_float_example()}`.",
        "- **Unknown keys are refused**, so a misspelt key cannot be silently ignored.",
        "- **Every error names its JSON path**, and all errors are reported together. With "
        f"`{bad_budget}` in the second 项 and `{bad_key}` in `spending.kinds`, `docgen check` "
        f"exits {code} and prints:",
        "",
        "  ```text",
        textwrap.indent(err, "  "),
        "  ```",
        "",
        "- **Totals that follow from their parts are never typed**: the model and the figures "
        "derive them (see [Derived, never typed](#derived-never-typed)). The exceptions are the "
        "`stated_…` fields, figures as a published report printed them, kept for comparison "
        "(`docgen check`, see [the rules](rules.md)): `general_budget.stated_category_totals`, the "
        "类 totals, which the report prints, the figures keeping the sum of each 类's 项 beside them "
        "(`Figures.categories`); and the optional stated growth rates and 类 shares, which the "
        "report does not print (it prints the computed ones).",
        "- **Texts are reproduced as given**: functions, key work, reasons and evaluation prose "
        "are the department's own words, never reworded. Two things are the sentence's job, so "
        "leave them out of the data: 主要原因是 in front of a reason and the 。 after it (docgen "
        "drops them if given), and the numbers of list entries (docgen writes 一是…, 1.…).",
        "- A reason (`reason`, `change_reason`, `variance_reason`) is optional in the format but "
        "required by the wording whenever the figure changed or differs from its budget: "
        "`docgen check` reports each missing one by path.",
        "",
        *limits(),
        "## Types",
        "",
        "| type | in JSON |",
        "|---|---|",
        "| text | a string; a required text must not be blank |",
        "| amount | 万元, exact decimal: a JSON number (`14.14`) or a string (`\"14.14\"`) |",
        "| number | an exact decimal that is not money (分值, 得分): a JSON number or a string |",
        "| whole number | a JSON integer (`2020`); `\"2020\"` and `2020.5` are refused |",
        "| code (n digits) | a string of digits, e.g. `\"2011101\"`, not a JSON number (功能分类 "
        "类/款/项 = 3/5/7 digits, 经济分类 类/款 = 3/5) |",
        "| list of X | a JSON array |",
        "| object X | a JSON object with the fields of X (follow the link) |",
        "| map code → amount | a JSON object, e.g. `{\"201\": 386.49, \"208\": 19.76}` |",
        "",
        "Fields marked **required** must be present; any other field may be left out and takes "
        "the default shown.",
    ]


def class_section(cls: type, paths: list[str]) -> list[str]:
    docs = field_docstrings(cls)
    where = ", ".join(f"`{p}`" for p in paths)
    lines = ["", f"### {cls.__name__}", ""]
    doc = class_docstring(cls)
    if doc:
        lines += [_markdown(doc), ""]
    lines += [f"At {where}.", "", "| field | type | required or default | meaning |", "|---|---|---|---|"]
    for field, hint in model_fields(cls):
        lines.append(f"| `{field.name}` | {type_text(cls, field, hint)} | {default_text(field, hint)} "
                     f"| {meaning_text(cls, field, hint, docs)} |")
    return lines


def _computed_as(function: typing.Any) -> str:
    """The expression a one-line property returns, without ``self.``; empty otherwise."""
    node = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    body = [s for s in node.body if _string_literal(s) is None]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return ""
    expression = ast.unparse(body[0].value).replace("self.", "")
    return f"`{expression}`" if len(expression) <= 110 else ""


def _properties(cls: type) -> list[tuple[str, typing.Any, str]]:
    """(name, getter, docstring) of the properties a class defines itself, in source order."""
    found = []
    for name, member in vars(cls).items():
        getter = member.fget if isinstance(member, property) else (
            member.func if isinstance(member, cached_property) else None)
        if getter is not None:
            found.append((name, getter, inspect.getdoc(getter) or ""))
    return found


def derived_section(classes: dict[type, list[str]]) -> list[str]:
    lines = [
        "",
        "## Derived, never typed",
        "",
        "Do not put these in the data: docgen computes them, so a figure printed in two places "
        "is the same number everywhere. Written as a key of its object (`total` in `procurement`, "
        "say), one of these is refused as an unknown field.",
        "",
        "### Totals of the model",
        "",
        "| name | of | meaning | computed as |",
        "|---|---|---|---|",
    ]
    for cls in classes:
        for name, getter, doc in _properties(cls):
            meaning = _cell(doc.split("\n\n")[0]) if doc else "—"
            lines.append(f"| `{name}` | {_link(cls)} | {meaning} | {_computed_as(getter) or '—'} |")
    lines += [
        "",
        "### Figures of the report",
        "",
        "`docgen.figures.Figures` derives every total, share, change and rate the sentences, "
        "tables and charts print, once, from the model (domain.md §5).",
        "",
        "| figure | meaning | computed as |",
        "|---|---|---|",
    ]
    for name, getter, doc in _properties(figures_module.Figures):
        meaning = _cell(doc.splitlines()[0]) if doc else "—"
        lines.append(f"| `{name}` | {meaning} | {_computed_as(getter) or '—'} |")
    return lines


def _json_paths(value: typing.Any, path: str = "$") -> typing.Iterator[str]:
    """Every key path of a JSON value, list entries written ``[]`` (as the class paths are)."""
    if isinstance(value, dict):
        for key, entry in value.items():
            yield f"{path}.{key}"
            yield from _json_paths(entry, f"{path}.{key}")
    elif isinstance(value, list):
        for entry in value:
            yield from _json_paths(entry, f"{path}[]")


def fixtures_section(classes: dict[type, list[str]]) -> list[str]:
    """Which optional fields each fixture fills, where the fixtures differ."""
    fixtures = sorted(FIXTURES.glob("*.json"))
    filled = [set(_json_paths(json.loads(f.read_text(encoding="utf-8")))) for f in fixtures]
    lines = [
        "",
        "## What the fixtures fill",
        "",
        "The optional fields that some of the fixtures in `fixtures/` fill and others leave out where "
        "they have the object that holds it (a field inside an object a fixture lacks altogether is "
        "listed at that object). "
        + "; ".join(f"`{f.name}`: {_FIXTURE_NOTES.get(f.stem, '')}".rstrip(": ") for f in fixtures) + ".",
        "",
        "| field | " + " | ".join(f"`{f.stem}`" for f in fixtures) + " |",
        "|---|" + "---|" * len(fixtures),
    ]
    for cls, paths in classes.items():
        for field, _ in model_fields(cls):
            if field.default is attrs.NOTHING:
                continue
            for path in paths:
                where = f"{path}.{field.name}"
                marks = [where in found for found in filled]
                left_out = [path == "$" or path.replace("[]", "") in {p.replace("[]", "") for p in found}
                            for found, mark in zip(filled, marks) if not mark]
                if any(marks) and any(left_out):
                    lines.append(f"| `{where}` | " + " | ".join("✓" if m else "" for m in marks) + " |")
    return lines


_FIXTURE_NOTES = {
    "lizhou-xunchaban-2020": "the 2020 reference report as published, through the 2020 wording",
    "complete-department-2024": "a fictional 四川 county department's 2024 report for the current Sichuan pack "
                                "(预算管理一体化 project tables, SME awards by kind)",
    "shanghai-department-2024": "a fictional 上海 department with the fields of the current templates (上海 2024, "
                                "预算管理一体化 project tables)",
}
"""What each fixture is for; a fixture not named here is listed without a note."""


def generate() -> str:
    """The whole page, as it should be on disk."""
    classes = reachable_classes()
    for owner, name in NOT_MONEY:
        if not any(c.__name__ == owner and name in attrs.fields_dict(c) for c in classes):
            raise ValueError(f"NOT_MONEY names {owner}.{name}, which the model no longer has")
    lines = intro()
    lines += ["", "## The data, part by part"]
    for cls, paths in classes.items():
        lines += class_section(cls, paths)
    lines += derived_section(classes)
    lines += fixtures_section(classes)
    return "\n".join(lines) + "\n"


def is_current(path: Path = OUTPUT) -> bool:
    """Whether the file on disk is exactly what :func:`generate` writes."""
    return path.is_file() and path.read_text(encoding="utf-8") == generate()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the file on disk differs from what would be generated")
    parser.add_argument("--out", type=Path, default=OUTPUT, help=f"the page to write (default: {OUTPUT})")
    args = parser.parse_args(argv)
    if args.check:
        if is_current(args.out):
            print(f"{args.out} is up to date")
            return 0
        print(f"{args.out} is stale: run python tools/input_format_doc.py", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(generate(), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
