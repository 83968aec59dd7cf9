"""Tools for pack authors: ``docgen region new``, ``check`` and ``show``."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import RegionError
from .chain import PACK_FILE, Region, load_region, shown

NEW_PACK = '''# {name}: a region pack. Everything not set here comes from "{parent}" and, through it, from
# base (templates/base/region.toml lists every key, commented; docs/pack-reference.md too).
# `docgen region show {name_or_path}` prints the resolved pack, `docgen region check {name_or_path}` checks it.

name = "{name}"
extends = "{parent}"

# Examples (uncomment and edit):
# [report]
# order = ["overview", "statement", "income_spending", "income", "spending", "grants", "general_budget",
#          "basic_spending", "three_public_costs", "government_fund", "state_capital", "other_matters",
#          "glossary", "attachments", "statistical_tables"]
# entity = "单位"
# contents = true            # a 目录 after the cover
# page_numbers = "body"      # the cover unnumbered, the body from — 1 —
#
# [headings]
# three_public_costs = "财政拨款“三公”经费支出决算情况说明"
#
# [numbering.lists]
# glossary = "{{cn}}、"
#
# [phrases.variance]
# under = "决算数小于预算数，主要原因是{{reason}}。"
#
# A section's layout: copy its fragment (sections/<id>.docx from templates/base) into a sections/
# folder here and edit it in Word; the page and styles: a report.docx here and template = "report.docx".
'''


def new_pack(name: str, parent: str, into: Path, search: Sequence[Path] = ()) -> Path:
    """Write ``into/name/region.toml`` extending ``parent``; refuses to overwrite anything."""
    load_region(parent, search)  # the parent must resolve
    folder = into / name
    if folder.exists():
        raise RegionError(f"{folder}: already exists; nothing written")
    if not into.is_dir():
        raise RegionError(f"{into}: no such folder; nothing written")
    folder.mkdir()
    (folder / PACK_FILE).write_text(NEW_PACK.format(name=name, parent=parent, name_or_path=folder),
                                    encoding="utf-8")
    return folder


def check_pack(path: str | Path, search: Sequence[Path] = ()) -> Region:
    """Load a pack, and check what only its use would otherwise reveal: the order and headings,
    the chart options, the rules' settings and the statistical tables' kinds."""
    # The modules that use these tables check them; they sit above the pack, so imported here.
    from ..charts import FIGURES, chart_options, omitted
    from ..rules.config import rule_config
    from ..sections.layout import headings, order
    from ..tables.statistical import table_kinds

    region = load_region(path, search)
    order(region)
    headings(region, {"year": 2000, "department": ""})
    omitted(region)
    for key in FIGURES:
        chart_options(region, key)
    rule_config(region)
    table_kinds(region)
    return region


def _leaves(data: Mapping[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Leaf values by key path, a table's own keys before its subtables (as TOML must have them)."""
    for key, value in data.items():
        if not isinstance(value, Mapping):
            yield path + (key,), value
    for key, value in data.items():
        if isinstance(value, Mapping):
            yield from _leaves(value, path + (key,))


def _has(layer: Mapping[str, Any], path: tuple[str, ...]) -> bool:
    for key in path:
        if not isinstance(layer, Mapping) or key not in layer:
            return False
        layer = layer[key]
    return True


def show_lines(region: Region) -> Iterator[str]:
    """Every resolved value as ``[table] key = value  # file it came from``, then the layout files."""
    table: tuple[str, ...] | None = None
    for path, value in _leaves(region.settings):
        source = next(folder for folder, layer in zip(region.chain, region.layers) if _has(layer, path))
        if path[:-1] != table:
            table = path[:-1]
            if table:
                yield f"\n[{'.'.join(table)}]"
        yield f"{path[-1]} = {json.dumps(value, ensure_ascii=False)}  # {shown(source / PACK_FILE)}"
    yield "\n# layout"
    yield f"template = {json.dumps(str(shown(region.template)))}"
    from ..sections.layout import fragment, order

    for section_id in order(region):
        yield f"sections.{section_id} = {json.dumps(str(shown(Path(fragment(region, section_id)))))}"
