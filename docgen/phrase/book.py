"""The phrasebook: fills a region's wording patterns, and the clauses sentences share.

A pattern that needs a value the data lacks (usually ``{reason}``) records a :class:`Finding` with
the field's JSON path instead of printing a placeholder; rendering refuses while such findings exist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from .. import formatting as fmt
from ..derive import Change, Completion
from ..errors import RegionError
from ..figures import Part
from ..findings import Finding
from ..pack.patterns import PHRASES
from ..pack.wording import entity_wording
from ..regions import Region, pattern_pieces
from ..rules.config import rule_settings

_REDUNDANT_LEAD = re.compile(r"^(?:主要(?:变动)?原因(?:是|为|：|:)|原因(?:是|为))+")


class _Labels(dict):
    def __init__(self, pairs: Sequence[Sequence[str]], where: str):
        super().__init__(pairs)
        self.where = where

    def __missing__(self, key: str) -> str:
        raise RegionError(f"{self.where}: no label for '{key}'")


class Phrasebook:
    """Fills a region's patterns; records every placeholder left without a value."""

    def __init__(self, region: Region):
        self.region = region
        self.findings: list[Finding] = []
        self.unasked: set[str] = set()
        """JSON paths of the data's reasons for figures the pack's wording does not state (上海 八: no
        change on last year), which ``reason-unprinted`` leaves alone: the pack decides what it prints."""
        self._worded: dict[str, tuple[tuple[str, str | None], ...]] = {}
        """Each pattern's pieces, its literals in the pack's words for the entity."""
        self.min_rate: Decimal = rule_settings(region, "reason-missing").params.get("min_rate", Decimal(0))
        """A change of less than this (%) needs no reason: its sentence takes a ``…_minor`` variant."""

    def change_variant(self, family: str, change: Change, reason: str | None) -> str:
        """The variant for ``change``: its direction, or ``<direction>_minor`` when no reason is given,
        the change is below the ``reason-missing`` rule's ``min_rate`` and the family words that case."""
        variant = change.direction.value
        rate = change.rate
        if (not reason and variant in ("increase", "decrease") and rate is not None and rate < self.min_rate
                and f"{variant}_minor" in self.words(family)):
            return f"{variant}_minor"
        return variant

    def words(self, family: str) -> Mapping[str, Any]:
        return self.region.phrases(family)

    def labels(self, family: str, key: str) -> Mapping[str, str]:
        """A ``[[key, label], …]`` list of the family's as a mapping that names the pack key when a
        label is missing (a pack may give the list without one of the keys the data uses)."""
        return _Labels(self.words(family)[key], f"region {self.region.name}: [phrases.{family}] {key}")

    def fill(self, family: str, variant: str, paths: Mapping[str, str] | None = None, **values: Any) -> str:
        pattern = self.words(family).get(variant)
        if not isinstance(pattern, str):
            raise RegionError(f"region {self.region.name}: [phrases.{family}] has no text '{variant}'")
        declared = PHRASES[family][variant].placeholders
        if set(values) != set(declared):
            # The catalogue documents what each pattern receives: code and catalogue must agree.
            raise AssertionError(f"phrases.{family}.{variant}: filled with {sorted(values)}, declared {declared}")
        return self.format(pattern, f"phrases.{family}.{variant}", paths or {}, values)

    def format(self, pattern: str, where: str, paths: Mapping[str, str], values: Mapping[str, Any]) -> str:
        out: list[str] = []
        pieces = self._worded.get(pattern)
        if pieces is None:  # each pattern worded once a report (a report fills the same few often)
            pieces = self._worded[pattern] = tuple(
                (entity_wording(self.region, literal), name)
                for literal, name in pattern_pieces(pattern, f"region {self.region.name}: {where}"))
        for literal, name in pieces:
            out.append(literal)
            if name is None:
                continue
            if name not in values:
                raise RegionError(f"region {self.region.name}: {where}: unknown placeholder {{{name}}}")
            value = self._value(name, values[name], paths, where)
            # A reason written as 一是…二是… follows 原因 directly: 主要原因是一是… reads wrong. Only
            # the pack's own 是 goes; the department's words are printed as written.
            if value.startswith("一是") and out[-1].endswith("是"):
                out[-1] = out[-1][:-1]
            out.append(value)
        return "".join(out)

    def _value(self, name: str, value: Any, paths: Mapping[str, str], where: str) -> str:
        if name == "reason" and isinstance(value, str):
            value = _REDUNDANT_LEAD.sub("", value.strip()).rstrip("。；;，, ")
        if value is None or value == "":
            path = paths.get(name, "$")
            rule = "reason-missing" if name == "reason" else "text-missing"
            what = "缺少原因说明" if name == "reason" else f"缺少内容（{name}）"
            if all((f.rule, f.path) != (rule, path) for f in self.findings):
                self.findings.append(Finding(rule, "error", path, f"{what}：句式 {where} 需要该内容"))
            return ""
        if isinstance(value, Decimal):
            return fmt.amount(value)
        return str(value)


def percent(value: Decimal | None) -> str:
    return fmt.percent(value)


# Reusable clauses ----------------------------------------------------------------------------

def change_clause(book: Phrasebook, family: str, subject: str, change: Change, prior_year: int,
                  reason: str | None, reason_path: str) -> str:
    """增加/减少/持平 against last year (direction picks the variant; a minor change without a reason
    takes the ``…_minor`` one, see :meth:`Phrasebook.change_variant`)."""
    variant = book.change_variant(family, change, reason)
    values = dict(subject=subject, change=change.delta, rate=percent(change.rate), prior_year=prior_year)
    if not variant.endswith("_minor"):
        values["reason"] = reason
    return book.fill(family, variant, {"reason": reason_path}, **values)


def completion_clause(book: Phrasebook, completion: Completion, family: str = "completion",
                      variant: str = "rate") -> str:
    """完成预算{rate}%, or that no budget was set (no rate can be computed)."""
    if completion.budget == 0:
        return book.fill("completion", "no_budget")
    return book.fill(family, variant, rate=percent(completion.rate))


def variance_clause(book: Phrasebook, completion: Completion, reason: str | None, reason_path: str) -> str:
    return book.fill("variance", completion.variance.value, {"reason": reason_path}, reason=reason,
                     budget=completion.budget, actual=completion.actual)


def structure_parts(book: Phrasebook, parts: Sequence[Part], labels: Sequence[Sequence[str]],
                    omit_when_zero: Sequence[str] = (), part_family: str = "structure") -> str:
    """``{label}{amount}万元，占{share}%`` for each listed part, zeros included unless omitted."""
    by_key = {p.key: p for p in parts}
    words = book.words(part_family)
    pieces = [
        book.format(words["part"], f"phrases.{part_family}.part", {},
                    {"label": label, "amount": by_key[key].amount, "share": percent(by_key[key].share)})
        for key, label in labels
        if not (key in omit_when_zero and by_key[key].amount == 0)
    ]
    return book.words("structure")["separator"].join(pieces)


def numbered(book: Phrasebook, lines: Sequence[str], name: str) -> list[str]:
    """``lines`` numbered in the style of list ``name`` (``[numbering.lists]``, else ``list_item``)."""
    numbering = book.region.section("numbering")
    style = numbering.get("lists", {}).get(name, numbering["list_item"])
    return [fmt.list_number(style, i) + line for i, line in enumerate(lines, 1)]


