"""Workbook access for the importers: open a workbook safely, address cells, read amounts exactly.

python-calamine reads BIFF8 ``.xls`` and ``.xlsx`` alike. It hands numeric cells to Python as
``float`` (the cell's stored value: BIFF8 keeps IEEE doubles, .xlsx the text of one). An amount is
never computed on as a float: ``repr(float)`` is the shortest text that reads back to the same
double, which is the text the accounts software wrote for any amount of up to 15 significant
digits (``1234.56`` stays ``"1234.56"``), and ``Decimal`` is made from that text. Only then is it
divided by 10000 (元 → 万元) — by moving the decimal point (``scaleb``), which is exact.
"""

from __future__ import annotations

import os
import re
import zipfile
import zlib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import InputError
from ..ooxml.workbook import column_name
from .extent import measure

MAX_BYTES = 20 * 1024 * 1024
"""The largest workbook read: a department's export is well under 1 MB; a bigger file is not one
(and would take the reader's memory many times over)."""

MAX_UNPACKED = 8 * 1024 * 1024
"""What an .xlsx's parts may unpack to, counted as they are read (a zip's headers can lie): a
department's export unpacks to a few MB at most; the reader takes some 4× the sheets' XML in
memory (a 5 MB file unpacking to 70 MB took a gigabyte and 45 s before this bound)."""

MAX_PARTS = 1_000
"""Parts of an .xlsx: a workbook has a few dozen (a sheet, its relationships, drawings, printer
settings each), some hundreds with a hundred sheets."""
DIRECTORY_ENTRY = 1024
"""Bytes of the zip's directory per part, at most: an entry takes 46 bytes and its name (a part's
name is short), its extra fields some dozens more."""

DASHES = {"—", "-", "－", "——", "–", "/"}
"""What an export prints for “not applicable”: read as zero."""

CENT = Decimal("0.01")

PROTECTED = ("the workbook is password-protected; save it without a password (Excel: 文件 → 信息 → 保护工作簿 → "
             "用密码进行加密, clear the password)")


class ImportError_(InputError):  # noqa: N801 - not the builtin ImportError
    """A workbook cannot be read as the export or fill-in workbook it should be."""


WorkbookError = ImportError_


def address(row: int, col: int) -> str:
    """0-based row and column → ``F9``."""
    return f"{column_name(col)}{row + 1}"


def label(value: Any) -> str:
    """A cell's text as a label to compare: no spaces of any width, no line breaks."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return re.sub(r"[\s\u3000]+", "", text)


def decimal_text(value: Any) -> str | None:
    """The text of a number cell (see the module's note on floats), or ``None`` if not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return None


def number(value: Any, where: str) -> Decimal:
    """A number cell exactly (see the module's note on floats). Empty and “—” are zero; text is an
    error naming ``where`` (``Z05!F9``)."""
    text = decimal_text(value)
    if text is None:
        text = label(value).replace(",", "").replace("，", "")
        if text == "" or text in DASHES:
            return Decimal(0)
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise WorkbookError(f"{where}: expected a number, found the text {str(value)!r}") from None
    if not result.is_finite():
        raise WorkbookError(f"{where}: expected a number, found {str(value)!r}")
    return result


def plain(value: Decimal) -> Decimal:
    """Without trailing zeros and without an exponent (``845.44``, ``100``, ``0``)."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value


def yuan(value: Any, where: str) -> Decimal:
    """A cell holding 元 → the amount in 万元, exactly."""
    amount = number(value, where)
    if amount.as_tuple().exponent < -2:
        # A value the software computed (1234.5600000000002): the amount it means is in cents.
        cents = amount.quantize(CENT)
        if abs(amount - cents) > Decimal("0.000001"):
            raise WorkbookError(f"{where}: {amount} 元 is not an amount in cents")
        amount = cents
    return plain(amount.scaleb(-4))


def whole(value: Any, where: str) -> int:
    """A cell holding a count (人次, 辆, 台)."""
    count = number(value, where)
    if count != count.to_integral_value() or count < 0:
        raise WorkbookError(f"{where}: expected a whole number, found {str(value)!r}")
    return int(count)


def check_file(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Refuse what cannot be a workbook before a reader spends memory on it. Returns, per sheet of
    an .xlsx, the cells holding a formula without a computed value (BIFF8 always stores one)."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise WorkbookError(f"{path}: {exc.strerror}") from None
    if size == 0:
        raise WorkbookError(f"{path}: the file is empty")
    if size > MAX_BYTES:
        raise WorkbookError(f"{path}: {size // (1024 * 1024)} MB is too large for a workbook of "
                            f"accounts (at most {MAX_BYTES // (1024 * 1024)} MB is read)")
    if zipfile.is_zipfile(path):
        _check_parts(path)
        return _check_extent(path, _check_unpacked(path))
    if _is_compound(path):
        _check_xls(path)
    return {}


def _check_parts(path: Path) -> None:
    """The number of parts, as the zip's end record states it, before the directory is read: Python
    (and the reader) hold some 800 bytes for each entry of the directory, and 200,000 empty parts
    in a file of 17 MB took 180 MB. zipfile's own reader of the end record is used (it finds the
    record behind a comment, and the ZIP64 one)."""
    with path.open("rb") as handle:
        end = zipfile._EndRecData(handle)  # noqa: SLF001 - the stdlib's reader of the zip's end record
    if end is None:
        return  # not a zip after all: the reader says so
    parts, directory = end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE]  # noqa: SLF001
    # The directory's size too: it is read by size, so a record that understates the parts is caught.
    if parts > MAX_PARTS or directory > MAX_PARTS * DIRECTORY_ENTRY:
        raise WorkbookError(f"{path}: {parts:,} parts in a directory of {directory:,} bytes (at most {MAX_PARTS:,} "
                            "parts are read): not a workbook of accounts")


def _check_unpacked(path: Path) -> int:
    """Every part unpacked and counted, so a zip whose headers understate a part is caught too: what
    the workbook unpacks to."""
    left = MAX_UNPACKED
    try:
        with zipfile.ZipFile(path) as book:
            for entry in book.infolist():
                with book.open(entry) as part:
                    while chunk := part.read(min(2**20, left + 1)):
                        left -= len(chunk)
                        if left < 0:
                            raise WorkbookError(f"{path}: unpacks to more than {MAX_UNPACKED // 2**20} MB "
                                                f"(at {entry.filename}): not a workbook of accounts")
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError) as exc:
        raise WorkbookError(f"{path}: not a readable .xlsx workbook (a damaged zip: {exc})") from None
    return MAX_UNPACKED - left


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How a compound file (the container of a BIFF8 .xls) begins."""


def _is_compound(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(OLE2)) == OLE2


def _check_xls(path: Path) -> None:
    """An .xls's sheets measured before calamine reads them all at once (see :mod:`.biff`)."""
    from .biff import Unreadable, xls_refusal

    try:
        what = xls_refusal(path)
    except Unreadable as exc:
        if "encrypted" in str(exc).lower():
            raise WorkbookError(f"{path}: {PROTECTED}") from None
        raise WorkbookError(f"{path}: not a readable .xls/.xlsx workbook ({exc})") from None
    if what:
        raise WorkbookError(f"{path}: {what}")


def _check_extent(path: Path, unpacked: int) -> dict[str, set[tuple[int, int]]]:
    """An .xlsx's sheets measured before calamine lays them out (see :mod:`.extent`)."""
    try:
        with zipfile.ZipFile(path) as book:
            extent = measure(book, unpacked)
    except etree.XMLSyntaxError:
        return {}  # the reader names what is wrong with the XML
    if extent.refusal:
        raise WorkbookError(f"{path}: {extent.refusal}")
    return extent.uncached
