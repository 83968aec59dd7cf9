"""Arithmetic on the model: changes, rates, completion rates and shares (domain.md §4, §5).

Pure functions over ``Decimal``; percentages are returned ×100 and rounded half up to 2 places.
A rate whose base is 0 is ``None``: the phrasing says so in words instead of dividing by zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import Enum

from attrs import frozen

from .formatting import round_half_up

HUNDRED = Decimal(100)
_HUNDREDTH = Decimal("0.01")


class Direction(str, Enum):
    """How a figure moved against last year."""

    INCREASE = "increase"
    DECREASE = "decrease"
    EQUAL = "equal"
    FROM_ZERO = "from_zero"
    """Last year 0, this year not: no growth rate can be computed."""


class Variance(str, Enum):
    """How actual spending compares with its budget."""

    EQUAL = "equal"
    OVER = "over"
    UNDER = "under"
    NO_BUDGET = "no_budget"
    """No budget was set at the start of the year (预算数 0) but money was spent."""


@frozen
class Change:
    current: Decimal
    prior: Decimal

    @property
    def delta(self) -> Decimal:
        return abs(self.current - self.prior)

    @property
    def direction(self) -> Direction:
        if self.current == self.prior:
            return Direction.EQUAL
        if self.prior == 0 and self.current > 0:
            return Direction.FROM_ZERO
        return Direction.INCREASE if self.current > self.prior else Direction.DECREASE

    @property
    def rate(self) -> Decimal | None:
        """|change| / prior ×100, or ``None`` when last year was 0."""
        return rate(self.delta, self.prior)


@frozen
class Completion:
    actual: Decimal
    budget: Decimal

    @property
    def variance(self) -> Variance:
        if self.actual == self.budget:
            return Variance.EQUAL
        if self.budget == 0:
            return Variance.NO_BUDGET
        return Variance.OVER if self.actual > self.budget else Variance.UNDER

    @property
    def rate(self) -> Decimal | None:
        """actual / budget ×100, or ``None`` when no budget was set."""
        return rate(self.actual, self.budget)


def rate(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part / whole`` as a percentage rounded half up to 2 places; ``None`` when ``whole`` is 0."""
    if whole == 0:
        return None
    return round_half_up(part * HUNDRED / whole)


def shares(parts: Sequence[Decimal]) -> list[Decimal]:
    """Each part's share of their sum, rounded so that the printed shares add up to exactly 100.

    Largest-remainder method on hundredths of a percent: round every share down, then give the
    missing hundredths to the parts with the largest remainders (ties go to the larger part, then
    to the earlier one). A zero part always gets 0; if every part is 0, every share is 0.
    """
    total = sum(parts, Decimal(0))
    if total == 0:
        return [Decimal(0) for _ in parts]
    exact = [part * 10000 / total for part in parts]  # in hundredths of a percent
    floors = [int(value) for value in exact]
    missing = 10000 - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), -parts[i], i))
    for i in order[:missing]:
        floors[i] += 1
    return [(Decimal(n) / 100).quantize(_HUNDREDTH) for n in floors]
