"""The tables ``mutasi-opt import-siasn`` writes: employees as read, and a draft of the posts.

SIASN's employee export says who holds which post, not what the posts are: the positions table is
drafted from the holders, one row per post id the reader built
(:func:`~mutasi_opt.tables.siasn_fold.post_id`), for the analyst to check:

- ``title``: the holders' ``jabatan_nama`` (the most common, when they differ);
- ``unit``: the unit above the post (``unorIndukNama``) when the export has it, else the post's
  own unit (``unor_nama``): a structural post's unor is often a bidang or a seksi, not the OPD;
- ``kind``: ``fungsional`` for *jabatan fungsional tertentu*, ``pelaksana`` for *fungsional
  umum*; a structural post's from its eselon (``eselonId``, ``eselon``) when given, else from the
  start of its title (:data:`~mutasi_opt.tables.siasn.STRUCTURAL_TITLES`, a guess), else empty;
- ``jenjang`` of a functional post: the jenjang words of its title (``Perawat Ahli Muda``), else
  empty;
- ``capacity``: the number of holders (a vacant seat is not in an employee export: add it).

Each guess and each empty cell is listed in the import report (:class:`PostNote`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from mutasi_opt.domain import JENJANG, JENJANG_WORDS
from mutasi_opt.tables import siasn
from mutasi_opt.tables.model import EMPLOYEE_COLUMNS, POSITION_COLUMNS
from mutasi_opt.tables.siasn_fold import post_kinds

__all__ = ["PostNote", "draft_positions", "employees_table"]

AUX = siasn.AUX_PREFIX

_JENJANG_OF_WORDS = {
    re.compile(r"\b" + words.replace(" ", r"\s+") + r"\b", re.IGNORECASE): code
    for words, code in zip(JENJANG_WORDS, JENJANG, strict=True)
}


@dataclass(frozen=True)
class PostNote:
    """Something about one drafted post the analyst should check."""

    position_id: str
    title: str
    note: str


def employees_table(employees: pd.DataFrame) -> pd.DataFrame:
    """The employees table to write: the engine's columns (``bup`` when read), the status as the
    table named it (SIASN's ``PNS kena hukuman disiplin`` reads back as ``hukuman_disiplin``, and
    the reason of a stay then quotes it)."""
    columns = [*EMPLOYEE_COLUMNS, *(["bup"] if "bup" in employees.columns else [])]
    out = employees[columns].copy()
    named = employees["status_name"]
    out["status"] = named.where(named.notna(), employees["status"])
    return out


def _title_jenjang(title: str) -> str | None:
    for pattern, code in _JENJANG_OF_WORDS.items():
        if pattern.search(title):
            return code
    return None


def _most_common(values: pd.Series) -> str | None:
    present = values.dropna()
    if present.empty:
        return None
    return str(present.value_counts(sort=True).index[0])


def draft_positions(
    raw: pd.DataFrame, position_id: pd.Series
) -> tuple[pd.DataFrame, list[PostNote]]:
    """The positions draft, and what to check in it.

    Parameters
    ----------
    raw
        The employees table as read, SIASN columns included (``siasn:`` names).
    position_id
        Each row's post (built or given), ``None`` for people not placed.
    """
    kinds = post_kinds(raw)
    frame = pd.DataFrame(
        {
            "position_id": position_id.to_numpy(dtype=object),
            "jenis": kinds.to_numpy(dtype=object),
            "title": _text(raw, "jabatan_nama"),
            "unit": _text(raw, "unor_induk_nama").where(
                _text(raw, "unor_induk_nama").notna(), _text(raw, "unor_nama")
            ),
            "eselon_id": _text(raw, "eselon_id"),
            "eselon": _text(raw, "eselon"),
        }
    )
    frame = frame.loc[frame["position_id"].notna()]
    rows: list[dict[str, object]] = []
    notes: list[PostNote] = []
    for pid, group in frame.groupby("position_id", sort=False):
        post = str(pid)
        title = _most_common(group["title"]) or ""
        unit = _most_common(group["unit"]) or ""
        jenis = _most_common(group["jenis"])
        holders = len(group)

        def note(text: str, title: str = title, post: str = post) -> None:
            notes.append(PostNote(post, title, text))

        if group["title"].nunique() > 1:
            note(f"holders' jabatan_nama differ; the most common, {title!r}, is the title")
        if not title:
            note("no jabatan_nama: fill in the title")
        if not unit:
            note("no unit name: fill in the unit (OPD)")
        kind: str | None = None
        jenjang: str | None = None
        if jenis == "fungsional":
            kind = "fungsional"
            jenjang = _title_jenjang(title)
            if jenjang is None:
                note("a functional post whose title names no jenjang: fill in the jenjang")
        elif jenis == "umum":
            kind = "pelaksana"
        else:
            kind = siasn.eselon_kind(
                _most_common(group["eselon_id"]), _most_common(group["eselon"])
            )
            if kind is None:
                kind = siasn.title_kind(title)
                if kind is None:
                    note("a structural post of unknown eselon: fill in the kind")
                else:
                    note(f"kind {kind} guessed from the title (no eselon in the export): check it")
            if holders > 1:
                note(f"a structural post held by {holders} people: check the unit ids")
        rows.append(
            {"position_id": post, "title": title, "unit": unit, "kind": kind, "jenjang": jenjang,
             "capacity": holders}
        )  # fmt: skip
    out = pd.DataFrame(
        rows, columns=["position_id", "title", "unit", "kind", "jenjang", "capacity"]
    )
    for column in POSITION_COLUMNS:
        if column not in out.columns:
            out[column] = None
    out = out[list(POSITION_COLUMNS)]
    out["capacity"] = out["capacity"].astype("int64")
    out["status"] = "active"
    return out, notes


def _text(raw: pd.DataFrame, name: str) -> pd.Series:
    column = f"{AUX}{name}"
    if column in raw.columns:
        return raw[column].reset_index(drop=True)
    return pd.Series([None] * len(raw), dtype=object)
