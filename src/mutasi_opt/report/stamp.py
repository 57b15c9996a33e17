"""Byte-identical Word files: every ZIP member dated from the run's ``created_at``.

python-docx dates every member of the package with the clock at save time, so two runs of the same
plan would give different bytes. :func:`restamp_zip` rewrites the package with each member dated
``created_at`` (local wall time, as ZIP stores it), in the same order, and the document's own
creation and modification times (``docProps/core.xml``, UTC) set to ``created_at`` too. The
workbooks, whose writer takes the document's times as given, are dated in place instead
(:func:`mutasi_opt.zipstamp.stamp_zip_entries`).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

__all__ = ["restamp_zip"]

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _zip_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return max(stamp, _ZIP_EPOCH)


_CORE = "docProps/core.xml"
_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def _core_stamp(moment: dt.datetime) -> bytes:
    utc = moment.astimezone(dt.UTC) if moment.tzinfo is not None else moment
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")


def restamp_zip(path: Path, moment: dt.datetime) -> None:
    """Rewrite the ZIP package at ``path`` with every member dated ``moment`` (even seconds,
    as ZIP keeps them)."""
    when = _zip_time(moment)
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    tmp = path.with_name(path.name + ".restamp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == _CORE:
                data = _CORE_TIME.sub(rb"\g<1>" + _core_stamp(moment) + rb"\g<2>", data)
            fresh = zipfile.ZipInfo(info.filename, date_time=when)
            fresh.compress_type = zipfile.ZIP_DEFLATED
            fresh.external_attr = 0o600 << 16
            target.writestr(fresh, data)
    tmp.replace(path)
