"""A python-docx package written as .docx bytes that depend on its content only.

python-docx stamps every zip entry with the time of saving, so two renders of the same data
differ in their bytes; here every entry carries the same fixed time (1980-01-01, the zip
format's epoch, as XlsxWriter does for the embedded workbooks), so a batch can compare outputs.
The parts, their order and the content types are python-docx's own (its ``PackageWriter``).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from typing import Any

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 1
"""zlib's fastest level: half the time of the default (6) on a report's XML for a file about a
fifth larger (90 KB against 74 KB for the complete fixture); Word rewrites it on its first save."""
_COMPRESSED = (".xlsx", ".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf", ".bin")
"""Parts already compressed (deflating them again costs time and saves nothing): stored."""


class _FixedTimeZip:
    """python-docx's physical package writer interface over a zip with fixed entry times."""

    def __init__(self, file: io.BytesIO, written: dict[str, bytes] | None):
        self._zip = zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED)
        self._written = written

    def write(self, pack_uri: Any, blob: bytes) -> None:
        name = pack_uri.membername
        if self._written is not None and name.endswith((".xml", ".rels")):
            self._written[name] = blob
        info = zipfile.ZipInfo(name, FIXED_TIME)
        info.external_attr = 0o600 << 16
        if name.lower().endswith(_COMPRESSED):
            info.compress_type = zipfile.ZIP_STORED
            self._zip.writestr(info, blob)
        else:
            info.compress_type = zipfile.ZIP_DEFLATED
            self._zip.writestr(info, blob, compresslevel=COMPRESS_LEVEL)

    def close(self) -> None:
        self._zip.close()


def package_bytes(document: Any, written: dict[str, bytes] | None = None,
                  fixed: Mapping[Any, bytes] | None = None) -> bytes:
    """The .docx bytes of a python-docx ``Document`` (what ``document.save`` writes, with fixed
    entry times). ``written`` receives each XML part as written, by member name; ``fixed`` gives
    the bytes of parts whose element is unchanged since they were serialised, by element (a
    template's 337 KB of styles is not serialised again on every render)."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    buffer = io.BytesIO()
    writer = _FixedTimeZip(buffer, written)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    for part in parts:  # as PackageWriter._write_parts, with the fixed bytes
        known = fixed.get(getattr(part, "_element", None)) if fixed else None
        writer.write(part.partname, part.blob if known is None else known)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    writer.close()
    return buffer.getvalue()
