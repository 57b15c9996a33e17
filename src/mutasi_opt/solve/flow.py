"""The exact fast path: a plan without side rules is a transportation instance.

Maximise ``sum w_e x_e`` over the candidate pairs with one post per person, at most ``capacity_j``
people per post and at least one on each must-fill post. The algorithm is chosen by the shape of
the instance and by the numeric range in which it is exact (``docs/solver.md``), never by
duplicating columns in Python:

``priced``
    every capacity 1, no must-fill, at least half of all person-post pairs are candidates and at
    least :data:`PRICED_MIN_PAIRS` of them: the sparse code below on each person's best pairs
    (those within ``PRICED_TOP_K / posts`` of the person's value range from their best, about
    :data:`PRICED_TOP_K` of them, plus enough to cover every post), then priced against *every* pair with the plan's exact transportation duals (:mod:`mutasi_opt.solve.duals`); a
    pair with a negative reduced cost joins and the round repeats. No negative reduced cost left
    means the prices are dual feasible for the whole round with the plan's value as their bound:
    the plan is optimal over every pair (LP duality), not only over those solved. After
    :data:`PRICED_MAX_ROUNDS` rounds the dense code decides.
``lsa``
    the same shape, smaller: SciPy's ``linear_sum_assignment`` (shortest augmenting paths, Crouse
    2016) on the dense ``people x posts`` matrix, forbidden pairs ``inf``.
``sparse``
    every capacity 1, no must-fill, fewer candidate pairs: SciPy's sparse
    ``min_weight_full_bipartite_matching`` (LAPJVsp) on the candidate pairs only.
``min_cost_flow``
    capacities above 1, must-fill posts, or weights outside the float range of the two above:
    OR-Tools' ``SimpleMinCostFlow`` (int64 cost scaling) on person -> post -> sink arcs added as
    arrays; a must-fill post demands one unit of flow at its node (its lower bound), the sink
    takes the rest.

**Numeric range.** The two SciPy codes compute in ``float64``. They are given integer costs
shifted into ``[0, span]`` (``span = max w - min w``); every number they form is a sum of
potentials and costs bounded by ``(n + 2) * span`` in absolute value, so with
``4 (n + 2) (span + 1) < 2**53`` (:func:`float_exact`) every operation is exact and the answer is
the true optimum. Outside that range the integer min-cost flow is used; OR-Tools itself refuses a
cost range that could overflow int64 (``BAD_COST_RANGE``), which raises here. ``lap.lapjv`` is not
used: its C code takes 1,000,000 as infinity (``LARGE`` in ``lapjv.h``), below the engine's own
value scale. Whatever the method, every plan is then proven optimal by an LP dual certificate
checked apart from the solver (:mod:`mutasi_opt.solve.duals`, :mod:`mutasi_opt.proof`).

All of them are exact and sequential, so the same input gives the same plan (see
:mod:`mutasi_opt.solve.ties` for the tie rule folded into the weights).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from mutasi_opt.arrays import Int64Array
from mutasi_opt.instance import Instance
from mutasi_opt.proof.certificate import Certificate
from mutasi_opt.solve.duals import NotOptimalError, transport_certificate, transport_prices

__all__ = [
    "FLOW_METHODS",
    "FlowMethod",
    "FlowSolution",
    "applicable_methods",
    "choose_method",
    "float_exact",
    "flow_certificate",
    "priced_out",
    "solve_flow",
    "subset_prices",
]

FlowMethod = Literal["priced", "lsa", "sparse", "min_cost_flow"]
FLOW_METHODS: tuple[FlowMethod, ...] = ("priced", "lsa", "sparse", "min_cost_flow")
"""Every exact flow algorithm, in the order :func:`choose_method` prefers them."""

DENSE_MIN_DENSITY = 0.5
"""Share of all person-post pairs above which a dense matrix is used (capacity-1 problems)."""
FLOAT_MANTISSA = 2**53
"""Integers up to this magnitude are exact in float64."""
PRICED_TOP_K = 8
"""Best pairs per person the ``priced`` method starts from (measured on OR-Library and random
complete instances: the first round is usually optimal already)."""
PRICED_MIN_PAIRS = 60_000
"""Dense rounds from this many pairs use ``priced`` (measured: 1.2x faster than SciPy at 300 x
300, 2-6x from 500 x 500 on OR-Library and random values; below it SciPy's start-up is smaller)."""
PRICED_MAX_ROUNDS = 6
"""Pricing rounds of ``priced`` (and :func:`solve_flow_near`) before every pair is solved."""
PRICE_LIMIT = 2**62
""":func:`solve_flow_near` needs its longest-path prices (up to ``(posts + 1) x (span + 1)``)
within int64."""


def float_exact(weights: Int64Array, n_people: int) -> bool:
    """True when the float64 assignment codes are exact on ``weights`` (module docstring)."""
    if weights.size == 0:
        return True
    span = int(weights.max()) - int(weights.min())
    return 4 * (n_people + 2) * (span + 1) < FLOAT_MANTISSA


@dataclass(frozen=True, eq=False)
class FlowSolution:
    """Outcome of an exact flow solve.

    Attributes
    ----------
    feasible
        False when no plan satisfies persons, capacities and must-fill posts.
    pair
        Per person, the index of the chosen pair in ``instance.pairs`` (``None`` if infeasible).
    weight
        ``sum w`` of the chosen pairs.
    method
        The algorithm used.
    prices
        Post prices proving the plan optimal for the weights solved, when the method made them
        (``priced``), else ``None``.
    """

    feasible: bool
    pair: Int64Array | None
    weight: int
    method: FlowMethod
    prices: Int64Array | None = None


def _assignment_shape(instance: Instance) -> bool:
    """Capacity 1 everywhere, no must-fill, no more people than posts."""
    return not (
        instance.must_fill.any()
        or (instance.capacity != 1).any()
        or instance.n_people > instance.n_posts
    )


def applicable_methods(instance: Instance, weights: Int64Array) -> tuple[FlowMethod, ...]:
    """Every method of :data:`FLOW_METHODS` that is exact on this shape and these weights."""
    if _assignment_shape(instance) and float_exact(weights, instance.n_people):
        return FLOW_METHODS
    return ("min_cost_flow",)


def choose_method(instance: Instance, weights: Int64Array | None = None) -> FlowMethod:
    """The fastest exact algorithm for the shape of ``instance`` (see the module docstring)."""
    w = instance.pairs.value_int if weights is None else weights
    if "lsa" not in applicable_methods(instance, w):
        return "min_cost_flow"
    n, m = instance.n_people, instance.n_posts
    if len(instance.pairs) < DENSE_MIN_DENSITY * n * m:
        return "sparse"
    return "priced" if len(instance.pairs) >= PRICED_MIN_PAIRS else "lsa"


def _infeasible(method: FlowMethod) -> FlowSolution:
    return FlowSolution(False, None, 0, method)


def _from_posts(
    instance: Instance, w: Int64Array, post_of: Int64Array, method: FlowMethod
) -> FlowSolution:
    """Turn a post per person into pair indices; infeasible if a person got a non-candidate."""
    idx = _pair_index(instance, post_of)
    if (idx < 0).any():
        return _infeasible(method)
    return FlowSolution(True, idx, int(w[idx].sum()), method)


def _pair_index(instance: Instance, post_of: Int64Array) -> Int64Array:
    pairs = instance.pairs
    out = np.full(instance.n_people, -1, dtype=np.int64)
    hit = np.flatnonzero(post_of[pairs.person] == pairs.post)
    out[pairs.person[hit]] = hit
    return out


def _dense(instance: Instance, w: Int64Array) -> FlowSolution:
    n, m = instance.n_people, instance.n_posts
    pairs = instance.pairs
    # Costs w_max - w in [0, span]: non-negative integers, the range float_exact was checked for.
    top = int(w.max())
    if len(pairs) == n * m:
        # Complete and sorted by (person, post): the weights already are the matrix.
        cost = np.subtract(top, w, dtype=np.float64).reshape(n, m)  # one pass, no int copy
    else:
        cost = np.full((n, m), np.inf)
        cost[pairs.person, pairs.post] = (top - w).astype(np.float64)
    # Imported here: scipy.optimize costs 0.2 s of start-up, and most rounds never come here.
    from scipy.optimize import linear_sum_assignment

    try:
        rows, cols = linear_sum_assignment(cost)
    except ValueError:  # "cost matrix is infeasible"
        return _infeasible("lsa")
    post_of = np.full(n, -1, dtype=np.int64)
    post_of[rows] = cols
    if (post_of < 0).any():
        return _infeasible("lsa")
    if len(pairs) == n * m:
        idx = np.arange(n, dtype=np.int64) * m + post_of  # complete and sorted: direct index
        return FlowSolution(True, idx, int(w[idx].sum()), "lsa")
    return _from_posts(instance, w, post_of, "lsa")


def _priced(instance: Instance, w: Int64Array) -> FlowSolution:
    n, m = instance.n_people, instance.n_posts
    pairs = instance.pairs
    person, post = pairs.person, pairs.post
    complete = len(pairs) == n * m
    if complete:
        dense = w.reshape(n, m)
    else:
        # Below every weight, so that a forbidden pair is never among the best.
        dense = np.full((n, m), int(w.min()) - 1, dtype=np.int64)
        dense[person, post] = w
    top = dense.max(axis=1)
    low = dense.min(axis=1) if complete else np.where(dense >= w.min(), dense, top[:, None]).min(1)
    spread = top - low
    k = min(m, PRICED_TOP_K)
    keep = np.zeros(len(pairs), dtype=bool)
    for _ in range(PRICED_MAX_ROUNDS):
        if not keep.any():
            # Each person's pairs within k/m of their value range from their best: about k of
            # them when values spread evenly (a threshold costs one pass; a partition, several).
            near = dense >= (top - -(-spread * k // m))[:, None]
            keep = near.ravel().copy() if complete else near[person, post]
            # Every post must be coverable too (a square round fills every post).
            bare = np.flatnonzero(np.bincount(post[keep], minlength=m) == 0)
            if bare.size:
                kk = min(n, k)
                col = np.argpartition(-dense[:, bare], kk - 1, axis=0)[:kk]
                extra = np.zeros((n, m), dtype=bool)
                extra[col, bare[None, :]] = True
                keep |= extra.ravel() if complete else extra[person, post]
        kept = np.flatnonzero(keep)
        sub = instance.restrict(kept)
        sol = _sparse(sub, w[kept])
        if not sol.feasible or sol.pair is None:
            # The best pairs hold no full assignment: start again from more of them.
            k = min(m, 4 * k)
            keep[:] = False
            continue
        chosen, price, u = subset_prices(sub, w, kept, sol.pair, "sparse assignment")
        if complete:
            short = ((u[:, None] + price[None, :]) < dense).ravel()
        else:
            short = priced_out(u, price, person, post, w)
        if not short.any():
            return FlowSolution(True, chosen, int(w[chosen].sum()), "priced", price)
        keep |= short
    return replace(_dense(instance, w), method="priced")


Index = npt.NDArray[np.int32] | npt.NDArray[np.int64]
PRICING_CHUNK = 1 << 18
"""Pairs priced per step of :func:`priced_out` (a few megabytes of temporaries, kept in cache)."""


def priced_out(
    u: Int64Array, price: Int64Array, person: Index, post: Index, w: Int64Array
) -> npt.NDArray[np.bool_]:
    """The pairs whose weight exceeds ``u[person] + price[post]``: those a plan priced by ``u``
    and ``price`` has not proven worse (their reduced cost is negative).

    In steps of :data:`PRICING_CHUNK` pairs: at millions of pairs the whole-array temporaries
    (three of 8 bytes a pair) cost more in fresh memory pages than the arithmetic, and the steps
    take 2.5 times less time (measured at 11.7 million pairs).
    """
    out = np.empty(w.shape[0], dtype=bool)
    for start in range(0, w.shape[0], PRICING_CHUNK):
        end = start + PRICING_CHUNK
        np.less(u[person[start:end]] + price[post[start:end]], w[start:end], out=out[start:end])
    return out


def subset_prices(
    sub: Instance, w: Int64Array, kept: Int64Array, pair: Int64Array, what: str
) -> tuple[Int64Array, Int64Array, Int64Array]:
    """A plan solved on the pairs ``kept`` (``sub``): its pairs in the whole round, its exact
    post prices and its person prices ``u_i = w_i - price``, to price every other pair with."""
    try:
        price = transport_prices(sub, w[kept], pair)
    except NotOptimalError as exc:  # pragma: no cover - every flow method is exact
        raise RuntimeError(f"the {what} is not optimal on its pairs: {exc}") from exc
    chosen = kept[pair]
    return chosen, price, w[chosen] - price[sub.pairs.post[pair]]


def _sparse(instance: Instance, w: Int64Array) -> FlowSolution:
    n, m = instance.n_people, instance.n_posts
    pairs = instance.pairs
    # Strictly positive weights: a sparse matrix would drop explicit zeros.
    cost = (int(w.max()) - w + 1).astype(np.float64)
    graph = csr_array((cost, pairs.post, pairs.ptr), shape=(n, m))
    try:
        rows, cols = min_weight_full_bipartite_matching(graph)
    except ValueError:  # "no full matching exists"
        return _infeasible("sparse")
    post_of = np.full(n, -1, dtype=np.int64)
    post_of[rows] = cols
    if (post_of < 0).any():
        return _infeasible("sparse")
    return _from_posts(instance, w, post_of, "sparse")


FIX_SHARE = 4
"""People with a single candidate are fixed before the min-cost flow when their pairs are at
least 1/``FIX_SHARE`` of all pairs (:func:`_min_cost_flow`)."""


def _min_cost_flow(instance: Instance, w: Int64Array) -> FlowSolution:
    n, m = instance.n_people, instance.n_posts
    pairs = instance.pairs
    lower = instance.must_fill.astype(np.int64)
    if lower.sum() > n:
        return _infeasible("min_cost_flow")
    capacity = instance.capacity.astype(np.int64)
    person = pairs.person
    one = np.diff(pairs.ptr) == 1
    fixed = np.zeros(0, dtype=np.int64)
    rest: Int64Array | None = None
    if int(one.sum()) * FIX_SHARE >= len(pairs):
        # A person with one candidate takes it in every plan: fixed beforehand, they leave the
        # flow with their pair, and their post's capacity and lower bound drop by them. On the
        # restricted rounds of the frontier's pricing nearly everyone has only their current
        # post, and the flow without them takes half the time (measured at 100,000 people);
        # on a whole round their pairs are few and fixing saves nothing.
        fixed = pairs.ptr[:-1][one].astype(np.int64)
        taken = np.bincount(pairs.post[fixed], minlength=m)
        capacity = capacity - taken
        if (capacity < 0).any():
            return _infeasible("min_cost_flow")
        lower = np.maximum(lower - taken, 0)
        if lower.sum() > n - fixed.shape[0]:
            return _infeasible("min_cost_flow")
        rest = np.flatnonzero(~one[person])
        code = np.cumsum(~one) - 1  # the flow's number of each person left
        person = code[person[rest]]
        n = n - fixed.shape[0]
    post = pairs.post if rest is None else pairs.post[rest]
    weights = w if rest is None else w[rest]
    chosen = _ortools_flow(person, post, n, m, capacity, lower, weights)
    if chosen is None:
        return _infeasible("min_cost_flow")
    idx = chosen if rest is None else np.sort(np.concatenate([fixed, rest[chosen]]))
    # Pairs are sorted by person, so the chosen pairs are in person order.
    return FlowSolution(True, idx, int(w[idx].sum()), "min_cost_flow")


def _ortools_flow(
    person: Index, post: Index, n: int, m: int, capacity: Int64Array, lower: Int64Array,
    w: Int64Array,
) -> Int64Array | None:  # fmt: skip
    """The pairs (positions in ``person``/``post``) of a plan of ``n`` people that maximises
    ``sum w`` within the posts' capacities and lower bounds (OR-Tools' min-cost flow); ``None``
    when there is none."""
    sink = n + m
    # Imported here: OR-Tools' flow module costs 50 ms of start-up, and only rounds with
    # capacities above 1 or must-fill posts come here.
    from ortools.graph.python import min_cost_flow

    solver = min_cost_flow.SimpleMinCostFlow()
    k = person.shape[0]
    tails = np.concatenate([person.astype(np.int32), np.arange(n, n + m, dtype=np.int32)])
    heads = np.concatenate([(post + n).astype(np.int32), np.full(m, sink, dtype=np.int32)])
    caps = np.concatenate([np.ones(k, dtype=np.int64), capacity - lower])
    # Costs shifted to [0, span] keep OR-Tools' scaled costs as small as they can be.
    top = int(w.max()) if k else 0
    costs = np.concatenate([top - w, np.zeros(m, dtype=np.int64)])
    solver.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supply = np.zeros(n + m + 1, dtype=np.int64)
    supply[:n] = 1
    supply[n : n + m] = -lower
    supply[sink] = -(n - int(lower.sum()))
    solver.set_nodes_supplies(np.arange(n + m + 1, dtype=np.int32), supply)
    status = solver.solve()
    if status in (solver.INFEASIBLE, solver.UNBALANCED):
        return None
    if status == solver.BAD_COST_RANGE:
        raise ValueError(
            "the pair weights span too wide a range for exact integer min-cost flow "
            f"(span {top - int(w.min())}, {n + m + 1} nodes)"
        )
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status!r}: a bug in the model")
    flow = solver.flows(np.arange(k, dtype=np.int32))
    idx = np.flatnonzero(flow > 0).astype(np.int64)
    return idx if idx.shape[0] == n else None


def solve_flow(
    instance: Instance, weights: Int64Array, method: FlowMethod | None = None
) -> FlowSolution:
    """Maximise ``sum weights`` over plans that respect persons, capacities and must-fill posts.

    Parameters
    ----------
    instance
        The instance (its side rules are ignored here).
    weights
        Integer weight per candidate pair (e.g. :func:`~mutasi_opt.solve.ties.tie_broken_weights`).
    method
        Force an algorithm; default :func:`choose_method`.

    Returns
    -------
    FlowSolution
        The optimal plan as pair indices, or ``feasible=False``.

    Raises
    ------
    ValueError
        ``method`` is not exact for this shape or these weights (:func:`applicable_methods`).
    """
    n = instance.n_people
    if method is None:
        method = choose_method(instance, weights)  # exact by construction
    elif method not in applicable_methods(instance, weights):
        raise ValueError(
            f"method {method!r} is not exact here: it needs capacity 1, no must-fill post, "
            "people <= posts and weights within the float64 range (float_exact)"
        )
    if n == 0:
        return FlowSolution(True, np.zeros(0, dtype=np.int64), 0, method)
    if (np.diff(instance.pairs.ptr) == 0).any() or int(instance.capacity.sum()) < n:
        return _infeasible(method)
    if method == "min_cost_flow":
        return _min_cost_flow(instance, weights)
    if method == "sparse":
        return _sparse(instance, weights)
    if method == "priced":
        return _priced(instance, weights)
    return _dense(instance, weights)


def flow_certificate(
    instance: Instance, flow: FlowSolution, factor: int, method: str = "lp_duality"
) -> Certificate:
    """:func:`transport_certificate` of a flow's plan, started from the flow's own prices.

    The flow solved the tie-broken weights ``value_int * factor + [stays]``
    (:mod:`mutasi_opt.solve.ties`); its prices divided by ``factor`` start the longest paths close
    to their answer.
    """
    if flow.pair is None:
        raise ValueError("an infeasible flow has no plan to certify")
    start = None if flow.prices is None else flow.prices // factor
    return transport_certificate(instance, flow.pair, method, start=start)
