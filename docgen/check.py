"""The checker's entry: runs the rule catalogue (:mod:`docgen.rules`) on a report's figures, and
applies a region's ``[rules]`` settings to every finding, including those found while phrasing
and while computing the statistical tables.

Findings come in catalogue order; :func:`by_section` orders them as the report's sections for
printing. A finding of a *blocking* rule (``code-unknown``, ``reason-missing``, ``text-missing``)
means the report cannot be written at all; other errors can be overridden (``--force``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from .figures import Figures
from .findings import Finding
from .regions import Region
from .rules import ERROR, RULES, SECTIONS, RuleContext, section_of
from .rules.config import RuleConfig, rule_config

__all__ = ["run_rules", "configure", "check_figures", "is_blocking", "by_section", "finding_json", "rule_config"]


def run_rules(figures: Figures, config: RuleConfig) -> list[Finding]:
    """Every enabled rule of the catalogue on ``figures``, at the level the region sets.

    When a blocking rule finds an error (an unknown code), a rule that needs the unknown code's
    name from the catalogue is skipped instead of failing: the blocking finding already says why."""
    blocked = any(is_blocking(f) for f in _run_rules(figures, config, blocking_only=True))
    return _run_rules(figures, config, tolerate_unknown_codes=blocked)


def _run_rules(figures: Figures, config: RuleConfig, blocking_only: bool = False,
               tolerate_unknown_codes: bool = False) -> list[Finding]:
    context = RuleContext(figures, config.tolerance, config.region)
    findings: list[Finding] = []
    for rule_id, entry in RULES.items():
        settings = config.settings(rule_id)
        if entry.check is None or not settings.enabled or (blocking_only and not entry.blocking):
            continue
        context.params = settings.params
        try:
            found = list(entry.check(context))
        except KeyError:  # the catalogue's: a code it does not know
            if tolerate_unknown_codes:
                continue
            raise
        for item in found:
            findings.append(Finding(rule_id, settings.level, item.path, item.message, item.expected, item.actual,
                                    item.section or entry.section or section_of(item.path)))
    return findings


def configure(findings: Iterable[Finding], config: RuleConfig, seen: Iterable[Finding] = ()) -> list[Finding]:
    """Findings made elsewhere (phrasing, statistical tables) at the region's level, switched-off
    rules dropped, a section filled in, and repeats of ``seen`` left out: the same rule at the same
    path, or a warning at a path where ``seen`` has an error (one defect, one finding)."""
    done = {(f.rule, f.path) for f in seen}
    errors_at = {f.path for f in seen if f.level == ERROR}
    out = []
    for finding in findings:
        settings = config.settings(finding.rule)
        if not settings.enabled or (finding.rule, finding.path) in done:
            continue
        entry = RULES.get(finding.rule)
        level = settings.level if entry is not None else finding.level
        if level != ERROR and finding.path in errors_at:
            continue  # the same figure is already an error of the catalogue: one defect, one finding
        done.add((finding.rule, finding.path))
        section = finding.section or (entry.section if entry else None) or section_of(finding.path)
        out.append(Finding(finding.rule, level, finding.path, finding.message, finding.expected, finding.actual,
                           section))
    return out


def check_figures(figures: Figures, region: Region | None = None) -> list[Finding]:
    """The catalogue's findings on ``figures`` with ``region``'s settings (defaults for ``None``)."""
    return run_rules(figures, rule_config(region))


def is_blocking(finding: Finding) -> bool:
    """An error of a rule without which the report cannot be written (``--force`` cannot pass it)."""
    entry = RULES.get(finding.rule)
    return finding.level == ERROR and (entry is None or entry.blocking)


def by_section(findings: Sequence[Finding]) -> list[tuple[str | None, list[Finding]]]:
    """Findings grouped by section in the report's order (findings without one last)."""
    order = {section: i for i, section in enumerate(SECTIONS)}
    groups: dict[str | None, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.section, []).append(finding)
    return sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


def finding_json(finding: Finding) -> dict[str, Any]:
    """A finding as JSON-ready values (amounts as exact decimal strings)."""
    return {
        "rule": finding.rule,
        "level": finding.level,
        "section": finding.section,
        "section_title": SECTIONS.get(finding.section) if finding.section else None,
        "path": finding.path,
        "message": finding.message,
        "expected": _plain(finding.expected),
        "actual": _plain(finding.actual),
    }
