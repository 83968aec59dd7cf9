"""The command-line subcommands for getting data in: ``import``, ``init``, ``workbook``, ``schema``.

Each writes its output atomically and only after everything was read; on bad input it raises a
:class:`~docgen.errors.DocgenError` (exit 2) and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..loader import load_json
from ..render import write_atomically
from .fillin_rows import empty_texts
from .workbook import load_workbook, read_workbook, write_workbook


def dump(data: dict[str, Any]) -> bytes:
    """A data file's text: amounts as strings (exact), Chinese as is, two-space indent."""
    return (json.dumps(data, ensure_ascii=False, indent=2,
                       default=lambda v: format(v, "f") if isinstance(v, Decimal) else str(v)) + "\n").encode("utf-8")


def read_data(path: Path) -> dict[str, Any]:
    """A data file as a dict (numbers as Decimal), without checking it against the model."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text, parse_float=Decimal)
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a docgen data file (not UTF-8 text); not overwritten") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not a docgen data file ({exc.msg} at line {exc.lineno}); not overwritten") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: not a docgen data file (expected a JSON object); not overwritten")
    return data


def read_prior(path: Path) -> tuple[Any, dict[str, Any]]:
    """Last year's data file or fill-in workbook: the loaded report and its dict."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        data = read_workbook(path)
        return load_workbook(path), data
    data = read_data(path)
    return load_json(path.read_text(encoding="utf-8"), source=str(path)), data


def _import(args: argparse.Namespace) -> int:
    from .export import read_export
    from .merge import check_year, merge
    from .prior import REVIEW, carry_forward

    imported = read_export(args.export)
    to_workbook = args.output.suffix.lower() in (".xlsx", ".xlsm")
    base = (read_workbook(args.output) if to_workbook else read_data(args.output)) if args.output.exists() else {}
    check_year(base, imported.year, str(args.export), str(args.output))
    notes: list[str] = []
    if args.prior:
        last, last_json = read_prior(args.prior)
        if imported.year is not None and last.department.year != imported.year - 1:
            raise InputError(f"{args.prior}: holds {last.department.year}, not the year before the export's {imported.year}")
        base = carry_forward(base, last, last_json, notes)
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
    write_atomically(write_workbook(data) if to_workbook else dump(data), args.output)
    for line in imported.mapped:
        print(f"mapped  {line}")
    for line in imported.unread + notes:
        print(f"not read  {line}")
    print(f"wrote {args.output}; {len(empty_texts(data))} text field(s) still empty (not all are needed: "
          "docgen check says which)" + ("" if to_workbook else f"; write them in: docgen workbook {args.output} -o FILL.xlsx"))
    return 0


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
    write_atomically(write_workbook(data), args.output)
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
