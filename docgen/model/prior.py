"""What last year's report printed, kept beside this year's data to check the 上年数 against."""

from __future__ import annotations

from decimal import Decimal

from attrs import field, frozen


@frozen(kw_only=True)
class LastYear:
    """Last year's figures as its published report printed them (``docgen init --prior`` and
    ``docgen import --prior`` fill this in from last year's data file).

    ``figures`` maps the path of a prior-year figure of this year's data
    (``income.total.prior_year``) to the current figure last year's report printed for it;
    ``docgen check`` reports a 上年数 that differs (``prior-year``).
    """

    year: int
    """The fiscal year of last year's report."""
    figures: dict[str, Decimal] = field(factory=dict)
    """This year's prior-year field → last year's printed figure (万元)."""
