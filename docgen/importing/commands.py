"""The command-line subcommands for getting data in: ``import``, ``init``, ``workbook``, ``schema``.

Each writes its output atomically and only after everything was read; on bad input it raises a
:class:`~docgen.errors.DocgenError` (exit 2) and writes nothing.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InputError
from ..loader import load, parse_json, read_text, structure
from ..render import write_atomically
from .fillin_rows import empty_texts
from .workbook import load_workbook, read_workbook, write_workbook

T = TypeVar("T")


def dump(data: dict[str, Any]) -> bytes:
    """A data file's text: amounts as strings (exact), Chinese as is, two-space indent."""
    return (json.dumps(data, ensure_ascii=False, indent=2,
                       default=lambda v: format(v, "f") if isinstance(v, Decimal) else str(v)) + "\n").encode("utf-8")


def read_data(path: Path, output: bool = False) -> dict[str, Any]:
    """A data file as a dict (numbers as Decimal), read within the loader's bounds (size, encoding,
    depth, numbers, repeated keys) but not checked against the model: it may lack texts still to
    write. ``output``: the file is the one an import would update, and the error says it is kept."""
    try:
        return parse_json(read_text(path), source=str(path), size=path.stat().st_size)
    except InputError as exc:
        error = exc.in_file(str(path))
        if output:
            error.lines.append(f"{path}: not a docgen data file, or a damaged one; not overwritten")
        raise error from None


def read_prior(path: Path) -> tuple[Any, dict[str, Any]]:
    """Last year's data file or fill-in workbook: the loaded report and its dict; errors name the file."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        data = read_workbook(path)
        return load_workbook(path), data
    data = read_data(path)
    return load(path), data


def shaped(path: Path, data: dict[str, Any], work: Callable[[], T]) -> T:
    """``work`` on ``data``, read from ``path`` without checking it against the model (a data file
    may lack texts still to write). When it fails on the data's shape (a list where an object
    belongs), the loader names the JSON path, and the error the file; a failure on data of the
    right shape is docgen's own and goes on."""
    try:
        return work()
    except (AttributeError, TypeError, ValueError, KeyError, IndexError):
        try:
            structure(data)
        except InputError as named:
            # What is of the wrong shape first, then what is missing (a data file may lack texts).
            lines = sorted(named.lines, key=lambda line: "required field missing" in line)
            raise InputError(lines[0], lines).in_file(str(path)) from None
        raise


def _import(args: argparse.Namespace) -> int:
    from .export import read_export
    from .merge import check_year

    imported = read_export(args.export)
    to_workbook = args.output.suffix.lower() in (".xlsx", ".xlsm")
    base: dict[str, Any] = {}
    if args.output.exists():
        base = read_workbook(args.output) if to_workbook else read_data(args.output, output=True)
    shaped(args.output, base, lambda: check_year(base, imported.year, str(args.export), str(args.output)))
    notes: list[str] = []
    prior = read_prior(args.prior) if args.prior else None
    if prior and imported.year is not None and prior[0].department.year != imported.year - 1:
        raise InputError(f"{args.prior}: holds {prior[0].department.year}, not the year before the export's {imported.year}")
    data = shaped(args.output, copy.deepcopy(base), lambda: _updated(base, imported, prior, notes))
    content = shaped(args.output, data, lambda: write_workbook(data) if to_workbook else dump(data))
    empty = shaped(args.output, data, lambda: len(empty_texts(data)))
    write_atomically(content, args.output)
    for line in imported.mapped:
        print(f"mapped  {line}")
    for line in imported.unread + notes:
        print(f"not read  {line}")
    print(f"wrote {args.output}; {empty} text field(s) still empty (not all are needed: "
          "docgen check says which)" + ("" if to_workbook else f"; write them in: docgen workbook {args.output} -o FILL.xlsx"))
    return 0


def _updated(base: dict[str, Any], imported: Any, prior: tuple[Any, dict[str, Any]] | None,
             notes: list[str]) -> dict[str, Any]:
    """``base`` with last year's figures and texts carried forward and the export's figures merged in."""
    from .merge import merge
    from .prior import REVIEW, carry_forward

    if prior:
        base = carry_forward(base, *prior, notes)
    department = base.setdefault("department", {})
    if imported.department:
        department.setdefault("name", imported.department)
    if imported.year:
        department["year"] = imported.year
    data = merge(base, imported.data, notes)
    # What the export gives (institutions, staff) is this year's, no longer last year's to review.
    review = [path for path in data.pop(REVIEW, []) if not _has(imported.data, path)]
    if review:
        data[REVIEW] = review
    return data


def _has(data: dict[str, Any], path: str) -> bool:
    for key in path.split("."):
        if not isinstance(data, dict) or key not in data:
            return False
        data = data[key]
    return True


def _init(args: argparse.Namespace) -> int:
    from .prior import carry_forward

    if args.output.exists():
        raise InputError(f"{args.output}: exists; not overwritten (docgen import … -o {args.output} --prior … "
                         "updates a data file)")
    last, last_json = read_prior(args.prior)
    notes: list[str] = []
    data = carry_forward({}, last, last_json, notes)
    write_atomically(dump(data), args.output)
    print(f"wrote {args.output}: {len(data['last_year']['figures'])} 上年数 from {args.prior}; "
          f"carried over for review: {', '.join(data.get('$review', [])) or 'nothing'}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema

    text = json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
    if args.output:
        write_atomically(text.encode("utf-8"), args.output)
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _workbook(args: argparse.Namespace) -> int:
    if args.output.exists():
        # It may hold what the department wrote: replacing it would lose that.
        raise InputError(f"{args.output}: exists; not overwritten (an edited export updates it: "
                         f"docgen import EXPORT -o {args.output})")
    data = read_data(args.data)
    write_atomically(shaped(args.data, data, lambda: write_workbook(data)), args.output)
    print(f"wrote {args.output}")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add the subcommands to ``docgen``'s parser (each sets ``run``)."""
    sub = commands.add_parser("import", help="read the 部门决算 software's export (.xls/.xlsx) into a data file",
                              description="Read the figures of a 财决 export into OUT (a .json data file or "
                                          "a .xlsx fill-in workbook). When OUT exists its texts are kept and its "
                                          "figures updated; with --prior, last year's figures "
                                          "fill the 上年数 and the usual texts carry over.")
    sub.add_argument("export", type=Path, metavar="EXPORT", help="the export workbook (.xls or .xlsx)")
    sub.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                     help="the data file (.json), or a fill-in workbook (.xlsx) whose texts are kept")
    sub.add_argument("--prior", type=Path, metavar="LAST.json", help="last year's data file (or fill-in workbook)")
    sub.set_defaults(run=_import)
    sub = commands.add_parser("init", help="start this year's data file from last year's",
                              description="Write OUT with last year's figures as 上年数 and the texts that "
                                          "usually carry over (marked for review under $review).")
    sub.add_argument("--prior", required=True, type=Path, metavar="LAST.json",
                     help="last year's data file (or fill-in workbook)")
    sub.add_argument("-o", "--output", required=True, type=Path, metavar="OUT", help="the new data file")
    sub.set_defaults(run=_init)
    sub = commands.add_parser("workbook", help="write the fill-in workbook of what the department must write",
                              description="Write an .xlsx with a sheet per section: the texts to write, the "
                                          "figures beside them (locked) and a note per field. `docgen check` "
                                          "and `docgen render` read it back.")
    sub.add_argument("data", type=Path, metavar="DATA", help="the data file (.json)")
    sub.add_argument("-o", "--output", required=True, type=Path, metavar="OUT", help="the workbook (.xlsx)")
    sub.set_defaults(run=_workbook)
    sub = commands.add_parser("schema", help="print the data file's JSON Schema (for editors)",
                              description="Print the JSON Schema of a data file, generated from the model.")
    sub.add_argument("-o", "--output", type=Path, metavar="OUT", help="write it to OUT instead")
    sub.set_defaults(run=_schema)
