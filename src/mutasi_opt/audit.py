"""An independent audit of a plan: every hard rule and the value of each chosen pair, re-derived.

:func:`check_plan <mutasi_opt.check.check_plan>` checks a plan against the problem's candidate
pairs; if candidate generation let through a pair that a rule forbids, or scored it wrongly, the
plan would still pass. :func:`audit_plan` closes that gap: for the post each person is given, it
re-derives from the raw tables (``problem.tables``) and the scenario (``problem.scenario``) whether
every hard rule allows the pair, and what the pair is worth, and compares with what the engine
stored. A disagreement is a bug of the engine, named by NIP, position_id and rule.

Independence
------------
This module imports nothing from :mod:`mutasi_opt.rules`, :mod:`~mutasi_opt.context`,
:mod:`~mutasi_opt.scoring`, :mod:`~mutasi_opt.candidates`, :mod:`~mutasi_opt.domain` or
:mod:`~mutasi_opt.solve`. Its small tables (golongan and education order, BUP, job levels,
predikat and potential mappings) are its own copies from DOMAIN.md and DESIGN.md, so a copy in the
engine that disagrees with the documents is exactly what it catches. From the problem it reads only
``tables``, ``scenario``, the identifiers ``nip`` and ``post_id`` (to turn the plan's indices into
NIPs and position ids), ``current_post`` (only to compare it with the employees table) and the
stored numbers of the chosen pairs in ``pairs``. It works one chosen pair per person (``n`` pairs,
never ``n x m``), vectorised over the people where that stays plain.

Codes of :attr:`Disagreement.rule`
----------------------------------
- a hard-rule code of :data:`AUDITED_RULES` (the same codes as ``mutasi_opt.rules.RULE_CODES``):
  the rule, re-derived, forbids the chosen pair;
- ``value``: the stored value, its integer, or one of its parts (fit, JPM, preference, penalty)
  differs from the re-derived one;
- ``not_candidate``: the chosen pair is not among ``problem.pairs`` (``check_plan`` reports it too);
- ``unassigned``: the plan gives the person no post (an index outside the posts);
- ``identity``: the problem's identifiers do not match the tables (a NIP or post missing, or
  ``current_post`` naming another post than ``employees.position_id``).

Documented choices (the engine's, transcribed; see ``docs/audit.md``)
----------------------------------------------------------------------
- Months are whole calendar months at ``as_of``: from 2020-03-15, 2022-03-14 is 23 months and
  2022-03-15 is 24. Tenure runs from ``tmt_jabatan``, age from ``birth_date`` (the NIP's digits
  1-8 when missing), service from ``cpns_date`` (the NIP's digits 9-14, first of the month).
  An unknown date blocks nothing that needs "fewer than" and meets nothing that needs "at least".
- An unknown golongan or education ranks below every known one.
- Preference rows naming an unknown post or unit are ignored (as the engine does); a row with a
  ``position_id`` is about that post, otherwise about its ``unit``. Repeated wishes keep the best
  ``1 / rank``, repeated scores the largest, repeated levels or requirements the last row.
- ``value_int`` is checked as ``rint(value x 1_000_000)`` with half a unit of slack, so that a
  re-derived value one rounding step away from the engine's on a ``.5`` boundary is no false alarm.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

if TYPE_CHECKING:
    from mutasi_opt.problem import Problem
    from mutasi_opt.scenario import FreezeWindow, Scenario
    from mutasi_opt.tables.model import Tables

__all__ = [
    "AUDITED_RULES",
    "VALUE_SCALE",
    "AuditError",
    "AuditReport",
    "Disagreement",
    "audit_plan",
]

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]

AUDITED_RULES: Final[frozenset[str]] = frozenset({
    "abolished", "frozen", "not_active", "locked", "min_tenure", "retirement", "jpt_protection",
    "max_tenure", "promotion", "demotion", "rank_range", "education", "refusal",
    "external_approval", "only_scored", "no_worse_off",
})  # fmt: skip
"""The hard-rule codes this audit re-derives (a test keeps it equal to the engine's rule codes)."""

VALUE_SCALE: Final[int] = 1_000_000
"""Integer scale of pair values, the audit's own copy: ``value_int = rint(value x VALUE_SCALE)``."""

SHOWN: Final[int] = 10
"""Disagreements spelled out in an :class:`AuditError` before "and N more"."""

RELATIVE_TOLERANCE: Final[float] = 1e-9
"""Re-derived and stored values agree within this, relative to ``max(1, |value|)``."""

# --- the audit's own tables (DOMAIN.md, DESIGN.md) ---------------------------------------------

# Golongan/ruang I/a ... IV/e, 17 ordered steps (DOMAIN.md, vocabulary).
GOLONGAN_ORDER: Final[tuple[str, ...]] = (
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)  # fmt: skip
# Highest education, in the order DESIGN.md lists it (employees.education).
EDUCATION_ORDER: Final[tuple[str, ...]] = (
    "SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3",
)  # fmt: skip
# perf_i: the SKP predikat on [0, 1] in equal steps, best first (the mapping DESIGN.md asks the
# project to document; scoring.py documents Sangat Baik 1, Baik 0.75, ..., Sangat Kurang 0).
PERFORMANCE_VALUE: Final[dict[str, float]] = {
    "Sangat Baik": 1.0, "Baik": 0.75, "Butuh Perbaikan": 0.5, "Kurang": 0.25, "Sangat Kurang": 0.0,
}  # fmt: skip
# pot_i: rendah 0, menengah 0.5, tinggi 1; a missing potential counts the middle of the scale.
POTENTIAL_VALUE: Final[dict[str, float]] = {"rendah": 0.0, "menengah": 0.5, "tinggi": 1.0}
MISSING_POTENTIAL: Final[float] = 0.5
# "appraisal below Baik in the last 2 years blocks promotion" (Perban BKN 5/2019 art. 3).
GOOD_PREDIKAT: Final[frozenset[str]] = frozenset({"Sangat Baik", "Baik"})
# Job levels on a common 1-5 scale (the equalisation of structural and functional posts,
# PermenPANRB 17/2021, as rules.py documents it): administrator ~ ahli madya, pengawas ~ ahli
# muda, the former eselon V ~ ahli pertama; keterampilan with pelaksana, penyelia one above.
STRUCTURAL_LEVEL: Final[dict[str, int]] = {
    "pelaksana": 1, "pengawas": 3, "administrator": 4, "jpt_pratama": 5,
}  # fmt: skip
FUNCTIONAL_LEVEL: Final[dict[str, int]] = {
    "pemula": 1, "terampil": 1, "mahir": 2, "penyelia": 2,
    "ahli_pertama": 2, "ahli_muda": 3, "ahli_madya": 4, "ahli_utama": 5,
}  # fmt: skip


def bup_years(kind: str | None, jenjang: str | None) -> int:
    """Batas usia pensiun of a post's holder (DOMAIN.md, "Retirement"; UU 20/2023).

    58 for administrator, pengawas, pelaksana and fungsional ahli pertama/muda and keterampilan;
    60 for JPT and ahli madya; 65 for ahli utama. The jenjang counts for fungsional posts only.
    """
    if kind == "jpt_pratama":
        return 60
    if kind == "fungsional" and jenjang == "ahli_madya":
        return 60
    if kind == "fungsional" and jenjang == "ahli_utama":
        return 65
    return 58


def job_level(kind: str | None, jenjang: str | None) -> int:
    """Level of a post on the 1-5 scale (0 when the kind or jenjang is unknown)."""
    if kind == "fungsional":
        return FUNCTIONAL_LEVEL.get(jenjang or "", 0)
    return STRUCTURAL_LEVEL.get(kind or "", 0)


# --- the report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Disagreement:
    """One chosen pair on which the audit and the engine disagree.

    Attributes
    ----------
    nip
        The person.
    position_id
        The post the plan gives them (``None`` when it gives none).
    rule
        A hard-rule code of :data:`AUDITED_RULES`, or ``value``, ``not_candidate``,
        ``unassigned``, ``identity`` (module docstring).
    detail
        What the audit found, in numbers.
    """

    nip: str
    position_id: str | None
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"NIP {self.nip} -> {self.position_id}: {self.rule}: {self.detail}"


class AuditError(RuntimeError):
    """The audit disagrees with the engine: a bug. ``disagreements`` holds every one."""

    def __init__(self, disagreements: list[Disagreement]) -> None:
        self.disagreements = list(disagreements)
        shown = "; ".join(str(d) for d in self.disagreements[:SHOWN])
        more = len(self.disagreements) - SHOWN
        tail = f"; and {more} more" if more > 0 else ""
        super().__init__(
            f"the audit of the plan disagrees with the engine on {len(self.disagreements)} "
            f"point(s): {shown}{tail}"
        )


@dataclass(frozen=True)
class AuditReport:
    """What :func:`audit_plan` found.

    Attributes
    ----------
    disagreements
        Every disagreement, by person then in rule order.
    pairs_audited
        Chosen pairs re-derived (people given a known post).
    skipped
        Why nothing was audited (a problem built by hand), else ``None``.
    """

    disagreements: list[Disagreement] = field(default_factory=list)
    pairs_audited: int = 0
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        """True when the audit agrees with the engine on every pair (or was skipped)."""
        return not self.disagreements

    def rules(self) -> set[str]:
        """The codes of the disagreements."""
        return {d.rule for d in self.disagreements}

    def raise_for_disagreements(self) -> None:
        """Raise :class:`AuditError` when there is any disagreement.

        Raises
        ------
        AuditError
            Naming NIP, position_id, rule and detail of the first ten, then "and N more".
        """
        if self.disagreements:
            raise AuditError(self.disagreements)


# --- reading the tables ------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    """A cell as text, ``None`` when missing or blank (readers give ``None``; hand-made NaN)."""
    if isinstance(value, str):
        return value if value.strip() else None
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    return str(value)


def _texts(column: pd.Series) -> ObjArray:
    # The common case (non-blank text) inline: this runs over every column the audit reads.
    return np.array(
        [v if isinstance(v, str) and v.strip() else _text(v) for v in column.tolist()],
        dtype=object,
    )


def _flags(column: pd.Series) -> BoolArray:
    """A true/false column, missing = false."""
    return np.array([False if pd.isna(v) else bool(v) for v in column.tolist()], dtype=bool)


def _ranks(labels: ObjArray, order: tuple[str, ...]) -> IntArray:
    """Position of each label in ``order``; -1 (below every known label) when unknown."""
    index = {label: k for k, label in enumerate(order)}
    return np.array([index.get(v, -1) for v in labels.tolist()], dtype=np.int64)


def _whole_months(start: pd.Series, end: dt.date) -> FloatArray:
    """Whole calendar months from each date to ``end`` (NaN when the date is missing).

    A month is complete when the day of the month is reached again: 2020-03-15 to 2022-03-14 is
    23 months, to 2022-03-15 is 24.
    """
    dates = pd.Series(start).reset_index(drop=True)
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates, errors="coerce")
    year = dates.dt.year.to_numpy(dtype=np.float64, na_value=np.nan)
    month = dates.dt.month.to_numpy(dtype=np.float64, na_value=np.nan)
    day = dates.dt.day.to_numpy(dtype=np.float64, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        short = (end.day < day).astype(np.float64)
    return (end.year - year) * 12.0 + (end.month - month) - short


def _dates_or_nip(frame: pd.DataFrame, column: str, nip_dates: pd.Series) -> pd.Series:
    """The column's dates where given, the NIP's elsewhere."""
    fallback = nip_dates.reset_index(drop=True)
    if column not in frame.columns:
        return fallback
    given = frame[column].reset_index(drop=True)
    if not pd.api.types.is_datetime64_any_dtype(given):
        given = pd.to_datetime(given, errors="coerce")
    return given.where(given.notna(), fallback)


def _nip_dates(nips: ObjArray) -> tuple[pd.Series, pd.Series]:
    """Birth date (digits 1-8, YYYYMMDD) and CPNS month (digits 9-14, YYYYMM) of each NIP."""
    text = pd.Series([n or "" for n in nips.tolist()], dtype=object).astype(str)
    birth = pd.to_datetime(text.str[:8], format="%Y%m%d", errors="coerce")
    cpns = pd.to_datetime(text.str[8:14] + "01", format="%Y%m%d", errors="coerce")
    return birth, cpns


@dataclass(frozen=True)
class _Posts:
    """The positions table as arrays by row, with a lookup from position_id."""

    row: dict[str, int]
    unit: ObjArray
    kind: ObjArray
    jenjang: ObjArray
    level: IntArray
    bup: FloatArray
    abolished: BoolArray
    external: BoolArray
    min_golongan: IntArray
    max_golongan: IntArray
    min_education: IntArray
    priority: FloatArray

    @classmethod
    def read(cls, pos: pd.DataFrame) -> _Posts:
        ids = _texts(pos["position_id"])
        kind, jenjang = _texts(pos["kind"]), _texts(pos["jenjang"])
        pairs = list(zip(kind.tolist(), jenjang.tolist(), strict=True))
        priority = pd.to_numeric(pos["priority"], errors="coerce").to_numpy(dtype=np.float64)
        return cls(
            row={pid: k for k, pid in enumerate(ids.tolist()) if pid is not None},
            unit=_texts(pos["unit"]),
            kind=kind,
            jenjang=jenjang,
            level=np.array([job_level(k, g) for k, g in pairs], dtype=np.int64),
            bup=12.0 * np.array([bup_years(k, g) for k, g in pairs], dtype=np.float64),
            abolished=_texts(pos["status"]) == "abolished",
            external=_flags(pos["needs_external_approval"]),
            min_golongan=_ranks(_texts(pos["min_golongan"]), GOLONGAN_ORDER),
            max_golongan=_ranks(_texts(pos["max_golongan"]), GOLONGAN_ORDER),
            min_education=_ranks(_texts(pos["min_education"]), EDUCATION_ORDER),
            # DESIGN.md: priority 1-5, default 3.
            priority=np.where(np.isnan(priority), 3.0, priority),
        )


@dataclass(frozen=True)
class _Wishes:
    """The preferences table as lookups by (nip, post) and (nip, unit)."""

    post: dict[tuple[str, str], float]
    unit: dict[tuple[str, str], float]
    refused_post: set[tuple[str, str]]
    refused_unit: set[tuple[str, str]]
    wishers: set[str]

    @classmethod
    def read(cls, prefs: pd.DataFrame, posts: _Posts) -> _Wishes:
        units = {u for u in posts.unit.tolist() if u is not None}
        out = cls({}, {}, set(), set(), set())
        ranks = pd.to_numeric(prefs["rank"], errors="coerce").to_numpy(dtype=np.float64)
        rows = zip(_texts(prefs["nip"]).tolist(), ranks.tolist(), _texts(prefs["position_id"]).tolist(),
                   _texts(prefs["unit"]).tolist(), _flags(prefs["refuse"]).tolist(), strict=True)  # fmt: skip
        for nip, rank, pid, unit, refuse in rows:
            if nip is None:
                continue
            # A row with a position_id is about that post; otherwise about its unit.
            on_post = pid is not None
            target = pid if on_post else unit
            if target is None or target not in (posts.row if on_post else units):
                continue
            key = (nip, target)
            if refuse:
                (out.refused_post if on_post else out.refused_unit).add(key)
            elif rank >= 1:  # NaN (no rank) fails too: a wish needs a rank
                # DESIGN.md: pref is 1 for a first wish and falls with rank: 1 / rank.
                table = out.post if on_post else out.unit
                table[key] = max(table.get(key, 0.0), 1.0 / rank)
                out.wishers.add(nip)
        return out

    def preference(self, nip: str, post_id: str | None, unit: str | None) -> float:
        """The best ``1 / rank`` of a wish for the post or its unit, 0 without one."""
        if post_id is None:
            return 0.0
        return max(self.post.get((nip, post_id), 0.0), self.unit.get((nip, unit or ""), 0.0))

    def refused(self, nip: str, post_id: str, unit: str | None) -> bool:
        """The person refused the post or its unit."""
        return (nip, post_id) in self.refused_post or (nip, unit or "") in self.refused_unit


def _scores(scores: pd.DataFrame, nips: ObjArray, post_ids: ObjArray) -> FloatArray:
    """``score`` of each (nips[k], post_ids[k]) in the scores table, NaN when not listed.

    The table may be long (every person x every post): the rows are matched to the chosen pairs
    by one hash lookup of their NIP, never a loop over the rows.
    """
    out = np.full(nips.shape[0], np.nan)
    if len(scores) == 0 or nips.shape[0] == 0:
        return out
    who = pd.Index(nips.tolist(), dtype=object).get_indexer(scores["nip"].to_numpy(dtype=object))
    rows = np.flatnonzero(who >= 0)
    same = scores["position_id"].to_numpy(dtype=object)[rows] == post_ids[who[rows]]
    rows = rows[same.astype(bool)]
    value = pd.to_numeric(scores["score"], errors="coerce").to_numpy(dtype=np.float64)[rows]
    finite = np.isfinite(value)
    np.fmax.at(out, who[rows[finite]], value[finite])  # a repeated pair keeps its largest score
    return out


def _competency_sums(
    tables: Tables, nips: ObjArray, post_ids: ObjArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Per chosen pair, over the post's required competencies: sum of the person's levels,
    sum of ``min(level, required)`` and sum of the required levels (a missing level is 0)."""
    n = nips.shape[0]
    req = tables.requirements.loc[:, ["position_id", "competency", "level"]]
    req = req.drop_duplicates(["position_id", "competency"], keep="last")
    req = req[pd.to_numeric(req["level"], errors="coerce") > 0]
    have = tables.competencies.loc[:, ["nip", "competency", "level"]]
    have = have.drop_duplicates(["nip", "competency"], keep="last").rename(
        columns={"level": "have"}
    )
    chosen = pd.DataFrame({"k": np.arange(n), "nip": nips, "position_id": post_ids})
    rows = chosen.merge(req, on="position_id", how="inner").merge(
        have, on=["nip", "competency"], how="left"
    )
    k = rows["k"].to_numpy(dtype=np.int64)
    need = pd.to_numeric(rows["level"]).to_numpy(dtype=np.float64)
    level = pd.to_numeric(rows["have"]).fillna(0).to_numpy(dtype=np.float64)
    official = np.bincount(k, weights=level, minlength=n).astype(np.float64)
    capped = np.bincount(k, weights=np.minimum(level, need), minlength=n).astype(np.float64)
    total = np.bincount(k, weights=need, minlength=n).astype(np.float64)
    return official, capped, total


# --- the facts of the chosen pairs ---------------------------------------------------------------


@dataclass(frozen=True)
class _Facts:
    """Everything the rules and the value need, one entry per audited person (their chosen pair)."""

    nip: ObjArray
    to_id: ObjArray
    cur_id: ObjArray
    placed: BoolArray
    is_current: BoolArray
    tenure: FloatArray
    age: FloatArray
    service: FloatArray
    golongan: IntArray
    education: IntArray
    predikat: ObjArray
    predikat_prev: ObjArray
    potential: ObjArray
    status: ObjArray
    locked: BoolArray
    cur_kind: ObjArray
    cur_level: IntArray
    cur_bup: FloatArray
    to_kind: ObjArray
    to_level: IntArray
    to_bup: FloatArray
    to_unit: ObjArray
    to_abolished: BoolArray
    to_external: BoolArray
    to_min_golongan: IntArray
    to_max_golongan: IntArray
    to_min_education: IntArray
    to_priority: FloatArray
    refused: BoolArray
    score: FloatArray
    pref: FloatArray
    pref_current: FloatArray
    has_wish: BoolArray
    official: FloatArray
    capped: FloatArray
    required: FloatArray


def _at(values: ObjArray, rows: IntArray) -> ObjArray:
    """``values[rows]``, ``None`` where the row is -1."""
    out = np.full(rows.shape[0], None, dtype=object)
    out[rows >= 0] = values[rows[rows >= 0]]
    return out


def _facts(
    problem: Problem, emp_rows: IntArray, to_rows: IntArray, to_ids: ObjArray, posts: _Posts
) -> _Facts:
    tables, scenario = problem.tables, problem.scenario
    emp = tables.employees.iloc[emp_rows].reset_index(drop=True)
    nip = _texts(emp["nip"])
    cur_id = _texts(emp["position_id"])
    placed = np.array([c is not None for c in cur_id.tolist()], dtype=bool)
    cur_rows = np.array(
        [posts.row.get(c, -1) if c else -1 for c in cur_id.tolist()], dtype=np.int64
    )
    has_cur = cur_rows >= 0
    cur_safe = np.maximum(cur_rows, 0)
    birth, cpns = _nip_dates(nip)
    as_of = scenario.as_of
    tenure = _whole_months(emp["tmt_jabatan"], as_of)
    tenure[~placed] = np.nan  # an unplaced person has no tenure in a post
    wishes = _Wishes.read(tables.preferences, posts)
    to_unit = posts.unit[to_rows]
    cur_unit = _at(posts.unit, cur_rows)
    official, capped, required = _competency_sums(tables, nip, to_ids)
    chosen = list(zip(nip.tolist(), to_ids.tolist(), to_unit.tolist(), strict=True))
    held = zip(nip.tolist(), cur_id.tolist(), cur_unit.tolist(), strict=True)
    return _Facts(
        nip=nip,
        to_id=to_ids,
        cur_id=cur_id,
        placed=placed,
        is_current=placed & (cur_id == to_ids),
        tenure=tenure,
        age=_whole_months(_dates_or_nip(emp, "birth_date", birth), as_of),
        service=_whole_months(_dates_or_nip(emp, "cpns_date", cpns), as_of),
        golongan=_ranks(_texts(emp["golongan"]), GOLONGAN_ORDER),
        education=_ranks(_texts(emp["education"]), EDUCATION_ORDER),
        predikat=_texts(emp["performance"]),
        predikat_prev=_texts(emp["performance_prev"]),
        potential=_texts(emp["potential"]),
        status=_texts(emp["status"]),
        locked=_flags(emp["locked"]),
        cur_kind=_at(posts.kind, cur_rows),
        cur_level=np.where(has_cur, posts.level[cur_safe], 0),
        cur_bup=np.where(has_cur, posts.bup[cur_safe], np.nan),
        to_kind=posts.kind[to_rows],
        to_level=posts.level[to_rows],
        to_bup=posts.bup[to_rows],
        to_unit=to_unit,
        to_abolished=posts.abolished[to_rows],
        to_external=posts.external[to_rows],
        to_min_golongan=posts.min_golongan[to_rows],
        to_max_golongan=posts.max_golongan[to_rows],
        to_min_education=posts.min_education[to_rows],
        to_priority=posts.priority[to_rows],
        refused=np.array([wishes.refused(n, j, u) for n, j, u in chosen], dtype=bool),
        score=_scores(tables.scores, nip, to_ids),
        pref=np.array([wishes.preference(n, j, u) for n, j, u in chosen], dtype=np.float64),
        pref_current=np.array([wishes.preference(n, c, u) for n, c, u in held], dtype=np.float64),
        has_wish=np.array([n in wishes.wishers for n in nip.tolist()], dtype=bool),
        official=official,
        capped=capped,
        required=required,
    )


# --- the hard rules, re-derived (rules.py's docstring is their contract) -------------------------
#
# Each rule gives the chosen pairs it forbids and a sentence saying why (asked only for those).
# "Stays" rules forbid every post but the current one: ``stays & ~is_current``.

Detail = Callable[[int], str]
Verdict = tuple[BoolArray, Detail]


def _months(x: float) -> str:
    return "unknown" if np.isnan(x) else f"{int(x)}"


def _label(order: tuple[str, ...], rank: int) -> str:
    return order[rank] if rank >= 0 else "-"


def _window(scenario: Scenario) -> FreezeWindow | None:
    """The freeze window containing ``as_of`` (both ends included), if any."""
    for w in scenario.rules.freeze_windows:
        if w.from_ <= scenario.as_of <= w.to:
            return w
    return None


def _stays_frozen(f: _Facts, s: Scenario) -> BoolArray:
    # UU 10/2016 art. 71: no replacing officials in the window; filling a post is no replacing.
    return f.placed & (_window(s) is not None)


def _stays_not_active(f: _Facts, s: Scenario) -> BoolArray:
    # DESIGN.md: anyone not aktif stays where they are (Perban BKN 5/2019); empty status = aktif.
    return np.array([st not in (None, "aktif") for st in f.status.tolist()], dtype=bool)


def _stays_min_tenure(f: _Facts, s: Scenario) -> BoolArray:
    # PP 11/2017 art. 190(3): at least 2 years in the post (setting min_tenure_months).
    with np.errstate(invalid="ignore"):
        return f.placed & (f.tenure < s.rules.min_tenure_months)


def _stays_retirement(f: _Facts, s: Scenario) -> BoolArray:
    # Within the horizon of the current post's BUP a person is not moved.
    with np.errstate(invalid="ignore"):
        return f.placed & (f.cur_bup - f.age <= s.rules.retirement_horizon_months)


def _stays_jpt(f: _Facts, s: Scenario) -> BoolArray:
    # UU 10/2016: JPT holders are not moved within 2 years of appointment (jpt_protection_months).
    with np.errstate(invalid="ignore"):
        return (f.cur_kind == "jpt_pratama") & (f.tenure < s.rules.jpt_protection_months)


def _abolished(f: _Facts, s: Scenario) -> Verdict:
    # The holder of an abolished post must be placed elsewhere: never a candidate, not even theirs.
    def detail(k: int) -> str:
        return f"post {f.to_id[k]} is abolished"

    return f.to_abolished, detail


def _frozen(f: _Facts, s: Scenario) -> Verdict:
    w = _window(s)
    window = "" if w is None else f"{w.from_}..{w.to} {w.reason!r}"

    def detail(k: int) -> str:
        return (
            f"as_of {s.as_of} is inside the freeze window {window}: placed people stay in "
            f"{f.cur_id[k]}"
        )

    return _stays_frozen(f, s) & ~f.is_current, detail


def _not_active(f: _Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return f"status {f.status[k]} (not aktif): stays in {f.cur_id[k] or 'no post'}"

    return _stays_not_active(f, s) & ~f.is_current, detail


def _locked(f: _Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return f"locked: stays in {f.cur_id[k] or 'no post'}"

    return f.locked & ~f.is_current, detail


def _min_tenure(f: _Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return (
            f"{_months(f.tenure[k])} months in {f.cur_id[k]}, below min_tenure_months "
            f"{s.rules.min_tenure_months}"
        )

    return _stays_min_tenure(f, s) & ~f.is_current, detail


def _retirement(f: _Facts, s: Scenario) -> Verdict:
    horizon = _stays_retirement(f, s) & ~f.is_current
    with np.errstate(invalid="ignore"):
        # Nobody takes another post whose BUP they have already reached.
        past = (f.age >= f.to_bup) & ~f.is_current

    def detail(k: int) -> str:
        if horizon[k]:
            return (
                f"age {_months(f.age[k])} months, {_months(f.cur_bup[k] - f.age[k])} months from "
                f"the BUP of {f.cur_id[k]} ({int(f.cur_bup[k]) // 12}), within "
                f"retirement_horizon_months {s.rules.retirement_horizon_months}: stays"
            )
        return (
            f"age {_months(f.age[k])} months, past the BUP of the post ({int(f.to_bup[k]) // 12})"
        )

    return horizon | past, detail


def _jpt_protection(f: _Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return (
            f"JPT holder {_months(f.tenure[k])} months in {f.cur_id[k]}, within "
            f"jpt_protection_months {s.rules.jpt_protection_months}: stays"
        )

    return _stays_jpt(f, s) & ~f.is_current, detail


def _max_tenure(f: _Facts, s: Scenario) -> Verdict:
    limit = s.rules.max_tenure_months

    def detail(k: int) -> str:
        return (
            f"{_months(f.tenure[k])} months in {f.cur_id[k]}, past max_tenure_months {limit} "
            "(max_tenure_hard): must move"
        )

    if not s.rules.max_tenure_hard or limit is None:
        return np.zeros(f.nip.shape[0], dtype=bool), detail
    # A person held by a "stays" rule cannot both stay and go: they are exempt.
    pinned = f.placed & (
        _stays_frozen(f, s) | _stays_not_active(f, s) | f.locked | _stays_min_tenure(f, s)
        | _stays_retirement(f, s) | _stays_jpt(f, s)
    )  # fmt: skip
    with np.errstate(invalid="ignore"):
        over = f.tenure > limit
    return f.is_current & over & ~pinned, detail


def _promotion_gaps(f: _Facts, k: int) -> list[str]:
    """What PP 17/2020 asks of a promotion into person k's chosen post that they lack."""
    edu, tenure, kind, gaps = int(f.education[k]), f.tenure[k], f.to_kind[k], []
    d3, d4 = EDUCATION_ORDER.index("D3"), EDUCATION_ORDER.index("D4")
    # Months in the current post stand for the years in the lower post that PP 17/2020 asks
    # (4 years as pelaksana, 3 as pengawas, 2 as administrator or ahli madya). An unknown date
    # meets no "at least" (NaN compares false).
    if kind == "pengawas":
        if edu < d3:
            gaps.append("education below D3")
        if not tenure >= 48:
            gaps.append(f"{_months(tenure)} months in post, below 48")
    elif kind == "administrator":
        if edu < d4:
            gaps.append("education below S1/D4")
        if not tenure >= 36:
            gaps.append(f"{_months(tenure)} months in post, below 36")
    elif kind == "jpt_pratama":
        if edu < d4:
            gaps.append("education below S1/D4")
        if not f.service[k] >= 60:
            gaps.append(f"{_months(f.service[k])} months since CPNS, below 60")
        if not tenure >= 24:
            gaps.append(f"{_months(tenure)} months in post, below 24")
        if not f.age[k] < 57 * 12:  # age at most 56, in whole years
            gaps.append(f"age {_months(f.age[k])} months, above 56 years")
    # Perban BKN 5/2019 art. 3: below Baik in the last 2 years blocks promotion (a missing
    # previous predikat does not).
    previous_ok = f.predikat_prev[k] is None or f.predikat_prev[k] in GOOD_PREDIKAT
    if f.predikat[k] not in GOOD_PREDIKAT or not previous_ok:
        gaps.append(
            f"predikat {f.predikat[k]} / previous {f.predikat_prev[k]}: both at least Baik needed"
        )
    return gaps


def _promotion(f: _Facts, s: Scenario) -> Verdict:
    # Unplaced people have no level: neither promotion nor demotion applies to their placement.
    up = (f.cur_level > 0) & (f.to_level > f.cur_level)
    # At most one level up; from level 1 to pengawas (level 3) is one step, the structural
    # ladder having no level 2.
    one_step = (f.to_level == f.cur_level + 1) | ((f.cur_level == 1) & (f.to_kind == "pengawas"))
    reasons: dict[int, str] = {}
    for k in np.flatnonzero(up).tolist():
        if not s.rules.allow_promotion:
            reasons[k] = "allow_promotion is false"
        elif not one_step[k]:
            reasons[k] = "more than one level up"
        elif gaps := _promotion_gaps(f, k):
            reasons[k] = "; ".join(gaps)
    forbidden = np.zeros(f.nip.shape[0], dtype=bool)
    forbidden[list(reasons)] = True

    def detail(k: int) -> str:
        return (
            f"promotion from level {f.cur_level[k]} ({f.cur_id[k]}) to level {f.to_level[k]} "
            f"({f.to_kind[k]}): {reasons[k]}"
        )

    return forbidden, detail


def _demotion(f: _Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return (
            f"level {f.to_level[k]} below the current level {f.cur_level[k]} and "
            "allow_demotion is false"
        )

    down = (f.cur_level > 0) & (f.to_level < f.cur_level)
    return down & (not s.rules.allow_demotion), detail


def _outside_range(f: _Facts) -> BoolArray:
    """Golongan outside the post's [min_golongan, max_golongan] (the bounds that are set)."""
    low, high = f.to_min_golongan, f.to_max_golongan
    return ((low >= 0) & (f.golongan < low)) | ((high >= 0) & (f.golongan > high))


def _rank_range(f: _Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        low, high = f.to_min_golongan[k], f.to_max_golongan[k]
        return (
            f"golongan {_label(GOLONGAN_ORDER, f.golongan[k])} outside "
            f"[{_label(GOLONGAN_ORDER, low)}, {_label(GOLONGAN_ORDER, high)}]"
        )

    # `soft` is a penalty in the value (below), `off` nothing.
    return (s.rules.rank_range == "hard") & _outside_range(f) & ~f.is_current, detail


def _education(f: _Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return (
            f"education {_label(EDUCATION_ORDER, f.education[k])} below the post's minimum "
            f"{_label(EDUCATION_ORDER, f.to_min_education[k])}"
        )

    low = f.to_min_education
    below = (low >= 0) & (f.education < low)
    return (s.rules.education == "hard") & below & ~f.is_current, detail


def _refusal(f: _Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return f"the person refused post {f.to_id[k]} or unit {f.to_unit[k]}"

    # `soft` is a penalty in the value (below).
    return (s.rules.refusals == "hard") & f.refused & ~f.is_current, detail


def _external_approval(f: _Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return f"post {f.to_id[k]} needs external approval and allow_external_approval is false"

    # A post needing a minister's involvement is kept out of the plan; its holder may stay.
    closed = f.to_external & (not s.rules.allow_external_approval)
    return closed & ~f.is_current, detail


def _only_scored(f: _Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return "only_scored_pairs and the pair is not in the scores table"

    return s.rules.only_scored_pairs & np.isnan(f.score) & ~f.is_current, detail


def _no_worse_off(f: _Facts, s: Scenario) -> Verdict:
    def detail(k: int) -> str:
        return (
            f"preference {f.pref[k]:.4g} for the post, below {f.pref_current[k]:.4g} for the "
            f"current post {f.cur_id[k]} (or no wish)"
        )

    # Nobody worse off than in the current post by their own ranking (individual rationality):
    # a placed person with wishes gets the current post or one wished at least as much.
    constrained = s.rules.no_worse_off & f.has_wish & f.placed
    good = (f.pref > 0) & (f.pref >= f.pref_current)
    return constrained & ~good & ~f.is_current, detail


_RULES: Final[tuple[tuple[str, Callable[[_Facts, Scenario], Verdict]], ...]] = (
    ("abolished", _abolished),
    ("frozen", _frozen),
    ("not_active", _not_active),
    ("locked", _locked),
    ("min_tenure", _min_tenure),
    ("retirement", _retirement),
    ("jpt_protection", _jpt_protection),
    ("max_tenure", _max_tenure),
    ("promotion", _promotion),
    ("demotion", _demotion),
    ("rank_range", _rank_range),
    ("education", _education),
    ("refusal", _refusal),
    ("external_approval", _external_approval),
    ("only_scored", _only_scored),
    ("no_worse_off", _no_worse_off),
)
"""Every re-derived hard rule, in the engine's reporting order."""

# --- the value, re-derived (DESIGN.md, "The optimisation model") ---------------------------------


@dataclass(frozen=True)
class _Value:
    fit: FloatArray
    jpm: FloatArray
    pref: FloatArray
    penalty: FloatArray
    value: FloatArray


def _value(f: _Facts, s: Scenario) -> _Value:
    """``value_ij`` of each chosen pair.

    ``p_j (w_fit fit_ij + w_performance perf_i + w_potential pot_i) + w_preference pref_ij
    - w_move_cost [i placed and j != current(i)] - penalty_ij`` (DESIGN.md; the penalty of the soft
    rules and "a placement is not a move" as scoring.py documents them).
    """
    w, r = s.weights, s.rules
    with np.errstate(invalid="ignore", divide="ignore"):
        # DOMAIN.md: per-competency capped match min(level, required) for fit, so that a surplus
        # in one competency never hides a gap; the official JPM is uncapped. 0 / NaN without
        # requirements.
        capped_fit = np.where(f.required > 0, f.capped / f.required, 0.0)
        jpm = np.where(f.required > 0, 100.0 * f.official / f.required, np.nan)
    # DESIGN.md: a `scores` row replaces fit by score / 100.
    fit = np.where(np.isnan(f.score), capped_fit, f.score / 100.0)
    perf = np.array([PERFORMANCE_VALUE.get(v, np.nan) if v is not None else np.nan
                     for v in f.predikat.tolist()])  # fmt: skip
    pot = np.array([MISSING_POTENTIAL if v is None else POTENTIAL_VALUE.get(v, np.nan)
                    for v in f.potential.tolist()])  # fmt: skip
    moved = f.placed & ~f.is_current
    penalty = np.zeros(f.nip.shape[0])
    if r.refusals == "soft":
        penalty = penalty + w.refusal_penalty * f.refused
    if r.rank_range == "soft":
        penalty = penalty + w.rank_range_penalty * _outside_range(f)
    penalty = np.where(f.is_current, 0.0, penalty)  # the current post is never penalised
    p = f.to_priority / 3.0  # the default priority 3 is neutral
    value = (
        p * (w.fit * fit + w.performance * perf + w.potential * pot)
        + w.preference * f.pref
        - w.move_cost * moved
        - penalty
    )
    return _Value(fit=fit, jpm=jpm, pref=f.pref, penalty=penalty, value=value)


def _differ(stored: FloatArray, mine: FloatArray) -> BoolArray:
    """Where two value arrays disagree beyond the tolerance (NaN agrees only with NaN)."""
    with np.errstate(invalid="ignore"):
        near = np.abs(stored - mine) <= RELATIVE_TOLERANCE * np.maximum(1.0, np.abs(mine))
    return ~(near | (np.isnan(stored) & np.isnan(mine)))


def _value_disagreements(
    problem: Problem, f: _Facts, v: _Value, k_pair: IntArray
) -> dict[int, Disagreement]:
    """A ``value`` disagreement per audited person whose stored pair differs from the audit."""
    pairs = problem.pairs
    has = k_pair >= 0
    k = np.where(has, k_pair, 0)
    if pairs.value.shape[0] == 0:
        return {}
    stored = pairs.value[k].astype(np.float64)
    checks: list[tuple[str, FloatArray, FloatArray, BoolArray]] = [
        ("value", stored, v.value, _differ(stored, v.value) | ~np.isfinite(v.value)),
    ]
    # value_int = rint(value x VALUE_SCALE), with half a unit of slack for a re-derived value
    # that lies one rounding step from the engine's on a .5 boundary.
    stored_int = pairs.value_int[k].astype(np.float64)
    slack = 0.5 + RELATIVE_TOLERANCE * VALUE_SCALE * np.maximum(1.0, np.abs(v.value))
    with np.errstate(invalid="ignore"):
        bad_int = ~(np.abs(stored_int - v.value * VALUE_SCALE) <= slack)
    checks.append(("value_int", stored_int, np.rint(v.value * VALUE_SCALE), bad_int))
    for name, stored_part, mine in (
        ("fit", pairs.fit, v.fit),
        ("jpm", pairs.jpm, v.jpm),
        ("preference", pairs.preference, v.pref),
        ("penalty", pairs.penalty, v.penalty),
    ):
        part = stored_part[k].astype(np.float64)
        checks.append((name, part, mine, _differ(part, mine)))
    bad = has & np.logical_or.reduce([c[3] for c in checks])
    out = {}
    for at in np.flatnonzero(bad).tolist():
        detail = "; ".join(
            f"{name} {float(s[at])!r}, audit {float(a[at])!r}" for name, s, a, b in checks if b[at]
        )
        out[at] = Disagreement(f.nip[at], f.to_id[at], "value", detail)
    return out


def _pair_positions(problem: Problem, people: IntArray, posts: IntArray) -> IntArray:
    """Index of each (person, post) in ``problem.pairs``, -1 when it is not there."""
    pairs = problem.pairs
    m = max(problem.n_posts, 1)
    keys = pairs.person.astype(np.int64) * m + pairs.post.astype(np.int64)
    if keys.size == 0:
        return np.full(people.shape[0], -1, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    want = people * m + posts
    at = np.minimum(np.searchsorted(sorted_keys, want), keys.size - 1)
    return np.where(sorted_keys[at] == want, order[at], -1).astype(np.int64)


# --- the audit ---------------------------------------------------------------------------------


def audit_plan(problem: Problem, assignment: npt.ArrayLike) -> AuditReport:
    """Re-derive every hard rule and the value of each person's chosen pair from the tables.

    Parameters
    ----------
    problem
        The round, as :func:`~mutasi_opt.problem.build_problem` made it from its tables and
        scenario.
    assignment
        Post index per person (as ``Result.assignment``); ``-1`` for none.

    Returns
    -------
    AuditReport
        Every disagreement between the audit and the engine (:class:`Disagreement`), the number of
        pairs audited, or the reason the audit was skipped: a problem built by hand (without a
        rule context, e.g. by :func:`~mutasi_opt.solve.instances.problem_from_values`) has values
        that were given, not derived from tables, so there is nothing to re-derive.

    Raises
    ------
    ValueError
        When ``assignment`` does not have one entry per person.

    Examples
    --------
    >>> audit_plan(problem, result.assignment).raise_for_disagreements()  # doctest: +SKIP
    """
    post = np.asarray(assignment)
    n, m = problem.n_people, problem.n_posts
    if post.shape != (n,):
        raise ValueError(f"the plan has shape {post.shape} for {n} people")
    if problem.context is None:
        return AuditReport(skipped="the problem was built by hand (no rule context): its values "
                           "are given, not derived from tables and a scenario")  # fmt: skip
    tables = problem.tables
    if len(tables.employees) == 0 and n > 0:
        return AuditReport(skipped="the problem has no tables to re-derive from")
    post = post.astype(np.int64)
    found: list[Disagreement] = []
    nips = np.array([str(x) for x in problem.nip.tolist()], dtype=object)
    post_ids = np.array([str(x) for x in problem.post_id.tolist()], dtype=object)
    posts = _Posts.read(tables.positions)

    # The plan's indices as identifiers, and the rows of the tables they name.
    emp_index = {nip: k for k, nip in enumerate(_texts(tables.employees["nip"]).tolist())}
    emp_rows = np.array([emp_index.get(x, -1) for x in nips.tolist()], dtype=np.int64)
    given = (post >= 0) & (post < m)
    to_ids = np.full(n, None, dtype=object)
    to_ids[given] = post_ids[post[given]]
    to_rows = np.array([posts.row.get(x, -1) for x in to_ids.tolist()], dtype=np.int64)
    for i in np.flatnonzero(~given).tolist():
        found.append(Disagreement(nips[i], None, "unassigned", f"post index {int(post[i])}"))
    for i in np.flatnonzero(emp_rows < 0).tolist():
        found.append(Disagreement(nips[i], to_ids[i], "identity", "NIP not in the employees table"))
    for i in np.flatnonzero(given & (to_rows < 0)).tolist():
        found.append(
            Disagreement(nips[i], to_ids[i], "identity", "post not in the positions table")
        )
    who = np.flatnonzero(given & (emp_rows >= 0) & (to_rows >= 0))
    f = _facts(problem, emp_rows[who], to_rows[who], to_ids[who], posts)

    by_person: dict[int, list[Disagreement]] = {}
    # The problem's current post must be the employees table's.
    cur = problem.current_post[who].astype(np.int64)
    held = np.full(who.shape[0], None, dtype=object)
    held[cur >= 0] = post_ids[cur[cur >= 0]]
    for at in np.flatnonzero(held != f.cur_id).tolist():
        by_person.setdefault(at, []).append(Disagreement(
            f.nip[at], f.to_id[at], "identity",
            f"problem.current_post is {held[at]}, employees.position_id is {f.cur_id[at]}",
        ))  # fmt: skip
    k_pair = _pair_positions(problem, who, post[who])
    for at in np.flatnonzero(k_pair < 0).tolist():
        by_person.setdefault(at, []).append(Disagreement(
            f.nip[at], f.to_id[at], "not_candidate",
            "the chosen pair is not among the problem's candidate pairs",
        ))  # fmt: skip
    for code, rule in _RULES:
        forbidden, detail = rule(f, problem.scenario)
        for at in np.flatnonzero(forbidden).tolist():
            by_person.setdefault(at, []).append(
                Disagreement(f.nip[at], f.to_id[at], code, detail(at))
            )
    values = _value_disagreements(problem, f, _value(f, problem.scenario), k_pair)
    for at, d in values.items():
        by_person.setdefault(at, []).append(d)
    for at in sorted(by_person):
        found.extend(by_person[at])
    return AuditReport(disagreements=found, pairs_audited=int(who.shape[0]))
