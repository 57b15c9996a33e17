"""The needs analysis (*analisis kebutuhan*): the state of posts and people before any plan.

:func:`needs_analysis` reads a built :class:`~mutasi_opt.problem.Problem` and returns frames a
notebook or the reports can use (:class:`NeedsAnalysis`):

vacancies
    Active posts with free seats (``capacity`` minus holders), with how many people other than
    their holders may take them (candidate pairs).
vacancies_by_unit
    Free seats and vacant posts grouped by OPD, kind and priority.
poor_match
    Incumbents whose official JPM in their own post falls in the lowest category of the scenario's
    scheme (*Kurang Optimal* with the default ``mapping`` cut-offs). People with no competency data
    at all have an unknown JPM and are counted apart (``jpm_no_data``), not listed here.
overdue
    People past ``rules.max_tenure_months`` in their post (empty when there is no maximum): the
    rules' own ``overdue`` (what a hard ``max_tenure`` and ``weights.overdue`` read).
retiring
    Placed people the ``retirement`` rule keeps in place (within
    ``rules.retirement_horizon_months`` of the BUP of their post: its own test, asked of the
    registry), with the retirement date (the first day of the month after they reach BUP).
competency_gaps
    Per OPD and required competency, over the holders of the OPD's posts: mean standard, mean
    level, mean shortfall ``min(level - required, 0)`` (a surplus never hides a gap) and the share of
    holders below the standard.
nine_box_by_unit
    People per 9-box per OPD (``box_1`` ... ``box_9``, ``no_data`` without a potential).
no_candidate
    Active posts that nobody but their current holders may take under the scenario's rules (no
    candidate pair from anyone else). With ``scoring.candidates_per_person`` set the pairs are
    those kept after pruning.

Facts about people are the rules' own (:class:`~mutasi_opt.rule_context.RuleContext`, through
:func:`mutasi_opt.plan.plan_context.rule_context`): whole calendar months at ``as_of``.
Everything is vectorised; nothing here loops over people x posts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt import domain, rules, scoring
from mutasi_opt.competency import competency_gaps, incumbent_jpm
from mutasi_opt.problem import Problem

__all__ = ["NEEDS_COLUMNS", "NeedsAnalysis", "needs_analysis"]

NEEDS_COLUMNS: dict[str, tuple[str, ...]] = {
    "vacancies": (
        "position_id", "title", "unit", "kind", "jenjang", "priority", "capacity", "holders",
        "free_seats", "eligible_candidates", "needs_external_approval",
    ),
    "vacancies_by_unit": ("unit", "kind", "priority", "posts", "free_seats"),
    "poor_match": (
        "nip", "name", "position_id", "title", "unit", "jpm", "jpm_category", "performance",
        "potential", "nine_box",
    ),
    "overdue": (
        "nip", "name", "position_id", "title", "unit", "tmt_jabatan", "tenure_months",
        "max_tenure_months",
    ),
    "retiring": (
        "nip", "name", "position_id", "title", "unit", "birth_date", "bup_age", "retirement_date",
        "months_to_retirement",
    ),
    "competency_gaps": (
        "unit", "competency", "competency_name", "holders", "required_mean", "level_mean",
        "gap_mean", "below_share",
    ),
    "nine_box_by_unit": (
        "unit", "people", *(f"box_{b}" for b in range(1, 10)), "no_data",
    ),
    "no_candidate": (
        "position_id", "title", "unit", "kind", "jenjang", "priority", "capacity", "holders",
        "free_seats",
    ),
}  # fmt: skip
"""Columns of every frame of :class:`NeedsAnalysis`, in order."""


@dataclass(frozen=True, eq=False)
class NeedsAnalysis:
    """The needs analysis of one scenario (see the module docstring for each frame).

    Attributes
    ----------
    scenario_name, description, as_of, language
        From the scenario.
    max_tenure_months, retirement_horizon_months, jpm_scheme
        The rule settings the frames were computed with.
    people, posts, units
        People, active posts and OPDs counted.
    jpm_categories
        Incumbents per JPM category (all labels of the scheme, zeros included).
    jpm_no_data
        Incumbents of posts with requirements who have no competency data at all: their JPM is
        unknown (not 0) and they are in no category.
    vacancies, vacancies_by_unit, poor_match, overdue, retiring, competency_gaps,
    nine_box_by_unit, no_candidate
        The frames (:data:`NEEDS_COLUMNS`).
    """

    scenario_name: str
    description: str
    as_of: str
    language: str
    max_tenure_months: int | None
    retirement_horizon_months: int
    jpm_scheme: str
    people: int
    posts: int
    units: int
    jpm_categories: dict[str, int]
    jpm_no_data: int
    vacancies: pd.DataFrame
    vacancies_by_unit: pd.DataFrame
    poor_match: pd.DataFrame
    overdue: pd.DataFrame
    retiring: pd.DataFrame
    competency_gaps: pd.DataFrame
    nine_box_by_unit: pd.DataFrame
    no_candidate: pd.DataFrame
    warnings: list[str] = field(default_factory=list)

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every frame by name, in the order of :data:`NEEDS_COLUMNS`."""
        return {name: getattr(self, name) for name in NEEDS_COLUMNS}

    def __repr__(self) -> str:
        return f"NeedsAnalysis({', '.join(f'{k}={v}' for k, v in self.summary().items() if not isinstance(v, dict))})"

    def summary(self) -> dict[str, Any]:
        """Key figures (plain data)."""
        return {
            "scenario": self.scenario_name,
            "as_of": self.as_of,
            "people": self.people,
            "posts": self.posts,
            "units": self.units,
            "vacant_posts": len(self.vacancies),
            "free_seats": int(self.vacancies["free_seats"].sum()) if len(self.vacancies) else 0,
            "poor_match": len(self.poor_match),
            "overdue": len(self.overdue),
            "retiring": len(self.retiring),
            "no_candidate": len(self.no_candidate),
            "no_candidate_vacant": int((self.no_candidate["free_seats"] > 0).sum())
            if len(self.no_candidate)
            else 0,
            "jpm_categories": dict(self.jpm_categories),
            "jpm_no_data": self.jpm_no_data,
        }

    def gap_matrix(self, top: int | None = 12) -> pd.DataFrame:
        """OPD x competency mean shortfall (rows sorted by name; the ``top`` most required codes)."""
        gaps = self.competency_gaps
        if gaps.empty:
            return pd.DataFrame()
        weight = gaps.groupby("competency", sort=True)["holders"].sum()
        codes = weight.sort_values(ascending=False, kind="stable").index.tolist()
        codes = sorted(codes[:top] if top else codes, key=_competency_order)
        matrix = gaps.pivot_table(
            index="unit", columns="competency", values="gap_mean", aggfunc="first"
        )
        return matrix.reindex(columns=codes).sort_index()


def _competency_order(code: str) -> tuple[int, str]:
    defaults = [c for c, _, _ in domain.DEFAULT_COMPETENCIES]
    return (defaults.index(code), code) if code in defaults else (len(defaults), code)


def _ordered(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    return frame.loc[:, list(NEEDS_COLUMNS[name])].reset_index(drop=True)


def _post_frame(problem: Problem) -> pd.DataFrame:
    pos = problem.tables.positions
    holders = np.bincount(
        problem.instance.current_post[problem.instance.current_post >= 0], minlength=problem.n_posts
    ).astype(np.int64)
    # Candidates other than the post's own holders.
    others = problem.pairs.post[~problem.pairs.is_current]
    eligible = np.bincount(others, minlength=problem.n_posts).astype(np.int64)
    capacity = np.asarray(problem.instance.capacity, dtype=np.int64)
    return pd.DataFrame(
        {
            "position_id": pos["position_id"].astype(str).to_numpy(),
            "title": pos["title"].to_numpy(dtype=object),
            "unit": pos["unit"].to_numpy(dtype=object),
            "kind": pos["kind"].to_numpy(dtype=object),
            "jenjang": pos["jenjang"].to_numpy(dtype=object),
            "priority": np.asarray(problem.instance.priority, dtype=np.int64),
            "capacity": capacity,
            "holders": holders,
            "free_seats": np.maximum(capacity - holders, 0),
            "eligible_candidates": eligible,
            "needs_external_approval": pos["needs_external_approval"]
            .fillna(False)
            .to_numpy(dtype=bool),
            "active": (pos["status"].fillna("active") != "abolished").to_numpy(dtype=bool),
        }
    )


def _person_frame(problem: Problem) -> pd.DataFrame:
    emp = problem.tables.employees
    pos = problem.tables.positions
    cur = np.asarray(problem.instance.current_post, dtype=np.int64)
    placed = cur >= 0
    safe = np.maximum(cur, 0)

    def at_post(column: str) -> np.ndarray:
        values = pos[column].to_numpy(dtype=object)
        if not len(values):
            return np.full(len(cur), None, dtype=object)
        out = np.full(len(cur), None, dtype=object)
        out[placed] = values[safe[placed]]
        return out

    boxes = problem.nine_box
    return pd.DataFrame(
        {
            "nip": emp["nip"].astype(str).to_numpy(),
            "name": emp["name"].to_numpy(dtype=object),
            "position_id": at_post("position_id"),
            "title": at_post("title"),
            "unit": at_post("unit"),
            "kind": at_post("kind"),
            "jenjang": at_post("jenjang"),
            "performance": emp["performance"].to_numpy(dtype=object),
            "potential": emp["potential"].to_numpy(dtype=object),
            "nine_box": np.asarray(boxes, dtype=np.int64),
            "tmt_jabatan": pd.to_datetime(emp["tmt_jabatan"]).to_numpy(),
            "birth_date": pd.to_datetime(emp["birth_date"]).to_numpy(),
            "placed": placed,
        }
    )


def _retirement_dates(birth: pd.Series, bup_years: np.ndarray) -> pd.Series:
    """First day of the month after the person reaches ``bup_years`` (NaT when unknown)."""
    dates = pd.to_datetime(birth)
    ok = dates.notna().to_numpy() & np.isfinite(bup_years)
    out = pd.Series(pd.NaT, index=birth.index, dtype="datetime64[ns]")
    if ok.any():
        d = dates[ok]
        year = d.dt.year.to_numpy() + bup_years[ok].astype(np.int64)
        month = d.dt.month.to_numpy() + 1
        year = year + (month > 12)
        month = np.where(month > 12, 1, month)
        out[ok] = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": 1})).to_numpy()
    return out


def _competency_gaps(problem: Problem, people: pd.DataFrame) -> pd.DataFrame:
    placed = np.flatnonzero(people["placed"].to_numpy())
    if placed.size == 0 or problem.context.required.shape[1] == 0:
        return pd.DataFrame(columns=list(NEEDS_COLUMNS["competency_gaps"]))
    long = competency_gaps(problem.context, placed, problem.instance.current_post[placed])
    if long.empty:
        return pd.DataFrame(columns=list(NEEDS_COLUMNS["competency_gaps"]))
    units = np.asarray(problem.units, dtype=object)
    long["unit"] = units[np.asarray(problem.instance.post_unit)[long["post"].to_numpy()]]
    long["shortfall"] = np.minimum(long["gap"].to_numpy(), 0)
    long["below"] = long["gap"].to_numpy() < 0
    grouped = long.groupby(["unit", "competency"], sort=True).agg(
        holders=("person", "size"),
        required_mean=("required", "mean"),
        level_mean=("level", "mean"),
        gap_mean=("shortfall", "mean"),
        below_share=("below", "mean"),
    )
    out = grouped.reset_index()
    names = dict(
        zip(
            problem.tables.competency_dictionary["code"].astype(str),
            problem.tables.competency_dictionary["name"].astype(str),
            strict=True,
        )
    )
    for code, name, _ in domain.DEFAULT_COMPETENCIES:
        names.setdefault(code, name)
    out["competency_name"] = out["competency"].map(names).fillna(out["competency"])
    out["holders"] = out["holders"].astype(np.int64)
    out["below_share"] = out["below_share"].astype(np.float64)
    order = out["competency"].map(_competency_order)
    out = out.assign(_o=order).sort_values(["unit", "_o"], kind="stable").drop(columns="_o")
    return _ordered(out, "competency_gaps")


def _nine_box_by_unit(people: pd.DataFrame) -> pd.DataFrame:
    placed = people.loc[people["placed"]]
    if placed.empty:
        return pd.DataFrame(columns=list(NEEDS_COLUMNS["nine_box_by_unit"]))
    counts = pd.crosstab(placed["unit"], placed["nine_box"])
    counts = counts.reindex(columns=range(10), fill_value=0)
    out = pd.DataFrame(
        {
            "unit": counts.index.to_numpy(dtype=object),
            "people": counts.sum(axis=1).to_numpy(dtype=np.int64),
            **{f"box_{b}": counts[b].to_numpy(dtype=np.int64) for b in range(1, 10)},
            "no_data": counts[0].to_numpy(dtype=np.int64),
        }
    )
    return _ordered(out.sort_values("unit", kind="stable"), "nine_box_by_unit")


def needs_analysis(problem: Problem) -> NeedsAnalysis:
    """The needs analysis of ``problem``'s scenario (see the module docstring).

    Parameters
    ----------
    problem
        Built by :func:`~mutasi_opt.problem.build_problem` (its candidate pairs decide who may take
        a post).

    Returns
    -------
    NeedsAnalysis
    """
    scenario = problem.scenario
    settings = scenario.rules
    scheme = scenario.scoring.jpm_categories
    posts = _post_frame(problem)
    active = posts.loc[posts["active"]]
    people = _person_frame(problem)
    rc = problem.context

    vacancies = active.loc[active["free_seats"] > 0].sort_values(
        ["priority", "unit", "position_id"], ascending=[False, True, True], kind="stable"
    )
    by_unit = (
        vacancies.groupby(["unit", "kind", "priority"], sort=True)
        .agg(posts=("position_id", "size"), free_seats=("free_seats", "sum"))
        .reset_index()
    )

    # A person with no competency data at all has an unknown JPM, not a JPM of 0.
    jpm = incumbent_jpm(problem.context)
    no_data = people["placed"].to_numpy() & ~scoring.has_competency_data(problem.context.levels)
    category = scoring.jpm_category(jpm, scheme)
    labels = domain.JPM_LABELS[scheme]
    people["jpm"] = jpm
    people["jpm_category"] = category
    poor = people.loc[people["placed"] & (people["jpm_category"] == labels[2])].sort_values(
        ["jpm", "nip"], kind="stable"
    )
    counts = pd.Series(category).value_counts()
    jpm_counts = {lab: int(counts.get(lab, 0)) for lab in labels}

    people["tenure_months"] = rc.tenure
    people["max_tenure_months"] = settings.max_tenure_months
    overdue = people.loc[rc.overdue].sort_values(
        ["tenure_months", "nip"], ascending=[False, True], kind="stable"
    )

    people["months_to_retirement"] = rc.months_to_bup
    people["bup_age"] = rc.person_bup / 12.0
    people["retirement_date"] = _retirement_dates(people["birth_date"], rc.person_bup / 12.0)
    soon = rules.kept_by("retirement", rc, np.arange(problem.n_people))
    retiring = people.loc[soon].sort_values(["months_to_retirement", "nip"], kind="stable")

    no_candidate = active.loc[active["eligible_candidates"] == 0].sort_values(
        ["free_seats", "priority", "unit", "position_id"],
        ascending=[False, False, True, True],
        kind="stable",
    )

    def whole(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
        out = frame.copy()
        for column in columns:
            out[column] = out[column].astype("Int64")
        return out

    return NeedsAnalysis(
        scenario_name=scenario.name,
        description=scenario.description,
        as_of=scenario.as_of.isoformat(),
        language=scenario.output.language,
        max_tenure_months=settings.max_tenure_months,
        retirement_horizon_months=settings.retirement_horizon_months,
        jpm_scheme=scheme,
        people=problem.n_people,
        posts=len(active),
        units=len(problem.units),
        jpm_categories=jpm_counts,
        jpm_no_data=int(no_data.sum()),
        vacancies=_ordered(vacancies, "vacancies"),
        vacancies_by_unit=_ordered(by_unit, "vacancies_by_unit"),
        poor_match=_ordered(poor, "poor_match"),
        overdue=_ordered(whole(overdue, ("tenure_months", "max_tenure_months")), "overdue"),
        retiring=_ordered(whole(retiring, ("bup_age", "months_to_retirement")), "retiring"),
        competency_gaps=_competency_gaps(problem, people),
        nine_box_by_unit=_nine_box_by_unit(people),
        no_candidate=_ordered(no_candidate, "no_candidate"),
    )
