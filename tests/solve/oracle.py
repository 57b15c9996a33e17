"""Independent oracles for the solver tests: brute force and SciPy's assignment on expanded columns."""

from __future__ import annotations

import itertools

import numpy as np
from scipy.optimize import linear_sum_assignment

from mutasi_opt.problem import Problem


def brute_force(problem: Problem) -> tuple[int | None, list[tuple[int, ...]]]:
    """Best ``sum value_int`` over every plan of candidate pairs that respects every rule.

    Returns the optimum (``None`` if no plan) and every optimal plan (post per person). Written
    from the model's definition only (one post per person, capacity, must-fill, max moves, unit
    outflow), without any code of the solver.
    """
    pairs = problem.pairs
    options = [
        [
            (int(pairs.post[k]), int(pairs.value_int[k]))
            for k in range(pairs.ptr[i], pairs.ptr[i + 1])
        ]
        for i in range(problem.n_people)
    ]
    best: int | None = None
    plans: list[tuple[int, ...]] = []
    for combo in itertools.product(*options):
        posts = [p for p, _ in combo]
        load = (
            np.bincount(posts, minlength=problem.n_posts)
            if posts
            else np.zeros(problem.n_posts, int)
        )
        if (load > problem.capacity).any() or (problem.must_fill & (load == 0)).any():
            continue
        moves = sum(
            1
            for i, p in enumerate(posts)
            if problem.current_post[i] >= 0 and p != problem.current_post[i]
        )
        if problem.max_moves is not None and moves > problem.max_moves:
            continue
        if problem.unit_outflow_cap is not None:
            leavers = np.zeros(len(problem.units), dtype=int)
            for i, p in enumerate(posts):
                home = problem.person_unit[i]
                if home >= 0 and problem.post_unit[p] != home:
                    leavers[home] += 1
            if (leavers > problem.unit_outflow_cap).any():
                continue
        value = sum(v for _, v in combo)
        if best is None or value > best:
            best, plans = value, [tuple(posts)]
        elif value == best:
            plans.append(tuple(posts))
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
