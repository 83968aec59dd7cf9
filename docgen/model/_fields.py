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
    pattern = re.compile(r"[0-9]+")

    def check(_instance: Any, attribute: Attribute, value: str) -> None:
        if not pattern.fullmatch(value) or len(value) not in lengths:
            sizes = "/".join(str(n) for n in lengths)
            raise ValueError(f"{attribute.name}: must be a {sizes}-digit classification code, got {value!r}")

    return check


def text():
    """A required, non-blank piece of text."""
    return field(validator=_non_blank)


MAX_NAME_CHARS = 200
"""The longest name (a department's, a project's or its unit's, a code's): a name is printed in
every title, table and sentence that names it (the department's some 40 times), so its length
multiplies in the report. The longest real ones take some 50 characters."""


def _name(instance: Any, attribute: Attribute, value: str) -> None:
    _non_blank(instance, attribute, value)
    if len(value) > MAX_NAME_CHARS:
        raise ValueError(f"{attribute.name}: a name of {len(value):,} characters: the limit is {MAX_NAME_CHARS}")


def name_text():
    """A required, non-blank name of at most :data:`MAX_NAME_CHARS` characters."""
    return field(validator=_name)


def optional_name_text():
    """:func:`name_text`, ``None`` when not given."""
    return field(default=None, validator=_optional(_name))


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


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _ascii_code(value: Any) -> Any:
    """Codes typed with a Chinese input method come as full-width digits (２０１０１０１): the
    same code. Other characters stay, for the validator to refuse."""
    return value.translate(_FULL_WIDTH_DIGITS).strip() if isinstance(value, str) else value


def code(*lengths: int):
    """A classification code of the given digit lengths (类 3, 款 5, 项 7); full-width digits count."""
    return field(converter=_ascii_code, validator=_digits(*lengths))


def reason():
    """A department's explanation of a change or variance; ``None`` when not given."""
    return field(default=None)


# Text as officers paste it from Word or Excel ---------------------------------------------------

MAX_TEXT_CHARS = 100_000
"""The longest single text accepted (a long 重点工作 paragraph is a few thousand characters)."""

_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
"""Windows and old Mac line ends, Word's Shift+Enter (\\v) and page break (\\f), Unicode's line and
paragraph separators: each is the one line break docgen prints (``\\n``)."""

_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u061c\u180e\u200b-\u200f\u2060-\u2064\u206a-\u206f"
    "\ufeff\ufff9-\ufffb\ufffe\uffff\U000e0000-\U000e007f]")
"""Control and format characters nobody can see, which XML forbids or Word drops: removed.
Tabs and line breaks stay (docgen prints them)."""

_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidi embeddings, overrides and isolates: invisible, they reorder the text *after* them, docgen's
own figures included (``138.70`` after U+202E displays as ``07.831``). Refused, not removed: the
department must see what its text really holds."""

_SURROGATE = re.compile("[\ud800-\udfff]")

_DIRECTION_NAMES = {0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
                    0x202C: "pop directional formatting", 0x202D: "left-to-right override",
                    0x202E: "right-to-left override", 0x2066: "left-to-right isolate",
                    0x2067: "right-to-left isolate", 0x2068: "first strong isolate",
                    0x2069: "pop directional isolate"}


_ATTENTION = re.compile("|".join(p.pattern for p in (_SURROGATE, _DIRECTION, _LINE_BREAKS, _INVISIBLE)))
"""Any character :func:`clean_text` refuses, unifies or removes."""


def clean_text(value: str) -> str:
    """Text as docgen prints it: line ends unified to ``\\n``, invisible controls removed; a
    direction control, a broken character or an overlong text refused (``ValueError``).

    The department's words are otherwise kept exactly (no trimming, no width or form changes).
    """
    if len(value) > MAX_TEXT_CHARS:
        raise ValueError(f"text of {len(value):,} characters: the limit is {MAX_TEXT_CHARS:,}")
    if not _ATTENTION.search(value):
        return value  # nearly every text: nothing to refuse, unify or remove
    broken = _SURROGATE.search(value)
    if broken:
        raise ValueError(f"a broken character (lone surrogate U+{ord(broken[0]):04X}) at character "
                         f"{broken.start() + 1}: the text was damaged when it was copied; retype it")
    direction = _DIRECTION.search(value)
    if direction:
        code_point = ord(direction[0])
        raise ValueError(f"an invisible direction control U+{code_point:04X} ({_DIRECTION_NAMES[code_point]}) "
                         f"at character {direction.start() + 1}: it reverses the text after it; remove it")
    return _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", value))
