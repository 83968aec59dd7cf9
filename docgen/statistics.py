"""The numbers of the statistical tables (公开表, domain.md §6), derived from the model and figures.

Every cell comes from one entry of the model: grant spending per 项 from ``general_budget.items``
and the funds' ``items``, 基本支出 by economic code from ``basic_spending``, everything else from
the optional ``detail``. Rows at 类 and 款 level are sums of the 项 below them, and a table's total
row is the sum of its rows, so 类 = Σ款 = Σ项 holds in print by construction.

Where detail is missing the tables print what is known — the total row from the narrative's
figures, the rows that follow from an identity — and record a ``detail-missing`` warning with the
JSON path to fill. Nothing is invented: a cell that cannot be known is ``None`` (printed empty).
Where the rows' sums differ from the figure the narrative prints, a ``detail-mismatch`` warning
names both.

Rows follow from an identity in two cases, so a department funded only by 一般公共预算财政拨款
needs no ``detail`` at all:

- all 本年支出 is 财政拨款支出 (no 上缴上级, 经营 or 附属单位补助 spending, and 本年支出合计 equals
  财政拨款支出): 支出决算表 per 项 is the grant spending per 项;
- moreover all income is 财政拨款收入 and nothing was carried over in or out: 收入决算表 per 项 is
  the same spending (each 项's income equals its spending when no carry-over exists).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import cached_property
from typing import Any

from attrs import frozen

from .figures import PERSONNEL_CLASSES, Figures
from .model import EconomicLine, FundSpending
from .findings import Finding

ZERO = Decimal(0)
Amount = Decimal | None
"""A cell's value; ``None`` when the data does not say (printed as an empty cell)."""

FUNCTIONAL_LEVELS = (3, 5, 7)
ECONOMIC_LEVELS = (3, 5)
FUNDS = ("government_fund", "state_capital")

WARNING, ERROR = "warning", "error"


@frozen
class CodeRow:
    """One row classified by code: 类 (depth 0), 款 (1) or 项 (2); economic 类 (0) or 款 (1)."""

    code: str
    name: str
    depth: int
    values: tuple[Amount, ...]


@frozen
class Block:
    """Rows by code under their total row."""

    rows: tuple[CodeRow, ...]
    total: tuple[Amount, ...]

    @property
    def empty(self) -> bool:
        """No rows and nothing but zeros (or unknowns) in the total row."""
        return not self.rows and not any(self.total)


@frozen
class Summary:
    """收入支出决算总表: income rows beside spending rows by 类 (two-sided)."""

    income: tuple[tuple[str, Amount], ...]
    """(key, amount) for each 本年收入 source, in print order."""
    income_this_year: Amount
    non_grant_balance_used: Amount
    carry_over_start: Amount
    income_total: Amount
    spending: tuple[CodeRow, ...]
    """本年支出 by 类 (all funds); empty when the detail is missing."""
    spending_this_year: Amount
    balance_distribution: Amount
    carry_over_end: Amount
    spending_total: Amount


@frozen
class GrantSummary:
    """财政拨款收入支出决算总表: income by fund type beside spending by 类 × fund type.

    Every 4-tuple is (合计, 一般公共预算, 政府性基金, 国有资本经营).
    """

    income: tuple[Amount, Amount, Amount, Amount]
    carry_over_start: tuple[Amount, Amount, Amount, Amount]
    income_total: tuple[Amount, Amount, Amount, Amount]
    spending: tuple[CodeRow, ...]
    spending_this_year: tuple[Amount, ...]
    carry_over_end: tuple[Amount, ...]
    spending_total: tuple[Amount, ...]


@frozen
class PublicCosts:
    """“三公”经费 预算数 and 决算数, each as (合计, 因公出国（境）费, 公务用车购置及运行维护费小计,
    公务用车购置费, 公务用车运行维护费, 公务接待费)."""

    budget: tuple[Decimal, ...]
    actual: tuple[Decimal, ...]

    @property
    def empty(self) -> bool:
        return not any(self.budget) and not any(self.actual)


def _add(a: Amount, b: Amount) -> Amount:
    return None if a is None or b is None else a + b


def _sum_columns(rows: Iterable[Sequence[Amount]], width: int) -> tuple[Amount, ...]:
    total: tuple[Amount, ...] = (ZERO,) * width
    for values in rows:
        total = tuple(map(_add, total, values))
    return total


def code_rows(leaves: Iterable[tuple[str, Sequence[Amount]]], width: int, name: Callable[[str], str],
              levels: Sequence[int] = FUNCTIONAL_LEVELS) -> tuple[CodeRow, ...]:
    """Rows for every 类, 款 and 项 (or economic 类 and 款) above the given leaves, in code order,
    each the column sums of the leaves below it. Equal leaf codes add up into one row."""
    sums: dict[str, tuple[Amount, ...]] = {}
    for code, values in leaves:
        for n in levels:
            if n <= len(code):
                prefix = code[:n]
                sums[prefix] = tuple(map(_add, sums.get(prefix, (ZERO,) * width), values))
    # Lexical order of the codes is depth-first order: 201, 20111, 2011101, 2011102, 208, …
    return tuple(CodeRow(c, name(c), levels.index(len(c)), sums[c]) for c in sorted(sums))


def top_level_total(rows: Sequence[CodeRow], width: int) -> tuple[Amount, ...]:
    return _sum_columns((r.values for r in rows if r.depth == 0), width)


class Statistics:
    """The statistical tables' numbers for one report, computed lazily; ``findings`` collects the
    warnings of the tables computed so far."""

    def __init__(self, figures: Figures):
        self.figures = figures
        self.report = figures.report
        self.catalogue = figures.catalogue
        self.findings: list[Finding] = []

    # Findings -----------------------------------------------------------------------------
    def _find(self, rule: str, level: str, path: str, message: str) -> None:
        if all((f.rule, f.path) != (rule, path) for f in self.findings):
            self.findings.append(Finding(rule, level, path, message))

    def _missing(self, path: str, message: str) -> None:
        self._find("detail-missing", WARNING, path, message)

    def _compare(self, path: str, what: str, printed: Amount, narrative: Decimal) -> None:
        if printed is not None and printed != narrative:
            self._find("detail-mismatch", WARNING, path,
                       f"统计表中{what}为{printed}万元（明细合计），与说明中的{narrative}万元不一致")

    def code_findings(self) -> list[Finding]:
        """``code-unknown`` errors for codes in the tables' own detail that the catalogue lacks."""
        r, found = self.report, []

        def check(code: str, path: str, economic: bool = False, named: bool = False) -> None:
            table = self.catalogue.economic if economic else self.catalogue.functional
            levels = ECONOMIC_LEVELS if economic else FUNCTIONAL_LEVELS
            missing = [code[:n] for n in levels if n <= len(code) and code[:n] not in table]
            if named:
                missing = [c for c in missing if c != code]
            if missing:
                kind = "经济分类科目" if economic else "功能分类科目"
                found.append(Finding("code-unknown", ERROR, path,
                                     f"{kind} {missing[0]} 不在{self.catalogue.edition}年版科目表中："
                                     "请核对编码，或在 codes 中补充名称和解释"))

        for i, line in enumerate(r.detail.income_lines):
            check(line.code, f"$.detail.income_lines[{i}].code")
        for i, line in enumerate(r.detail.spending_lines):
            check(line.code, f"$.detail.spending_lines[{i}].code")
        for fund in FUNDS:
            for i, item in enumerate(getattr(r, fund).items):
                check(item.code, f"$.{fund}.items[{i}].code")
        for i, line in enumerate(r.detail.project_lines):
            check(line.code, f"$.detail.project_lines[{i}].code", economic=True, named=line.name is not None)
        # Class rows of 基本支出 (301 …) are printed too: their names must be known.
        for i, line in enumerate(r.basic_spending.lines):
            if line.code[:3] not in self.catalogue.economic:
                check(line.code[:3], f"$.basic_spending.lines[{i}].code", economic=True)
        return found

    # Names ---------------------------------------------------------------------------------
    def function_name(self, code: str) -> str:
        entry = self.catalogue.functional.get(code)
        return entry.name if entry else ""

    def economic_namer(self, lines: Iterable[EconomicLine]) -> Callable[[str], str]:
        """Names of economic codes: the department's own label where a line gives one."""
        own = {line.code: line.name for line in lines if line.name}

        def name(code: str) -> str:
            if code in own:
                return own[code]
            entry = self.catalogue.economic.get(code)
            return entry.name if entry else ""

        return name

    # 一般公共预算财政拨款 per 项 -------------------------------------------------------------
    @cached_property
    def basic_total(self) -> Decimal:
        """一般公共预算财政拨款基本支出 as section 六 prints it (Σ economic lines)."""
        return self.figures.basic_total

    @cached_property
    def general_budget_leaves(self) -> list[tuple[str, tuple[Amount, Amount, Amount]]]:
        """(code, (支出, 基本支出, 项目支出)) per 项. A missing split follows from the other half, or
        from the whole 基本支出 or 项目支出 being 0; otherwise it is unknown."""
        items = self.report.general_budget.items
        actual = sum((i.actual for i in items), ZERO)
        project_total = actual - self.basic_total
        leaves = []
        for n, item in enumerate(items):
            basic, project = item.basic, item.project
            if basic is None and project is not None:
                basic = item.actual - project
            elif project is None and basic is not None:
                project = item.actual - basic
            elif basic is None:
                if self.basic_total == 0:
                    basic, project = ZERO, item.actual
                elif project_total == 0:
                    basic, project = item.actual, ZERO
                else:
                    self._missing(f"$.general_budget.items[{n}].basic",
                                  f"一般公共预算财政拨款支出决算表需要{item.code}的基本支出和项目支出（basic、project）")
            leaves.append((item.code, (item.actual, basic, project)))
        return leaves

    @cached_property
    def general_budget(self) -> Block:
        """一般公共预算财政拨款支出决算表: (合计, 基本支出, 项目支出) by 类/款/项."""
        rows = code_rows(self.general_budget_leaves, 3, self.function_name)
        total = list(top_level_total(rows, 3))
        if total[1] is None:  # the split per 项 is unknown, not the whole
            total[1] = self.basic_total
            total[2] = total[0] - self.basic_total
        else:
            self._compare("$.basic_spending.lines", "一般公共预算财政拨款基本支出", total[1], self.basic_total)
        f = self.figures
        for category in f.categories:
            printed = next((r.values[0] for r in rows if r.code == category.code.code), ZERO)
            if category.amount != printed:
                self._compare(f"$.general_budget.stated_category_totals.{category.code.code}",
                              f"{category.code.name}", printed, category.amount)
        return Block(rows, tuple(total))

    # The funds ---------------------------------------------------------------------------------
    def _fund_has_money(self, fund: FundSpending) -> bool:
        return any((fund.actual, fund.income, fund.carry_over_start, fund.carry_over_end))

    def fund(self, key: str) -> Block:
        """政府性基金 / 国有资本经营预算财政拨款收入支出决算表: (年初结转和结余, 本年收入, 本年支出合计,
        基本支出, 项目支出, 年末结转和结余) by 类/款/项."""
        return self._fund_blocks[key]

    @cached_property
    def _fund_blocks(self) -> dict[str, Block]:
        blocks = {}
        for key in FUNDS:
            fund: FundSpending = getattr(self.report, key)
            leaves = [(i.code, (i.carry_over_start, i.income, i.actual, i.basic, i.project, i.carry_over_end))
                      for i in fund.items]
            rows = code_rows(leaves, 6, self.function_name)
            split = (ZERO, ZERO) if fund.actual == 0 else (None, None)  # 基本/项目 of no spending: 0
            narrative = (fund.carry_over_start, fund.income, fund.actual, *split, fund.carry_over_end)
            if rows:
                total = top_level_total(rows, 6)
                labels = ("年初结转和结余", "本年收入", "本年支出", None, None, "年末结转和结余")
                fields = ("carry_over_start", "income", "actual", None, None, "carry_over_end")
                for label, field, printed, stated in zip(labels, fields, total, narrative):
                    if label:
                        self._compare(f"$.{key}.{field}", label, printed, stated)
            else:
                total = narrative
                if self._fund_has_money(fund):
                    self._missing(f"$.{key}.items", f"{_FUND_NAMES[key]}收入支出决算表需要按项列示的明细（items）")
            blocks[key] = Block(rows, tuple(total))
        return blocks

    def fund_spending(self, key: str) -> Block:
        """国有资本经营预算财政拨款支出决算表 (or 政府性基金): (合计, 基本支出, 项目支出) by code."""
        block = self.fund(key)

        def cut(values):
            return (values[2], values[3], values[4])

        return Block(tuple(CodeRow(r.code, r.name, r.depth, cut(r.values)) for r in block.rows), cut(block.total))

    # 财政拨款 per 项 across fund types -------------------------------------------------------
    @cached_property
    def grant_leaves(self) -> list[tuple[str, tuple[Amount, Amount, Amount, Amount, Amount, Amount]]]:
        """(code, (合计, 一般公共预算, 政府性基金, 国有资本经营, 基本支出, 项目支出)) per 项.

        A fund with spending but no items contributes nothing here (its rows are unknown).
        """
        leaves = []
        for code, (actual, basic, project) in self.general_budget_leaves:
            leaves.append((code, (actual, actual, ZERO, ZERO, basic, project)))
        for column, key in ((2, "government_fund"), (3, "state_capital")):
            for item in getattr(self.report, key).items:
                values: list[Amount] = [item.actual, ZERO, ZERO, ZERO, item.basic, item.project]
                values[column] = item.actual
                leaves.append((item.code, tuple(values)))
        return leaves

    def _fund_known(self, key: str) -> bool:
        """Whether the fund's rows are known: it has items, or no money at all."""
        fund = getattr(self.report, key)
        return bool(fund.items) or not self._fund_has_money(fund)

    def _funds_known(self) -> bool:
        return all(self._fund_known(key) for key in FUNDS)

    @cached_property
    def grant_spending_detail(self) -> Block:
        """财政拨款支出决算明细表: (合计, 一般公共预算, 政府性基金, 国有资本经营) by 类/款/项.

        A fund with spending but no items leaves its column (and the rows' 合计) empty; its total
        row still shows the fund's 本年支出.
        """
        rows = code_rows(((c, v[:4]) for c, v in self.grant_leaves), 4, self.function_name)
        columns = (self.general_budget.total[0], *(self.fund(key).total[2] for key in FUNDS))
        unknown = [i for i, key in ((2, "government_fund"), (3, "state_capital")) if not self._fund_known(key)]
        if unknown:
            rows = tuple(CodeRow(r.code, r.name, r.depth,
                                 tuple(None if i == 0 or i in unknown else v for i, v in enumerate(r.values)))
                         for r in rows)
        return Block(rows, (sum(columns, ZERO), *columns))

    # 收入 and 支出 over all funds ------------------------------------------------------------
    @cached_property
    def _all_spending_is_grants(self) -> bool:
        f, kinds = self.figures, self.report.spending.kinds
        others = (kinds.remitted_to_superior, kinds.business, kinds.affiliate_subsidy)
        return not any(others) and f.spending_this_year == f.grant_spending_this_year and self._funds_known()

    @cached_property
    def spending(self) -> Block:
        """支出决算表: (本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出)."""
        r = self.report
        kinds = r.spending.kinds
        narrative = (self.figures.spending_this_year, kinds.basic, kinds.project, kinds.remitted_to_superior,
                     kinds.business, kinds.affiliate_subsidy)
        if r.detail.spending_lines:
            leaves = [(line.code, (line.basic + line.project + line.remitted_to_superior + line.business
                                   + line.affiliate_subsidy, line.basic, line.project, line.remitted_to_superior,
                                   line.business, line.affiliate_subsidy)) for line in r.detail.spending_lines]
            source = "$.detail.spending_lines"
        elif self._all_spending_is_grants:
            leaves = [(c, (v[0], v[4], v[5], ZERO, ZERO, ZERO)) for c, v in self.grant_leaves]
            source = "$.general_budget.items"
        else:
            if any(narrative):
                self._missing("$.detail.spending_lines", "支出决算表需要按项列示的本年支出（detail.spending_lines）")
            return Block((), narrative)
        rows = code_rows(leaves, 6, self.function_name)
        total = list(top_level_total(rows, 6))
        labels = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
        for i, (label, printed, stated) in enumerate(zip(labels, total, narrative)):
            if printed is None:
                total[i] = stated
            else:
                self._compare(source, label, printed, stated)
        return Block(rows, tuple(total))

    @cached_property
    def income(self) -> Block:
        """收入决算表: (本年收入合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入, 附属单位上缴收入,
        其他收入) by 类/款/项."""
        r, f = self.report, self.figures
        s = r.income.sources
        narrative = (f.income_this_year, s.fiscal_grants, s.superior_subsidy, s.public_service, s.business,
                     s.affiliate_remittance, s.other)
        if r.detail.income_lines:
            leaves = [(line.code, (sum((getattr(line, k) for k in _SOURCE_KEYS), ZERO), line.fiscal_grants,
                                   line.superior_subsidy, line.public_service, line.business,
                                   line.affiliate_remittance, line.other)) for line in r.detail.income_lines]
            source = "$.detail.income_lines"
        elif self._income_follows_spending:
            leaves = [(row.code, (row.values[0], row.values[0], ZERO, ZERO, ZERO, ZERO, ZERO))
                      for row in self.spending.rows if len(row.code) == 7]
            source = "$.general_budget.items"
        else:
            if any(narrative):
                self._missing("$.detail.income_lines", "收入决算表需要按项列示的本年收入（detail.income_lines）")
            return Block((), narrative)
        rows = code_rows(leaves, 7, self.function_name)
        total = top_level_total(rows, 7)
        labels = ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
        for label, printed, stated in zip(labels, total, narrative):
            self._compare(source, label, printed, stated)
        return Block(rows, total)

    @cached_property
    def _income_follows_spending(self) -> bool:
        r, f = self.report, self.figures
        s = r.income.sources
        non_grant = (s.superior_subsidy, s.public_service, s.business, s.affiliate_remittance, s.other,
                     r.income.non_grant_balance_used, r.income.carry_over_start, r.spending.carry_over_end,
                     r.spending.balance_distribution)
        return (not any(non_grant) and f.income_this_year == f.spending_this_year
                and bool(self.spending.rows) and self.spending.total[0] is not None)

    @cached_property
    def summary(self) -> Summary:
        """收入支出决算总表."""
        r, f = self.report, self.figures
        spending = self.spending
        this_year = spending.total[0]
        end = r.spending.carry_over_end + r.spending.balance_distribution
        return Summary(
            income=tuple((key, getattr(r.income.sources, key)) for key in _SOURCE_KEYS),
            income_this_year=f.income_this_year, non_grant_balance_used=r.income.non_grant_balance_used,
            carry_over_start=r.income.carry_over_start, income_total=f.income_total,
            spending=tuple(row for row in spending.rows if row.depth == 0),
            spending_this_year=this_year, balance_distribution=r.spending.balance_distribution,
            carry_over_end=r.spending.carry_over_end,
            spending_total=None if this_year is None else this_year + end,
        )

    @cached_property
    def grants(self) -> GrantSummary:
        """财政拨款收入支出决算总表."""
        r = self.report
        s, g = r.income.sources, r.fiscal_grants
        gf, sc = r.government_fund, r.state_capital
        income = (s.fiscal_grants, s.general_budget_grant, s.government_fund_grant, s.state_capital_grant)
        start = (g.carry_over_start, g.carry_over_start - gf.carry_over_start - sc.carry_over_start,
                 gf.carry_over_start, sc.carry_over_start)
        end = (g.carry_over_end, g.carry_over_end - gf.carry_over_end - sc.carry_over_end,
               gf.carry_over_end, sc.carry_over_end)
        detail = self.grant_spending_detail
        this_year = detail.total
        return GrantSummary(
            income=income, carry_over_start=start, income_total=tuple(map(_add, income, start)),
            spending=tuple(row for row in detail.rows if row.depth == 0),
            spending_this_year=this_year, carry_over_end=end, spending_total=tuple(map(_add, this_year, end)))

    # 基本支出 and 项目支出 by economic classification -----------------------------------------
    @cached_property
    def basic_spending(self) -> tuple[Block, Block]:
        """一般公共预算财政拨款基本支出决算表: 人员经费 (301, 303) and 公用经费 (302, 310, others)."""
        lines = self.report.basic_spending.lines
        name = self.economic_namer(lines)
        personnel = [(line.code, (line.amount,)) for line in lines if line.code[:3] in PERSONNEL_CLASSES]
        public = [(line.code, (line.amount,)) for line in lines if line.code[:3] not in PERSONNEL_CLASSES]
        # Every class of the side prints, 0 when the department has none of it.
        personnel += [(c, (ZERO,)) for c in PERSONNEL_CLASSES]
        public += [(c, (ZERO,)) for c in ("302", "310")]
        blocks = []
        for leaves in (personnel, public):
            rows = code_rows(leaves, 1, name, ECONOMIC_LEVELS)
            blocks.append(Block(rows, top_level_total(rows, 1)))
        return blocks[0], blocks[1]

    @cached_property
    def project_total(self) -> Decimal:
        """一般公共预算财政拨款项目支出 (the general budget table's 项目支出 total)."""
        return self.general_budget.total[2]

    @cached_property
    def project_spending(self) -> Block:
        """一般公共预算财政拨款项目支出决算表: 项目支出 by economic 类/款."""
        lines = self.report.detail.project_lines
        if not lines:
            if self.project_total:
                self._missing("$.detail.project_lines",
                              "一般公共预算财政拨款项目支出决算表需要项目支出的经济分类明细（detail.project_lines）")
            return Block((), (self.project_total,))
        rows = code_rows(((line.code, (line.amount,)) for line in lines), 1, self.economic_namer(lines),
                         ECONOMIC_LEVELS)
        total = top_level_total(rows, 1)
        self._compare("$.detail.project_lines", "一般公共预算财政拨款项目支出", total[0], self.project_total)
        return Block(rows, total)

    @cached_property
    def general_budget_economic(self) -> Block:
        """一般公共预算财政拨款支出决算明细表: (合计, 基本支出, 项目支出) by economic 类/款."""
        basic_lines = self.report.basic_spending.lines
        project = self.project_spending
        project_lines = self.report.detail.project_lines
        leaves = [(line.code, (line.amount, line.amount, ZERO)) for line in basic_lines]
        if project.rows:
            leaves += [(line.code, (line.amount, ZERO, line.amount)) for line in project_lines]
        elif project.total[0]:  # 项目支出 by economic code unknown: its column stays empty
            leaves = [(code, (None, values[1], None)) for code, values in leaves]
        rows = code_rows(leaves, 3, self.economic_namer((*basic_lines, *project_lines)), ECONOMIC_LEVELS)
        basic = self.basic_total
        return Block(rows, (_add(basic, project.total[0]), basic, project.total[0]))

    # “三公”经费 ----------------------------------------------------------------------------
    def three_public_costs(self, source: str = "all") -> PublicCosts:
        """“三公”经费 paid from all fiscal grants (``all``), from 一般公共预算 (``general_budget``:
        the whole less the funds' parts) or from one fund (``government_fund``, ``state_capital``)."""
        c = self.report.three_public_costs
        whole = {
            "travel_abroad": (c.travel_abroad.budget, c.travel_abroad.actual),
            "vehicle_purchase": (c.vehicle_purchase.budget, c.vehicle_purchase.actual),
            "vehicle_operation": (c.vehicle_operation.budget, c.vehicle_operation.actual),
            "reception": (c.reception.budget, c.reception.actual),
        }

        def part(key: str) -> dict[str, tuple[Decimal, Decimal]]:
            costs = getattr(self.report, key).three_public_costs
            if costs is None:
                return {name: (ZERO, ZERO) for name in whole}
            return {name: (getattr(costs, name).budget, getattr(costs, name).actual) for name in whole}

        if source == "all":
            amounts = whole
        elif source == "general_budget":
            parts = [part(key) for key in FUNDS]
            amounts = {name: tuple(w - sum((p[name][i] for p in parts), ZERO) for i, w in enumerate(values))
                       for name, values in whole.items()}
        elif source in FUNDS:
            amounts = part(source)
        else:
            raise ValueError(f"unknown “三公” source {source!r}")

        def column(i: int) -> tuple[Decimal, ...]:
            travel, purchase, operation, reception = (amounts[n][i] for n in whole)
            vehicles = purchase + operation
            return (travel + vehicles + reception, travel, vehicles, purchase, operation, reception)

        return PublicCosts(column(0), column(1))


_SOURCE_KEYS = ("general_budget_grant", "government_fund_grant", "state_capital_grant", "superior_subsidy",
                "public_service", "business", "affiliate_remittance", "other")
_FUND_NAMES = {"government_fund": "政府性基金预算财政拨款", "state_capital": "国有资本经营预算财政拨款"}

_ATTRIBUTE = "_docgen_statistics"


def statistics_for(figures: Figures) -> Statistics:
    """The one :class:`Statistics` of ``figures`` (the findings and the document share it).

    It lives on the figures object itself: a module-level map from figures to their statistics
    kept every report alive (the statistics refer to their figures, so a weak key never died)."""
    stats = vars(figures).get(_ATTRIBUTE)
    if stats is None:
        stats = Statistics(figures)
        setattr(figures, _ATTRIBUTE, stats)
    return stats


KINDS: dict[str, Callable[[Statistics], Any]] = {
    "income_spending": lambda s: s.summary,
    "income": lambda s: s.income,
    "spending": lambda s: s.spending,
    "grants": lambda s: s.grants,
    "grant_spending_detail": lambda s: s.grant_spending_detail,
    "general_budget": lambda s: s.general_budget,
    "general_budget_economic": lambda s: s.general_budget_economic,
    "basic_spending": lambda s: s.basic_spending,
    "project_spending": lambda s: s.project_spending,
    "three_public_costs": lambda s: s.three_public_costs("all"),
    "general_budget_three_public_costs": lambda s: s.three_public_costs("general_budget"),
    "government_fund_three_public_costs": lambda s: s.three_public_costs("government_fund"),
    "government_fund": lambda s: s.fund("government_fund"),
    "state_capital": lambda s: s.fund("state_capital"),
    "state_capital_spending": lambda s: s.fund_spending("state_capital"),
}
"""Each kind of table a region pack may list, and the numbers it prints."""


def statistics_findings(figures: Figures, kinds: Iterable[str]) -> list[Finding]:
    """Unknown codes in the tables' detail (errors), then what the listed tables lack (warnings)."""
    stats = statistics_for(figures)
    found = stats.code_findings()
    if found:
        return found
    for kind in kinds:
        KINDS[kind](stats)
    return list(stats.findings)
