"""The per-person and per-post arrays that rules and values read (:class:`RuleContext`).

:func:`build_context` reads :class:`~mutasi_opt.tables.model.Tables` once and turns every column a
rule or the value of a pair needs into a numpy array indexed by person ``i`` or post ``j``, plus the
sparse (person, post) and (person, unit) tables of wishes, refusals and ``scores``. Nothing here
loops over people x posts.

Documented choices
------------------
- Durations are whole calendar months at ``scenario.as_of`` (:func:`~mutasi_opt.arrays.months_between`):
  tenure from ``tmt_jabatan``, age from ``birth_date`` (the NIP's when missing), service from
  ``cpns_date`` (the NIP's CPNS month when missing).
- ``performance`` maps through :data:`~mutasi_opt.domain.PERFORMANCE_SCORE`, ``potential`` through
  :data:`~mutasi_opt.domain.POTENTIAL_SCORE`; a missing potential counts 0.5 (the middle of the
  scale, neither rewarded nor punished) and is reported as one counted warning.
- A wish of rank ``r`` scores ``1 / r`` (rank 1 -> 1, 2 -> 0.5, 3 -> 1/3); a wish for a unit applies
  to every post of the unit; a pair matched by several wishes takes the largest score.
- Units compare by :func:`~mutasi_opt.domain.unit_key` (case-insensitive, white space collapsed),
  as the readers do when they write each unit under one spelling: a wish or refusal naming
  ``dinas  kesehatan`` is about the unit ``Dinas Kesehatan``.
- Preference or score rows naming an unknown NIP, post or unit are skipped with a counted warning
  (the readers report them as errors; this keeps hand-built tables usable).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt import domain
from mutasi_opt.arrays import (
    BoolArray,
    FloatArray,
    IntArray,
    PairTable,
    code_array,
    competency_matrix,
    months_between,
    text_array,
    unit_keys,
)
from mutasi_opt.errors import InputError, InputIssue, IssueCollector
from mutasi_opt.scenario import FreezeWindow, Rules, Scenario, Weights
from mutasi_opt.scoring import CompetencyGrid, capped_fit, performance_score, potential_score
from mutasi_opt.tables.model import Tables

if TYPE_CHECKING:
    from mutasi_opt.rules.ruling_table import Rulings

__all__ = ["RuleContext", "build_context", "pair_fit"]

Int16Array = npt.NDArray[np.int16]
Int8Array = npt.NDArray[np.int8]
ObjArray = npt.NDArray[np.object_]

KIND_INDEX = {k: i for i, k in enumerate(domain.KINDS)}
PREDIKAT_INDEX = {p: i for i, p in enumerate(domain.PREDIKAT)}
# Index of "Baik" in PREDIKAT: a predikat index <= this is "at least Baik".
BAIK = PREDIKAT_INDEX["Baik"]


@dataclass(frozen=True, eq=False)
class RuleContext:
    """Arrays of one scenario that the eligibility rules and the value of a pair read.

    Person arrays have length ``n_people`` (index ``i``), post arrays ``n_posts`` (index ``j``).
    Months are whole calendar months at ``as_of``; NaN where the date is unknown.
    """

    rules: Rules
    weights: Weights
    freeze_window: FreezeWindow | None
    """The freeze window ``as_of`` lies in (``None``: none; see :attr:`frozen`)."""
    # Index maps.
    nip: ObjArray
    post_id: ObjArray
    units: tuple[str, ...]
    competency_codes: tuple[str, ...]
    # People.
    current: IntArray
    """Post held, -1 when not placed."""
    status: ObjArray
    """``employees.status`` (``aktif`` when not given)."""
    status_name: ObjArray
    """``employees.status_name``: the name the table gave the status (SIASN's ``PNS kena hukuman
    disiplin``), ``None`` when it is only a spelling of the code or the column is absent."""
    active: BoolArray
    """``status == "aktif"``."""
    locked: BoolArray
    asn_type: ObjArray
    """``employees.asn_type`` (``PNS`` when not given, or without the column)."""
    asn_movable: BoolArray
    """``asn_type`` is in ``rules.movable_asn_types``."""
    tenure: FloatArray
    """Months in the current post (NaN when not placed or ``tmt_jabatan`` is unknown)."""
    age: FloatArray
    service: FloatArray
    """Months since the CPNS start."""
    golongan: Int16Array
    education: Int16Array
    good_record: BoolArray
    """Predikat and previous predikat at least Baik (a missing previous one does not block)."""
    person_level: Int8Array
    """Job level (:func:`~mutasi_opt.domain.job_level`) of the current post, 0 when not placed."""
    person_bup: FloatArray
    """BUP of the current post in months, NaN when not placed: ``employees.bup`` (SIASN's
    ``bupPensiun``) where given, else the post's."""
    performance: FloatArray
    potential: FloatArray
    # Posts.
    post_unit: IntArray
    post_kind: Int8Array
    post_level: Int8Array
    post_bup: FloatArray
    """BUP of a holder of the post, in months."""
    abolished: BoolArray
    external: BoolArray
    min_golongan: Int16Array
    max_golongan: Int16Array
    min_education: Int16Array
    capacity: IntArray
    priority: IntArray
    # Competencies.
    levels: Int8Array
    required: Int8Array
    # Sparse pairs.
    refused_post: PairTable
    refused_unit: PairTable
    wish_post: PairTable
    wish_unit: PairTable
    scores: PairTable
    """``score`` (0-100) of the pairs listed in ``scores``."""
    families: tuple[str, ...]
    """Profession families of the round (functional posts' and qualifications'), as written."""
    post_family: IntArray
    """Family index of a ``fungsional`` post (:func:`~mutasi_opt.domain.post_family`), else -1."""
    person_families: BoolArray
    """People x families: the family of the current functional post and the listed
    ``qualifications``."""
    technical: BoolArray
    """Per competency code: the dictionary's kind is ``teknis``."""
    overdue: BoolArray
    """More than ``rules.max_tenure_months`` whole months in the current post (False when there
    is no maximum or the tenure is unknown)."""
    has_wish: BoolArray
    preference_current: FloatArray
    """Preference score of the person's current post (0 when not wished or not placed)."""
    grid: CompetencyGrid
    """The posts' requirements prepared for blockwise capped sums (one BLAS product a block)."""
    fit_current: FloatArray
    """Fit in the current post, the ``scores`` override applied (NaN when not placed)."""
    open_at_start: BoolArray
    """Per post: a seat is free before the round (fewer holders than capacity, not abolished)."""
    rulings: Rulings | None = None
    """The panel's rulings (``data.decisions``; :mod:`mutasi_opt.rules.ruling_table`), set by
    :func:`~mutasi_opt.problem.build_problem`; ``None``: none."""

    @property
    def frozen(self) -> bool:
        """``as_of`` lies inside a freeze window."""
        return self.freeze_window is not None

    @property
    def n_people(self) -> int:
        """Number of people."""
        return int(self.current.shape[0])

    @property
    def n_posts(self) -> int:
        """Number of posts."""
        return int(self.post_unit.shape[0])

    @cached_property
    def months_to_bup(self) -> FloatArray:
        """Whole months from ``as_of`` to the BUP of the current post (NaN when not placed)."""
        # Computed once: the reasons read it person by person.
        return np.asarray(self.person_bup - self.age, dtype=np.float64)


def _index(keys: ObjArray) -> pd.Index:
    return pd.Index(keys, dtype=object)


def _units(names: ObjArray) -> tuple[tuple[str, ...], pd.Index]:
    """The units of the posts, sorted by name, and their keys in the same order.

    Names that differ only in case or white space are one unit (:func:`~mutasi_opt.domain.unit_key`),
    named by its first spelling; the readers already write each unit one way.
    """
    first: dict[str, str] = {}
    for name in names.tolist():
        text = str(name)
        first.setdefault(domain.unit_key(text), text)
    units = tuple(sorted(first.values()))
    return units, _index(np.array([domain.unit_key(u) for u in units], dtype=object))


def _lookup(index: pd.Index, values: ObjArray) -> npt.NDArray[np.intp]:
    """Position of each value in ``index`` (-1 when absent or missing)."""
    if values.shape[0] == 0:
        return np.zeros(0, dtype=np.intp)
    # Long tables (scores, competencies) repeat their keys: look up each distinct key once.
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    found = np.asarray(index.get_indexer(pd.Index(uniques, dtype=object)), dtype=np.intp)
    # A trailing -1 serves the missing values (code -1).
    return np.append(found, -1).astype(np.intp)[codes]


def _coded_lookup(index: pd.Index, tables: Tables, table: str, column: str) -> npt.NDArray[np.intp]:
    """:func:`_lookup` of a text column, by its codes when the reader kept them (each distinct
    value looked up once, and no pass over the column's strings)."""
    coded = tables.coded_column(table, column)
    if coded is None:
        return _lookup(index, getattr(tables, table)[column].to_numpy(dtype=object))
    found = np.asarray(index.get_indexer(pd.Index(coded.uniques, dtype=object)), dtype=np.intp)
    return np.append(found, -1).astype(np.intp)[coded.codes]


def _check_labels(
    issues: IssueCollector, table: str, column: str, values: ObjArray, allowed: tuple[str, ...]
) -> None:
    bad = np.array([v is not None and v not in allowed for v in values.tolist()], dtype=bool)
    for row in np.flatnonzero(bad)[:20]:
        issues.error(
            f"unknown_{column}",
            f"{column} must be one of {', '.join(allowed)}",
            file=table,
            row=int(row) + 2,
            column=column,
            value=values[row],
            message_id=f"{column} harus salah satu dari {', '.join(allowed)}",
        )


def _post_levels(
    kind: ObjArray, jenjang: ObjArray, issues: IssueCollector
) -> tuple[Int8Array, FloatArray]:
    """Job level and BUP (months) per post, computed once per distinct (kind, jenjang)."""
    level = np.zeros(kind.shape[0], dtype=np.int8)
    bup = np.full(kind.shape[0], 58.0 * 12)
    combos = [(k, g) for k, g in zip(kind.tolist(), jenjang.tolist(), strict=True)]
    codes, uniques = pd.factorize(pd.Series([f"{k}|{g or ''}" for k, g in combos], dtype=object))
    for u, label in enumerate(uniques.tolist()):
        rows = np.flatnonzero(codes == u)
        k, g = str(label).split("|")
        jen = g or None
        if k == "fungsional" and jen not in domain.JENJANG:
            issues.error(
                "missing_jenjang",
                "a fungsional post needs a jenjang",
                file="positions",
                row=int(rows[0]) + 2,
                column="jenjang",
                value=jen,
                message_id="jabatan fungsional memerlukan jenjang",
            )
            continue
        if k not in domain.KINDS:
            continue  # reported by _check_labels
        # A jenjang counts for functional posts only (docs/domain.md, "Retirement (BUP)"): a pengawas post
        # carrying "ahli_madya" keeps the pengawas BUP of 58.
        functional_jenjang = jen if k == "fungsional" else None
        level[rows] = domain.job_level(k, functional_jenjang)
        bup[rows] = 12.0 * domain.retirement_age(k, functional_jenjang)
    return level, bup


def _dates(frame: pd.DataFrame, column: str, fallback: pd.Series) -> pd.Series:
    if column in frame.columns:
        values = pd.to_datetime(frame[column])
        return values.where(values.notna(), fallback)
    return fallback


def _nip_dates(nip: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Birth date and CPNS start encoded in the NIP (YYYYMMDD YYYYMM ...)."""
    text = nip.astype(str)
    birth = pd.to_datetime(text.str[:8], format="%Y%m%d", errors="coerce")
    cpns = pd.to_datetime(text.str[8:14] + "01", format="%Y%m%d", errors="coerce")
    return birth, cpns


def _pair_tables(
    tables: Tables, people: pd.Index, posts: pd.Index, units: pd.Index, issues: IssueCollector
) -> dict[str, PairTable]:
    n, m, u = len(people), len(posts), len(units)
    prefs = tables.preferences
    pi = _lookup(people, text_array(prefs["nip"]))
    post_ref = text_array(prefs["position_id"])
    unit_ref = unit_keys(text_array(prefs["unit"]))
    pj = _lookup(posts, post_ref)
    pu = _lookup(units, unit_ref)
    refuse = prefs["refuse"].fillna(False).to_numpy(dtype=bool)
    rank = pd.to_numeric(prefs["rank"], errors="coerce").to_numpy(dtype=np.float64)
    has_post = np.array([v is not None for v in post_ref.tolist()], dtype=bool)
    on_post = has_post & (pj >= 0)
    on_unit = ~has_post & (pu >= 0)
    known = (pi >= 0) & (on_post | on_unit)
    wish = known & ~refuse & (rank >= 1)
    skipped = int((~known).sum() + (known & ~refuse & ~(rank >= 1)).sum())
    if skipped:
        issues.warn(
            "preference_skipped",
            f"{skipped} preference rows name an unknown NIP, post or unit, or a wish without a "
            "rank of at least 1; they are ignored",
            file="preferences",
            message_id=f"{skipped} baris preferensi menyebut NIP, jabatan, atau unit yang tidak "
            "dikenal, atau keinginan tanpa rank paling kecil 1; baris itu diabaikan",
        )
    score = 1.0 / np.where(wish, rank, 1.0)
    one = np.ones(pi.shape[0])
    ref = known & refuse
    out = {
        "refused_post": PairTable.build(
            pi[ref & on_post], pj[ref & on_post], one[ref & on_post], n, m
        ),
        "refused_unit": PairTable.build(
            pi[ref & on_unit], pu[ref & on_unit], one[ref & on_unit], n, u
        ),
        "wish_post": PairTable.build(
            pi[wish & on_post], pj[wish & on_post], score[wish & on_post], n, m
        ),
        "wish_unit": PairTable.build(
            pi[wish & on_unit], pu[wish & on_unit], score[wish & on_unit], n, u
        ),
    }
    sc = tables.scores
    # The readers give identifiers as clean text: skip the (slow) normalisation on this long table.
    si = _coded_lookup(people, tables, "scores", "nip")
    sj = _coded_lookup(posts, tables, "scores", "position_id")
    sv = pd.to_numeric(sc["score"], errors="coerce").to_numpy(dtype=np.float64)
    ok = (si >= 0) & (sj >= 0) & np.isfinite(sv)
    if (~ok).any():
        issues.warn(
            "score_skipped",
            f"{int((~ok).sum())} score rows name an unknown NIP or post or have no score; "
            "they are ignored",
            file="scores",
            message_id=f"{int((~ok).sum())} baris skor menyebut NIP atau jabatan yang tidak "
            "dikenal atau tidak memuat skor; baris itu diabaikan",
        )
    out["scores"] = PairTable.build(si[ok], sj[ok], sv[ok], n, m)
    return out


def _competency_codes(tables: Tables) -> tuple[str, ...]:
    listed = [str(c) for c in tables.competency_dictionary["code"].tolist()]
    if not listed:
        listed = [c for c, _, _ in domain.DEFAULT_COMPETENCIES]
    seen = set(listed)
    extra = set(tables.requirements["competency"].astype(str)) | set(
        tables.competencies["competency"].astype(str)
    )
    return (*dict.fromkeys(listed), *sorted(extra - seen))


def _families(
    tables: Tables, kind: ObjArray, current: IntArray
) -> tuple[tuple[str, ...], IntArray, BoolArray]:
    """Families (first spelling of each :func:`~mutasi_opt.domain.family_key`), the family of each
    post (-1 when not fungsional) and the people x families table of who may hold which."""
    pos, emp = tables.positions, tables.employees
    titles = text_array(pos["title"]).tolist()
    given = text_array(pos["family"]).tolist() if "family" in pos.columns else [None] * len(titles)
    quals = (
        text_array(emp["qualifications"]).tolist()
        if "qualifications" in emp.columns
        else [None] * len(current)
    )
    names: dict[str, str] = {}
    post_key: list[str | None] = []
    for t, f, k in zip(titles, given, kind.tolist(), strict=True):
        family = domain.post_family(str(t), f) if k == "fungsional" else None
        key = None if family is None else domain.family_key(family)
        if key is not None and family is not None:
            names.setdefault(key, family)
        post_key.append(key)
    person_quals = [[domain.family_key(q) for q in domain.split_qualifications(v)] for v in quals]
    for v in quals:
        for q in domain.split_qualifications(v):
            names.setdefault(domain.family_key(q), q)
    index = {key: k for k, key in enumerate(names)}
    post_family = np.array([-1 if key is None else index[key] for key in post_key], dtype=np.int32)
    table = np.zeros((len(current), len(index)), dtype=bool)
    own = np.where(current >= 0, post_family[np.maximum(current, 0)] if len(titles) else -1, -1)
    held = np.flatnonzero(own >= 0)
    table[held, own[held]] = True
    for i, keys in enumerate(person_quals):
        for key in keys:
            table[i, index[key]] = True
    return tuple(names.values()), post_family, table


def build_context(tables: Tables, scenario: Scenario) -> tuple[RuleContext, list[InputIssue]]:
    """Arrays of ``tables`` under ``scenario``, and the warnings found on the way.

    Raises
    ------
    InputError
        When a table contradicts the others in a way the readers should have caught (an employee's
        position_id that is not a post, an unknown label, a fungsional post without jenjang).
    """
    issues = IssueCollector()
    emp, pos = tables.employees, tables.positions
    as_of = scenario.as_of

    post_id = text_array(pos["position_id"])
    posts = _index(post_id)
    unit_names = text_array(pos["unit"])
    units, unit_index = _units(unit_names)
    nip = text_array(emp["nip"])
    people = _index(nip)

    for name, index, table, column in (
        ("position_id", posts, "positions", "position_id"),
        ("nip", people, "employees", "nip"),
    ):
        dup = index.duplicated()
        for row in np.flatnonzero(dup)[:20]:
            issues.error(
                f"duplicate_{name}",
                f"{name} appears more than once",
                file=table,
                row=int(row) + 2,
                column=column,
                value=str(index[row]),
                message_id=f"{name} muncul lebih dari sekali",
            )
    if not issues.ok:
        raise InputError(issues.errors, issues.warnings)

    held = text_array(emp["position_id"])
    current = _lookup(posts, held).astype(np.int32)
    unknown = np.array([h is not None for h in held.tolist()], dtype=bool) & (current < 0)
    for row in np.flatnonzero(unknown)[:20]:
        issues.error(
            "unknown_position",
            "position_id is not in the positions table",
            file="employees",
            row=int(row) + 2,
            column="position_id",
            value=held[row],
            message_id="position_id tidak ada di tabel positions",
        )

    kind = text_array(pos["kind"])
    jenjang = text_array(pos["jenjang"])
    _check_labels(issues, "positions", "kind", kind, domain.KINDS)
    performance_label = text_array(emp["performance"])
    potential_label = text_array(emp["potential"])
    _check_labels(issues, "employees", "performance", performance_label, domain.PREDIKAT)
    _check_labels(issues, "employees", "potential", potential_label, domain.POTENTIAL)
    post_level, post_bup = _post_levels(kind, jenjang, issues)
    if not issues.ok:
        raise InputError(issues.errors, issues.warnings)

    placed = current >= 0
    birth_nip, cpns_nip = _nip_dates(emp["nip"])
    tenure = months_between(emp["tmt_jabatan"], as_of)
    tenure[~placed] = np.nan
    age = months_between(_dates(emp, "birth_date", birth_nip), as_of)
    service = months_between(_dates(emp, "cpns_date", cpns_nip), as_of)

    pred = code_array(emp["performance"], PREDIKAT_INDEX)
    prev = code_array(emp["performance_prev"], PREDIKAT_INDEX)
    good_record = (pred >= 0) & (pred <= BAIK) & (prev <= BAIK)

    potential = potential_score(potential_label)
    n_missing_potential = int(sum(v is None for v in potential_label.tolist()))
    if n_missing_potential:
        issues.warn(
            "missing_potential",
            f"{n_missing_potential} people have no potential: 0.5 (menengah) is used in the value "
            "of their pairs and their 9-box is unknown (0)",
            file="employees",
            column="potential",
            message_id=f"{n_missing_potential} orang tidak memiliki nilai potensi: 0.5 (menengah) "
            "dipakai dalam nilai pasangan mereka dan 9-box mereka tidak diketahui (0)",
        )

    codes = _competency_codes(tables)
    code_index = _index(np.array(codes, dtype=object))
    comp, req = tables.competencies, tables.requirements
    levels = competency_matrix(
        _lookup(people, text_array(comp["nip"])),
        _lookup(code_index, text_array(comp["competency"])),
        comp["level"].to_numpy(dtype=np.int64),
        len(people),
        len(codes),
    )
    required = competency_matrix(
        _lookup(posts, text_array(req["position_id"])),
        _lookup(code_index, text_array(req["competency"])),
        req["level"].to_numpy(dtype=np.int64),
        len(posts),
        len(codes),
    )

    pairs = _pair_tables(tables, people, posts, unit_index, issues)
    post_unit = _lookup(unit_index, unit_keys(unit_names)).astype(np.int32)
    cur = np.maximum(current, 0)
    wish_current = np.maximum(
        pairs["wish_post"].lookup(np.arange(len(people)), cur),
        pairs["wish_unit"].lookup(np.arange(len(people)), post_unit[cur] if len(posts) else cur),
    )
    has_wish = (np.diff(pairs["wish_post"].ptr) + np.diff(pairs["wish_unit"].ptr)) > 0

    status = text_array(pos["status"])
    families, post_family, person_families = _families(tables, kind, current)
    dictionary = tables.competency_dictionary
    technical_codes = {
        str(c)
        for c, k in zip(dictionary["code"].tolist(), dictionary["kind"].tolist(), strict=True)
        if k in ("teknis", None)  # an empty kind is teknis, as the readers fill it
    }
    max_tenure = scenario.rules.max_tenure_months
    overdue = (
        np.nan_to_num(tenure, nan=-1.0) > max_tenure
        if max_tenure is not None
        else np.zeros(len(people), dtype=bool)
    )
    placed_rows = np.flatnonzero(placed)
    fit_current = np.full(len(people), np.nan)
    if len(posts):
        fit_now = capped_fit(levels[placed_rows], required[current[placed_rows]])
        score_now = pairs["scores"].lookup(placed_rows, current[placed_rows], np.nan)
        fit_current[placed_rows] = np.where(np.isnan(score_now), fit_now, score_now / 100.0)
    capacity = pos["capacity"].fillna(1).to_numpy(dtype=np.int32)
    abolished = np.array([s == "abolished" for s in status.tolist()], dtype=bool)
    holders = np.bincount(current[placed_rows], minlength=len(posts))
    # No asn_type column (tables made by hand) or no value: PNS, as the readers default it.
    asn_given = text_array(emp["asn_type"]) if "asn_type" in emp.columns else [None] * len(nip)
    asn_type = np.array([a or "PNS" for a in list(asn_given)], dtype=object)
    person_status = np.array(
        [s or "aktif" for s in text_array(emp["status"]).tolist()], dtype=object
    )
    status_name = (
        text_array(emp["status_name"])
        if "status_name" in emp.columns
        else np.full(len(nip), None, dtype=object)
    )
    person_bup = np.where(placed, post_bup[cur] if len(posts) else np.nan, np.nan)
    if "bup" in emp.columns:
        # The person's BUP as SIASN records it (bupPensiun) is that of their current post.
        own = 12.0 * pd.to_numeric(emp["bup"], errors="coerce").to_numpy(dtype=np.float64)
        person_bup = np.where(placed & np.isfinite(own), own, person_bup)
    ctx = RuleContext(
        rules=scenario.rules,
        weights=scenario.weights,
        freeze_window=scenario.frozen_on(),
        nip=nip,
        post_id=post_id,
        units=units,
        competency_codes=codes,
        current=current,
        status=person_status,
        status_name=status_name,
        active=np.asarray(person_status == "aktif", dtype=bool),
        locked=emp["locked"].fillna(False).to_numpy(dtype=bool),
        asn_type=asn_type,
        asn_movable=np.isin(asn_type, list(scenario.rules.movable_asn_types)),
        tenure=tenure,
        age=age,
        service=service,
        golongan=code_array(emp["golongan"], domain.GOLONGAN_INDEX),
        education=code_array(emp["education"], domain.EDUCATION_INDEX),
        good_record=good_record,
        person_level=np.where(placed, post_level[cur] if len(posts) else 0, 0).astype(np.int8),
        person_bup=person_bup,
        performance=performance_score(performance_label),
        potential=potential,
        post_unit=post_unit,
        post_kind=code_array(pos["kind"], KIND_INDEX).astype(np.int8),
        post_level=post_level,
        post_bup=post_bup,
        abolished=abolished,
        external=pos["needs_external_approval"].fillna(False).to_numpy(dtype=bool),
        min_golongan=code_array(pos["min_golongan"], domain.GOLONGAN_INDEX),
        max_golongan=code_array(pos["max_golongan"], domain.GOLONGAN_INDEX),
        min_education=code_array(pos["min_education"], domain.EDUCATION_INDEX),
        capacity=capacity,
        priority=pos["priority"].fillna(3).to_numpy(dtype=np.int32),
        levels=levels,
        required=required,
        refused_post=pairs["refused_post"],
        refused_unit=pairs["refused_unit"],
        wish_post=pairs["wish_post"],
        wish_unit=pairs["wish_unit"],
        scores=pairs["scores"],
        families=families,
        post_family=post_family,
        person_families=person_families,
        technical=np.array([c in technical_codes for c in codes], dtype=bool),
        overdue=overdue,
        has_wish=has_wish,
        preference_current=np.where(placed, wish_current, 0.0),
        grid=CompetencyGrid(required),
        fit_current=fit_current,
        open_at_start=(holders < capacity) & ~abolished,
    )
    return ctx, issues.warnings


def pair_fit(ctx: RuleContext, p: npt.ArrayLike, q: npt.ArrayLike) -> FloatArray:
    """``fit_ij`` of the pairs (the capped match, or the ``scores`` override / 100).

    A ``(B, 1)`` block of people against ``(1, M)`` posts takes one BLAS product
    (:class:`~mutasi_opt.scoring.CompetencyGrid`), over every post for the candidate generator's
    blocks (remembered for its other readers) or over the posts asked for; other shapes go pair
    by pair.
    """
    pa, qa = np.asarray(p), np.asarray(q)
    if pa.ndim == 2 and qa.ndim == 2 and pa.shape[1] == 1 and qa.shape[0] == 1:
        rows, cols = pa[:, 0], qa[0]
        contiguous = rows.size > 0 and int(rows[-1]) - int(rows[0]) + 1 == rows.size
        every_post = cols.size == ctx.n_posts and bool((cols == np.arange(ctx.n_posts)).all())
        grid = ctx.grid
        if every_post and contiguous and bool((np.diff(rows) == 1).all()):
            # Fit per competency standard, then spread to the posts: a block's divisions run
            # over its few standards, not over every post.
            _, capped, _ = grid.block_sums(ctx.levels, int(rows[0]), int(rows[-1]) + 1)
            total = grid.standard_total
            fit = np.where(total > 0, capped / np.maximum(total, 1.0), 0.0)[:, grid.profile]
        else:
            _, capped, _ = grid.sums(ctx.levels[rows], posts=None if every_post else cols)
            total = grid.total[cols]
            fit = np.where(total > 0, capped / np.maximum(total, 1.0), 0.0)
        if len(ctx.scores):
            score = ctx.scores.grid(rows, cols, np.nan)
            fit = np.where(np.isnan(score), fit, score / 100.0)
        return np.asarray(fit, dtype=np.float64)
    pb, qb = np.broadcast_arrays(pa, qa)
    fit = capped_fit(ctx.levels[pb], ctx.required[qb])
    if len(ctx.scores):
        score = ctx.scores.lookup(pb, qb, np.nan)
        fit = np.where(np.isnan(score), fit, score / 100.0)
    return np.asarray(fit, dtype=np.float64)
