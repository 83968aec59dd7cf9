from decimal import Decimal as D

import pytest

from docgen import formatting as fmt
from docgen.derive import Change, Completion, Direction, Variance, rate, shares


@pytest.mark.parametrize("value, expected", [
    ("2.665", "2.67"), ("0.125", "0.13"), ("2.675", "2.68"), ("100", "100"), ("100.00", "100"),
    ("0", "0"), ("4.6", "4.60"), ("-0.001", "0"), ("-0.00", "0"), ("99.995", "100"), ("0.004", "0"),
])
def test_percent_rounds_half_up_and_drops_decimals_of_integral_values(value, expected):
    assert fmt.percent(D(value)) == expected


def test_round_half_up_is_not_bankers_rounding():
    assert fmt.round_half_up(D("2.665")) == D("2.67")
    assert fmt.round_half_up(D("0.125")) == D("0.13")
    assert fmt.round_half_up(D("2.645")) == D("2.65")


@pytest.mark.parametrize("value, expected", [
    ("421.06", "421.06"), ("89.496", "89.496"), ("10.00", "10.00"), ("10", "10.00"), ("247.2", "247.20"),
    ("0", "0"), ("0.00", "0"), ("-0.00", "0"), ("12345.6789", "12345.6789"), ("1.23456", "1.2346"),
    ("1234567.8", "1234567.80"),
])
def test_amount_keeps_entered_precision_between_2_and_4_decimals(value, expected):
    assert fmt.amount(D(value)) == expected


@pytest.mark.parametrize("n, expected", [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"), (99, "九十九"),
    (100, "一百"), (101, "一百零一"), (110, "一百一十"), (999, "九百九十九"), (1000, "一千"), (1001, "一千零一"),
    (1010, "一千零一十"), (1100, "一千一百"), (1205, "一千二百零五"), (2300, "二千三百"), (9999, "九千九百九十九"),
])
def test_chinese_numerals(n, expected):
    assert fmt.chinese_numeral(n) == expected


def test_chinese_numeral_refuses_zero():
    with pytest.raises(ValueError):
        fmt.chinese_numeral(0)


def test_chinese_numerals_reach_past_the_longest_list():
    from docgen.loader import MAX_LIST_ENTRIES

    assert fmt.chinese_numeral(MAX_LIST_ENTRIES)
    assert len({fmt.chinese_numeral(n) for n in range(1, MAX_LIST_ENTRIES + 1)}) == MAX_LIST_ENTRIES


def test_shares_print_to_exactly_100():
    parts = [D("386.49"), D("19.76"), D("9.13"), D("14.13")]
    assert shares(parts) == [D("89.98"), D("4.60"), D("2.13"), D("3.29")]
    thirds = shares([D(1), D(1), D(1)])
    assert sum(thirds) == D("100.00") and thirds == [D("33.34"), D("33.33"), D("33.33")]
    sevenths = shares([D(1)] * 7)
    assert sum(sevenths) == D("100.00")


def test_shares_of_zero_parts_and_zero_total():
    assert shares([D("421.06"), D(0), D(0)]) == [D("100.00"), D(0), D(0)]
    assert shares([D(0), D(0)]) == [D(0), D(0)]


def test_change_directions_and_rates():
    up = Change(D("421.06"), D("247.2"))
    assert (up.direction, up.delta, up.rate) == (Direction.INCREASE, D("173.86"), D("70.33"))
    down = Change(D("0.67"), D("0.91"))
    assert (down.direction, down.delta, down.rate) == (Direction.DECREASE, D("0.24"), D("26.37"))
    assert Change(D("5"), D("5.00")).direction is Direction.EQUAL
    from_zero = Change(D("5"), D("0"))
    assert from_zero.direction is Direction.FROM_ZERO and from_zero.rate is None


def test_completion_and_budget_zero():
    assert Completion(D("19.05"), D("21.71")).rate == D("87.75")
    assert Completion(D("19.05"), D("21.71")).variance is Variance.UNDER
    assert Completion(D("1"), D("0")).variance is Variance.NO_BUDGET
    assert Completion(D("1"), D("0")).rate is None
    assert Completion(D("0"), D("0")).variance is Variance.EQUAL
    assert rate(D("6.28"), D("26.39")) == D("23.80")
