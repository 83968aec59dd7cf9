"""Every number format of the report, in one place (domain.md §4), through babel's zh_CN locale.

- amounts: at least 2 decimals, up to 4 as entered, rounded half up; an exact zero prints ``0``;
- percentages: 2 decimals, half up; an integral value prints bare (``100``, ``0``); never ``-0``;
- Chinese numerals for part and section numbers; list numbers in a pack's style (``1.``, ``1、``,
  ``一、``, ``（一）``, ``①``).

A pack may choose (``[formats]``): integral percentages as ``100`` or ``100.00``; amounts with at
least two decimals or as entered. :func:`use_formats` sets the choice while a report is phrased.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import ROUND_HALF_UP, Decimal

from attrs import frozen

from babel import Locale
from babel.numbers import parse_pattern

LOCALE = Locale.parse("zh_CN")  # resolves to zh_Hans_CN
_AMOUNT = parse_pattern("0.00##")
_AMOUNT_AS_ENTERED = parse_pattern("0.####")
_PERCENT_DECIMALS = parse_pattern("0.00")
_INTEGRAL = parse_pattern("0")
_HUNDREDTH = Decimal("0.01")
_TEN_THOUSANDTH = Decimal("0.0001")


@frozen
class Formats:
    """A pack's number formats (``[formats]``)."""

    integral_percent: str = "bare"
    """``bare``: 100, 0; ``decimals``: 100.00, 0.00."""
    amounts: str = "min2"
    """``min2``: at least two decimals (10.00); ``as_entered``: 10, 10.5."""


FORMAT_CHOICES = {"integral_percent": ("bare", "decimals"), "amounts": ("min2", "as_entered")}
_FORMATS: ContextVar[Formats] = ContextVar("formats", default=Formats())


@contextmanager
def use_formats(formats: Formats) -> Iterator[None]:
    """Format numbers the pack's way inside the ``with`` block."""
    token = _FORMATS.set(formats)
    try:
        yield
    finally:
        _FORMATS.reset(token)


def round_half_up(value: Decimal, places: Decimal = _HUNDREDTH) -> Decimal:
    """四舍五入 to ``places`` (Python and babel default to half-even: 2.665 would become 2.66)."""
    return value.quantize(places, rounding=ROUND_HALF_UP)


_PLAIN = ((_AMOUNT, 2, 4), (_AMOUNT_AS_ENTERED, 0, 4), (_PERCENT_DECIMALS, 2, 2), (_INTEGRAL, 0, 0))
"""The patterns above as (minimum, maximum) decimals: no grouping, "." and "-" in zh_CN."""


def _apply(pattern, value: Decimal) -> str:
    if value.is_zero():
        value = abs(value)  # never print -0 / -0.00
    for plain, least, most in _PLAIN:
        if pattern is not plain:
            continue
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= -most:
            # Nothing to round: fixed-point notation with the trailing zeros the pattern allows is
            # exactly what babel prints (tests/test_formatting.py), at a tenth of its cost.
            whole, _, decimals = format(value, "f").partition(".")
            decimals = decimals.rstrip("0").ljust(least, "0")
            return f"{whole}.{decimals}" if decimals else whole
    return pattern.apply(value, LOCALE)


def amount(value: Decimal) -> str:
    """An amount in 万元 as a sentence prints it: ``421.06``, ``89.496``, ``10.00``, ``0``."""
    rounded = round_half_up(value, _TEN_THOUSANDTH) if value.as_tuple().exponent < -4 else value
    if rounded.is_zero():
        return "0"
    return _apply(_AMOUNT if _FORMATS.get().amounts == "min2" else _AMOUNT_AS_ENTERED, rounded)


def percent(value: Decimal | None) -> str:
    """A percentage (already ×100): ``4.60``, ``100``, ``0``."""
    rounded = round_half_up(value or Decimal(0))
    integral = rounded.to_integral_value()
    if rounded == integral and _FORMATS.get().integral_percent == "bare":
        return _apply(_INTEGRAL, integral)  # 100, not 100.00: nothing left to round
    return _apply(_PERCENT_DECIMALS, rounded)


def table_amount(value: Decimal | None, zero: str = "0.00") -> str:
    """An amount in a statistical table (公开表): always 2 decimals, rounded half up (``1234.50``).

    ``None`` (not known) prints an empty cell; an exact or rounded zero prints ``zero`` (the region
    pack's choice: ``0.00`` or empty); never ``-0.00``.
    """
    if value is None:
        return ""
    rounded = round_half_up(value)
    if rounded.is_zero():
        return zero
    # Already rounded to 2 places: plain fixed-point notation is exact, and what zh_CN prints
    # (no grouping, "." as the separator) at a tenth of babel's cost — a report has ~1500 of these.
    return format(rounded, "f")


def count(value: int) -> str:
    """A whole count (people, vehicles, batches)."""
    return str(value)


_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九, 100 → 一百, 101 → 一百零一, 1010 → 一千零一十
    … 9999 (for 第一部分, 一、, （一）, and a list's 一是… up to the loader's longest list)."""
    if n <= 0 or n >= 10000:
        raise ValueError(f"no Chinese section numeral for {n}")
    if n < 20:
        return _DIGITS[n] if n < 10 else "十" + (_DIGITS[n % 10] if n % 10 else "")
    return _places(n)


def _places(n: int) -> str:
    """``n`` (20 to 9999) digit by digit: 二十, 一百一十, 一千零五, 三千二百零一; a zero between
    two digits is read once (零), trailing zeros not at all."""
    out, gap = [], False
    for digit, unit in zip(f"{n:04d}", ("千", "百", "十", "")):
        if digit == "0":
            gap = bool(out)
            continue
        out.append(("零" if gap else "") + _DIGITS[int(digit)] + unit)
        gap = False
    return "".join(out)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def list_number(style: str, n: int) -> str:
    """Item ``n`` of a list in a pack's style: ``{n}`` Arabic, ``{cn}`` Chinese, ``{circled}`` ①–⑳
    (beyond 20, the Arabic number in parentheses)."""
    circled = _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else f"({n})"
    cn = chinese_numeral(n) if "{cn}" in style else ""
    return style.replace("{n}", str(n)).replace("{cn}", cn).replace("{circled}", circled)
