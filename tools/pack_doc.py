"""Write ``docs/pack-reference.md``, the region-pack reference, from the code: every section
(docgen.sections), every pattern with its placeholders and variants (docgen.pack.patterns), and
every option (docgen.pack.schema), each with its example, the base pack's value.

    python tools/pack_doc.py [--check]

``tests/test_pack_doc.py`` fails when the committed page is stale.
"""

from __future__ import annotations

import argparse
import json
import sys
import typing
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "pack-reference.md"

HEADER = """# Region pack reference

Generated from the code by `tools/pack_doc.py` (a test keeps it current). How packs work, with
worked examples: [region-packs.md](region-packs.md). Every example below is the value in
`templates/base/region.toml`, which every pack inherits.
"""


def _example(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    text = text if len(text) <= 160 else text[:157] + "…"
    return "`" + text.replace("|", "\\\\|").replace("`", "'") + "`"


def _get(data: Any, path: list[str]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def sections(base: dict) -> list[str]:
    from docgen.sections import SECTIONS

    lines = ["## Sections", "",
             "Each section is a unit (`docgen/sections/<id>.py`): its sentences, the figures it draws, its "
             "table hooks; its layout is `sections/<id>.docx` (else `sections/default.docx`). "
             "`[report] order` prints them; `[headings] <id>` titles them; `[sections] omit` leaves them out. "
             "Those after the base order's end are not in it: `performance` prints inside `other_matters` "
             "unless a pack lists it.", "",
             "| id | heading (base) | charts | tables | what it holds |", "|---|---|---|---|---|"]
    order = base["report"]["order"]
    for unit in sorted(SECTIONS.values(), key=lambda u: order.index(u.id) if u.id in order else len(order)):
        heading = base.get("headings", {}).get(unit.id, base["statistical_tables"]["heading"]
                                               if unit.id == "statistical_tables" else "")
        doc = (unit.doc or unit.title).splitlines()[0].replace("|", "\\|")
        lines.append(f"| `{unit.id}` | {heading} | {', '.join(f'`{c}`' for c in unit.charts)} | "
                     f"{', '.join(f'`{t}`' for t in unit.tables)} | {doc} |")
    return lines + [""]


def patterns(base: dict) -> list[str]:
    from docgen.pack.patterns import OTHER_PATTERNS, PHRASES

    lines = ["## Patterns", "",
             "Each key, the placeholders docgen fills in it, and whether a pack chain must set it. A pattern "
             "that uses another placeholder is refused when the pack loads; so is any unknown key. Variants "
             "(increase, decrease, equal, from_zero, …) are picked from the numbers.", ""]
    tables = [(f"phrases.{family}", keys) for family, keys in PHRASES.items()]
    tables += [(table, keys) for table, keys in OTHER_PATTERNS.items() if keys]
    for table, keys in tables:
        lines += [f"### `[{table}]`", "", "| key | placeholders | required | example |", "|---|---|---|---|"]
        for key, wording in keys.items():
            if wording.kind == "pattern":
                kind = " ".join(f"`{{{p}}}`" for p in wording.placeholders) or "—"
            else:
                kind = "list of [key, label]" if wording.kind == "pairs" else "list of keys"
            example = _get(base, table.split(".") + [key])
            lines.append(f"| `{key}` | {kind} | {'yes' if wording.required else 'no'} | "
                         f"{_example(example) if example is not None else '—'} |")
        lines.append("")
    return lines


def _type(field: attrs.Attribute) -> str:
    kind = field.type
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    if type(None) in typing.get_args(kind) and len(args) == 1:
        kind = args[0]
    if kind is typing.Any:
        return "any"
    return kind.__name__ if isinstance(kind, type) and not typing.get_args(kind) else str(kind).replace("typing.", "")


def options(base: dict) -> list[str]:
    from docgen.pack.patterns import OTHER_PATTERNS
    from docgen.pack.schema import Pack

    lines = ["## Options", "",
             "Every other key of `region.toml` (the patterns above excepted). `[charts]` values are checked by "
             "`docgen.charts`, `[rules]` by `docgen.rules.config` (see [rules.md](rules.md)).", "",
             "| key | type | example |", "|---|---|---|"]
    skip = {(t, k) for t, keys in OTHER_PATTERNS.items() for k in keys}

    def walk(cls: type, path: list[str]) -> None:
        for field in attrs.fields(cls):
            inner = [a for a in getattr(field.type, "__args__", ()) if attrs.has(a)]
            items = [a for arg in getattr(field.type, "__args__", ()) for a in typing.get_args(arg)
                     if typing.get_origin(arg) is list and attrs.has(a)]
            if path and (".".join(path), field.name) in skip:
                continue
            if inner:
                walk(inner[0], path + [field.name])
                continue
            if items:  # a list of tables ([[a.b]]): each entry's keys, the first entry's values
                for item in attrs.fields(items[0]):
                    example = _get(base, path + [field.name])
                    example = example[0].get(item.name) if example else None
                    lines.append(f"| `{'.'.join(path + [field.name])}[].{item.name}` | {_type(item)} | "
                                 f"{_example(example) if example is not None else '—'} |")
                continue
            if not path and field.name == "phrases":
                continue
            key = ".".join(path + [field.name])
            example = _get(base, path + [field.name])
            lines.append(f"| `{key}` | {_type(field)} | {_example(example) if example is not None else '—'} |")
    walk(Pack, [])
    return lines + [""]


def generate() -> str:
    from docgen.regions import load_region

    base = dict(load_region("base").settings)
    return "\n".join([HEADER, *sections(base), *patterns(base), *options(base)])


def is_current(path: Path = OUTPUT) -> bool:
    return path.is_file() and path.read_text(encoding="utf-8") == generate()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page on disk is stale")
    args = parser.parse_args(argv)
    if args.check:
        if is_current():
            print(f"{OUTPUT} is up to date")
            return 0
        print(f"{OUTPUT} is stale: run python tools/pack_doc.py", file=sys.stderr)
        return 1
    OUTPUT.write_text(generate(), encoding="utf-8")
    print(OUTPUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
