"""Independent oracles for the solver tests: brute force and SciPy's assignment on expanded columns."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
from scipy.optimize import linear_sum_assignment

from mutasi_opt.instance import Instance


def feasible_plans(instance: Instance) -> Iterator[tuple[list[int], int]]:
    """Every plan of candidate pairs that respects every rule, as (pair indices, value).

    Written from the model's definition only (one post per person, capacity, must-fill, max
    moves, unit outflow, distance to reference plans), without any code of the solver.
    """
    pairs = instance.pairs
    options = [range(int(pairs.ptr[i]), int(pairs.ptr[i + 1])) for i in range(instance.n_people)]
    post, value = pairs.post.tolist(), pairs.value_int.tolist()
    current, home = instance.current_post.tolist(), instance.person_unit.tolist()
    unit_of = instance.post_unit.tolist()
    cap, fill = instance.capacity.tolist(), np.flatnonzero(instance.must_fill).tolist()
    outflow = None if instance.unit_outflow_cap is None else instance.unit_outflow_cap.tolist()
    distance = [(d.reference.tolist(), d.limit, d.same) for d in instance.distance]
    for combo in itertools.product(*options):
        posts = [post[k] for k in combo]
        load = [0] * instance.n_posts
        for j in posts:
            load[j] += 1
        if any(load[j] > cap[j] for j in range(instance.n_posts)) or any(
            load[j] == 0 for j in fill
        ):
            continue
        moves = sum(1 for i, j in enumerate(posts) if current[i] >= 0 and j != current[i])
        if instance.max_moves is not None and moves > instance.max_moves:
            continue
        if outflow is not None:
            leavers = [0] * len(outflow)
            for i, j in enumerate(posts):
                if home[i] >= 0 and unit_of[j] != home[i]:
                    leavers[home[i]] += 1
            if any(a > b for a, b in zip(leavers, outflow, strict=True)):
                continue
        far = False
        for ref, limit, same in distance:
            counted = sum(1 for i, j in enumerate(posts) if ref[i] >= 0 and (j == ref[i]) == same)
            far = far or counted > limit
        if far:
            continue
        yield list(combo), sum(value[k] for k in combo)


def brute_force(instance: Instance) -> tuple[int | None, list[tuple[int, ...]]]:
    """Best ``sum value_int`` over every valid plan, and every optimal plan (post per person)."""
    best: int | None = None
    plans: list[tuple[int, ...]] = []
    post = instance.pairs.post
    for chosen, value in feasible_plans(instance):
        if best is None or value > best:
            best, plans = value, [tuple(post[chosen].tolist())]
        elif value == best:
            plans.append(tuple(post[chosen].tolist()))
    return best, plans


def lsa_oracle(instance: Instance) -> int | None:
    """Optimum of a round without side rules and must-fill posts by SciPy on repeated columns.

    Each post is repeated ``capacity`` times (in the oracle only); forbidden pairs are ``inf``.
    """
    n, m = instance.n_people, instance.n_posts
    dense = np.full((n, m), np.inf)
    dense[instance.pairs.person, instance.pairs.post] = -instance.pairs.value_int.astype(np.float64)
    cols = np.repeat(np.arange(m), instance.capacity)
    if cols.size < n:
        return None
    try:
        rows, picked = linear_sum_assignment(dense[:, cols])
    except ValueError:
        return None
    return int(-dense[rows, cols[picked]].sum())
