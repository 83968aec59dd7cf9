"""Put imported figures into a data file without losing what the department wrote there.

Figures from the export replace the file's figures; every text stays. Lists of entries keyed by
code (the general budget's 项, economic lines, the funds' 项, the tables' detail) are matched by
code: an entry keeps its texts (``reason``, ``name``) when its code is still in the export.
"""

from __future__ import annotations

import copy
from typing import Any

from .cells import WorkbookError

KEYED = ("general_budget.items", "government_fund.items", "state_capital.items", "basic_spending.lines",
         "detail.income_lines", "detail.spending_lines", "detail.project_lines")
REPLACED = ("general_budget.stated_category_totals", "government_fund.three_public_costs",
            "state_capital.three_public_costs")
"""Objects the export gives whole: a part it no longer has must not stay behind."""


def merge(base: dict[str, Any], figures: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """``base`` with ``figures`` put in; ``notes`` gets a line for every text that had to go."""
    result = copy.deepcopy(base)
    _merge(result, figures, "", notes)
    return result


def _merge(target: dict, source: dict, path: str, notes: list[str]) -> None:
    for key, value in source.items():
        here = f"{path}.{key}" if path else key
        if here in KEYED:
            target[key] = _merge_entries(target.get(key) or [], value, here, notes)
        elif isinstance(value, dict) and here not in REPLACED:
            node = target.get(key)
            if not isinstance(node, dict):
                node = target[key] = {}
            _merge(node, value, here, notes)
        else:
            target[key] = value


def _texts(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if k != "code" and isinstance(v, str) and not _is_number(v)}


def _is_number(text: str) -> bool:
    return text.replace(".", "", 1).lstrip("-").isdigit()


def _merge_entries(existing: list, imported: list[dict], path: str, notes: list[str]) -> list[dict]:
    by_code = {e.get("code"): e for e in existing if isinstance(e, dict)}
    codes = {e["code"] for e in imported}
    for code, entry in by_code.items():
        if code not in codes and _texts(entry):
            notes.append(f"$.{path}: {code} is no longer in the export; its text ({', '.join(_texts(entry))}) "
                         "was dropped with it")
    return [{**entry, **_texts(by_code.get(entry["code"], {}))} for entry in imported]


def check_year(base: dict[str, Any], year: int | None, source: str, target: str) -> None:
    """An export of another year than the data file's is refused (it would mix two years' figures)."""
    have = base.get("department", {}).get("year") if isinstance(base.get("department"), dict) else None
    if year is not None and have is not None and int(have) != year:
        raise WorkbookError(f"{source}: the export is for {year}, but {target} holds the data of {have}; "
                            "nothing written (import into a new file, or check the export's year)")
