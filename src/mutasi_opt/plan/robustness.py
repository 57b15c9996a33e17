"""How firm each move is under uncertain ratings: its stability over perturbed competency levels.

Competency levels come from assessments that are uncertain by a level or so. For each of
``solver.robustness_samples`` samples, every competency level of the ``competencies`` table moves
by one with probability ``solver.robustness_flip_probability`` (up or down with equal chance,
kept within 1-5; a level that would leave the range moves the other way), the round is built and
solved again with everything else unchanged (the rules, the panel's rulings, a re-plan's baseline
and change cap), and a move *survives* a sample when that sample's plan puts the person in the
same post. A move's **stability** is the share of samples it survives (1: it holds whatever the
ratings' noise; a sample without a plan counts as one it does not survive).

Sample ``s`` draws from ``numpy.random.default_rng([seed, s])`` with the scenario's seed, so the
same inputs give the same stabilities, in any order and on any number of workers. The samples
run through a mapper (:data:`Mapper`): one after another here, or on Dask like a sweep
(:func:`mutasi_opt.sweep.samples.dask_mapper`, which the command line uses); each sample's solve
uses one CP-SAT worker, the samples themselves running side by side.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt.arrays import FloatArray
from mutasi_opt.errors import InputError
from mutasi_opt.problem import Problem, build_problem, with_baseline
from mutasi_opt.scenario import Scenario
from mutasi_opt.tables.model import Tables

__all__ = ["Mapper", "Stability", "perturb_levels", "sample_plan", "stability"]

Mapper = Callable[[Callable[..., Any], Sequence[tuple[Any, ...]]], list[Any]]
"""Runs ``fn(*args)`` for each args tuple and returns the results in order."""


def sequential(fn: Callable[..., Any], items: Sequence[tuple[Any, ...]]) -> list[Any]:
    """The default mapper: one sample after another, in this process."""
    return [fn(*args) for args in items]


@dataclass(frozen=True, eq=False)
class Stability:
    """The stability of every move of a plan.

    Attributes
    ----------
    share
        Per person: the share of samples in which their move survives (NaN for a person who
        stays, and for everyone when no sample was run).
    samples
        Samples run.
    probability
        Chance that a level moves by one, per level and sample.
    without_plan
        Samples whose round had no plan (infeasible, or none in the time limit).
    seconds
        Time taken.
    """

    share: FloatArray
    samples: int
    probability: float
    without_plan: int
    seconds: float


def perturb_levels(
    competencies: pd.DataFrame, probability: float, rng: np.random.Generator
) -> pd.DataFrame:
    """The competencies table with each level moved by one with ``probability`` (see the module
    docstring)."""
    level = competencies["level"].to_numpy(dtype=np.int64)
    flip = rng.random(level.shape[0]) < probability
    step = np.where(rng.random(level.shape[0]) < 0.5, -1, 1)
    moved = level + step
    moved = np.where((moved < 1) | (moved > 5), level - step, moved)
    out = competencies.copy()
    out["level"] = np.where(flip, moved, level).astype(np.int64)
    return out


def sample_plan(
    tables: Tables,
    scenario: Scenario,
    baseline: npt.NDArray[np.int64] | None,
    max_changes: int | None,
    probability: float,
    seed: int,
    sample: int,
) -> npt.NDArray[np.int64] | None:
    """The plan of one sample (post index per person), ``None`` when it has none.

    A top-level function, so that a Dask worker can run it.
    """
    from mutasi_opt.solve import solve

    rng = np.random.default_rng([seed, sample])
    perturbed = dataclasses.replace(
        tables, competencies=perturb_levels(tables.competencies, probability, rng)
    )
    try:
        problem = build_problem(perturbed, scenario)
    except InputError:
        return None  # e.g. a ruling the perturbed levels make break a rule: no plan here
    if baseline is not None:
        problem = with_baseline(problem, baseline, max_changes)
    settings = scenario.solver.model_copy(update={"workers": 1})
    result = solve(problem, settings)
    if result.assignment is None:
        return None
    return np.asarray(result.assignment, dtype=np.int64)


def stability(
    problem: Problem,
    assignment: npt.ArrayLike,
    *,
    samples: int | None = None,
    probability: float | None = None,
    mapper: Mapper | None = None,
) -> Stability:
    """The stability of each move of ``assignment`` (see the module docstring).

    Parameters
    ----------
    problem
        The round (its tables, scenario, rulings and baseline are those of every sample).
    assignment
        The plan (post index per person).
    samples, probability
        Default ``solver.robustness_samples`` and ``solver.robustness_flip_probability``.
    mapper
        How the samples run (default: one after another here).
    """
    t0 = time.perf_counter()
    settings = problem.scenario.solver
    count = settings.robustness_samples if samples is None else samples
    p = settings.robustness_flip_probability if probability is None else probability
    plan = np.asarray(assignment, dtype=np.int64)
    movers = plan != np.asarray(problem.instance.current_post, dtype=np.int64)
    share = np.full(problem.n_people, np.nan)
    if count <= 0:
        return Stability(share, 0, p, 0, time.perf_counter() - t0)
    base = problem.baseline
    items = [
        (problem.tables, problem.scenario, None if base is None else base.posts,
         None if base is None else base.max_changes, p, settings.seed, s)
        for s in range(count)
    ]  # fmt: skip
    plans = (mapper or sequential)(sample_plan, items)
    survived = np.zeros(problem.n_people, dtype=np.int64)
    without = 0
    for other in plans:
        if other is None:
            without += 1
            continue
        survived += np.asarray(other, dtype=np.int64) == plan
    share[movers] = survived[movers] / count
    return Stability(share, count, p, without, time.perf_counter() - t0)
