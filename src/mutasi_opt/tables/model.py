"""The loaded tables: pandas DataFrames with the contract's columns, validated and typed.

Readers (:mod:`mutasi_opt.tables.read`) produce a :class:`Tables`; everything downstream reads it
and never the files. Canonical dtypes (after validation):

employees
    ``nip`` str (18 digits), ``name`` str, ``position_id`` str or ``None`` (not placed),
    ``golongan`` str in :data:`~mutasi_opt.domain.GOLONGAN`, ``education`` str in
    :data:`~mutasi_opt.domain.EDUCATION`, ``tmt_jabatan`` datetime64 (NaT if not placed),
    ``performance`` str in :data:`~mutasi_opt.domain.PREDIKAT`, ``performance_prev`` str or ``None``,
    ``potential`` str or ``None``, ``birth_date`` datetime64 (from the NIP when not given),
    ``status`` str (default ``aktif``), ``locked`` bool (default False), ``asn_type`` str in
    :data:`~mutasi_opt.domain.ASN_TYPES` (``PNS`` for everyone when the file has no such column;
    an empty cell of a column that is there is an error), ``qualifications`` str or ``None``
    (``;``-separated profession families); derived from the NIP:
    ``gender`` (``L``/``P``) and ``cpns_date`` datetime64 (first day of the CPNS month); from the
    status as written: ``status_name`` str or ``None``, the name the table gave a status when it
    is more than a spelling of the code (SIASN's ``PNS kena hukuman disiplin`` for
    ``hukuman_disiplin``; a *kedudukan hukum* id gives its SIASN name). Only when the file has it
    (:data:`EXTENSION_COLUMNS`): ``bup`` float64, the person's BUP in years as SIASN records it
    (``bupPensiun``; NaN where empty).
positions
    ``position_id`` str, ``title`` str, ``unit`` str, ``kind`` str, ``jenjang`` str or ``None``,
    ``capacity`` int (default 1), ``min_golongan``/``max_golongan``/``min_education`` str or
    ``None``, ``priority`` int (default 3), ``status`` str (default ``active``),
    ``needs_external_approval`` bool (default False), ``family`` str or ``None`` (profession of a
    functional post; derived from the title when empty, :func:`~mutasi_opt.domain.post_family`).
competencies
    ``nip``, ``competency`` str, ``level`` int 1-5.
requirements
    ``position_id``, ``competency`` str, ``level`` int 1-5.
competency_dictionary
    ``code``, ``name``, ``kind`` (the built-in one when no file is given).
preferences
    ``nip``, ``rank`` int or ``None`` (refusals need none), ``position_id`` str or ``None``,
    ``unit`` str or ``None`` (exactly one of the two), ``refuse`` bool.
scores
    ``nip``, ``position_id``, ``score`` float 0-100.
decisions
    The panel's rulings (:mod:`mutasi_opt.tables.decisions`): ``nip``, ``position_id`` str or
    ``None`` (a post, or for ``forbid`` a unit), ``decision`` in ``keep``, ``forbid``, ``assign``,
    ``note`` str or ``None``, ``override`` bool (default False).

Row order is the file's; the index is a RangeIndex.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from mutasi_opt.errors import InputIssue
from mutasi_opt.tables.coded import Coded

EMPLOYEE_COLUMNS = (
    "nip", "name", "position_id", "golongan", "education", "tmt_jabatan", "performance",
    "performance_prev", "potential", "birth_date", "status", "locked", "asn_type",
    "qualifications",
)  # fmt: skip
POSITION_COLUMNS = (
    "position_id", "title", "unit", "kind", "jenjang", "capacity", "min_golongan",
    "max_golongan", "min_education", "priority", "status", "needs_external_approval",
    "family",
)  # fmt: skip
COMPETENCY_COLUMNS = ("nip", "competency", "level")
REQUIREMENT_COLUMNS = ("position_id", "competency", "level")
DICTIONARY_COLUMNS = ("code", "name", "kind")
PREFERENCE_COLUMNS = ("nip", "rank", "position_id", "unit", "refuse")
SCORE_COLUMNS = ("nip", "position_id", "score")
DECISION_COLUMNS = ("nip", "position_id", "decision", "note", "override")
SKP_HISTORY_COLUMNS = ("nip", "year", "predikat")
"""``skp_history`` (optional input): one row per person and year. It is not kept as a table: the
readers fill ``employees.performance`` and ``performance_prev`` from it (tables/skp.py)."""

EXTENSION_COLUMNS: dict[str, tuple[str, ...]] = {"employees": ("bup",)}
"""Optional input columns added after the contract's first tables: in :class:`Tables` only when the
file has them (code that reads them checks that they are there)."""

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "employees": EMPLOYEE_COLUMNS,
    "positions": POSITION_COLUMNS,
    "competencies": COMPETENCY_COLUMNS,
    "requirements": REQUIREMENT_COLUMNS,
    "competency_dictionary": DICTIONARY_COLUMNS,
    "preferences": PREFERENCE_COLUMNS,
    "scores": SCORE_COLUMNS,
    "decisions": DECISION_COLUMNS,
}


@dataclass(frozen=True, eq=False)
class Tables:
    """Every input table of one scenario, validated.

    Attributes
    ----------
    employees, positions, competencies, requirements, competency_dictionary, preferences, scores, decisions
        DataFrames with the canonical columns above; optional tables absent from the scenario are
        empty frames with their columns.
    warnings
        Allowed but suspicious input (birth date that disagrees with the NIP, a person with no
        competency data, a post with no requirements, ...), each a warning :class:`InputIssue`.
    sources
        Table name to the file it was read from (``file.xlsx[sheet]`` for a workbook sheet).
    coded
        Table -> column -> the column as codes, where the reader kept them
        (:mod:`mutasi_opt.tables.coded`; read them with :meth:`coded_column`).
    """

    employees: pd.DataFrame
    positions: pd.DataFrame
    competencies: pd.DataFrame
    requirements: pd.DataFrame
    competency_dictionary: pd.DataFrame
    preferences: pd.DataFrame
    scores: pd.DataFrame
    warnings: list[InputIssue] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    decisions: pd.DataFrame = field(default_factory=lambda: no_decisions())
    coded: dict[str, dict[str, Coded]] = field(default_factory=dict, repr=False)

    def coded_column(self, table: str, column: str) -> Coded | None:
        """The text column ``column`` of ``table`` as codes, when the reader kept them and they
        still describe it (a long table's identifiers then need no hashing)."""
        coded = self.coded.get(table, {}).get(column)
        frame: pd.DataFrame = getattr(self, table)
        if coded is None or column not in frame.columns:
            return None
        return coded if coded.fits(frame[column]) else None

    def counts(self) -> dict[str, int]:
        """Rows per table (the panel's ``decisions`` only when there are any)."""
        out = {name: len(getattr(self, name)) for name in TABLE_COLUMNS}
        if not out["decisions"]:
            del out["decisions"]
        return out

    def __repr__(self) -> str:
        body = ", ".join(f"{k}={v}" for k, v in self.counts().items())
        return f"Tables({body}, warnings={len(self.warnings)})"


def no_decisions() -> pd.DataFrame:
    """A decisions table without rows (no rulings), with its canonical columns and dtypes."""
    columns: dict[str, Any] = {c: pd.Series([], dtype=object) for c in DECISION_COLUMNS}
    columns["override"] = pd.Series([], dtype=bool)
    return pd.DataFrame(columns)
