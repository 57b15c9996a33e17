"""Instances built straight from arrays: test fixtures, benchmarks and OR-Library files.

:func:`instance_from_values` makes an :class:`~mutasi_opt.instance.Instance` from a value matrix
(dense with NaN for a forbidden pair, or sparse triplets) plus capacities, current posts and side
rules. No table, rule or score is computed: the values are taken as given, so solver tests can be
checked by hand and against independent oracles. Such an instance has no scenario: solve it with
explicit settings (``solve(instance, settings)``) or the defaults.

:func:`read_orlib` loads J. E. Beasley's OR-Library assignment files (dense ``assignN``: n, then the
n x n costs; sparse ``assignpN``: n, then ``i j cost`` lines, 1-based). In mutasi-opt terms a pair's
value is ``100 - cost`` (scale 1), so the optimal plan's ``objective_int`` is ``100 n`` minus the
published optimal cost.

:func:`random_structured` makes a round that looks like a city's: units, posts of five levels with
capacities (some pooled), people who hold a post, eligibility by level, values from a latent match.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from mutasi_opt.arrays import FloatArray, IntArray
from mutasi_opt.instance import CandidatePairs, Instance

__all__ = [
    "DEFAULT_SCALE",
    "instance_from_values",
    "pairs_from_arrays",
    "random_structured",
    "read_orlib",
]

DEFAULT_SCALE = 1000
"""Integer scale of values in instances built here (``value_int = round(value * scale)``)."""

Triplets = tuple[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike]


def pairs_from_arrays(
    person: npt.ArrayLike,
    post: npt.ArrayLike,
    value: npt.ArrayLike,
    n_people: int,
    current_post: npt.ArrayLike,
    *,
    scale: float = DEFAULT_SCALE,
    value_int: npt.ArrayLike | None = None,
) -> CandidatePairs:
    """Candidate pairs from triplets, sorted by person then post.

    Parameters
    ----------
    person, post, value
        One entry per pair (any order, no duplicates).
    n_people
        Number of people (for the CSR offsets).
    current_post
        Post index per person (``-1``: not placed), to mark ``is_current``.
    scale
        ``value_int = round(value * scale)`` unless ``value_int`` is given.
    value_int
        Exact integer values (then ``value`` is only reported).
    """
    p = np.asarray(person, dtype=np.int64)
    q = np.asarray(post, dtype=np.int64)
    v = np.asarray(value, dtype=np.float64)
    order = np.lexsort((q, p))
    p, q, v = p[order], q[order], v[order]
    if p.size and bool(np.any((p[1:] == p[:-1]) & (q[1:] == q[:-1]))):
        raise ValueError("duplicate (person, post) pair")
    if value_int is None:
        vi = np.rint(v * scale).astype(np.int64)
    else:
        vi = np.asarray(value_int, dtype=np.int64)[order]
    cur = np.asarray(current_post, dtype=np.int64)
    ptr = np.zeros(n_people + 1, dtype=np.int64)
    np.cumsum(np.bincount(p, minlength=n_people), out=ptr[1:])
    return CandidatePairs(
        person=p.astype(np.int32),
        post=q.astype(np.int32),
        value=v,
        value_int=vi,
        fit=np.clip(v, 0.0, 1.0),
        jpm=np.full(p.size, np.nan),
        preference=np.zeros(p.size),
        penalty=np.zeros(p.size),
        is_current=cur[p] == q,
        ptr=ptr,
    )


def instance_from_values(
    values: FloatArray | Triplets,
    *,
    n_posts: int | None = None,
    capacity: npt.ArrayLike | None = None,
    current_post: npt.ArrayLike | None = None,
    post_unit: npt.ArrayLike | None = None,
    must_fill: npt.ArrayLike | None = None,
    max_moves: int | None = None,
    unit_outflow_cap: npt.ArrayLike | None = None,
    priority: npt.ArrayLike | None = None,
    scale: float = DEFAULT_SCALE,
    value_int: npt.ArrayLike | None = None,
) -> Instance:
    """An :class:`~mutasi_opt.instance.Instance` from a value matrix and per-post arrays.

    Parameters
    ----------
    values
        Dense ``(n_people, n_posts)`` array with NaN for a pair that is not a candidate, or
        triplets ``(person, post, value)``.
    n_posts
        Needed with triplets when the last posts have no pair.
    capacity
        Per post (default 1).
    current_post
        Per person, ``-1`` when not placed (default: nobody placed).
    post_unit
        Unit index per post (default: all in unit 0).
    must_fill
        Per post, bool (default none).
    max_moves, unit_outflow_cap
        Side rules (``unit_outflow_cap`` per unit).
    priority
        Per post (default 3).
    scale, value_int
        Integer scale of the values, or the exact integer values (same layout as ``values``).

    Returns
    -------
    Instance
        With people ``P0000..``, posts ``J0000..`` and units ``U00..`` as labels; as many units as
        ``post_unit`` names, or ``unit_outflow_cap`` has entries when that is more. It has no
        :attr:`~mutasi_opt.instance.Instance.exclusions`.

    Raises
    ------
    ValueError
        When the arrays contradict each other (:class:`~mutasi_opt.instance.Instance`).
    """
    if isinstance(values, tuple):
        person, post, value = (np.asarray(a) for a in values)
        n_people = int(person.max()) + 1 if person.size else 0
        if current_post is not None:
            n_people = max(n_people, len(np.asarray(current_post)))
        m = int(n_posts if n_posts is not None else (int(post.max()) + 1 if post.size else 0))
        vi_src = value_int
    else:
        dense = np.asarray(values, dtype=np.float64)
        n_people, m = dense.shape
        person, post = np.nonzero(~np.isnan(dense))
        value = dense[person, post]
        vi_src = None if value_int is None else np.asarray(value_int)[person, post]
    cur = (
        np.full(n_people, -1, dtype=np.int32)
        if current_post is None
        else np.asarray(current_post, dtype=np.int32)
    )
    units_of_post = (
        np.zeros(m, dtype=np.int32) if post_unit is None else np.asarray(post_unit, dtype=np.int32)
    )
    cap_arr = None if unit_outflow_cap is None else np.asarray(unit_outflow_cap, dtype=np.int64)
    n_units = int(units_of_post.max()) + 1 if m else 1
    if cap_arr is not None:
        n_units = max(n_units, int(cap_arr.shape[0]))
    pairs = pairs_from_arrays(person, post, value, n_people, cur, scale=scale, value_int=vi_src)
    width = max(4, len(str(max(n_people, m))))
    placed = cur >= 0
    person_unit = np.full(n_people, -1, dtype=np.int32)
    person_unit[placed] = units_of_post[cur[placed]]
    return Instance(
        nip=np.array([f"P{i:0{width}d}" for i in range(n_people)], dtype=object),
        post_id=np.array([f"J{j:0{width}d}" for j in range(m)], dtype=object),
        units=tuple(f"U{u:02d}" for u in range(n_units)),
        current_post=cur,
        person_unit=person_unit,
        post_unit=units_of_post,
        capacity=np.ones(m, dtype=np.int32)
        if capacity is None
        else np.asarray(capacity, dtype=np.int32),
        priority=np.full(m, 3, dtype=np.int32)
        if priority is None
        else np.asarray(priority, dtype=np.int32),
        must_fill=np.zeros(m, dtype=bool)
        if must_fill is None
        else np.asarray(must_fill, dtype=bool),
        pairs=pairs,
        max_moves=max_moves,
        unit_outflow_cap=cap_arr,
    )


def read_orlib(path: str | Path) -> Instance:
    """An OR-Library assignment instance (value = 100 - cost, scale 1).

    Parameters
    ----------
    path
        ``assignN.txt`` (dense) or ``assignpN.txt`` (sparse triplets, 1-based).
    """
    tokens = np.array(Path(path).read_text().split(), dtype=np.int64)
    n = int(tokens[0])
    body = tokens[1:]
    if body.size == n * n:
        cost = body.reshape(n, n)
        person, post = np.divmod(np.arange(n * n, dtype=np.int64), n)
        c = cost.ravel()
    else:
        trip = body.reshape(-1, 3)
        person, post, c = trip[:, 0] - 1, trip[:, 1] - 1, trip[:, 2]
    score = 100 - c
    return instance_from_values(
        (person, post, score.astype(np.float64)),
        n_posts=n,
        current_post=np.full(n, -1),
        scale=1,
        value_int=score,
    )


def random_structured(
    n_people: int,
    seed: int = 0,
    *,
    posts_per_person: float = 1.12,
    n_units: int = 20,
    pooled_share: float = 0.05,
    unplaced_share: float = 0.02,
    abolished_share: float = 0.01,
    keep_share: float = 0.6,
    max_moves_share: float | None = 0.1,
    outflow_share: float | None = 0.2,
    scale: float = DEFAULT_SCALE,
) -> Instance:
    """A synthetic round shaped like a city's, for tests and benchmarks.

    Posts have a level 1-5 and a unit; about ``pooled_share`` of them are pooled (capacity 2-6).
    People hold a post (except ``unplaced_share``); a person may take posts of their level and
    one level up or down; holders of the ``abolished_share`` posts must move. Values mimic
    ``p_j (fit + 0.2 perf + 0.1 pot) + 0.3 pref - 0.05 [moved]`` with fit from a latent
    competency match.

    Parameters
    ----------
    n_people
        Number of people.
    seed
        Random seed.
    posts_per_person, n_units, pooled_share, unplaced_share, abolished_share
        Shape of the round.
    keep_share
        Share of the level-compatible pairs that pass the other hard rules.
    max_moves_share, outflow_share
        Side rules: ``max_moves = floor(share x people)``; per unit ``floor(share x its people)``.
    scale
        Integer scale of values.
    """
    rng = np.random.default_rng(seed)
    n_rows = max(2, round(n_people * posts_per_person))
    pooled = rng.random(n_rows) < pooled_share
    capacity = np.where(pooled, rng.integers(2, 7, n_rows), 1).astype(np.int32)
    # Posts of a unit are contiguous; levels skew to the lower ranks like a real formation.
    post_unit = np.sort(rng.integers(0, n_units, n_rows)).astype(np.int32)
    level = rng.choice(5, size=n_rows, p=[0.35, 0.3, 0.2, 0.1, 0.05]).astype(np.int32)
    priority = rng.choice([1, 2, 3, 4, 5], size=n_rows, p=[0.05, 0.15, 0.5, 0.2, 0.1]).astype(
        np.int32
    )
    abolished = rng.random(n_rows) < abolished_share
    # Seat people: each seat of each post is a slot, some stay empty (vacancies).
    slots = np.repeat(np.arange(n_rows), capacity)
    rng.shuffle(slots)
    n_placed = min(slots.size, round(n_people * (1 - unplaced_share)))
    current = np.full(n_people, -1, dtype=np.int32)
    current[:n_placed] = slots[:n_placed]
    rng.shuffle(current)
    grade = np.where(current >= 0, level[np.maximum(current, 0)], rng.integers(0, 5, n_people))
    dim = 6
    person_skill = rng.normal(size=(n_people, dim))
    post_need = rng.normal(size=(n_rows, dim))
    perf = rng.choice([1.0, 0.75, 0.5, 0.25, 0.0], size=n_people, p=[0.15, 0.6, 0.15, 0.07, 0.03])
    pot = rng.choice([0.0, 0.5, 1.0], size=n_people, p=[0.3, 0.5, 0.2])
    # Eligibility: same level, one up or one down, never an abolished post; built per level band
    # so that no people x posts matrix is ever formed.
    by_level = [np.flatnonzero((level == lv) & ~abolished) for lv in range(5)]
    persons: list[IntArray] = []
    posts: list[IntArray] = []
    for lv in range(5):
        who = np.flatnonzero(grade == lv)
        allowed = np.concatenate([by_level[k] for k in (lv - 1, lv, lv + 1) if 0 <= k < 5])
        persons.append(np.repeat(who, allowed.size).astype(np.int32))
        posts.append(np.tile(allowed, who.size).astype(np.int32))
    person = np.concatenate(persons)
    post = np.concatenate(posts)
    keep = rng.random(person.size) < keep_share  # the rest fail some other hard rule
    keep |= post == current[person]
    person, post = person[keep], post[keep]
    match = np.einsum("ij,ij->i", person_skill[person], post_need[post]) / np.sqrt(dim)
    fit = 1.0 / (1.0 + np.exp(-1.5 * match))
    p_j = priority[post] / 3.0
    pref = np.where(rng.random(person.size) < 0.01, rng.choice([1.0, 0.75, 0.5], person.size), 0.0)
    moved = post != current[person]
    value = p_j * (fit + 0.2 * perf[person] + 0.1 * pot[person]) + 0.3 * pref - 0.05 * moved
    placed = current >= 0
    max_moves = None if max_moves_share is None else int(np.floor(max_moves_share * n_people))
    outflow: npt.NDArray[np.int64] | None = None
    if outflow_share is not None:
        unit_people = np.bincount(post_unit[current[placed]], minlength=n_units)
        outflow = np.floor(outflow_share * unit_people).astype(np.int64)
    return instance_from_values(
        (person, post, value),
        n_posts=n_rows,
        capacity=capacity,
        current_post=current,
        post_unit=post_unit,
        max_moves=max_moves,
        unit_outflow_cap=outflow,
        priority=priority,
        scale=scale,
    )


def _describe(instance: Instance) -> dict[str, Any]:
    """Sizes of an instance (for benchmark tables)."""
    return {
        "people": instance.n_people,
        "posts": instance.n_posts,
        "pairs": len(instance.pairs),
        "capacity": int(instance.capacity.sum()),
    }
