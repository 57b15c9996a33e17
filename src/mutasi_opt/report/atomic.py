"""Atomic output folders; the machinery lives in :mod:`mutasi_opt.outfolder` (the sample writer
uses it too, without loading the reports)."""

from __future__ import annotations

from mutasi_opt.outfolder import (
    MARKER,
    FolderKind,
    OutputExistsError,
    atomic_folder,
    check_target,
    clean_stale_temporaries,
    read_marker,
)

__all__ = [
    "MARKER",
    "FolderKind",
    "OutputExistsError",
    "atomic_folder",
    "check_target",
    "clean_stale_temporaries",
    "read_marker",
]
