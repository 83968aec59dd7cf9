"""Small named field makers and validators shared by the model classes.

Validators raise ``ValueError("<field>: <rule>")``; the loader joins the field to the JSON path.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from attrs import Attribute, field

ZERO = Decimal(0)


def _non_blank(_instance: Any, attribute: Attribute, value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name}: must not be blank")


def _non_negative(_instance: Any, attribute: Attribute, value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name}: must be zero or more, got {value}")


def _digits(*lengths: int):
    pattern = re.compile(r"\d+")

    def check(_instance: Any, attribute: Attribute, value: str) -> None:
        if not pattern.fullmatch(value) or len(value) not in lengths:
            sizes = "/".join(str(n) for n in lengths)
            raise ValueError(f"{attribute.name}: must be a {sizes}-digit classification code, got {value!r}")

    return check


def text():
    """A required, non-blank piece of text."""
    return field(validator=_non_blank)


def texts(required: bool = True):
    """A sequence of paragraphs or list entries; each entry non-blank."""

    def check(instance: Any, attribute: Attribute, value: tuple[str, ...]) -> None:
        for entry in value:
            _non_blank(instance, attribute, entry)

    if required:
        return field(validator=check)
    return field(factory=tuple, validator=check)


def amount():
    """An amount in 万元 that defaults to 0 (a part the department does not have)."""
    return field(default=ZERO)


def count():
    """A non-negative count (people, vehicles, units) defaulting to 0."""
    return field(default=0, validator=_non_negative)


def optional_count():
    """A non-negative count a region may print, ``None`` when not given (so a pack that prints
    it can tell a missing figure from a zero)."""
    return field(default=None, validator=_optional(_non_negative))


def optional_text():
    """A text a region may print (a purpose, a conclusion), ``None`` when not given; never blank."""
    return field(default=None, validator=_optional(_non_blank))


def one_of(*choices: str):
    """An optional text limited to ``choices`` (指标性质 ``=``, ``≥`` …), ``None`` when not given."""

    def check(_instance: Any, attribute: Attribute, value: str) -> None:
        if value not in choices:
            raise ValueError(f"{attribute.name}: must be one of {' '.join(choices)}, got {value!r}")

    return field(default=None, validator=_optional(check))


def _optional(check):
    def run(instance: Any, attribute: Attribute, value: Any) -> None:
        if value is not None:
            check(instance, attribute, value)

    return run


def code(*lengths: int):
    """A classification code of the given digit lengths (类 3, 款 5, 项 7)."""
    return field(validator=_digits(*lengths))


def reason():
    """A department's explanation of a change or variance; ``None`` when not given."""
    return field(default=None)
