"""Making optimality certificates (:class:`~mutasi_opt.proof.certificate.Certificate`).

**Transportation duals from a plan** (:func:`transport_certificate`). For a plan ``sigma`` of the
round without side rules, post prices ``p`` are dual optimal exactly when no person prefers
another post at those prices: ``value_ik - p_k <= value_{i sigma(i)} - p_{sigma(i)}`` for every
candidate pair, with ``p_k >= 0`` unless post ``k`` is a must-fill post holding exactly one
person, and ``p_k <= 0`` unless post ``k`` is full. The smallest such ``p`` is a longest-path
labelling of the posts: an arc ``sigma(i) -> k`` of length ``value_ik - value_{i sigma(i)}`` for
every pair, a root arc of length 0 into every post that needs ``p_k >= 0`` (and ``-B`` into the
others, ``B`` longer than any path, so that their prices stay finite). It exists, with
``p_k <= 0`` on posts with room, exactly when the plan is optimal (LP duality; the assignment
polytope is integral). It is found by Bellman-Ford in rounds, vectorised over the pairs of the
people whose post's price changed; a price still rising after ``posts + 1`` rounds is a positive
cycle, that is a better plan (the solver was wrong). Then ``u_i = value_{i sigma(i)} -
p_{sigma(i)}``. Everything is int64, exact.

**LP prices made exact** (:func:`lp_certificate`). The side-rule path's HiGHS prices are rounded
to multiples of ``1 / scale`` (``scale`` a power of two chosen so that every scaled number stays
exact in int64 and float64), side prices clipped at 0 and post prices at 0 off must-fill posts,
and each person's price raised to ``max_j`` of the priced value over *every* candidate pair: dual
feasible by construction, in exact integers.
"""

from __future__ import annotations

import numpy as np

from mutasi_opt.arrays import Int64Array
from mutasi_opt.instance import Instance
from mutasi_opt.proof.certificate import Certificate
from mutasi_opt.solve.lp import Duals
from mutasi_opt.solve.side_rows import Index, SideRows

__all__ = [
    "NotOptimalError",
    "dual_scale",
    "exact_reduced_costs",
    "lp_certificate",
    "prices_certificate",
    "transport_certificate",
    "transport_prices",
]

MAX_DUAL_SCALE = 2**20
"""Finest price resolution of an LP certificate (``value_int / 2**20``)."""
_EXACT = 2**50
"""Scaled values stay below this, exact in float64 and far from int64 overflow."""


class NotOptimalError(RuntimeError):
    """The plan given is not optimal: no dual prices certify it (a solver bug)."""


def transport_certificate(
    instance: Instance, pair: Index, method: str = "lp_duality", *, start: Int64Array | None = None
) -> Certificate:
    """Integer LP duals proving a plan optimal for the round without side rules.

    Parameters
    ----------
    instance
        The round (its side rules are ignored: the prices bound the relaxation, hence the round).
    pair
        Chosen pair index per person.
    method
        Name stored in the certificate.
    start
        Post prices to start the longest paths from (e.g. the flow's own, for the same
        weights): the labels only rise from there, so a start at or below the answer gives it in
        a few rounds; one that ends above 0 on a post with room is dropped for a cold start.

    Raises
    ------
    NotOptimalError
        The plan is not optimal (a positive cycle, or a post with room priced above 0).
    """
    pairs = instance.pairs
    n, m = instance.n_people, instance.n_posts
    w = pairs.value_int.astype(np.int64)
    if n == 0:
        return Certificate(method, 1, np.zeros(0, np.int64), np.zeros(m, np.int64), bound=0)
    price = None
    if start is not None:
        try:
            price = transport_prices(instance, w, pair, start=start)
        except NotOptimalError:
            price = None  # the start was too high somewhere: decide from the cold start
    if price is None:
        price = transport_prices(instance, w, pair)
    sigma = pairs.post[pair].astype(np.int64)
    u = w[pair] - price[sigma]
    bound = int(u.sum()) + int((instance.capacity * np.maximum(price, 0)).sum())
    bound += int(np.minimum(price, 0).sum())
    return Certificate(method, 1, u, price, 0, None, bound)


def transport_prices(
    instance: Instance, weights: Int64Array, pair: Index, *, start: Int64Array | None = None
) -> Int64Array:
    """The smallest post prices under which no person prefers another post (module docstring).

    With ``start``, the smallest such prices at or above it (each at least its root bound).

    Raises
    ------
    NotOptimalError
        The plan ``pair`` is not optimal for ``weights`` (a positive cycle, or a post with room
        priced above 0).
    """
    pairs = instance.pairs
    m = instance.n_posts
    w = weights
    sigma = pairs.post[pair].astype(np.int64)
    load = np.bincount(sigma, minlength=m)
    span = int(w.max()) - int(w.min()) if w.size else 0
    big = (m + 1) * (span + 1) + 1
    may_be_negative = instance.must_fill & (load == 1)
    price = np.where(may_be_negative, -big, 0).astype(np.int64)
    if start is not None:
        price = np.maximum(price, start.astype(np.int64))
    person = pairs.person.astype(np.int64)
    post = pairs.post.astype(np.int64)
    gain = w - w[pair][person]  # w_ik - w_{i sigma(i)}
    ptr = pairs.ptr.astype(np.int64)
    sel = np.arange(len(pairs), dtype=np.int64)  # first round: every person's pairs
    for _ in range(m + 2):
        if sel.size == 0:
            break
        cand = price[sigma[person[sel]]] + gain[sel]
        new = price.copy()
        np.maximum.at(new, post[sel], cand)
        changed = new > price
        if not changed.any():
            break
        price = new
        # Next round: only the pairs of people whose post's price rose.
        sel = _pairs_of(ptr, np.flatnonzero(changed[sigma]))
    else:
        raise NotOptimalError("the plan is not optimal: a positive cycle of exchanges exists")
    room = load < instance.capacity
    if (price[room] > 0).any():
        raise NotOptimalError("the plan is not optimal: a post with room has a positive price")
    return price


def _pairs_of(ptr: Int64Array, people: Int64Array) -> Int64Array:
    """Indices of every pair of ``people`` (pairs are sorted by person, ``ptr`` their offsets)."""
    start, stop = ptr[people], ptr[people + 1]
    length = stop - start
    total = int(length.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    # Each person's run starts at start[k]; within it, positions count up from 0.
    offsets = np.repeat(start - np.concatenate(([0], np.cumsum(length)[:-1])), length)
    return offsets + np.arange(total, dtype=np.int64)


def dual_scale(values: Int64Array) -> int:
    """The finest power-of-two price resolution keeping scaled values exact (see module doc)."""
    top = int(np.abs(values).max()) if values.size else 1
    scale = MAX_DUAL_SCALE
    while scale > 1 and 4 * (top + 1) * scale >= _EXACT:
        scale //= 2
    return scale


def lp_certificate(
    instance: Instance,
    rows: SideRows,
    duals: Duals,
    method: str,
    *,
    kept: Index | None = None,
    inner_bound: int | None = None,
) -> Certificate:
    """The LP's prices as an exact certificate (rounded, clipped, persons repaired).

    Parameters
    ----------
    instance, rows
        The round and its side-rule coefficients.
    duals
        The LP's prices (:func:`mutasi_opt.solve.lp.lp_bound`).
    method
        Name stored in the certificate.
    kept
        Pairs of the final CP-SAT model (pruning), or ``None``.
    inner_bound
        CP-SAT's bound on the kept pairs, if any.
    """
    pairs = instance.pairs
    w = pairs.value_int.astype(np.int64)
    d = dual_scale(w)
    v = np.rint(np.asarray(duals.v, dtype=np.float64) * d).astype(np.int64)
    v = np.where(instance.must_fill, v, np.maximum(v, 0))
    lam = 0
    if rows.max_moves is not None:
        lam = max(0, int(np.rint(duals.lam_moves * d)))
    mu: Int64Array | None = None
    if rows.outflow_cap is not None:
        raw = np.zeros(rows.outflow_cap.shape[0]) if duals.lam_unit is None else duals.lam_unit
        mu = np.maximum(np.rint(np.asarray(raw, dtype=np.float64) * d), 0).astype(np.int64)
    nu: Int64Array | None = None
    if rows.distance:
        raw_d = np.zeros(len(rows.distance)) if duals.lam_distance is None else duals.lam_distance
        nu = np.maximum(np.rint(np.asarray(raw_d, dtype=np.float64) * d), 0).astype(np.int64)
    return prices_certificate(instance, rows, d, v, lam, mu, nu, method, kept=kept,
                              inner_bound=inner_bound)  # fmt: skip


def prices_certificate(
    instance: Instance,
    rows: SideRows,
    scale: int,
    v: Int64Array,
    lam: int,
    mu: Int64Array | None,
    nu: Int64Array | None,
    method: str,
    *,
    kept: Index | None = None,
    inner_bound: int | None = None,
) -> Certificate:
    """The certificate of integer post and side prices in units of ``1 / scale``: each person's
    price raised to ``max_j`` of the priced value over every candidate pair (dual feasible by
    construction), and the dual objective.

    Parameters
    ----------
    instance, rows
        The round and its side-rule coefficients.
    scale
        Any positive integer (a power of two for rounded LP prices; the tie-broken weights'
        factor for the flows' side prices, :mod:`mutasi_opt.solve.lagrange`).
    v, lam, mu, nu
        Post prices (``>= 0`` off must-fill posts), move price, unit prices, distance prices.
    method, kept, inner_bound
        As :func:`lp_certificate`.
    """
    pairs = instance.pairs
    w = pairs.value_int.astype(np.int64)
    d = int(scale)
    priced = d * w - v[pairs.post]
    if lam:
        priced = priced - lam * rows.moves.astype(np.int64)
    if mu is not None:
        out = rows.leave_unit >= 0
        priced[out] -= mu[rows.leave_unit[out]]
    if nu is not None:
        for price, row in zip(nu.tolist(), rows.distance, strict=True):
            if price:
                priced = priced - price * row.counts.astype(np.int64)
    u = _person_max(instance, priced)
    bound = int(u.sum()) + int((instance.capacity * np.maximum(v, 0)).sum())
    bound += int(np.minimum(v, 0).sum())
    if rows.max_moves is not None:
        bound += lam * int(rows.max_moves)
    if mu is not None and rows.outflow_cap is not None:
        bound += int((mu * rows.outflow_cap).sum())
    if nu is not None:
        bound += sum(p * row.limit for p, row in zip(nu.tolist(), rows.distance, strict=True))
    return Certificate(method, d, u, v, lam, mu, bound, kept, inner_bound, nu)


def _person_max(instance: Instance, values: Int64Array) -> Int64Array:
    """Per person, the largest of ``values`` over their pairs (every person has one)."""
    ptr = instance.pairs.ptr
    if (ptr[1:] == ptr[:-1]).any():
        raise ValueError("a person without candidate pairs has no finite price")
    if values.size == 0:
        return np.zeros(instance.n_people, dtype=np.int64)
    return np.maximum.reduceat(values, ptr[:-1]).astype(np.int64)


def exact_reduced_costs(instance: Instance, rows: SideRows, cert: Certificate) -> Int64Array:
    """``rc_e * scale`` of every pair under ``cert``'s prices (int64, ``>= 0`` by construction)."""
    pairs = instance.pairs
    rc = cert.person[pairs.person] + cert.post[pairs.post] - cert.scale * pairs.value_int
    if cert.moves:
        rc = rc + cert.moves * rows.moves.astype(np.int64)
    if cert.unit is not None:
        out = rows.leave_unit >= 0
        rc[out] += cert.unit[rows.leave_unit[out]]
    if cert.distance is not None:
        for price, row in zip(cert.distance.tolist(), rows.distance, strict=True):
            if price:
                rc = rc + price * row.counts.astype(np.int64)
    return rc.astype(np.int64)
