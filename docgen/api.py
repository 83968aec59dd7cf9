"""The library's entry points: check a report's data, render it to .docx.

``data`` may be a :class:`~docgen.model.Report`, a dict, JSON text or a path to a JSON file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable, Mapping

from attrs import frozen

from . import selfcheck
from .catalogue import catalogue_for
from .check import configure, is_blocking, run_rules
from .rules.reasons import unprinted_reasons
from .context import build_context, document_context
from .errors import DocgenError
from .figures import Figures
from .loader import is_path, load
from .model import Report
from .findings import Finding
from .regions import DEFAULT_REGION, PACK_FILE, Region, load_region
from .render import output_path, render_document, write_atomically
from .rules.config import RuleConfig, rule_config

DataSource = Report | Mapping[str, Any] | str | os.PathLike


class FindingsError(DocgenError):
    """The data has errors that would make the report wrong; nothing was written.

    ``findings`` are the errors; ``blocking`` is true when some of them stop the report even with
    ``force`` (a sentence would be incomplete, a code's name is unknown).
    """

    def __init__(self, findings: Sequence[Finding], blocking: bool = False):
        self.findings = list(findings)
        self.blocking = blocking
        hint = ("these leave the report incomplete: no flag passes them" if blocking
                else "render(..., force=True) writes the report anyway")
        super().__init__(f"{len(self.findings)} error(s) in the data",
                         [str(f) for f in self.findings] + [f"({hint})"])


@frozen
class Prepared:
    report: Report
    region: Region
    figures: Figures
    context: dict[str, Any]
    findings: list[Finding]
    attach: Callable[[Any], dict[str, Any]] | None = None
    """Adds the context entries that need the document being rendered (see render.render_bytes)."""
    config: RuleConfig | None = None
    """The region's rule settings the findings were made with."""
    sources: tuple[Path, ...] = ()
    """The data file read, when the data came from one (an output must never replace it)."""

    @property
    def reads(self) -> tuple[Path, ...]:
        """Every file the report was made from: writing over one of them is refused."""
        return self.sources + tuple(folder / PACK_FILE for folder in self.region.chain) + (self.region.template,)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]


def prepare(data: DataSource, region: str | os.PathLike = DEFAULT_REGION,
            search: Sequence[Path] = ()) -> Prepared:
    """Load, derive, check and phrase: everything up to the template, with the findings on the way.

    The rule catalogue runs first (:mod:`docgen.check`); when it finds a blocking error (an
    unknown code) nothing is phrased. Phrasing and the statistical tables add their own findings.
    """
    report = data if isinstance(data, Report) else load(data)
    sources = (Path(data),) if is_path(data) else ()
    pack = load_region(region, search)
    config = rule_config(pack)
    figures = Figures(report, catalogue_for(report.department.year, report.codes))
    findings = run_rules(figures, config)
    if any(is_blocking(f) for f in findings):
        return Prepared(report, pack, figures, {}, findings, None, config, sources)
    context, phrase_findings = build_context(figures, pack)
    findings += configure(phrase_findings + unprinted_reasons(report, context, findings), config, findings)
    return Prepared(report, pack, figures, context, findings,
                    lambda doc: document_context(doc, figures, pack), config, sources)



def check(data: DataSource, region: str | os.PathLike = DEFAULT_REGION,
          search: Sequence[Path] = ()) -> list[Finding]:
    """Every finding on the data, errors and warnings (input errors raise
    :class:`~docgen.errors.InputError`)."""
    return prepare(data, region, search).findings


def render(data: DataSource, output: str | os.PathLike | None = None,
           region: str | os.PathLike = DEFAULT_REGION, search: Sequence[Path] = (), *,
           force: bool = False) -> bytes:
    """Check, then render the report; write it atomically to ``output`` when given. Returns the
    .docx bytes.

    Raises :class:`FindingsError` (and writes nothing) when the data has errors, unless ``force``
    is true: then the report is written despite them, except for blocking errors (an incomplete
    sentence, an unknown code), which no flag passes. Use :func:`check` or :func:`prepare` to see
    the findings, warnings included.
    """
    return render_prepared(prepare(data, region, search), output, force=force)


def render_prepared(prepared: Prepared, output: str | os.PathLike | None = None, *, force: bool = False) -> bytes:
    """Render what :func:`prepare` returned (see :func:`render`); the rendered text is read back
    and every number checked against the figures (:mod:`docgen.selfcheck`) before anything is written."""
    if output is not None:
        output_path(output, prepared.reads)  # refused before the work, not after it
    errors = prepared.errors
    blocking = [f for f in errors if is_blocking(f)]
    if blocking:
        raise FindingsError(blocking, blocking=True)
    if errors and not force:
        raise FindingsError(errors)
    rendered = render_document(prepared.region.template, prepared.context, prepared.attach)
    selfcheck.verify(rendered, prepared.figures, prepared.region)
    if output is not None:
        write_atomically(rendered.data, output, prepared.reads)
    return rendered.data
