"""The report's seven figures as native Word charts, fed from the derived figures.

Which figure feeds which chart, in the order of the Sichuan report:

======================== ========= ====================================================================
key                      kind      data
======================== ========= ====================================================================
totals_change            column    收入总计 / 支出总计, last year against this year
income_structure         pie       本年收入 by source (labels of ``[phrases.income_structure] parts``)
spending_structure       pie       本年支出 by kind (labels of ``[phrases.spending_structure] parts``)
grant_totals_change      column    财政拨款收入总计 / 支出总计, last year against this year
general_budget_change    column    一般公共预算财政拨款支出, last year and this year
general_budget_structure pie       一般公共预算财政拨款支出 by 类
three_public_structure   pie       “三公”经费 by category (labels of ``[phrases.three_public_costs]``)
======================== ========= ====================================================================

The amounts and shares are the ones the sentences print (:mod:`docgen.figures`: a pie's shares are
the largest-remainder shares that add up to 100), and the labels are the sentences' own words.
Everything about a chart's look, and whether a figure appears at all, comes from the region's
``[charts]`` table (defaults) and ``[charts.<key>]`` tables (per figure); see ``docs/region-packs.md``.

A template asks ``{%p if charts.<key> %}`` (is the figure drawn?) and places the chart with
``{{ charts.<key> }}``; ``charts.<key>.note`` is the region's sentence for a figure whose values
are all 0 when the pack replaces such a figure rather than leaving it out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from attrs import evolve, frozen

from . import formatting as fmt
from .errors import RegionError, RenderError
from .figures import Figures
from .ooxml import charts as ooxml
from .pack.wording import fill
from .regions import Region, pattern_pieces

FIGURES = (
    "totals_change", "income_structure", "spending_structure", "grant_totals_change",
    "general_budget_change", "general_budget_structure", "three_public_structure",
)
"""The figure keys, in the order of the reference report (also the keys of ``[figures]``)."""

ZERO = Decimal(0)
_CHANGE_FIGURES = frozenset({"totals_change", "grant_totals_change", "general_budget_change"})
_OPTIONS = {
    "type": str, "categories": list, "series": list, "width_mm": (int, float), "height_mm": (int, float),
    "font": str, "latin_font": str, "font_size": (int, float), "colors": list, "legend": str,
    "labels": bool, "label_position": str, "axis_title": str, "slice_label": str, "zero_parts": str,
    "when_empty": str, "empty_note": str, "gap_width": int, "crowded": str,
}
_CHOICES = {
    "type": ooxml.KINDS, "legend": ooxml.LEGEND_POSITIONS, "label_position": ooxml.LABEL_POSITIONS,
    "zero_parts": ("omit", "keep"), "when_empty": ("omit", "note"), "crowded": ("bar", "keep"),
}
_PLACEHOLDERS = {
    "categories": {"year", "prior_year"},
    "series": {"year", "prior_year"},
    "slice_label": {"label", "amount", "share"},
    "empty_note": {"year", "prior_year", "title"},
    "axis_title": set(),
}


@frozen
class FigureData:
    """What one figure shows: categories, series of amounts, and for a breakdown each part's
    share (×100, as the sentences print it)."""

    key: str
    categories: tuple[str, ...]
    series: tuple[ooxml.Series, ...]
    shares: tuple[Decimal, ...] | None = None

    @property
    def empty(self) -> bool:
        """Every value is 0 (or there is nothing to draw)."""
        return all(v == 0 for s in self.series for v in s.values) or not self.categories


# Options ---------------------------------------------------------------------------------------

def chart_options(region: Region, key: str) -> dict[str, Any]:
    """The ``[charts]`` defaults overlaid with ``[charts.<key>]``, each checked where it is set."""
    table = region.section("charts")
    own = table.get(key, {})
    if not isinstance(own, Mapping):
        raise RegionError(f"region {region.name}: [charts] {key} must be a table")
    defaults = {k: v for k, v in table.items() if not isinstance(v, Mapping) and k != "omit"}
    _check_options(defaults, f"region {region.name}: [charts]")
    _check_options(own, f"region {region.name}: [charts.{key}]")
    return {**defaults, **own}


def _check_options(options: Mapping[str, Any], where: str) -> None:
    for name, value in options.items():
        kind = _OPTIONS.get(name)
        if kind is None:
            raise RegionError(f"{where}: unknown option {name!r}")
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise RegionError(f"{where}: {name} has the wrong type ({value!r})")
        if name in _CHOICES and value not in _CHOICES[name]:
            raise RegionError(f"{where}: {name} must be one of {', '.join(_CHOICES[name])}, got {value!r}")
        if name in _PLACEHOLDERS:
            for pattern in value if isinstance(value, list) else [value]:
                if not isinstance(pattern, str):
                    raise RegionError(f"{where}: {name} must hold texts, got {pattern!r}")
                for _literal, placeholder in pattern_pieces(pattern, f"{where} {name}"):
                    if placeholder is not None and placeholder not in _PLACEHOLDERS[name]:
                        raise RegionError(f"{where}: {name}: unknown placeholder {{{placeholder}}}")
        if name in ("width_mm", "height_mm", "font_size", "gap_width") and not value > 0:
            raise RegionError(f"{where}: {name} must be positive")
        if name == "colors":
            if not value:
                raise RegionError(f"{where}: colors must not be empty")
            for color in value:
                if not (isinstance(color, str) and len(color) == 6
                        and all(c in "0123456789abcdefABCDEF" for c in color)):
                    raise RegionError(f"{where}: colors must be RRGGBB texts, got {color!r}")


def omitted(region: Region) -> frozenset[str]:
    omit = region.section("charts").get("omit", ())
    unknown = [k for k in omit if k not in FIGURES]
    if unknown:
        raise RegionError(f"region {region.name}: [charts] omit: unknown figure {unknown[0]!r}; "
                          f"figures are {', '.join(FIGURES)}")
    return frozenset(omit)


def _fill(pattern: str, values: Mapping[str, Any]) -> str:
    return fill(pattern, values, "chart text")


# Data ------------------------------------------------------------------------------------------

def figure_data(key: str, figures: Figures, region: Region, options: Mapping[str, Any] | None = None) -> FigureData:
    """The categories, series and shares of figure ``key``, from the derived figures."""
    options = chart_options(region, key) if options is None else options
    d = figures.report.department
    years = {"year": d.year, "prior_year": d.prior_year}
    if key in _CHANGE_FIGURES:
        return _change_data(key, figures, options, years, region.name)
    if key not in FIGURES:
        raise KeyError(key)
    parts = structure_parts(key, figures, region)
    keep_zero = options.get("zero_parts", "omit") == "keep"
    parts = [p for p in parts if keep_zero or p[1] != 0]
    (name,) = _texts(options, "series", ["金额（万元）"], years, 1, f"region {region.name}: [charts.{key}]")
    if "categories" in options:
        raise RegionError(f"region {region.name}: [charts.{key}] categories: a breakdown's parts are named "
                          "by the sentences' labels ([phrases])")
    return FigureData(key, tuple(label for label, _, _ in parts),
                      (ooxml.Series(name, tuple(a for _, a, _ in parts)),), tuple(s for _, _, s in parts))


def structure_parts(key: str, figures: Figures, region: Region) -> list[tuple[str, Decimal, Decimal]]:
    """(label, amount, share) of each part of a breakdown figure, in print order, labelled with
    the sentences' words; parts the sentence leaves out when zero (``omit_when_zero``) are out."""
    if key in ("income_structure", "spending_structure"):
        words = region.phrases(key)
        parts = {p.key: p for p in (figures.income_parts if key == "income_structure" else figures.spending_parts)}
        skip = set(words.get("omit_when_zero", ()))
        return [(label, parts[k].amount, parts[k].share) for k, label in words["parts"]
                if not (k in skip and parts[k].amount == 0)]
    if key == "general_budget_structure":
        return [(c.code.name, c.amount, c.share) for c in figures.categories]
    if key == "three_public_structure":
        words = region.phrases("three_public_costs")
        return [(words[f"{p.key}_label"], p.amount, p.share) for p in figures.three_public_parts]
    raise KeyError(key)


def _change_data(key: str, figures: Figures, options: Mapping[str, Any], years: Mapping[str, int],
                 where: str) -> FigureData:
    where = f"region {where}: [charts.{key}]"
    if key == "general_budget_change":
        change = figures.general_budget_change
        categories = _texts(options, "categories", ["{prior_year}年", "{year}年"], years, 2, where)
        series = _texts(options, "series", ["一般公共预算财政拨款支出"], years, 1, where)
        return FigureData(key, categories, (ooxml.Series(series[0], (change.prior, change.current)),))
    if key == "totals_change":
        changes = (figures.income_change, figures.spending_change)
    else:
        changes = (figures.grant_income_change, figures.grant_spending_change)
    categories = _texts(options, "categories", ["收入", "支出"], years, 2, where)
    prior, current = _texts(options, "series", ["{prior_year}年", "{year}年"], years, 2, where)
    return FigureData(key, categories, (ooxml.Series(prior, tuple(c.prior for c in changes)),
                                        ooxml.Series(current, tuple(c.current for c in changes))))


def _texts(options: Mapping[str, Any], name: str, default: list[str], years: Mapping[str, int],
           count: int, where: str) -> tuple[str, ...]:
    texts = options.get(name, default)
    if len(texts) != count:
        raise RegionError(f"{where}: {name} needs {count} text(s), got {len(texts)}")
    return tuple(_fill(t, years) for t in texts)


# The template's view -----------------------------------------------------------------------------

class Chart:
    """One figure as a template sees it: true when the chart is drawn; ``{{ charts.<key> }}``
    places it (in a paragraph of its own); ``note`` is the sentence printed instead of a figure
    whose values are all 0, when the pack asks for one."""

    def __init__(self, owner: "Charts", key: str, data: FigureData | None, options: Mapping[str, Any],
                 title: str, note: str = ""):
        self._owner = owner
        self._key = key
        self._data = data
        self._options = options
        self._title = title
        self.note = note

    def __bool__(self) -> bool:
        return self._data is not None

    def __html__(self) -> str:
        if self._data is None:
            return ""
        return self._owner._place(self)

    __str__ = __html__  # non-autoescaping environments (plain docxtpl) call str()

    def spec(self, east_asia: str, latin: str, max_width: int) -> ooxml.ChartSpec:
        """The chart fully resolved, with the template's fonts and text width."""
        data, o = self._data, self._options
        kind = o.get("type", "column")
        point_labels = None
        if kind in ooxml.ROUND_KINDS and data.shares is not None:
            pattern = o.get("slice_label", "{amount}万元，{share}%")
            point_labels = tuple(
                None if amount == 0 else _fill(pattern, {"label": label, "amount": fmt.amount(amount),
                                                         "share": fmt.percent(share)})
                for label, amount, share in zip(data.categories, data.series[0].values, data.shares))
        spec = ooxml.ChartSpec(
            kind=kind, categories=data.categories, series=data.series,
            width=min(ooxml.mm(o.get("width_mm", 150)), max_width), height=ooxml.mm(o.get("height_mm", 80)),
            colors=tuple(o.get("colors", ooxml.DEFAULT_COLORS)),
            legend=o.get("legend", "bottom"), number_format=ooxml.AMOUNT_FORMAT,
            labels=o.get("labels", True), label_position=o.get("label_position", "outside_end"),
            point_labels=point_labels,
            text=ooxml.TextStyle(o.get("font") or east_asia, o.get("latin_font") or latin,
                                 float(o.get("font_size", 10.5))),
            axis_title=o.get("axis_title", ""), gap_width=o.get("gap_width", 150), description=self._title,
        )
        if o.get("crowded", "bar") == "bar" and ooxml.pie_labels_crowded(spec):
            # Labels of small neighbouring slices would run into each other: bars never collide.
            spec = evolve(spec, kind="bar", legend="none", axis_title="", label_position="outside_end")
        return spec


class Charts:
    """``charts.<key>`` for each figure, bound to the document being rendered (``doc``, a
    ``DocxTemplate``): placing a chart adds its parts to that document's package."""

    def __init__(self, doc: Any, figures: Figures, region: Region):
        self._doc = doc
        self._placed = 0
        self._resolved: tuple[str, str, int] | None = None
        self._taken: set[str] | None = None
        titles = region.section("figures")
        skip = omitted(region)
        d = figures.report.department
        for key in FIGURES:
            options = chart_options(region, key)
            data = None if key in skip else figure_data(key, figures, region, options)
            kind = options.get("type", "column")
            if data is not None and kind in ooxml.ROUND_KINDS and len(data.series) != 1:
                raise RegionError(f"region {region.name}: [charts.{key}] type = {kind!r} draws one series; "
                                  f"this figure has {len(data.series)}")
            note = ""
            if data is not None and data.empty:
                if options.get("when_empty", "omit") == "note":
                    note = _fill(options.get("empty_note", ""), {"year": d.year, "prior_year": d.prior_year,
                                                                 "title": titles.get(key, "")})
                data = None
            setattr(self, key, Chart(self, key, data, options, titles.get(key, ""), note))

    def _fonts_and_width(self) -> tuple[str, str, int]:
        if self._resolved is None:
            document = self._doc.docx
            east_asia, latin = ooxml.document_fonts(document)
            self._resolved = (east_asia or "宋体", latin or "Times New Roman", ooxml.text_width(document))
        return self._resolved

    def _place(self, chart: Chart) -> str:
        part = getattr(self._doc, "current_rendering_part", None)
        if part is None:
            raise RenderError("a chart can only be placed while its template renders")
        self._placed += 1
        if self._taken is None:  # the package's part names, walked for once; each chart adds its own
            self._taken = ooxml.part_names(part.package)
        return ooxml.template_run(part, chart.spec(*self._fonts_and_width()), self._placed, self._taken)


def check_options(figures: Figures, region: Region) -> None:
    """Raise :class:`RegionError` for a broken ``[charts]`` table, as rendering would, so that
    ``docgen check`` reports it too (no document is needed: nothing is placed)."""
    Charts(None, figures, region)


def present(charts: Charts) -> list[str]:
    """The keys of the figures drawn, in report order."""
    return [key for key in FIGURES if getattr(charts, key)]


__all__: Sequence[str] = ("FIGURES", "FigureData", "Chart", "Charts", "chart_options", "check_options",
                          "figure_data", "structure_parts", "present")
