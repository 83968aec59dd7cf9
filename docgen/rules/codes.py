"""Classification codes: known to the catalogue, named as the catalogue names them, listed once,
and (for basic spending) under a 类 that makes them 人员经费 or 公用经费."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ..catalogue import Catalogue, catalogue_for
from ..figures import PERSONNEL_CLASSES, PUBLIC_CLASSES
from . import ERROR, WARNING, Found, RuleContext, rule


@rule("code-unknown", ERROR, "科目编码不在科目表中", blocking=True,
      example="功能分类科目 2019988 不在2020年版科目表中：请核对编码，或在 codes 中补充名称和解释")
def code_unknown(ctx: RuleContext) -> Iterator[Found]:
    """Every functional 项 of ``general_budget.items`` (with its 类 and 款), every 类 of the stated
    totals and shares, and every economic code of ``basic_spending`` without its own ``name`` is in
    the catalogue of the report's year (or in the data's ``codes``). The report prints their names,
    so it cannot be written without them. (The statistical tables check the codes of ``detail`` and
    the funds' ``items`` under the same rule.)"""
    catalogue, gb = ctx.catalogue, ctx.report.general_budget
    for i, item in enumerate(gb.items):
        for prefix in (item.code[:3], item.code[:5], item.code):
            if prefix not in catalogue.functional:
                yield Found(f"$.general_budget.items[{i}].code",
                            f"功能分类科目 {prefix} 不在{catalogue.edition}年版科目表中：请核对编码，或在 codes 中补充名称和解释",
                            actual=prefix)
                break
    for field in ("stated_category_totals", "stated_category_shares"):
        for code in getattr(gb, field):
            if code not in catalogue.functional:
                yield Found(f"$.general_budget.{field}.{code}", f"功能分类科目 {code} 不在{catalogue.edition}年版科目表中",
                            actual=code)
    for i, line in enumerate(ctx.report.basic_spending.lines):
        if line.name is None and line.code not in catalogue.economic:
            yield Found(f"$.basic_spending.lines[{i}].code",
                        f"经济分类科目 {line.code} 不在{catalogue.edition}年版科目表中：请核对编码，或为该行填写 name",
                        actual=line.code)


@lru_cache(maxsize=8)
def _packaged(year: int) -> Catalogue:
    """The packaged catalogue of a year, without the data's own codes."""
    return catalogue_for(year)


def _names_agree(given: str, known: str) -> bool:
    """A name agrees with the catalogue's when one holds the other (其他交通费 / 其他交通费用)."""
    given, known = given.strip(), known.strip()
    return given in known or known in given


@rule("code-name-mismatch", WARNING, "科目名称与科目表不一致",
      example="经济分类科目 30201 列示名称“差旅费”与2020年版科目表名称“办公费”不一致")
def code_name_mismatch(ctx: RuleContext) -> Iterator[Found]:
    """A name the data gives to a national code disagrees with the packaged catalogue's name for
    the report's year: a ``codes`` entry renaming a known code, or a ``basic_spending`` line's own
    ``name``. Names agree when one contains the other (其他交通费 for 其他交通费用, an abbreviation)."""
    year = ctx.report.department.year
    packaged = _packaged(year)
    for i, entry in enumerate(ctx.report.codes):
        table = packaged.economic if entry.code[:1] == "3" else packaged.functional
        known = table.get(entry.code)
        if known is not None and not _names_agree(entry.name, known.name):
            yield Found(f"$.codes[{i}].name",
                        f"科目 {entry.code} 的名称“{entry.name}”与{packaged.edition}年版科目表名称“{known.name}”不一致",
                        expected=known.name, actual=entry.name)
    for i, line in enumerate(ctx.report.basic_spending.lines):
        known = ctx.catalogue.economic.get(line.code)
        if line.name and known is not None and not _names_agree(line.name, known.name):
            yield Found(f"$.basic_spending.lines[{i}].name",
                        f"经济分类科目 {line.code} 列示名称“{line.name}”与{packaged.edition}年版科目表名称“{known.name}”不一致",
                        expected=known.name, actual=line.name)


@rule("code-duplicate", ERROR, "同一科目重复列示",
      example="功能分类科目 2011101 在 $.general_budget.items[0] 已列示，此处重复")
def code_duplicate(ctx: RuleContext) -> Iterator[Found]:
    """A 项 appears once in ``general_budget.items``, in each fund's ``items`` and in each list of
    ``detail`` (income and spending per 项), and an economic code once in ``basic_spending.lines``
    and ``detail.project_lines``: a second entry is printed as a second line with the same name (a
    code typed as its neighbour often collides with the neighbour's own line)."""
    r = ctx.report
    for base, entries in (("$.general_budget.items", r.general_budget.items),
                          ("$.basic_spending.lines", r.basic_spending.lines),
                          ("$.government_fund.items", r.government_fund.items),
                          ("$.state_capital.items", r.state_capital.items),
                          ("$.detail.income_lines", r.detail.income_lines),
                          ("$.detail.spending_lines", r.detail.spending_lines),
                          ("$.detail.project_lines", r.detail.project_lines)):
        first: dict[str, int] = {}
        for i, entry in enumerate(entries):
            if entry.code in first:
                kind = "经济" if base in ("$.basic_spending.lines", "$.detail.project_lines") else "功能"
                yield Found(f"{base}[{i}].code", f"{kind}分类科目 {entry.code} 在 {base}[{first[entry.code]}] 已列示，此处重复",
                            actual=entry.code)
            else:
                first[entry.code] = i


@rule("basic-line-class", ERROR, "基本支出科目属于人员经费或公用经费（301、303、302、310类）",
      example="经济分类科目 39999 不属于人员经费（301、303）或公用经费（302、310），基本支出合计将不等于人员经费与公用经费之和")
def basic_line_class(ctx: RuleContext) -> Iterator[Found]:
    """Every line of ``basic_spending`` is under 301 or 303 (人员经费) or 302 or 310 (公用经费):
    another 类 would count in 基本支出 but in neither part, and 基本支出 = 人员经费 + 公用经费 would fail."""
    known = PERSONNEL_CLASSES + PUBLIC_CLASSES
    for i, line in enumerate(ctx.report.basic_spending.lines):
        if line.code[:3] not in known:
            yield Found(f"$.basic_spending.lines[{i}].code",
                        f"经济分类科目 {line.code} 不属于人员经费（301、303）或公用经费（302、310），"
                        "基本支出合计将不等于人员经费与公用经费之和", actual=line.code)
