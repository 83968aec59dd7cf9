"""The 目录's estimated page numbers against the pages LibreOffice lays the headings out on.

usage: python tools/contents_pages.py REPORT.docx... [--quiet]

Each report is converted to PDF as ``docgen render --pdf`` does (:class:`docgen.pdf.Converter`,
with ``docgen/data/fonts.conf``); each 目录 line's heading is looked for in the PDF's pages (as
``pdftotext`` gives them, per page), at the start of a line, after the page of the line before; its
real page is the number printed in that page's footer (``— 7 —``). Prints one line per entry
(``=`` exact, else the difference) and the count of exact entries; exits 1 when one differs.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import docx
from attrs import frozen

from docgen.pdf import Converter, PdfError

_FOOTER = re.compile(r"—\s*(\d+)\s*—")


@frozen
class Entry:
    """One 目录 line: its text, the page it states, and the page the PDF shows its heading on."""

    text: str
    estimated: int
    actual: int | None


def contents_lines(report: Path) -> list[tuple[str, int]]:
    """(text, page) of each 目录 line of a rendered report (paragraphs in Word's ``toc N`` styles)."""
    lines = []
    for paragraph in docx.Document(str(report)).paragraphs:
        if paragraph.style.name.startswith("toc"):
            title, _, page = paragraph.text.rpartition("\t")
            lines.append((title, int(page)))
    return lines


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")


def _squeezed_lines(page: str) -> tuple[str, set[int]]:
    """A page's text without white space, and the offsets in it where a line starts."""
    squeezed, starts = "", set()
    for line in page.splitlines():
        starts.add(len(squeezed))
        squeezed += "".join(line.split())
    return squeezed, starts


def _starts_a_line(text: str, page: str) -> bool:
    squeezed, starts = _squeezed_lines(page)
    found = squeezed.find(text)
    while found >= 0:
        if found in starts:
            return True
        found = squeezed.find(text, found + 1)
    return False


def _printed_number(page: str) -> int | None:
    numbers = _FOOTER.findall(page)
    return int(numbers[-1]) if numbers else None


def compare(lines: Sequence[tuple[str, int]], pages: Sequence[str]) -> list[Entry]:
    """Each 目录 line with the printed number of the page its heading starts a line on, searching
    from the previous heading's page on (the 目录's own pages, unnumbered, are never matched)."""
    entries, start = [], 0
    for title, estimated in lines:
        text = "".join(title.split())
        found = next((i for i in range(start, len(pages))
                      if _printed_number(pages[i]) is not None and _starts_a_line(text, pages[i])), None)
        if found is not None:
            start = found
        actual = _printed_number(pages[found]) if found is not None else None
        entries.append(Entry(title, estimated, actual))
    return entries


def pdfs_pages(reports: Sequence[Path]) -> list[list[str]]:
    """Each report's PDF as LibreOffice makes it (one run for all), as the text of its pages."""
    with tempfile.TemporaryDirectory(prefix="docgen-contents-") as work:
        return [pdf_pages(pdf) for pdf in Converter().convert(list(reports), Path(work))]


def check(reports: Sequence[Path]) -> dict[Path, list[Entry]]:
    """Every report's 目录 against its PDF."""
    return {report: compare(contents_lines(report), pages) for report, pages in zip(reports, pdfs_pages(reports))}


def main(argv: Sequence[str]) -> int:
    quiet = "--quiet" in argv
    reports = [Path(a) for a in argv if a != "--quiet"]
    if not reports:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    missing = [str(r) for r in reports if not r.is_file()]
    if missing:
        print(f"contents_pages: no such report: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        checked = check(reports)
    except PdfError as error:
        print(f"contents_pages: {error}", file=sys.stderr)
        return 2
    differs = False
    for report, entries in checked.items():
        exact = sum(e.actual == e.estimated for e in entries)
        differs |= exact < len(entries)
        print(f"{report}: {exact} of {len(entries)} exact")
        for e in entries if not quiet else []:
            mark = "=" if e.actual == e.estimated else ("?" if e.actual is None else f"{e.estimated - e.actual:+d}")
            print(f"  {mark:>3} {e.estimated:>3} {e.actual if e.actual is not None else '-':>3}  {e.text}")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
