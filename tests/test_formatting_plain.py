"""The report's number formats print exactly what babel's zh_CN patterns print, without babel's
cost on the ~2,000 numbers of a report."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen import formatting as fmt

_NUMBERS = st.decimals(min_value=-10**10, max_value=10**10, allow_nan=False, allow_infinity=False, places=None)


@settings(max_examples=2000, deadline=None)
@given(value=_NUMBERS, places=st.integers(0, 6))
def test_each_pattern_prints_what_babel_prints(value, places):
    value = value.quantize(Decimal(1).scaleb(-places)) if value.adjusted() < 20 else value
    if value.is_zero():
        value = abs(value)
    for pattern in (fmt._AMOUNT, fmt._AMOUNT_AS_ENTERED, fmt._PERCENT_DECIMALS, fmt._INTEGRAL):
        assert fmt._apply(pattern, value) == pattern.apply(value, fmt.LOCALE), (pattern.pattern, value)


@given(value=_NUMBERS)
def test_amounts_and_percentages_as_before(value):
    value = value.quantize(Decimal("0.000001"))
    with fmt.use_formats(fmt.Formats(amounts="as_entered", integral_percent="decimals")):
        entered, decimals = fmt.amount(value), fmt.percent(value)
    assert "," not in fmt.amount(value) + entered + fmt.percent(value) + decimals
    rounded = fmt.round_half_up(value, Decimal("0.0001"))
    assert Decimal(fmt.amount(value)) == (rounded if not rounded.is_zero() else 0)
    assert Decimal(decimals) == fmt.round_half_up(value)
