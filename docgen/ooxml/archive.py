"""Zip archives (the .docx and the workbooks embedded in it) written directly.

The bytes are those ``zipfile`` writes for the same entries written from memory into a seekable
file (``ZipFile.writestr`` of a ``ZipInfo`` with a fixed time): local headers without data
descriptors or extra fields, ``rw-------`` permissions, the system ``zipfile`` records, UTF-8
names flagged as such. Without its per-entry machinery (a file object, a lock and a compressor
for each entry), and with the deflated bytes of a part that does not change between reports
computable once (:func:`deflated`), writing a report's forty entries costs what deflating them
costs.
"""

from __future__ import annotations

import struct
import sys
import zlib
from collections.abc import Sequence
from typing import NamedTuple

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""Every entry's time: the zip format's epoch, so that the same content gives the same bytes."""
_DOS_DATE = (FIXED_TIME[0] - 1980) << 9 | FIXED_TIME[1] << 5 | FIXED_TIME[2]
_DOS_TIME = FIXED_TIME[3] << 11 | FIXED_TIME[4] << 5 | FIXED_TIME[5] // 2
_STORED, _DEFLATED = 0, 8
_VERSION = 20
_SYSTEM = 0 if sys.platform == "win32" else 3
_MODE = 0o600 << 16
_UTF8_NAME = 0x800
_LIMIT = (1 << 31) - 1
"""Beyond this an entry needs ZIP64 records, which no report part comes near."""


class Packed(NamedTuple):
    """An entry's data as stored: its method, the bytes written and the packed CRC and sizes."""

    method: int
    data: bytes
    crc_and_sizes: bytes


def deflated(data: bytes, level: int = zlib.Z_DEFAULT_COMPRESSION) -> Packed:
    """``data`` deflated at ``level`` (zlib's; ``zipfile``'s default when not given)."""
    _check_size(data)
    packed = zlib.compress(data, level, -15)
    return Packed(_DEFLATED, packed, struct.pack("<3L", zlib.crc32(data), len(packed), len(data)))


def stored(data: bytes) -> Packed:
    """``data`` stored as it is (a part already compressed: deflating it again saves nothing)."""
    _check_size(data)
    return Packed(_STORED, data, struct.pack("<3L", zlib.crc32(data), len(data), len(data)))


def _check_size(data: bytes) -> None:
    if len(data) * 1.05 > _LIMIT:  # where zipfile turns to ZIP64
        raise ValueError(f"a zip entry of {len(data)} bytes needs ZIP64")


def archive(entries: Sequence[tuple[str, Packed]]) -> bytes:
    """The zip of ``entries`` (name, packed data), in their order."""
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, packed in entries:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        common = struct.pack("<4H", flags, packed.method, _DOS_TIME, _DOS_DATE) + packed.crc_and_sizes
        header = b"PK\x03\x04" + struct.pack("<2B", _VERSION, 0) + common + struct.pack("<2H", len(encoded), 0)
        directory.append(b"PK\x01\x02" + struct.pack("<4B", _VERSION, _SYSTEM, _VERSION, 0) + common
                         + struct.pack("<5H2L", len(encoded), 0, 0, 0, 0, _MODE, offset) + encoded)
        out += (header, encoded, packed.data)
        offset += len(header) + len(encoded) + len(packed.data)
    central = b"".join(directory)
    if offset > _LIMIT or len(entries) > 0xFFFF:
        raise ValueError("the archive needs ZIP64")
    end = b"PK\x05\x06" + struct.pack("<4H2LH", 0, 0, len(entries), len(entries), len(central), offset, 0)
    return b"".join(out) + central + end
