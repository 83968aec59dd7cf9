"""The library's entry points: check a report's data, render it to .docx.

``data`` may be a :class:`~docgen.model.Report`, a dict, JSON text or a path to a JSON file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable, Mapping

from attrs import frozen

from .catalogue import catalogue_for
from .check import code_findings
from .context import build_context, document_context
from .errors import DocgenError
from .figures import Figures
from .loader import load
from .model import Report
from .phrase import Finding
from .regions import DEFAULT_REGION, Region, load_region
from .render import render_bytes, write_atomically

DataSource = Report | Mapping[str, Any] | str | os.PathLike


class FindingsError(DocgenError):
    """The data has errors that would make the report wrong; nothing was written."""

    def __init__(self, findings: Sequence[Finding]):
        self.findings = list(findings)
        super().__init__(f"{len(self.findings)} error(s) in the data", [str(f) for f in self.findings])


@frozen
class Prepared:
    report: Report
    region: Region
    figures: Figures
    context: dict[str, Any]
    findings: list[Finding]
    attach: Callable[[Any], dict[str, Any]] | None = None
    """Adds the context entries that need the document being rendered (see render.render_bytes)."""


def prepare(data: DataSource, region: str | os.PathLike = DEFAULT_REGION,
            search: Sequence[Path] = ()) -> Prepared:
    """Load, derive and phrase: everything up to the template, with the findings on the way."""
    report = data if isinstance(data, Report) else load(data)
    pack = load_region(region, search)
    catalogue = catalogue_for(report.department.year, report.codes)
    findings = code_findings(report, catalogue)
    if findings:
        return Prepared(report, pack, Figures(report, catalogue), {}, findings)
    figures = Figures(report, catalogue)
    context, phrase_findings = build_context(figures, pack)
    return Prepared(report, pack, figures, context, findings + phrase_findings,
                    lambda doc: document_context(doc, figures, pack))


def check(data: DataSource, region: str | os.PathLike = DEFAULT_REGION,
          search: Sequence[Path] = ()) -> list[Finding]:
    """Every finding on the data (input errors raise :class:`~docgen.errors.InputError`)."""
    return prepare(data, region, search).findings


def render(data: DataSource, output: str | os.PathLike | None = None,
           region: str | os.PathLike = DEFAULT_REGION, search: Sequence[Path] = ()) -> bytes:
    """Render the report; write it atomically to ``output`` when given. Returns the .docx bytes.

    Raises :class:`FindingsError` (and writes nothing) when the data has errors.
    """
    prepared = prepare(data, region, search)
    errors = [f for f in prepared.findings if f.level == "error"]
    if errors:
        raise FindingsError(errors)
    docx = render_bytes(prepared.region.template, prepared.context, prepared.attach)
    if output is not None:
        write_atomically(docx, output)
    return docx
