"""Development plans for the people moved: each competency gap in the new post, what to do about
it, and a mentor.

For every mover and every competency the new post requires above the person's level (a missing
level counts 0), one row with ``gap = level - required`` (negative) and the suggested kind:

- a **manajerial** competency: ``pelatihan_manajerial``, the leadership training of the new post's
  level: PKA for an administrator post, PKP for pengawas, PKN Tingkat II for JPT, otherwise a
  managerial training in that competency;
- a **teknis** competency: ``pelatihan_teknis`` in that competency;
- a **sosial kultural** competency: ``coaching``;
- a gap of 2 levels or more also gets a second row, ``mentoring``.

The kind of a competency is the dictionary's; a code missing from the dictionary is taken as
manajerial (``M.``), sosial kultural (``SK.``) or teknis (anything else).

Mentors: for each gap, someone who stays in the target OPD (not moved, status ``aktif``), whose
level in that competency meets or exceeds the requirement, and whose predikat is at least
``development.min_mentor_performance``; the best by level, then predikat, then NIP, among those who
have fewer than ``development.max_mentees_per_mentor`` mentees (a mentor counts people, so one
mentee with several gaps is one). Gaps are served largest first (then NIP, then competency), so
the scarce mentors go where the gap is widest. Both mentor columns are filled on every row of that
(person, competency); empty when nobody qualifies.

Every person moved also gets one ``pendampingan`` row, gap or not (the seed document asks for
*pendampingan* of everyone transferred): a mentor for the first ``development.induction_months``
months in the target OPD, with empty ``competency`` and ``required = level = gap = 0``. The mentor
is the one of the person's widest gap when they have one, else someone who stays in the target OPD
(best predikat, then NIP) with room for one more mentee under the same limit; empty when nobody
qualifies (then the direct superior accompanies them).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt import domain
from mutasi_opt.competency import competency_gaps
from mutasi_opt.plan.phrases import t
from mutasi_opt.plan.plan_context import PlanContext

DEVELOPMENT_COLUMNS: tuple[str, ...] = (
    "nip", "name", "to_position_id", "to_unit", "competency", "competency_name", "required",
    "level", "gap", "development_kind", "suggestion", "mentor_nip", "mentor_name",
)  # fmt: skip

LEADERSHIP_TRAINING: dict[str, str] = {
    "administrator": "dev.pka",
    "pengawas": "dev.pkp",
    "jpt_pratama": "dev.pkn2",
}
"""Leadership training (template key) for a managerial gap, by the kind of the new post."""

MENTORING_GAP = 2
"""A gap of at least this many levels also gets a mentoring row."""


def empty_development_frame() -> pd.DataFrame:
    """A development frame with its columns and no rows."""
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in DEVELOPMENT_COLUMNS})
    for c in ("required", "level", "gap"):
        frame[c] = frame[c].astype(np.int64)
    return frame


def competency_kind(code: str, dictionary: dict[str, str]) -> str:
    """The kind of a competency: the dictionary's, else by the code's prefix."""
    if code in dictionary:
        return dictionary[code]
    if code.startswith("SK."):
        return "sosial_kultural"
    if code.startswith("M."):
        return "manajerial"
    return "teknis"


def _mentor_pool(ctx: PlanContext) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Per person: the unit where they may mentor (-1: they may not), and their predikat rank."""
    problem = ctx.problem
    settings = problem.scenario.development
    emp = problem.tables.employees
    predikat_rank = {p: k for k, p in enumerate(domain.PREDIKAT)}
    perf = np.array([predikat_rank.get(p, 99) for p in emp["performance"].tolist()], dtype=np.int64)
    worst_allowed = predikat_rank[settings.min_mentor_performance]
    post_unit = np.asarray(problem.instance.post_unit, dtype=np.int64)
    able = (~ctx.moved) & (ctx.from_post >= 0) & (perf <= worst_allowed)
    able &= ctx.rule_context.active
    return np.where(able, post_unit[np.maximum(ctx.to_post, 0)], -1), perf


def _induction_mentors(
    ctx: PlanContext, movers: npt.NDArray[np.int64], mentees: dict[int, set[int]],
    chosen: dict[int, int],
) -> dict[int, int]:  # fmt: skip
    """A mentor for each mover's first months in the new post (*pendampingan*): the mentor of
    their widest gap when they have one, else someone who stays in the target OPD (best predikat,
    then NIP) with room for one more mentee; -1 when nobody qualifies."""
    problem = ctx.problem
    limit = problem.scenario.development.max_mentees_per_mentor
    pool_unit, perf = _mentor_pool(ctx)
    post_unit = np.asarray(problem.instance.post_unit, dtype=np.int64)
    ranked: dict[int, list[int]] = {}
    # Per unit, where the first mentor with room is: mentors only fill up, so it only moves on.
    room_from: dict[int, int] = {}
    out: dict[int, int] = {}
    for person in movers[np.argsort(ctx.nip_rank[movers], kind="stable")].tolist():
        if chosen.get(person, -1) >= 0:
            out[person] = chosen[person]
            continue
        unit = int(post_unit[ctx.to_post[person]])
        if unit not in ranked:
            pool = np.flatnonzero(pool_unit == unit)
            ranked[unit] = pool[np.lexsort((ctx.nip_rank[pool], perf[pool]))].tolist()
            room_from[unit] = 0
        order, k = ranked[unit], room_from[unit]
        while k < len(order) and len(mentees.get(order[k], ())) >= limit:
            k += 1
        room_from[unit] = k
        pick = order[k] if k < len(order) else -1
        if pick >= 0:
            mentees.setdefault(pick, set()).add(person)
        out[person] = pick
    return out


class _Ranking:
    """The possible mentors of one (unit, competency), best first (highest level, then best
    predikat, then smallest NIP), and the first one a gap may take.

    Those at the required level or above are a prefix of the ranking (it is by level first);
    mentors only fill up, so the first one with room only moves down the ranking.
    """

    def __init__(self, mentors: list[int], minus_level: npt.NDArray[np.int64]) -> None:
        self.mentors = mentors
        self.minus_level = minus_level
        self.room_from = 0
        self._rank: dict[int, int] | None = None

    def first(self, required: int, own: set[int], mentees: dict[int, set[int]], limit: int) -> int:
        """The best mentor at ``required`` or above who already mentors this person (``own``)
        or has room for one more mentee; -1 when none."""
        able = int(np.searchsorted(self.minus_level, -required, side="right"))
        while self.room_from < len(self.mentors) and (
            len(mentees.get(self.mentors[self.room_from], ())) >= limit
        ):
            self.room_from += 1
        best = self.room_from
        if own:
            if self._rank is None:
                self._rank = {m: k for k, m in enumerate(self.mentors)}
            best = min([best, *(self._rank[m] for m in own if m in self._rank)])
        return self.mentors[best] if best < able else -1


def _choose_mentors(
    ctx: PlanContext, gaps: pd.DataFrame, mentees: dict[int, set[int]], first: dict[int, int]
) -> tuple[list[str], list[str]]:
    """Mentor NIP and name per gap row (``""`` when none qualifies), following the module's rule;
    ``mentees`` (mentor -> people) and ``first`` (person -> the mentor of their widest gap) are
    filled on the way."""
    problem = ctx.problem
    settings = problem.scenario.development
    emp = problem.tables.employees
    nips = np.asarray(problem.nip, dtype=object)
    names = emp["name"].to_numpy(dtype=object)
    post_unit = np.asarray(problem.instance.post_unit, dtype=np.int64)
    pool_unit, perf = _mentor_pool(ctx)
    code_index = {c: k for k, c in enumerate(problem.context.competency_codes)}

    g_person = gaps["person"].to_numpy(dtype=np.int64)
    g_post = gaps["post"].to_numpy(dtype=np.int64)
    g_comp = gaps["competency"].to_numpy(dtype=object)
    g_required = gaps["required"].to_numpy(dtype=np.int64)
    # Possible mentors per unit, ranked once per (unit, competency): highest level, then best
    # predikat, then smallest NIP.
    units_pool = {
        int(u): np.flatnonzero(pool_unit == u) for u in np.unique(pool_unit[pool_unit >= 0])
    }
    ranked: dict[tuple[int, str], _Ranking] = {}
    chosen: dict[tuple[int, str], int] = {}
    mentors_of: dict[int, set[int]] = {}
    for mentor, people in mentees.items():
        for p in people:
            mentors_of.setdefault(p, set()).add(mentor)
    limit = settings.max_mentees_per_mentor
    mentor_nip = [""] * len(gaps)
    mentor_name = [""] * len(gaps)
    # Widest gap first, then NIP, then competency.
    order = np.lexsort((g_comp.astype(str), ctx.nip_rank[g_person], gaps["gap"].to_numpy()))
    for row in order.tolist():
        person, comp = int(g_person[row]), str(g_comp[row])
        key = (person, comp)
        if key not in chosen:
            unit = int(post_unit[g_post[row]])
            if (unit, comp) not in ranked:
                pool = units_pool.get(unit, np.zeros(0, dtype=np.int64))
                lv = problem.context.levels[pool, code_index[comp]].astype(np.int64)
                by = np.lexsort((ctx.nip_rank[pool], perf[pool], -lv))
                ranked[(unit, comp)] = _Ranking(pool[by].tolist(), -lv[by])
            pick = ranked[(unit, comp)].first(
                int(g_required[row]), mentors_of.get(person, set()), mentees, limit
            )
            chosen[key] = pick
            if pick >= 0:
                mentees.setdefault(pick, set()).add(person)
                mentors_of.setdefault(person, set()).add(pick)
                first.setdefault(person, pick)
        pick = chosen[key]
        if pick >= 0:
            mentor_nip[row] = str(nips[pick])
            mentor_name[row] = str(names[pick])
    return mentor_nip, mentor_name


def development_plans(ctx: PlanContext) -> pd.DataFrame:
    """The ``development.csv`` frame (see the module docstring)."""
    problem = ctx.problem
    lang = ctx.language
    movers = np.flatnonzero(ctx.moved)
    if movers.size == 0:
        return empty_development_frame()
    mentees: dict[int, set[int]] = {}
    first: dict[int, int] = {}
    rows = _gap_rows(ctx, movers, mentees, first) if problem.context.competency_codes else []
    induction = _induction_mentors(ctx, movers, mentees, first)
    emp_names = problem.tables.employees["name"].to_numpy(dtype=object)
    nips = np.asarray(problem.nip, dtype=object)
    unit_names = np.asarray(problem.units, dtype=object)[np.asarray(problem.instance.post_unit)]
    months = problem.scenario.development.induction_months
    for person, mentor in induction.items():
        post = int(ctx.to_post[person])
        unit = unit_names[post]
        if mentor >= 0:
            text = t("dev.induction", lang, months=months, unit=unit,
                     mentor=f"{emp_names[mentor]} (NIP {nips[mentor]})")  # fmt: skip
            m_nip, m_name = str(nips[mentor]), str(emp_names[mentor])
        else:
            text, m_nip, m_name = (
                t("dev.induction_no_mentor", lang, months=months, unit=unit),
                "",
                "",
            )
        rows.append(
            (
                str(nips[person]),
                emp_names[person],
                str(problem.post_id[post]),
                unit,
                "",
                "",
                0,
                0,
                0,
                "pendampingan",
                text,
                m_nip,
                m_name,
            )
        )
    frame = pd.DataFrame(rows, columns=list(DEVELOPMENT_COLUMNS))
    for c in ("required", "level", "gap"):
        frame[c] = frame[c].astype(np.int64)
    return frame


def _gap_rows(
    ctx: PlanContext, movers: npt.NDArray[np.int64], mentees: dict[int, set[int]],
    first: dict[int, int],
) -> list[tuple[object, ...]]:  # fmt: skip
    """The rows of every competency gap of the people moved (training, coaching, mentoring)."""
    problem = ctx.problem
    lang = ctx.language
    gaps = competency_gaps(problem.context, movers, ctx.to_post[movers])
    gaps = gaps[gaps["gap"] < 0].reset_index(drop=True)
    if gaps.empty:
        return []
    dictionary = problem.tables.competency_dictionary
    codes = dictionary["code"].astype(str).tolist()
    kinds = dict(zip(codes, dictionary["kind"].astype(str).tolist(), strict=True))
    comp_names = dict(zip(codes, dictionary["name"].astype(str).tolist(), strict=True))
    mentor_nip, mentor_name = _choose_mentors(ctx, gaps, mentees, first)

    emp_names = problem.tables.employees["name"].to_numpy(dtype=object)
    unit_names = np.asarray(problem.units, dtype=object)[np.asarray(problem.instance.post_unit)]
    rows: list[tuple[object, ...]] = []
    columns = ("person", "post", "nip", "position_id", "competency", "required", "level", "gap")
    for k, (person, post, nip, pid, code, required, level, gap) in enumerate(
        zip(*(gaps[c].tolist() for c in columns), strict=True)
    ):
        cname = comp_names.get(code, code)
        ckind = competency_kind(code, kinds)
        if ckind == "manajerial":
            dev_kind = "pelatihan_manajerial"
            key = LEADERSHIP_TRAINING.get(str(ctx.kind[post]))
            suggestion = t(key, lang) if key else t("dev.managerial", lang, name=cname)
        elif ckind == "sosial_kultural":
            dev_kind, suggestion = "coaching", t("dev.coaching", lang, name=cname)
        else:
            dev_kind, suggestion = "pelatihan_teknis", t("dev.technical", lang, name=cname)
        base = (nip, emp_names[person], pid, unit_names[post], code, cname, required, level, gap)
        m_nip, m_name = mentor_nip[k], mentor_name[k]
        rows.append((*base, dev_kind, suggestion, m_nip, m_name))
        if -gap >= MENTORING_GAP:
            text = (
                t("dev.mentoring", lang, name=cname, mentor=f"{m_name} (NIP {m_nip})")
                if m_nip
                else t("dev.no_mentor", lang, name=cname)
            )
            rows.append((*base, "mentoring", text, m_nip, m_name))
    return rows
