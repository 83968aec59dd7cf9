"""Checks on the input before anything is phrased or rendered.

For now: classification codes the catalogue does not know (a report cannot name them). The
sentences' own needs (a reason where the wording asks for one) are found while phrasing.
"""

from __future__ import annotations

from .catalogue import Catalogue
from .model import Report
from .phrase import Finding


def code_findings(report: Report, catalogue: Catalogue) -> list[Finding]:
    findings = []
    for i, item in enumerate(report.general_budget.items):
        for prefix in (item.code[:3], item.code[:5], item.code):
            if prefix not in catalogue.functional:
                findings.append(Finding(
                    "code-unknown", "error", f"$.general_budget.items[{i}].code",
                    f"功能分类科目 {prefix} 不在{catalogue.edition}年版科目表中：请核对编码，或在 codes 中补充名称和解释"))
                break
    for code in report.general_budget.stated_category_totals:
        if code not in catalogue.functional:
            findings.append(Finding("code-unknown", "error", f"$.general_budget.stated_category_totals.{code}",
                                    f"功能分类科目 {code} 不在科目表中"))
    for i, line in enumerate(report.basic_spending.lines):
        if line.name is None and line.code not in catalogue.economic:
            findings.append(Finding("code-unknown", "error", f"$.basic_spending.lines[{i}].code",
                                    f"经济分类科目 {line.code} 不在科目表中：请核对编码，或为该行填写 name"))
    return findings
