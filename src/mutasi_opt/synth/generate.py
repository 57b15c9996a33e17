"""Put the synthetic city together: posts, seats, people, competencies, wishes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from mutasi_opt.synth.competencies import build_competencies, build_dictionary, build_requirements
from mutasi_opt.synth.organisation import build_posts
from mutasi_opt.synth.people import SAMPLE_EMPLOYEE_COLUMNS, build_people
from mutasi_opt.synth.preferences import build_preferences
from mutasi_opt.synth.seats import plan_seats
from mutasi_opt.tables.model import POSITION_COLUMNS, Tables

__all__ = ["MIN_EMPLOYEES", "SampleData", "generate_sample", "sample_counts"]

MIN_EMPLOYEES = 100
VACANCY_SHARE = 0.10  # of the seats of active posts
ABOLISHED_SHARE = 0.012  # of people: holders of abolished posts
UNPLACED_SHARE = 0.003  # of people: not placed (new, back from leave)

TABLE_NAMES = (
    "employees",
    "positions",
    "competencies",
    "requirements",
    "competency_dictionary",
    "preferences",
)


@dataclass(frozen=True, eq=False)
class SampleData:
    """A synthetic data set: the input tables with their contract columns.

    Attributes
    ----------
    employees, positions, competencies, requirements, competency_dictionary, preferences
        DataFrames with the columns of :mod:`mutasi_opt.tables.model` (the optional ones too:
        ``asn_type``, ``qualifications``, ``family``), in the canonical in-memory
        types (dates datetime64, missing text ``None``, flags bool, ``rank`` nullable Int64).
    as_of, seed
        The planning date and the seed they were drawn for.
    """

    employees: pd.DataFrame
    positions: pd.DataFrame
    competencies: pd.DataFrame
    requirements: pd.DataFrame
    competency_dictionary: pd.DataFrame
    preferences: pd.DataFrame
    as_of: dt.date
    seed: int

    def tables(self) -> dict[str, pd.DataFrame]:
        """Table name to frame, in the order files are written."""
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def to_tables(self) -> Tables:
        """The data as loaded :class:`~mutasi_opt.tables.model.Tables` (no files involved).

        ``employees`` gains the columns the readers derive from the NIP: ``gender`` (``L``/``P``)
        and ``cpns_date`` (first day of the CPNS month; of the TMT PPPK for a PPPK, whose NI PPPK
        has the NIP's layout); and ``status_name``, empty (the sample writes the statuses' codes).
        """
        e = self.employees.copy()
        nip = e["nip"].str
        e["gender"] = np.where(nip[14] == "2", "P", "L")
        e["cpns_date"] = pd.to_datetime(nip[8:14] + "01", format="%Y%m%d")
        e["status_name"] = pd.Series([None] * len(e), index=e.index, dtype=object)
        empty = pd.DataFrame({"nip": pd.Series(dtype=object), "position_id": pd.Series(dtype=object),
                              "score": pd.Series(dtype=float)})  # fmt: skip
        return Tables(
            employees=e,
            positions=self.positions.copy(),
            competencies=self.competencies.copy(),
            requirements=self.requirements.copy(),
            competency_dictionary=self.competency_dictionary.copy(),
            preferences=self.preferences.copy(),
            scores=empty,
            sources=dict.fromkeys(TABLE_NAMES, "synthetic"),
        )


def sample_counts(n_employees: int) -> dict[str, int]:
    """How many people hold abolished posts, are not placed, and how many active seats there are."""
    abolished = max(2, round(ABOLISHED_SHARE * n_employees))
    unplaced = max(1, round(UNPLACED_SHARE * n_employees))
    filled = n_employees - abolished - unplaced
    seats = round(filled / (1.0 - VACANCY_SHARE))
    return {"abolished": abolished, "unplaced": unplaced, "active_seats": seats}


def generate_sample(
    n_employees: int = 2500, seed: int = 2026, as_of: dt.date | None = None
) -> SampleData:
    """A realistic synthetic Kota Sibolga: every input table, deterministic for a seed.

    Parameters
    ----------
    n_employees
        People in the sample (at least :data:`MIN_EMPLOYEES`). About 2,500 is the city's size;
        larger samples keep its structure and grow schools, health facilities and formations.
    seed
        Random seed: the same seed, size and date give the same tables.
    as_of
        Planning date that ages, tenure and retirement are drawn against (default 2026-12-01).

    Returns
    -------
    SampleData
        The tables.

    Raises
    ------
    ValueError
        When ``n_employees`` is below :data:`MIN_EMPLOYEES` or ``seed`` is negative.

    Examples
    --------
    >>> s = generate_sample(300, seed=1)
    >>> len(s.employees)
    300
    """
    if n_employees < MIN_EMPLOYEES:
        raise ValueError(f"a sample needs at least {MIN_EMPLOYEES} employees (got {n_employees})")
    if seed < 0:
        raise ValueError(f"the seed must be 0 or more (got {seed})")
    as_of = as_of or dt.date(2026, 12, 1)
    # Independent streams per part: changing how wishes are drawn leaves the people unchanged.
    streams = np.random.SeedSequence(seed).spawn(6)
    rng_posts, rng_seats, rng_people, rng_req, rng_comp, rng_pref = (
        np.random.default_rng(s) for s in streams
    )
    counts = sample_counts(n_employees)
    posts = build_posts(counts["active_seats"], counts["abolished"], rng_posts)
    seats = plan_seats(posts, n_employees, counts["unplaced"], rng_seats)
    people = build_people(posts, seats, as_of, rng_people)
    return SampleData(
        employees=people[list(SAMPLE_EMPLOYEE_COLUMNS)].reset_index(drop=True),
        positions=posts[list(POSITION_COLUMNS)].reset_index(drop=True),
        competencies=build_competencies(people, posts, rng_comp),
        requirements=build_requirements(posts, rng_req),
        competency_dictionary=build_dictionary(),
        preferences=build_preferences(people, posts, rng_pref),
        as_of=as_of,
        seed=seed,
    )
