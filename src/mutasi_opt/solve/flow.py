"""The exact fast path: a plan without side rules is a transportation problem.

Maximise ``sum w_e x_e`` over the candidate pairs with one post per person, at most ``capacity_j``
people per post and at least one on each must-fill post. The algorithm is chosen by the shape of
the problem (measured in ``benchmarks/``), never by duplicating columns in Python:

``lapjv``
    every capacity 1, no must-fill, at least half of all person-post pairs are candidates and
    there are at most 1.5 posts per person: the dense Jonker-Volgenant code of ``lap`` on the
    ``people x posts`` matrix (forbidden pairs priced out by a big-M that no feasible plan pays).
``lsa``
    as above with more posts per person: SciPy's ``linear_sum_assignment`` on the rectangular
    matrix (``lapjv`` would pad it to a square).
``sparse``
    every capacity 1, no must-fill, fewer candidate pairs: SciPy's sparse
    ``min_weight_full_bipartite_matching`` (LAPJVsp) on the candidate pairs only.
``min_cost_flow``
    capacities above 1 or must-fill posts: OR-Tools' ``SimpleMinCostFlow`` on
    person -> post -> sink arcs added as arrays; a must-fill post demands one unit of flow at its
    node (its lower bound), the sink takes the rest.

All of them are exact and sequential, so the same input gives the same plan (see
:mod:`mutasi_opt.solve.ties` for the tie rule folded into the weights).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import lap
import numpy as np
from ortools.graph.python import min_cost_flow
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from mutasi_opt.problem import Int64Array, Problem

__all__ = ["FlowMethod", "FlowSolution", "choose_method", "solve_flow"]

FlowMethod = Literal["lapjv", "lsa", "sparse", "min_cost_flow"]

DENSE_MIN_DENSITY = 0.5
"""Share of all person-post pairs above which a dense matrix is used (capacity-1 problems)."""
LAPJV_MAX_ASPECT = 1.5
"""Posts per person up to which ``lapjv`` (padded to square) beats SciPy's rectangular code."""


@dataclass(frozen=True, eq=False)
class FlowSolution:
    """Outcome of an exact flow solve.

    Attributes
    ----------
    feasible
        False when no plan satisfies persons, capacities and must-fill posts.
    pair
        Per person, the index of the chosen pair in ``problem.pairs`` (``None`` if infeasible).
    weight
        ``sum w`` of the chosen pairs.
    method
        The algorithm used.
    """

    feasible: bool
    pair: Int64Array | None
    weight: int
    method: FlowMethod


def choose_method(problem: Problem) -> FlowMethod:
    """The fastest exact algorithm for the shape of ``problem`` (see the module docstring)."""
    n, m = problem.n_people, problem.n_posts
    if problem.must_fill.any() or (problem.capacity != 1).any() or n > m:
        return "min_cost_flow"
    if len(problem.pairs) >= DENSE_MIN_DENSITY * n * m:
        return "lapjv" if m <= LAPJV_MAX_ASPECT * n else "lsa"
    return "sparse"


def _infeasible(method: FlowMethod) -> FlowSolution:
    return FlowSolution(False, None, 0, method)


def _from_posts(
    problem: Problem, w: Int64Array, post_of: Int64Array, method: FlowMethod
) -> FlowSolution:
    """Turn a post per person into pair indices; infeasible if a person got a non-candidate."""
    idx = _pair_index(problem, post_of)
    if (idx < 0).any():
        return _infeasible(method)
    return FlowSolution(True, idx, int(w[idx].sum()), method)


def _pair_index(problem: Problem, post_of: Int64Array) -> Int64Array:
    pairs = problem.pairs
    out = np.full(problem.n_people, -1, dtype=np.int64)
    hit = np.flatnonzero(post_of[pairs.person] == pairs.post)
    out[pairs.person[hit]] = hit
    return out


def _dense(problem: Problem, w: Int64Array, method: FlowMethod) -> FlowSolution:
    n, m = problem.n_people, problem.n_posts
    pairs = problem.pairs
    if len(pairs) == n * m:
        # Complete and sorted by (person, post): the weights already are the matrix.
        cost = (-w).astype(np.float64).reshape(n, m)
    else:
        # Candidates cost w_max - w in [0, span], so a plan of candidates costs at most n * span;
        # a forbidden pair costs more than that, so it is chosen only when no plan of candidates
        # exists (checked afterwards). SciPy takes inf for it directly.
        span = int(w.max()) - int(w.min())
        big = np.inf if method == "lsa" else float(n * span + 1)
        cost = np.full((n, m), big)
        cost[pairs.person, pairs.post] = (int(w.max()) - w).astype(np.float64)
    if method == "lapjv":
        _, x, _ = lap.lapjv(cost, extend_cost=n != m, return_cost=True)
        post_of = np.asarray(x[:n], dtype=np.int64)
    else:
        try:
            rows, cols = linear_sum_assignment(cost)
        except ValueError:  # "cost matrix is infeasible"
            return _infeasible(method)
        post_of = np.full(n, -1, dtype=np.int64)
        post_of[rows] = cols
    if (post_of < 0).any():
        return _infeasible(method)
    if len(pairs) == n * m:
        idx = np.arange(n, dtype=np.int64) * m + post_of  # complete and sorted: direct index
        return FlowSolution(True, idx, int(w[idx].sum()), method)
    return _from_posts(problem, w, post_of, method)


def _sparse(problem: Problem, w: Int64Array) -> FlowSolution:
    n, m = problem.n_people, problem.n_posts
    pairs = problem.pairs
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
    return _from_posts(problem, w, post_of, "sparse")


def _min_cost_flow(problem: Problem, w: Int64Array) -> FlowSolution:
    n, m = problem.n_people, problem.n_posts
    pairs = problem.pairs
    lower = problem.must_fill.astype(np.int64)
    if lower.sum() > n:
        return _infeasible("min_cost_flow")
    sink = n + m
    solver = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate([pairs.person.astype(np.int32), np.arange(n, n + m, dtype=np.int32)])
    heads = np.concatenate([(pairs.post + n).astype(np.int32), np.full(m, sink, dtype=np.int32)])
    caps = np.concatenate(
        [np.ones(len(pairs), dtype=np.int64), problem.capacity.astype(np.int64) - lower]
    )
    costs = np.concatenate([-w, np.zeros(m, dtype=np.int64)])
    solver.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supply = np.zeros(n + m + 1, dtype=np.int64)
    supply[:n] = 1
    supply[n : n + m] = -lower
    supply[sink] = -(n - int(lower.sum()))
    solver.set_nodes_supplies(np.arange(n + m + 1, dtype=np.int32), supply)
    status = solver.solve()
    if status in (solver.INFEASIBLE, solver.UNBALANCED):
        return _infeasible("min_cost_flow")
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status!r}: a bug in the model")
    flow = solver.flows(np.arange(len(pairs), dtype=np.int32))
    idx = np.flatnonzero(flow > 0).astype(np.int64)
    if idx.shape[0] != n:
        return _infeasible("min_cost_flow")
    # Pairs are sorted by person, so the chosen pairs are in person order.
    return FlowSolution(True, idx, int(w[idx].sum()), "min_cost_flow")


def solve_flow(
    problem: Problem, weights: Int64Array, method: FlowMethod | None = None
) -> FlowSolution:
    """Maximise ``sum weights`` over plans that respect persons, capacities and must-fill posts.

    Parameters
    ----------
    problem
        The problem (its side rules are ignored here).
    weights
        Integer weight per candidate pair (e.g. :func:`~mutasi_opt.solve.ties.tie_broken_weights`).
    method
        Force an algorithm; default :func:`choose_method`.

    Returns
    -------
    FlowSolution
        The optimal plan as pair indices, or ``feasible=False``.
    """
    method = method or choose_method(problem)
    n = problem.n_people
    if n == 0:
        return FlowSolution(True, np.zeros(0, dtype=np.int64), 0, method)
    if (np.diff(problem.pairs.ptr) == 0).any() or int(problem.capacity.sum()) < n:
        return _infeasible(method)
    if method == "min_cost_flow":
        return _min_cost_flow(problem, weights)
    if problem.must_fill.any() or (problem.capacity != 1).any() or n > problem.n_posts:
        raise ValueError(
            f"method {method!r} needs capacity 1, no must-fill post and people <= posts"
        )
    if method == "sparse":
        return _sparse(problem, weights)
    return _dense(problem, weights, method)
