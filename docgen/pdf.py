"""Reports as PDF through LibreOffice, many reports per LibreOffice process.

An optional dependency: LibreOffice's ``soffice`` (Debian: ``libreoffice-writer-nogui``) on the
PATH, or named by ``DOCGEN_SOFFICE``; without it :class:`Converter` raises :class:`PdfError`
saying what to install. Starting LibreOffice costs about as much as converting a report, so a
:class:`Converter` hands it a whole list of reports at once (``soffice --convert-to pdf`` with
many files): one process for a batch's chunk, not one per report.

Debian has no 仿宋_GB2312, 楷体_GB2312, 方正小标宋简体 or Times New Roman: ``data/fonts.conf``
maps them to AR PL UMing/UKai, Noto Serif/Sans CJK and Liberation Serif (packages
``fonts-arphic-uming fonts-arphic-ukai fonts-noto-cjk fonts-liberation2``). Layout is close to
Word's, not identical. LibreOffice runs with a private profile in a temporary folder, so it
neither locks nor changes the user's own, and PDFs appear atomically (written beside, then renamed).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import DocgenError
from .render import write_atomically

FONTS_CONF = Path(__file__).resolve().parent / "data" / "fonts.conf"
SECONDS_PER_REPORT = 60
"""Time allowed a report (on top of LibreOffice's start) before a conversion counts as hung."""


class PdfError(DocgenError):
    """LibreOffice is missing, or failed to convert a report."""


def find_soffice() -> str:
    """The ``soffice`` to run: ``DOCGEN_SOFFICE``, else ``soffice`` or ``libreoffice`` on the PATH."""
    named = os.environ.get("DOCGEN_SOFFICE")
    found = shutil.which(named) if named else (shutil.which("soffice") or shutil.which("libreoffice"))
    if not found:
        raise PdfError("LibreOffice is not installed",
                       [f"PDF output needs LibreOffice: {named or 'soffice'} was not found"
                        + (" (DOCGEN_SOFFICE)" if named else " on the PATH"),
                        "install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
                        "fonts-noto-cjk fonts-arphic-uming fonts-arphic-ukai fonts-liberation2), "
                        "or set DOCGEN_SOFFICE to its soffice program"])
    return found


class Converter:
    """Converts .docx reports to PDF, a list at a time, in one LibreOffice process per list."""

    def __init__(self, soffice: str | None = None):
        self.soffice = soffice or find_soffice()
        # One profile for every conversion of this converter: LibreOffice builds a new one in
        # about a second, then reuses it.
        self._profile = tempfile.TemporaryDirectory(prefix="docgen-soffice-")

    def convert(self, reports: Sequence[Path], output_dir: Path | None = None) -> list[Path]:
        """Write ``<report>.pdf`` for each report (beside it, or in ``output_dir``); return the
        PDF paths in the order given. Raises :class:`PdfError` when one is missing afterwards."""
        reports = [Path(r) for r in reports]
        if not reports:
            return []
        with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as work:
            work_dir = Path(work)
            self._run(reports, work_dir)
            written = []
            for report in reports:
                made = work_dir / "out" / (report.stem + ".pdf")
                if not made.is_file():
                    raise PdfError(f"{report}: LibreOffice wrote no PDF")
                target = (output_dir or report.parent) / made.name
                write_atomically(made.read_bytes(), target)
                written.append(target)
        return written

    def _run(self, reports: Sequence[Path], work_dir: Path) -> None:
        stems = [r.stem for r in reports]
        if len(set(stems)) != len(stems):
            raise PdfError("two reports of one name in one conversion")
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
        command = [self.soffice, "--headless", "--norestore", "--nolockcheck",
                   f"-env:UserInstallation={Path(self._profile.name).as_uri()}",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work_dir / "out"),
                   *(str(r.resolve()) for r in reports)]
        try:
            done = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=60 + SECONDS_PER_REPORT * len(reports), check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice did not finish converting {len(reports)} report(s) in time") from None
        except OSError as exc:
            raise PdfError(f"{self.soffice}: {exc.strerror or exc}") from None
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()[-1:]
            raise PdfError(f"LibreOffice failed (exit {done.returncode}){': ' + tail[0] if tail else ''}")


def convert(report: str | os.PathLike, output: str | os.PathLike | None = None) -> Path:
    """One report to PDF (``output`` defaults to the report's name with ``.pdf``)."""
    report = Path(report)
    target = Path(output) if output is not None else report.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as work:
        (made,) = Converter().convert([report], Path(work))
        return write_atomically(made.read_bytes(), target)


_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def page_count(pdf: Path) -> int | None:
    """Pages of a PDF as LibreOffice writes it (page objects are not compressed), ``None`` when
    they cannot be counted."""
    try:
        count = len(_PAGE.findall(pdf.read_bytes()))
    except OSError:
        return None
    return count or None
