"""Date every entry of a freshly written ZIP package in place (same inputs, same bytes).

XlsxWriter dates every member of a workbook 1980-01-31 (local time) and gives it the mode of its
temporary file. :func:`stamp_zip_entries` patches the date, time and mode fields of each member's
two headers (the local header and the central directory's entry) where they stand: rewriting the
members would inflate and deflate every sheet again (seconds for 100,000 people), and only the end
record and the central directory are read.

Packages whose document properties also carry the clock (python-docx's) are rewritten by
:func:`mutasi_opt.report.stamp.restamp_zip` instead.
"""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

__all__ = ["stamp_zip_entries"]

# Zip record layouts (APPNOTE 4.3.7, 4.3.12, 4.3.16): signature, then the offsets used below.
_LOCAL = b"PK\x03\x04"
_CENTRAL = b"PK\x01\x02"
_END = b"PK\x05\x06"
_END_SIZE = 22  # an end record without a comment (XlsxWriter writes none)


def _zip_date_time(moment: dt.datetime) -> bytes:
    """The MS-DOS time and date fields of ``moment``'s wall time (even seconds; 1980 at least)."""
    if moment.year < 1980:
        moment = dt.datetime(1980, 1, 1)
    time = (moment.hour << 11) | (moment.minute << 5) | (moment.second // 2)
    date = ((moment.year - 1980) << 9) | (moment.month << 5) | moment.day
    return struct.pack("<HH", time, date)


def stamp_zip_entries(path: Path, moment: dt.datetime) -> None:
    """Date every entry of the ZIP file at ``path`` ``moment`` and give it mode 0644 (Unix).

    Raises
    ------
    ValueError
        The file is not laid out as a single-disk ZIP without a comment.
    """
    stamp = _zip_date_time(moment)
    with path.open("r+b") as f:
        f.seek(0, 2)
        length = f.tell()
        if length < _END_SIZE:
            raise ValueError(f"{path}: unexpected zip layout (end record)")
        f.seek(length - _END_SIZE)
        end = f.read(_END_SIZE)
        if end[:4] != _END:
            raise ValueError(f"{path}: unexpected zip layout (end record)")
        count, size, offset = struct.unpack_from("<HII", end, 10)
        f.seek(offset)
        directory = f.read(size)
        at = 0
        for _ in range(count):
            if directory[at : at + 4] != _CENTRAL:
                raise ValueError(f"{path}: unexpected zip layout (central directory)")
            name_len, extra_len, comment_len = struct.unpack_from("<HHH", directory, at + 28)
            (local,) = struct.unpack_from("<I", directory, at + 42)
            f.seek(local)
            if f.read(4) != _LOCAL:
                raise ValueError(f"{path}: unexpected zip layout (local header)")
            # Central entry: made by Unix (high byte of "version made by"), time, date, mode.
            f.seek(offset + at + 5)
            f.write(b"\x03")
            f.seek(offset + at + 12)
            f.write(stamp)
            f.seek(offset + at + 38)
            f.write(struct.pack("<I", 0o100644 << 16))
            f.seek(local + 10)
            f.write(stamp)
            at += 46 + name_len + extra_len + comment_len
        if at != size:
            raise ValueError(f"{path}: unexpected zip layout (central directory size)")
