"""上年数 against last year's report: a prior-year figure typed in this year's data must be the
figure last year's published report printed (``last_year``, filled by ``docgen init --prior``)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from . import ERROR, Found, RuleContext, amount, rule


def value_at(report: Any, path: str) -> Any:
    """The value at a dotted field path of the model (``income.total.prior_year``); ``None`` when
    a part of the way is missing."""
    node = report
    for name in path.split("."):
        node = getattr(node, name, None)
        if node is None:
            return None
    return node


@rule("prior-year", ERROR, "上年数与上年决算公开的本年数一致",
      example="收入总计上年数1190.20万元，与2022年决算公开列示的1180.20万元不一致，相差10.00万元")
def prior_year(ctx: RuleContext) -> Iterator[Found]:
    """Every 上年数 of the data (收入总计, 支出总计, 财政拨款收入/支出总计, 一般公共预算财政拨款支出, each
    “三公” category, the two funds, 机关运行经费) equals the current figure of last year's report, as
    recorded in ``last_year.figures`` when the data was started from last year's file
    (``docgen init --prior``). A data file without ``last_year`` is not checked."""
    last = ctx.report.last_year
    if last is None:
        return
    for path, printed in last.figures.items():
        typed = value_at(ctx.report, path)
        if isinstance(typed, Decimal) and ctx.differ(typed, printed):
            yield Found(f"$.{path}", f"上年数{amount(typed)}万元，与{last.year}年决算公开列示的{amount(printed)}万元"
                                     f"不一致，相差{amount(abs(typed - printed))}万元",
                        expected=printed, actual=typed)
