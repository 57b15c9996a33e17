"""The SKP history (``skp_history``): fill ``performance`` and ``performance_prev`` from it.

``data.skp_history`` (optional) lists one row per person and year: ``nip, year, predikat``
(SIASN's riwayat SKP: ``nipBaru``, ``tahun``, ``kuadranKinerja`` in capitals such as ``SANGAT
BAIK``; :mod:`~mutasi_opt.tables.siasn`). With it, the employees table needs no ``performance``
column: each person's latest year gives ``performance`` and the year before that (their
second-latest row) ``performance_prev``.

Documented choices
------------------
- A value written in the employees table wins over the history; where the two differ, a warning
  (``skp_history_differs``) names both. The history fills only empty cells.
- A person whose latest year is older than the newest year of the table is read from that older
  year, with a warning (``skp_history_stale``): their last appraisal may be missing.
- A person with no ``performance`` in either table is an error (``missing_value``), as an empty
  ``performance`` cell is without a history.
- Errors of the history itself: a (nip, year) given twice (``duplicate_skp_year``), a NIP that is
  not in the employees table (``unknown_nip``), and the cell errors of any table (NIP, year,
  predikat).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mutasi_opt.errors import IssueCollector
from mutasi_opt.tables.schema import ParsedTable

__all__ = ["HistoryFill", "fill_performance"]


@dataclass(frozen=True)
class HistoryFill:
    """What the history filled: people whose ``performance`` and ``performance_prev`` it gave."""

    performance: int = 0
    performance_prev: int = 0


def _present(t: ParsedTable, column: str) -> np.ndarray:
    return t.frame[column].notna().to_numpy()


def fill_performance(
    employees: ParsedTable, history: ParsedTable | None, issues: IssueCollector
) -> HistoryFill:
    """Fill ``employees.performance`` and ``performance_prev`` (in place) from ``history``.

    Parameters
    ----------
    employees
        The parsed employees table (``performance`` not required of it).
    history
        The parsed ``skp_history``; ``None`` when it could not be read (its problems are already
        reported, and no "no performance" errors are added on top).
    issues
        Where problems go (see the module docstring).

    Returns
    -------
    HistoryFill
        How many cells the history filled.
    """
    if history is None:
        return HistoryFill()
    h = history
    usable = h.ok("nip", "year", "predikat") & _present(h, "nip") & _present(h, "year")
    usable &= _present(h, "predikat")
    rows = pd.DataFrame(
        {
            "nip": h.frame["nip"],
            "year": pd.to_numeric(h.frame["year"]),
            "predikat": h.frame["predikat"],
            "row": h.rows,
        }
    ).loc[usable]
    dup = rows.duplicated(["nip", "year"], keep="first").to_numpy()
    row_of = rows["row"].to_numpy(dtype=np.int64)
    year_of_row = rows["year"].to_numpy(dtype=np.int64)
    nip_of_row = rows["nip"].to_numpy(dtype=object)
    if dup.any():
        first = rows.groupby(["nip", "year"], sort=False)["row"].transform("first")
        first_row = first.to_numpy(dtype=np.int64)
        for k in np.flatnonzero(dup).tolist():
            issues.error(
                "duplicate_skp_year",
                f"this NIP and year appear more than once (first in row {first_row[k]})",
                file=h.label, row=int(row_of[k]), column=h.header("year", 0),
                value=f"{nip_of_row[k]}, {year_of_row[k]}",
                message_id="pasangan NIP dan tahun ini muncul lebih dari sekali (pertama di baris "
                f"{first_row[k]})",
            )  # fmt: skip
    rows = rows.loc[~dup]
    e = employees
    if e.ok("nip").all() and len(rows):
        known = set(e.frame["nip"].dropna())
        unknown = ~rows["nip"].isin(list(known)).to_numpy()
        for row, nip in zip(
            rows["row"].to_numpy()[unknown].tolist(),
            rows["nip"].to_numpy()[unknown].tolist(),
            strict=True,
        ):
            issues.error("unknown_nip", "no employee with this NIP", file=h.label, row=int(row),
                         column=h.header("nip", 0), value=str(nip),
                         message_id="tidak ada pegawai dengan NIP ini")  # fmt: skip
    ordered = rows.sort_values(["nip", "year"], ascending=[True, False], kind="stable")
    by_nip = ordered.groupby("nip", sort=False)
    latest = by_nip.nth(0).set_index("nip")
    second = by_nip.nth(1).set_index("nip")
    nips = e.frame["nip"]
    filled = HistoryFill(
        performance=_fill(e, "performance", nips, latest, issues, h.label),
        performance_prev=_fill(e, "performance_prev", nips, second, issues, h.label),
    )
    newest = int(rows["year"].max()) if len(rows) else None
    if newest is not None:
        year_of = nips.map(latest["year"]).to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            stale = (year_of < newest) & nips.notna().to_numpy()
        for k in np.flatnonzero(stale).tolist():
            issues.warn(
                "skp_history_stale",
                f"the latest SKP of this person in skp_history is {int(year_of[k])}, the "
                f"table's newest year is {newest}: performance is that of {int(year_of[k])}",
                file=e.label, row=int(e.rows[k]), column=e.header("nip", k), value=str(nips.iat[k]),
                message_id=f"SKP terakhir orang ini di skp_history adalah {int(year_of[k])}, "
                f"tahun terbaru tabel itu {newest}: performance diambil dari {int(year_of[k])}",
            )  # fmt: skip
    empty = ~_present(e, "performance") & e.ok("nip", "performance")
    for k in np.flatnonzero(empty).tolist():
        issues.error(
            "missing_value",
            "performance needs a value: none in the employees table and no year for this NIP in "
            "skp_history",
            file=e.label, row=int(e.rows[k]), column=e.header("performance", k),
            message_id="performance wajib diisi: tidak ada di tabel employees dan tidak ada tahun "
            "untuk NIP ini di skp_history",
        )  # fmt: skip
    e.bad["performance"] = e.bad.get("performance", np.zeros(len(e.frame), dtype=bool)) | empty
    return filled


def _fill(
    e: ParsedTable,
    column: str,
    nips: pd.Series,
    source: pd.DataFrame,
    issues: IssueCollector,
    label: str,
) -> int:
    """Fill the empty, well-formed cells of ``column`` from ``source`` (by NIP); warn where a
    written value differs. Returns how many cells were filled."""
    given = e.frame[column]
    if len(source):
        from_history = nips.map(source["predikat"])
        year = nips.map(source["year"]).to_numpy(dtype=float, na_value=np.nan)
    else:
        from_history = pd.Series([None] * len(nips), index=nips.index, dtype=object)
        year = np.full(len(nips), np.nan)
    has = from_history.notna().to_numpy()
    written = given.notna().to_numpy()
    differ = has & written & (given != from_history).to_numpy()
    for k in np.flatnonzero(differ).tolist():
        issues.warn(
            "skp_history_differs",
            f"{column} is {given.iat[k]!r} here but {from_history.iat[k]!r} for "
            f"{int(year[k])} in skp_history ({label}); this table's value is used",
            file=e.label, row=int(e.rows[k]), column=e.header(column, k), value=str(given.iat[k]),
            message_id=f"{column} bernilai {given.iat[k]!r} di sini tetapi {from_history.iat[k]!r} "
            f"untuk {int(year[k])} di skp_history ({label}); nilai tabel ini yang dipakai",
        )  # fmt: skip
    fill = has & ~written & e.ok(column)
    if fill.any():
        values = given.to_numpy(dtype=object, copy=True)
        values[fill] = from_history.to_numpy(dtype=object)[fill]
        e.frame[column] = pd.Series(values, index=given.index, dtype=object)
    return int(fill.sum())
