"""A region's ``[rules]`` table: the tolerance, and per rule ``enabled``, ``level`` and parameters.

```toml
[rules]
tolerance = "0.01"            # 万元 (and percentage points for rates)

[rules.three-public-over-budget]
level = "error"               # a bureau that treats overspending as an error

[rules.text-year]
allow = [-1, 0, 1]            # this year, last year and next year may be named
```

Unknown rule ids, unknown parameters, values of the wrong type, and an attempt to switch off or
lower a blocking rule are refused when the pack is used (:class:`~docgen.errors.RegionError`).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from attrs import frozen

from ..errors import RegionError
from ..regions import Region
from . import ERROR, LEVELS, RULES, WARNING, Rule

DEFAULT_TOLERANCE = Decimal("0.01")


@frozen
class RuleSettings:
    """One rule as a region configures it."""

    enabled: bool
    level: str
    params: Mapping[str, Any]


@frozen
class RuleConfig:
    """The configuration of every rule for one region."""

    tolerance: Decimal
    rules: Mapping[str, RuleSettings]
    region: Region | None = None
    """The pack, for the rules that check what its wording prints (``None``: the catalogue's defaults)."""

    def settings(self, rule_id: str) -> RuleSettings:
        found = self.rules.get(rule_id)
        if found is not None:
            return found
        # A rule id the catalogue does not know (a new finding elsewhere): as reported, enabled.
        return RuleSettings(True, ERROR, {})


def _decimal(value: Any, where: str) -> Decimal:
    if isinstance(value, bool):
        raise RegionError(f"{where}: expected a number, got {value!r}")
    try:
        result = Decimal(str(value).strip()) if isinstance(value, (int, float, str, Decimal)) else None
    except InvalidOperation:
        result = None
    if result is None or not result.is_finite():
        raise RegionError(f"{where}: expected a number, got {value!r}")
    return result


def _convert(default: Any, value: Any, where: str) -> Any:
    """``value`` checked against the type of the parameter's default."""
    if isinstance(default, Decimal):
        return _decimal(value, where)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise RegionError(f"{where}: expected true or false, got {value!r}")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise RegionError(f"{where}: expected a whole number, got {value!r}")
        return value
    if isinstance(default, str):
        if not isinstance(value, str):
            raise RegionError(f"{where}: expected a text, got {value!r}")
        return value
    if isinstance(default, (list, tuple)):
        if not isinstance(value, list):
            raise RegionError(f"{where}: expected a list, got {value!r}")
        sample = default[0] if default else ""  # an empty default holds texts
        return [_convert(sample, v, f"{where}[{i}]") for i, v in enumerate(value)]
    return value


def _rule_settings(entry: Rule, table: Any, where: str) -> RuleSettings:
    if not isinstance(table, Mapping):
        raise RegionError(f"{where}: must be a table (level, enabled, parameters)")
    enabled, level, params = True, entry.level, dict(entry.params)
    for key, value in table.items():
        if key == "enabled":
            enabled = _convert(True, value, f"{where} enabled")
        elif key == "level":
            if value not in LEVELS:
                raise RegionError(f"{where}: level must be one of {', '.join(LEVELS)}, got {value!r}")
            level = value
        elif key in entry.params:
            params[key] = _convert(entry.params[key], value, f"{where} {key}")
        else:
            known = ", ".join(["enabled", "level", *entry.params])
            raise RegionError(f"{where}: unknown setting {key!r} (known: {known})")
    if entry.blocking and (not enabled or level != ERROR):
        raise RegionError(f"{where}: rule {entry.id} cannot be switched off or lowered: "
                          "the report cannot be written while it finds something")
    return RuleSettings(enabled, level, params)


def _rules_table(region: Region | None) -> tuple[Mapping[str, Any], str]:
    table = region.settings.get("rules", {}) if region is not None else {}
    name = region.name if region is not None else "-"
    if not isinstance(table, Mapping):
        raise RegionError(f"region {name}: [rules] must be a table")
    return table, name


def rule_settings(region: Region | None, rule_id: str) -> RuleSettings:
    """One rule as ``region`` sets it (what :func:`rule_config` gives for it, without the others)."""
    table, name = _rules_table(region)
    return _rule_settings(RULES[rule_id], table.get(rule_id, {}), f"region {name}: [rules.{rule_id}]")


def rule_config(region: Region | None) -> RuleConfig:
    """The rules as ``region`` configures them (the catalogue's defaults for ``None``)."""
    table, name = _rules_table(region)
    tolerance = _decimal(table.get("tolerance", DEFAULT_TOLERANCE), f"region {name}: [rules] tolerance")
    if tolerance < 0:
        raise RegionError(f"region {name}: [rules] tolerance must not be negative")
    rules: dict[str, RuleSettings] = {}
    for key in table:
        if key != "tolerance" and key not in RULES:
            raise RegionError(f"region {name}: [rules] unknown rule {key!r} (`docgen rules` lists them)")
    for rule_id, entry in RULES.items():
        rules[rule_id] = _rule_settings(entry, table.get(rule_id, {}), f"region {name}: [rules.{rule_id}]")
    return RuleConfig(tolerance, rules, region)


__all__ = ["RuleConfig", "RuleSettings", "rule_config", "rule_settings", "DEFAULT_TOLERANCE", "ERROR", "WARNING"]
