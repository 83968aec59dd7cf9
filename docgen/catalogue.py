"""The classification code catalogue (政府收支分类科目): names and explanations of codes.

The packaged file ``data/catalogue.json`` holds every functional 类 of the national catalogue, the
common 款 and 项, and the economic 类/款 of 部门预算, each valid for a range of edition years. A
report's own ``codes`` add codes or override names and explanations.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from attrs import frozen

from .model import CodeEntry

LEVEL_NAMES = {3: "类", 5: "款", 7: "项"}


@frozen
class Code:
    code: str
    name: str
    explanation: str | None = None

    @property
    def level(self) -> str:
        return LEVEL_NAMES[len(self.code)]

    @property
    def parent(self) -> str | None:
        return {7: self.code[:5], 5: self.code[:3]}.get(len(self.code))


@frozen
class Catalogue:
    """Look-ups for one fiscal year: ``functional[code]`` and ``economic[code]``."""

    edition: int
    functional: dict[str, Code]
    economic: dict[str, Code]

    def function(self, code: str) -> Code:
        """The functional code, or a ``KeyError`` naming it."""
        try:
            return self.functional[code]
        except KeyError:
            raise KeyError(f"功能分类科目 {code} 不在科目表中（{self.edition}年版），请在 codes 中补充") from None

    def lineage(self, code: str) -> tuple[Code, ...]:
        """类, 款, 项 of a functional code, from the top."""
        return tuple(self.function(code[:n]) for n in (3, 5, 7) if n <= len(code))


@lru_cache(maxsize=1)
def _packaged() -> dict:
    text = resources.files("docgen").joinpath("data/catalogue.json").read_text(encoding="utf-8")
    return json.loads(text)


def _valid_in(entry: dict, year: int) -> bool:
    return entry.get("since", 0) <= year <= entry.get("until", 9999)


def _index(entries: Iterable[dict], year: int) -> dict[str, Code]:
    return {
        e["code"]: Code(e["code"], e["name"], e.get("explanation"))
        for e in entries
        if _valid_in(e, year)
    }


def catalogue_for(year: int, overrides: Iterable[CodeEntry] = ()) -> Catalogue:
    """The catalogue as it stood for fiscal ``year``, with a report's own codes laid over it."""
    packaged = _packaged_for(year)
    functional, economic = dict(packaged.functional), dict(packaged.economic)
    for entry in overrides:
        # Economic 款 are 5 digits like functional 款; a 30x/31x code is economic.
        target = economic if entry.code[:1] == "3" else functional
        known = target.get(entry.code)
        explanation = entry.explanation or (known.explanation if known else None)
        target[entry.code] = Code(entry.code, entry.name, explanation)
    return Catalogue(packaged.edition, functional, economic)


@lru_cache(maxsize=16)
def _packaged_for(year: int) -> Catalogue:
    """The packaged catalogue of ``year``: the same for every department of the year, so built
    once (a report gets copies of its dicts to lay its own codes over)."""
    data = _packaged()
    return Catalogue(data["edition"], _index(data["functional"], year), _index(data["economic"], year))
