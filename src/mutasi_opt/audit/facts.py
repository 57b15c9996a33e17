"""The tables read for the chosen pairs: positions, preferences, scores, competencies, facts.

One entry per audited person (their chosen pair), never ``n x m``. Also the profession families
(of posts, from ``positions.family`` or the title; of people, from their functional post and
``employees.qualifications``) and the required technical competencies a person lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from mutasi_opt.audit.cells import (
    BoolArray,
    FloatArray,
    IntArray,
    ObjArray,
    dates_from_nip,
    dates_or_nip,
    flags,
    label_ranks,
    texts,
    whole_months,
)
from mutasi_opt.audit.levels import (
    CompetencyRows,
    competency_sums,
    missing_technical,
    technical_codes,
)
from mutasi_opt.audit.panel import RulingFacts, ruling_facts
from mutasi_opt.audit.vocabulary import (
    DEFAULT_ASN_TYPE,
    EDUCATION_ORDER,
    GOLONGAN_ORDER,
    JENJANG_WORDS,
    bup_years,
    job_level,
)

if TYPE_CHECKING:
    from mutasi_opt.problem import Problem
    from mutasi_opt.tables.model import Tables


# docs/model.md, positions.family: the title is cut at the first " pada " or " di " (any case),
# then its jenjang words are removed as whole words, in any case.
_CUT = re.compile(r" (?:pada|di) ", re.IGNORECASE)
_JENJANG = re.compile(
    r"\b(?:" + "|".join(w.replace(" ", " +") for w in JENJANG_WORDS) + r")\b", re.IGNORECASE
)


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def family_key(family: str) -> str:
    """How families compare: case-insensitively, whitespace collapsed ("perawat " is Perawat)."""
    return _collapsed(family).casefold()


def unit_key(unit: str | None) -> str:
    """How units compare (docs/model.md, positions.unit): case-insensitively, whitespace collapsed
    ("DINAS  A" is Dinas A); a missing unit is ``""``, which no unit equals."""
    return "" if unit is None else _collapsed(unit).casefold()


def family_of_title(title: str | None) -> str | None:
    """The profession family a functional post's title names (docs/model.md, positions.family).

    ``"Guru Ahli Muda pada SMP Negeri 1"`` is ``"Guru"``, ``"Perawat Terampil di RSUD"`` is
    ``"Perawat"``: whitespace collapsed, the title cut at the first ``" pada "`` or ``" di "``,
    the jenjang words (:data:`~.vocabulary.JENJANG_WORDS`) removed as whole words; ``None`` when
    nothing is left.
    """
    if title is None:
        return None
    head = _CUT.split(_collapsed(title), maxsplit=1)[0]
    return _collapsed(_JENJANG.sub(" ", head)) or None


def _post_families(pos: pd.DataFrame, kind: ObjArray) -> ObjArray:
    """The family of each functional post: ``family`` when given, else from the title (``None``
    for the posts of other kinds, whose holders no profession binds)."""
    n = len(pos)
    given = texts(pos["family"]) if "family" in pos.columns else np.full(n, None, dtype=object)
    titles = texts(pos["title"]) if "title" in pos.columns else np.full(n, None, dtype=object)
    out = np.full(n, None, dtype=object)
    for j in np.flatnonzero(kind == "fungsional").tolist():
        cell = given[j]
        out[j] = _collapsed(cell) if cell is not None else family_of_title(titles[j])
    return out


def _qualifications(emp: pd.DataFrame) -> list[list[str]]:
    """``employees.qualifications`` of each person: ``;``-separated names, trimmed, empty pieces
    ignored; nobody has any without the column (docs/model.md)."""
    if "qualifications" not in emp.columns:
        return [[] for _ in range(len(emp))]
    return [
        [_collapsed(q) for q in cell.split(";") if q.strip()] if cell is not None else []
        for cell in texts(emp["qualifications"]).tolist()
    ]


def _families(current: ObjArray, listed: list[list[str]]) -> ObjArray:
    """A person's families: their current functional post's, then each listed qualification
    (once each, by :func:`family_key`)."""
    out = np.empty(current.shape[0], dtype=object)
    for k, (cur, quals) in enumerate(zip(current.tolist(), listed, strict=True)):
        names: dict[str, str] = {}
        for name in ([cur] if cur is not None else []) + quals:
            names.setdefault(family_key(name), name)
        out[k] = tuple(names.values())
    return out


@dataclass(frozen=True)
class Posts:
    """The positions table as arrays by row, with a lookup from position_id."""

    row: dict[str, int]
    unit: ObjArray
    kind: ObjArray
    jenjang: ObjArray
    family: ObjArray
    level: IntArray
    bup: FloatArray
    abolished: BoolArray
    external: BoolArray
    min_golongan: IntArray
    max_golongan: IntArray
    min_education: IntArray
    priority: FloatArray
    open_at_start: BoolArray
    """A seat is free before the round: fewer holders (employees rows naming the post) than its
    capacity, and the post is not abolished."""

    @classmethod
    def read(cls, pos: pd.DataFrame, emp: pd.DataFrame) -> Posts:
        ids = texts(pos["position_id"])
        kind, jenjang = texts(pos["kind"]), texts(pos["jenjang"])
        pairs = list(zip(kind.tolist(), jenjang.tolist(), strict=True))
        priority = pd.to_numeric(pos["priority"], errors="coerce").to_numpy(dtype=np.float64)
        # docs/model.md: capacity an integer >= 1, default 1.
        capacity = pd.to_numeric(pos["capacity"], errors="coerce").fillna(1).to_numpy()
        held = pd.Series(texts(emp["position_id"])).value_counts()
        holders = held.reindex(ids.tolist(), fill_value=0).to_numpy(dtype=np.float64)
        abolished = texts(pos["status"]) == "abolished"
        return cls(
            row={pid: k for k, pid in enumerate(ids.tolist()) if pid is not None},
            unit=texts(pos["unit"]),
            kind=kind,
            jenjang=jenjang,
            family=_post_families(pos, kind),
            level=np.array([job_level(k, g) for k, g in pairs], dtype=np.int64),
            bup=12.0 * np.array([bup_years(k, g) for k, g in pairs], dtype=np.float64),
            abolished=abolished,
            external=flags(pos["needs_external_approval"]),
            min_golongan=label_ranks(texts(pos["min_golongan"]), GOLONGAN_ORDER),
            max_golongan=label_ranks(texts(pos["max_golongan"]), GOLONGAN_ORDER),
            min_education=label_ranks(texts(pos["min_education"]), EDUCATION_ORDER),
            # docs/model.md: priority 1-5, default 3.
            priority=np.where(np.isnan(priority), 3.0, priority),
            open_at_start=(holders < capacity) & ~abolished,
        )


@dataclass(frozen=True)
class _Wishes:
    """The preferences table as lookups by (nip, post) and (nip, :func:`unit_key` of the unit)."""

    post: dict[tuple[str, str], float]
    unit: dict[tuple[str, str], float]
    refused_post: set[tuple[str, str]]
    refused_unit: set[tuple[str, str]]
    wishers: set[str]

    @classmethod
    def read(cls, prefs: pd.DataFrame, posts: Posts) -> _Wishes:
        units = {unit_key(u) for u in posts.unit.tolist() if u is not None}
        out = cls({}, {}, set(), set(), set())
        ranks = pd.to_numeric(prefs["rank"], errors="coerce").to_numpy(dtype=np.float64)
        rows = zip(texts(prefs["nip"]).tolist(), ranks.tolist(), texts(prefs["position_id"]).tolist(),
                   texts(prefs["unit"]).tolist(), flags(prefs["refuse"]).tolist(), strict=True)  # fmt: skip
        for nip, rank, pid, unit, refuse in rows:
            if nip is None:
                continue
            # A row with a position_id is about that post; otherwise about its unit.
            on_post = pid is not None
            target = pid if on_post else (None if unit is None else unit_key(unit))
            if target is None or target not in (posts.row if on_post else units):
                continue
            key = (nip, target)
            if refuse:
                (out.refused_post if on_post else out.refused_unit).add(key)
            elif rank >= 1:  # NaN (no rank) fails too: a wish needs a rank
                # docs/model.md: pref is 1 for a first wish and falls with rank: 1 / rank.
                table = out.post if on_post else out.unit
                table[key] = max(table.get(key, 0.0), 1.0 / rank)
                out.wishers.add(nip)
        return out

    def preference(self, nip: str, post_id: str | None, unit: str | None) -> float:
        """The best ``1 / rank`` of a wish for the post or its unit, 0 without one."""
        if post_id is None:
            return 0.0
        return max(self.post.get((nip, post_id), 0.0), self.unit.get((nip, unit_key(unit)), 0.0))

    def refused(self, nip: str, post_id: str, unit: str | None) -> bool:
        """The person refused the post or its unit."""
        return (nip, post_id) in self.refused_post or (nip, unit_key(unit)) in self.refused_unit


@dataclass(frozen=True)
class _ScoreRows:
    """The rows of the scores table that name an audited person, matched to them once.

    The table may be long (every person x every post): its rows are matched to the people by one
    hash lookup per distinct NIP (by the reader's codes, when it kept them), never a loop over the
    rows, and that match serves both the current and the chosen posts. Posts are compared by
    number: the post ids' codes where kept, else each id's position among the distinct ones.
    """

    who: IntArray
    post: IntArray
    post_ids: pd.Index
    score: FloatArray
    n: int

    @classmethod
    def read(cls, tables: Tables, nips: ObjArray) -> _ScoreRows:
        scores = tables.scores
        if len(scores) == 0 or nips.shape[0] == 0:
            empty = np.zeros(0, np.int64)
            return cls(empty, empty, pd.Index([], dtype=object), np.zeros(0), nips.shape[0])
        index = pd.Index(nips.tolist(), dtype=object)
        who = _codes_in(index, tables, "nip")
        rows = np.flatnonzero(who >= 0)
        coded = tables.coded_column("scores", "position_id")
        if coded is not None:
            post, post_ids = coded.codes, pd.Index(coded.uniques, dtype=object)
        else:
            codes, uniques = pd.factorize(scores["position_id"].to_numpy(dtype=object))
            post, post_ids = codes, pd.Index(uniques, dtype=object)
        score = pd.to_numeric(scores["score"], errors="coerce").to_numpy(dtype=np.float64)
        return cls(who[rows], post[rows], post_ids, score[rows], len(index))

    def at(self, post_ids: ObjArray) -> FloatArray:
        """``score`` of each (person k, post_ids[k]), NaN when not listed."""
        out = np.full(self.n, np.nan)
        wanted = self.post_ids.get_indexer(pd.Index(post_ids.tolist(), dtype=object))
        same = (self.post == wanted[self.who]) & (self.post >= 0)
        value = self.score[same]
        finite = np.isfinite(value)
        np.fmax.at(out, self.who[same][finite], value[finite])  # a repeated pair: the largest
        return out


def _codes_in(index: pd.Index, tables: Tables, column: str) -> IntArray:
    """Per row of the scores table, the position of its ``column`` in ``index`` (-1: absent)."""
    coded = tables.coded_column("scores", column)
    if coded is None:
        return np.asarray(index.get_indexer(pd.Index(tables.scores[column], dtype=object)))
    found = np.asarray(index.get_indexer(pd.Index(coded.uniques, dtype=object)))
    return np.append(found, -1)[coded.codes]


def fit_of(capped: FloatArray, required: FloatArray, score: FloatArray) -> FloatArray:
    """Fit of pairs from their competency sums and ``scores`` (NaN: not listed).

    docs/domain.md, JPM: the per-competency capped match ``min(level, required)`` for fit, so a
    surplus in one competency never hides a gap (0 for a post without requirements);
    docs/model.md: a ``scores`` row replaces fit by score / 100.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        capped_fit = np.where(required > 0, capped / required, 0.0)
    return np.asarray(np.where(np.isnan(score), capped_fit, score / 100.0), dtype=np.float64)


@dataclass(frozen=True)
class Facts:
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
    asn_type: ObjArray
    cur_kind: ObjArray
    cur_level: IntArray
    cur_bup: FloatArray
    cur_abolished: BoolArray
    to_kind: ObjArray
    to_family: ObjArray
    families: ObjArray
    missing_technical: ObjArray
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
    cur_fit: FloatArray
    """Fit in the current post (NaN when not placed)."""
    to_open_at_start: BoolArray
    rulings: RulingFacts | None = None
    """The panel's rulings about the chosen pair (:mod:`.panel`)."""


def _at(values: ObjArray, rows: IntArray) -> ObjArray:
    """``values[rows]``, ``None`` where the row is -1."""
    out = np.full(rows.shape[0], None, dtype=object)
    out[rows >= 0] = values[rows[rows >= 0]]
    return out


def _asn_types(emp: pd.DataFrame) -> ObjArray:
    """``asn_type`` of each person; PNS without the column or a value (docs/model.md)."""
    if "asn_type" not in emp.columns:
        return np.full(len(emp), DEFAULT_ASN_TYPE, dtype=object)
    given = texts(emp["asn_type"])
    return np.array([a.strip().upper() if a else DEFAULT_ASN_TYPE for a in given], dtype=object)


def _current_bup(emp: pd.DataFrame, has_cur: BoolArray, post_bup: FloatArray) -> FloatArray:
    """BUP (months) of each person's current post: the ``bup`` column (years, SIASN's
    ``bupPensiun``) where the table gives one, else the post's (docs/model.md, employees.bup);
    NaN when not placed."""
    own = np.full(len(emp), np.nan)
    if "bup" in emp.columns:
        own = 12.0 * pd.to_numeric(emp["bup"], errors="coerce").to_numpy(dtype=np.float64)
    return np.where(has_cur, np.where(np.isfinite(own), own, post_bup), np.nan)


def read_facts(
    problem: Problem, emp_rows: IntArray, to_rows: IntArray, to_ids: ObjArray, posts: Posts
) -> Facts:
    """The facts of each audited person's chosen pair: the employee at ``emp_rows`` (rows of the
    employees table), given post ``to_ids`` at ``to_rows`` (rows of the positions table)."""
    tables, scenario = problem.tables, problem.scenario
    emp = tables.employees.iloc[emp_rows].reset_index(drop=True)
    nip = texts(emp["nip"])
    cur_id = texts(emp["position_id"])
    placed = np.array([c is not None for c in cur_id.tolist()], dtype=bool)
    cur_rows = np.array(
        [posts.row.get(c, -1) if c else -1 for c in cur_id.tolist()], dtype=np.int64
    )
    has_cur = cur_rows >= 0
    cur_safe = np.maximum(cur_rows, 0)
    birth, cpns = dates_from_nip(nip)
    as_of = scenario.as_of
    tenure = whole_months(emp["tmt_jabatan"], as_of)
    tenure[~placed] = np.nan  # an unplaced person has no tenure in a post
    wishes = _Wishes.read(tables.preferences, posts)
    to_unit = posts.unit[to_rows]
    cur_unit = _at(posts.unit, cur_rows)
    levels = CompetencyRows.read(tables)
    official, capped, required = competency_sums(levels, nip, to_ids)
    _, cur_capped, cur_required = competency_sums(levels, nip, cur_id)
    scores = _ScoreRows.read(tables, nip)
    cur_fit = fit_of(cur_capped, cur_required, scores.at(cur_id))
    cur_fit[~has_cur] = np.nan
    chosen = list(zip(nip.tolist(), to_ids.tolist(), to_unit.tolist(), strict=True))
    held = zip(nip.tolist(), cur_id.tolist(), cur_unit.tolist(), strict=True)
    return Facts(
        nip=nip,
        to_id=to_ids,
        cur_id=cur_id,
        placed=placed,
        is_current=placed & (cur_id == to_ids),
        tenure=tenure,
        age=whole_months(dates_or_nip(emp, "birth_date", birth), as_of),
        service=whole_months(dates_or_nip(emp, "cpns_date", cpns), as_of),
        golongan=label_ranks(texts(emp["golongan"]), GOLONGAN_ORDER),
        education=label_ranks(texts(emp["education"]), EDUCATION_ORDER),
        predikat=texts(emp["performance"]),
        predikat_prev=texts(emp["performance_prev"]),
        potential=texts(emp["potential"]),
        status=texts(emp["status"]),
        locked=flags(emp["locked"]),
        asn_type=_asn_types(emp),
        cur_kind=_at(posts.kind, cur_rows),
        cur_level=np.where(has_cur, posts.level[cur_safe], 0),
        cur_bup=_current_bup(emp, has_cur, posts.bup[cur_safe]),
        cur_abolished=has_cur & posts.abolished[cur_safe],
        to_kind=posts.kind[to_rows],
        to_family=posts.family[to_rows],
        families=_families(_at(posts.family, cur_rows), _qualifications(emp)),
        missing_technical=missing_technical(
            levels, technical_codes(tables.competency_dictionary), nip, to_ids
        ),
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
        score=scores.at(to_ids),
        pref=np.array([wishes.preference(n, j, u) for n, j, u in chosen], dtype=np.float64),
        pref_current=np.array([wishes.preference(n, c, u) for n, c, u in held], dtype=np.float64),
        has_wish=np.array([n in wishes.wishers for n in nip.tolist()], dtype=bool),
        official=official,
        capped=capped,
        required=required,
        cur_fit=cur_fit,
        to_open_at_start=posts.open_at_start[to_rows],
        rulings=ruling_facts(
            getattr(tables, "decisions", None), set(posts.row), nip, cur_id, to_ids, to_unit
        ),
    )
