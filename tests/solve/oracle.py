"""Independent oracles for the solver tests: brute force and SciPy's assignment on expanded columns."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
from scipy.optimize import linear_sum_assignment

from mutasi_opt.problem import Problem


def feasible_plans(problem: Problem) -> Iterator[tuple[list[int], int]]:
    """Every plan of candidate pairs that respects every rule, as (pair indices, value).

    Written from the model's definition only (one post per person, capacity, must-fill, max
    moves, unit outflow), without any code of the solver.
    """
    pairs = problem.pairs
    options = [range(int(pairs.ptr[i]), int(pairs.ptr[i + 1])) for i in range(problem.n_people)]
    post, value = pairs.post.tolist(), pairs.value_int.tolist()
    current, home = problem.current_post.tolist(), problem.person_unit.tolist()
    unit_of = problem.post_unit.tolist()
    cap, fill = problem.capacity.tolist(), np.flatnonzero(problem.must_fill).tolist()
    outflow = None if problem.unit_outflow_cap is None else problem.unit_outflow_cap.tolist()
    for combo in itertools.product(*options):
        posts = [post[k] for k in combo]
        load = [0] * problem.n_posts
        for j in posts:
            load[j] += 1
        if any(load[j] > cap[j] for j in range(problem.n_posts)) or any(load[j] == 0 for j in fill):
            continue
        moves = sum(1 for i, j in enumerate(posts) if current[i] >= 0 and j != current[i])
        if problem.max_moves is not None and moves > problem.max_moves:
            continue
        if outflow is not None:
            leavers = [0] * len(outflow)
            for i, j in enumerate(posts):
                if home[i] >= 0 and unit_of[j] != home[i]:
                    leavers[home[i]] += 1
            if any(a > b for a, b in zip(leavers, outflow, strict=True)):
                continue
        yield list(combo), sum(value[k] for k in combo)


def brute_force(problem: Problem) -> tuple[int | None, list[tuple[int, ...]]]:
    """Best ``sum value_int`` over every valid plan, and every optimal plan (post per person)."""
    best: int | None = None
    plans: list[tuple[int, ...]] = []
    post = problem.pairs.post
    for chosen, value in feasible_plans(problem):
        if best is None or value > best:
            best, plans = value, [tuple(post[chosen].tolist())]
        elif value == best:
            plans.append(tuple(post[chosen].tolist()))
    return best, plans


def lsa_oracle(problem: Problem) -> int | None:
    """Optimum of a round without side rules and must-fill posts by SciPy on repeated columns.

    Each post is repeated ``capacity`` times (in the oracle only); forbidden pairs are ``inf``.
    """
    n, m = problem.n_people, problem.n_posts
    dense = np.full((n, m), np.inf)
    dense[problem.pairs.person, problem.pairs.post] = -problem.pairs.value_int.astype(np.float64)
    cols = np.repeat(np.arange(m), problem.capacity)
    if cols.size < n:
        return None
    try:
        rows, picked = linear_sum_assignment(dense[:, cols])
    except ValueError:
        return None
    return int(-dense[rows, cols[picked]].sum())
