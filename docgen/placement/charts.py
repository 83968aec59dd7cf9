"""Charts value by value, by series and category, against the figures each chart shows."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..figures import Figures
from ..formatting import round_half_up
from .common import C, HUNDREDTH, same, three_public_parts

def _series(chart) -> list[tuple[str, list[str], list[str]]]:
    out = []
    for ser in chart.iter(C + "ser"):
        name = "".join(v.text or "" for v in ser.findall(f"{C}tx//{C}v"))
        cats = [v.text or "" for v in ser.findall(f"{C}cat//{C}pt/{C}v")]
        vals = [v.text or "" for v in ser.findall(f"{C}val//{C}pt/{C}v")]
        out.append((name, cats, vals))
    return out


def chart_problems(charts: Sequence[tuple[str, Any]], figures: Figures) -> list[str]:
    """Each chart's values by series and category against the figures that chart shows
    (``charts``: each chart part's name and parsed root)."""
    f, r = figures, figures.report
    year, prior = str(r.department.year), str(r.department.prior_year)
    pairs = [{year: (f.income_total, f.spending_total), prior: (r.income.total.prior_year, r.spending.total.prior_year)},
             {year: (f.grant_income_total, f.grant_spending_total),
              prior: (r.fiscal_grants.income_total.prior_year, r.fiscal_grants.spending_total.prior_year)}]
    labelled: dict[str, Decimal] = {}
    for names, parts in (
            (("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入", "事业收入",
              "经营收入", "附属单位上缴收入", "其他收入"), f.income_parts),
            (("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"), f.spending_parts),
            (("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"), three_public_parts(r))):
        labelled.update({n: p.amount for n, p in zip(names, parts)})
    labelled.update({c.code.name: c.amount for c in f.categories})
    found: list[str] = []
    totals = 0
    for name, chart in charts:
        for series, cats, vals in _series(chart):
            if cats in (["收入", "支出"],) and series.rstrip("年") in (year, prior):
                expected = pairs[min(totals // 2, 1)].get(series.rstrip("年"))
                totals += 1
                for cat, val, want in zip(cats, vals, expected):
                    if not same(val, want):
                        found.append(f"{name}: {series} {cat} is {val}, the figure is {round_half_up(want, HUNDREDTH)}")
            elif cats == [f"{prior}年", f"{year}年"]:
                for cat, val, want in zip(cats, vals, (r.general_budget.total.prior_year, f.general_budget_total)):
                    if not same(val, want):
                        found.append(f"{name}: {cat} is {val}, the figure is {round_half_up(want, HUNDREDTH)}")
            else:
                for cat, val in zip(cats, vals):
                    if cat in labelled and not same(val, labelled[cat]):
                        found.append(f"{name}: {cat} is {val}, the figure is {round_half_up(labelled[cat], HUNDREDTH)}")
    return found
