"""The department's own text: leftover template text, doubled phrases, known typos, stray years.

Every text field is read (functions, key work, reasons, names, evaluation prose, indicators …):
the report prints them as given, so a placeholder typed into the data would be published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..errors import RegionError
from . import ERROR, WARNING, Found, RuleContext, rule
from .walk import texts

PLACEHOLDERS = [
    r"(?<![A-Za-z0-9-])[Xx]{2,}(?![A-Za-z0-9]|[-‐–][0-9A-Za-z])",
    r"×{2,}",
    r"待填写",
    r"请填写",
    r"待补充",
    r"[（(]略[)）]",
    r"某某",
    r"……(?![^“”]*”)",
    r"(?:增加|减少|增长|下降)[（(](?:增加|减少|增长|下降)[)）]",
    r"TODO",
]
TYPOS = [
    ["项目目", "项目"],
    ["(?<![自知克利异舍])己(?=经|支付|完成|能|于|按|达到|开展|实现|全部|办结|落实|拨付|到位)", "已"],
    ["(?<!一)般公共预算", "一般公共预算"],
]


@lru_cache(maxsize=64)
def _compile(pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RegionError(f"[rules] text pattern {pattern!r}: {exc}") from None


@lru_cache(maxsize=64)
def _any_of(patterns: tuple[str, ...]) -> re.Pattern | None:
    """One expression that matches where any of ``patterns`` does, to pass over a text none of
    them matches in one search; ``None`` when they cannot be joined (a group of one pattern
    would be numbered, or referred to, differently in the whole)."""
    compiled = [_compile(p) for p in patterns]
    if not compiled or any(p.groups or p.flags & ~re.UNICODE for p in compiled):
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _excerpt(text: str, start: int, end: int, width: int = 12) -> str:
    head = "…" if start > width else ""
    tail = "…" if end + width < len(text) else ""
    return f"{head}{text[max(0, start - width):end + width]}{tail}"


@rule("text-placeholder", ERROR, "文字中含模板占位符或未删除的提示（XX、待填写、增加（减少）…）",
      params={"patterns": PLACEHOLDERS},
      example="文字中有未替换的模板内容“增加（减少）”：…收入总计增加（减少）…")
def text_placeholder(ctx: RuleContext) -> Iterator[Found]:
    """No text field holds leftover template text: ``XX``/``XXX`` (not a model number such as
    ``XX-200``), ``××``, ``待填写``, ``请填写``, ``待补充``, ``（略）``, ``某某`` (except where the
    department's own name or region holds it), ``……`` outside a quotation (``“坚持……的原则”`` is
    one), a choice left open (``增加（减少）``, ``下降（增长）``), ``TODO``. ``patterns`` holds the
    regular expressions."""
    patterns = [_compile(p) for p in ctx.params["patterns"]]
    any_of = _any_of(tuple(ctx.params["patterns"]))
    own = _own_names(ctx)
    for leaf in texts(ctx.report):
        value = leaf.value
        if own and any(word in value for word in _PLACEHOLDER_WORDS):  # an own name holds one of them
            value = own.sub(lambda m: "＿" * len(m.group()), value)
        if any_of is not None and not any_of.search(value):
            continue  # nearly every text: no pattern matches, one search says so
        for pattern in patterns:
            match = pattern.search(value)
            if match:
                yield Found(leaf.path, f"文字中有未替换的模板内容“{match.group()}”："
                                       f"{_excerpt(leaf.value, match.start(), match.end())}", actual=match.group())
                break


@rule("text-doubled", ERROR, "文字中词句重复（如“主要原因是主要原因是”）", params={"min_length": 2},
      example="文字中“主要原因是”连写了两遍：…决算数小于预算数的主要原因是主要原因是厉行节约…")
def text_doubled(ctx: RuleContext) -> Iterator[Found]:
    """No text field writes the same phrase of ``min_length`` or more Chinese characters twice in a
    row (``主要原因是主要原因是``). A counted repetition (``一件一件``, ``一步一步``) is Chinese, not a slip."""
    pattern = re.compile(r"(?!一[\u4e00-\u9fff]一)([\u4e00-\u9fff]{%d,})\1" % max(1, int(ctx.params["min_length"])))
    for leaf in texts(ctx.report):
        match = pattern.search(leaf.value)
        if match:
            yield Found(leaf.path, f"文字中“{match.group(1)}”连写了两遍：{_excerpt(leaf.value, match.start(), match.end())}",
                        expected=match.group(1), actual=match.group())


@rule("text-typo", WARNING, "文字中有常见错别字（项目目、己支付、般公共预算…）", params={"patterns": TYPOS},
      example="文字中“项目目”疑为“项目”之误：对安全隐患排查项目目")
def text_typo(ctx: RuleContext) -> Iterator[Found]:
    """Known slips of hand-made reports, each ``[regular expression, correction]`` in ``patterns``:
    ``项目目`` for 项目, ``己`` for 已 before 支付/完成/能…, ``般公共预算`` without its 一. A warning:
    the department's text is printed as given."""
    for entry in ctx.params["patterns"]:
        if len(entry) != 2:
            raise RegionError(f"[rules.text-typo] patterns: each entry is [pattern, correction], got {entry!r}")
    any_of = _any_of(tuple(entry[0] for entry in ctx.params["patterns"]))
    for leaf in texts(ctx.report):
        if any_of is not None and not any_of.search(leaf.value):
            continue
        for entry in ctx.params["patterns"]:
            match = _compile(entry[0]).search(leaf.value)
            if match:
                yield Found(leaf.path, f"文字中“{match.group()}”疑为“{entry[1]}”之误："
                                       f"{_excerpt(leaf.value, match.start(), match.end())}",
                            expected=entry[1], actual=match.group())


_PLACEHOLDER_WORDS = ("某某", "XX", "xx")
"""Words of a placeholder an anonymised department's own name may hold."""


def _own_names(ctx: RuleContext) -> re.Pattern | None:
    """The department's name and region (and every shorter name they hold a placeholder-like word
    in, such as 某某县): an anonymised fixture's own name is not a placeholder."""
    d = ctx.report.department
    names = {n for n in (d.name, d.short_name, d.region) if n}
    pieces = set(names)
    for name in names:
        for word in _PLACEHOLDER_WORDS:
            at = name.find(word)
            if at != -1:
                pieces.update(name[at:at + n] for n in range(len(word) + 1, len(name) - at + 1))
    pieces = {p for p in pieces if any(w in p for w in _PLACEHOLDER_WORDS)}
    return re.compile("|".join(re.escape(p) for p in sorted(pieces, key=len, reverse=True))) if pieces else None


_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?=年)")
_TITLE = re.compile(r"《[^《》]*》")


@rule("text-year", WARNING, "文字中提到的年份既非本年度也非上年（疑为从往年报告复制）", params={"allow": [-1, 0]},
      example="文字中提到2018年，既不是本年度（2020年）也不是上年：是否沿用了往年的文字？")
def text_year(ctx: RuleContext) -> Iterator[Found]:
    """A year written in a text field (``2018年``) is this year or last year (a year inside a title,
    ``《2018年度…办法》``, is the title's); ``allow`` lists the
    accepted offsets from the report's year (default ``[-1, 0]``; add ``1`` where plans for next
    year are usual)."""
    year = ctx.report.department.year
    allowed = {year + int(offset) for offset in ctx.params["allow"]}
    for leaf in texts(ctx.report):
        seen = set()
        # a title's year is the title's: blanked out, at the same length, before years are read
        value = _TITLE.sub(lambda m: "＿" * len(m.group()), leaf.value) if "《" in leaf.value else leaf.value
        for match in _YEAR.finditer(value):
            found = int(match.group(1))
            if found in allowed or found in seen:
                continue
            seen.add(found)
            yield Found(leaf.path, f"文字中提到{found}年，既不是本年度（{year}年）也不是上年：是否沿用了往年的文字？"
                                   f"{_excerpt(leaf.value, match.start(), match.end())}", actual=found)
