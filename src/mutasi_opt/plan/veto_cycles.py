"""Veto losses on the flow path as shortest augmenting cycles (:mod:`mutasi_opt.plan.firmness`).

:func:`~mutasi_opt.plan.firmness.veto_costs` solves, for each move ``e0 = (i0, j0)``, the round
without ``e0`` restricted to the pairs with reduced cost ``rc <= delta`` (every pair of the plan
kept), and widens ``delta`` until the loss is proven. Re-solving a 1,500 x 1,500 round for every
move took seconds per hundred moves; this module gets the same restricted optima from one
shortest-path search each.

Why that is the same number. Take the plan ``P`` as a flow: person -> post -> sink, each post's
arc to the sink carrying its load (at least 1 on a must-fill post, at most its capacity). With
the certificate's prices (``u_i`` per person, ``v_j`` per post, ``B = scale * z``) every arc of the
residual graph of ``P`` has a reduced cost ``>= 0``: a pair not in the plan ``rc_e``, a pair of the
plan backwards ``-rc_e = 0``, a post with room to the sink ``-v_j``, the sink back to a post
above its lower bound ``v_j``. Any plan without ``e0`` differs from ``P`` by cycles of that graph,
one of them through ``e0`` backwards; the others cost ``>= 0``, so the best plan without ``e0``
is ``P`` plus the cheapest cycle through ``e0`` backwards: a shortest path from ``i0`` to ``j0``,
whose length is ``scale`` times the loss. On the pairs with ``rc <= delta`` it is the shortest
path using only those pairs, so every restricted round of the re-solving loop is answered, in the
same order, with the same losses and the same count of pairs read (the budget); only the plan
chosen among equally good ones may differ, not its value.

The search runs on :func:`scipy.sparse.csgraph.dijkstra` over *level graphs*: the residual graph
with the pairs of ``rc <= scale * 2**k`` only. A path no longer than ``L`` uses only pairs with
``rc <= L``, so a search cut off at ``L`` on a level graph at or above ``L`` is exact, and costs
only the pairs near the plan. When the prices do not make every residual arc ``>= 0`` (never for a
verified flow certificate), :meth:`VetoCycles.of` returns ``None`` and the caller re-solves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_array
from scipy.sparse.csgraph import dijkstra

from mutasi_opt.instance import Instance

__all__ = ["VetoCycles"]

Int64Array = npt.NDArray[np.int64]
GROWTH = 2
"""How much a search's cut-off grows when the guess was too short."""
FLOAT_EXACT = 2**52
"""Path lengths are summed in float64 by SciPy: every one must stay an exact integer."""


@dataclass(eq=False)
class _Graph:
    """One level graph in CSR form; ``forward`` marks the arcs of pairs (the ones a cut drops)."""

    data: npt.NDArray[np.float64]
    indices: npt.NDArray[np.int32]
    indptr: npt.NDArray[np.int32]
    forward: npt.NDArray[np.bool_]

    whole: csr_array | None = None
    cuts: dict[int, csr_array] = field(default_factory=dict)

    def csr(self, cut: int | None = None) -> csr_array:
        """The graph, without the pairs of ``rc > cut`` when ``cut`` is given."""
        n = self.indptr.shape[0] - 1
        if cut is None:
            if self.whole is None:
                self.whole = csr_array((self.data, self.indices, self.indptr), shape=(n, n))
            return self.whole
        graph = self.cuts.get(cut)
        if graph is None:
            data = np.where(self.forward & (self.data > cut), np.inf, self.data)
            graph = csr_array((data, self.indices, self.indptr), shape=(n, n))
            self.cuts[cut] = graph  # values repeat (multiples of the value grid): reuse
        return graph


@dataclass(eq=False)
class VetoCycles:
    """The residual graph of a plan in reduced costs, ready for one search per vetoed move.

    Nodes: people ``0..n-1``, posts ``n..n+m-1``, the sink ``n+m``. Build it with :meth:`of`.
    """

    instance: Instance
    rc: Int64Array
    chosen: Int64Array
    scale: int
    _fixed: tuple[Int64Array, Int64Array, npt.NDArray[np.float64]]
    _is_chosen: npt.NDArray[np.bool_]
    _cap: int = -1
    _sel: Int64Array = field(default_factory=lambda: np.zeros(0, np.int64))
    _sorted: Int64Array = field(default_factory=lambda: np.zeros(0, np.int64))
    _chosen_rc: Int64Array = field(default_factory=lambda: np.zeros(0, np.int64))
    _levels: dict[int, _Graph] = field(default_factory=dict)
    _same: dict[int, _Graph] = field(default_factory=dict)
    _found: list[int] = field(default_factory=list)
    _typical_at: int = -1
    _typical_length: int = 0
    _pair_keys: Int64Array | None = None

    @classmethod
    def of(
        cls, instance: Instance, rc: Int64Array, chosen: Int64Array, post_price: Int64Array,
        scale: int,
    ) -> VetoCycles | None:  # fmt: skip
        """The graph of the plan ``chosen`` (a pair per person) under prices whose reduced costs
        are ``rc`` and post prices ``post_price``; ``None`` when some residual arc would cost less
        than 0 or a path could leave float64's exact integers."""
        n, m = instance.n_people, instance.n_posts
        pairs = instance.pairs
        if n == 0 or (rc[chosen] != 0).any():
            return None
        load = np.bincount(pairs.post[chosen], minlength=m)
        lower = instance.must_fill.astype(np.int64)
        room = np.flatnonzero(load < instance.capacity)
        above = np.flatnonzero(load > lower)
        v = post_price.astype(np.int64)
        if (v[room] > 0).any() or (v[above] < 0).any():
            return None
        if int(rc.max()) * (n + m + 1) + int(np.abs(v).max(initial=0)) * 2 >= FLOAT_EXACT:
            return None
        # The arcs that are not pairs, sorted by their tail: post -> holder (backwards along the
        # plan, 0), post with room -> sink (-v = 0), sink -> post above its lower bound (v).
        sink = n + m
        tail = np.concatenate([n + pairs.post[chosen], n + room, np.full(above.size, sink)])
        head = np.concatenate([pairs.person[chosen], np.full(room.size, sink), n + above])
        cost = np.concatenate([np.zeros(n), -v[room], v[above]]).astype(np.float64)
        order = np.argsort(tail, kind="stable")
        is_chosen = np.zeros(len(pairs), dtype=bool)
        is_chosen[chosen] = True
        fixed = (tail[order].astype(np.int64), head[order].astype(np.int64), cost[order])
        out = cls(instance, rc, chosen, scale, fixed, is_chosen)
        out._chosen_rc = np.sort(rc[chosen])
        return out

    # --------------------------------------------------------------------------------------------
    # What the re-solving loop reads

    def _grow(self, cap: int) -> None:
        """Keep the pairs with ``rc <= cap`` (in pair order, so by person) and their sorted rc."""
        self._cap = cap
        self._sel = np.flatnonzero(self.rc <= cap)
        self._sorted = np.sort(self.rc[self._sel])
        # The level graphs built so far stay right: each holds the pairs up to its own level.

    def _ensure(self, value: int) -> None:
        if value > self._cap:
            self._grow(max(value, 2 * self._cap, 1024 * self.scale))

    def pairs_read(self, delta: int) -> int:
        """The pairs a restricted round at ``delta`` holds: ``rc <= delta`` or in the plan, less
        the vetoed one (what the re-solving loop counts against its budget)."""
        self._ensure(delta)
        below = int(np.searchsorted(self._sorted, delta, side="right"))
        chosen_above = self._chosen_rc.size - int(
            np.searchsorted(self._chosen_rc, delta, side="right")
        )
        return below + chosen_above - 1

    # --------------------------------------------------------------------------------------------
    # Level graphs and searches

    def _level(self, length: int) -> _Graph:
        """The level graph holding every pair with ``rc <= length`` (and a few more)."""
        k = max(0, int(np.ceil(np.log2(max(length, 1) / self.scale))))
        top = self.scale * 2**k
        self._ensure(top)
        graph = self._levels.get(k)
        if graph is None:
            # Levels holding the same pairs are one graph: below the first nonzero reduced cost
            # (many pairs tie at 0) the low levels all do.
            held = int(np.searchsorted(self._sorted, top, side="right"))
            graph = self._same.get(held)
            if graph is None:
                graph = self._same[held] = self._build(top)
            self._levels[k] = graph
        return graph

    def _build(self, top: int) -> _Graph:
        inst = self.instance
        n, m = inst.n_people, inst.n_posts
        sel = self._sel
        pair = sel[(self.rc[sel] <= top) & ~self._is_chosen[sel]]  # by person already
        tail, head, cost = self._fixed
        counts = np.bincount(inst.pairs.person[pair], minlength=n)
        counts = np.concatenate([counts, np.bincount(tail, minlength=n + m + 1)[n:]])
        indptr = np.zeros(n + m + 2, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        return _Graph(
            np.concatenate([self.rc[pair].astype(np.float64), cost]),
            np.concatenate([n + inst.pairs.post[pair], head]).astype(np.int32),
            indptr.astype(np.int32),
            np.concatenate([np.ones(pair.size, dtype=bool), np.zeros(cost.size, dtype=bool)]),
        )

    def distance(
        self, person: int, post: int, delta: int, hint: int | None
    ) -> tuple[int | None, list[tuple[int, int]] | None]:
        """The shortest path from ``person`` to ``post`` using pairs with ``rc <= delta`` only
        (its length is ``scale`` times the restricted round's loss) and the (person, post) moves
        it makes; ``None`` when there is none (the restricted round has no plan). ``hint``: a
        length no path needs to exceed, when one is known."""
        # First searches cut off at a likely length (the hint, or a multiple of the typical one
        # so far, growing): they only save work, the answer does not depend on them. A path no
        # longer than the limit uses no pair above it, so no cut at delta is needed while the
        # limit is at most delta.
        limit = min(delta, hint if hint is not None else self._typical())
        while hint is not None or limit < delta:
            found = self._search(self._level(limit).csr(), person, post, limit)
            if found is not None:
                self._found.append(found[0])
                return found
            if hint is not None or limit >= delta:
                break
            limit = min(delta, GROWTH * limit)
        # Every path of the restricted round: the level at or above delta, cut at delta.
        found = self._search(self._level(delta).csr(cut=delta), person, post, np.inf)
        if found is None:
            return None, None
        self._found.append(found[0])
        return found

    def _search(
        self, graph: csr_array, person: int, post: int, limit: float
    ) -> tuple[int, list[tuple[int, int]]] | None:
        """The shortest path in ``graph`` from ``person`` to ``post`` no longer than ``limit``
        (its length and moves), or ``None``."""
        dist, pred = dijkstra(graph, indices=person, limit=limit, return_predecessors=True)
        target = self.instance.n_people + post
        if not np.isfinite(dist[target]):
            return None
        return int(dist[target]), self._moves(_walk(pred, person, target)[::-1])

    def _moves(self, path: list[int]) -> list[tuple[int, int]]:
        """The (person, post) of each arc from a person on ``path``: that person's new post."""
        n = self.instance.n_people
        return [(a, b - n) for a, b in pairwise(path) if a < n]

    def _typical(self) -> int:
        """Twice the median of the last lengths found (at least ``scale``; renewed every 16)."""
        if len(self._found) // 16 != self._typical_at:
            self._typical_at = len(self._found) // 16
            recent = self._found[-64:]
            self._typical_length = max(self.scale, int(2 * np.median(recent)) if recent else 0)
        return self._typical_length

    def plan_without(self, moves: list[tuple[int, int]]) -> Int64Array:
        """The plan ``P`` plus a cycle (a pair per person, by person): each (person, post) of
        ``moves`` is that person's new post."""
        idx = self.chosen.copy()
        who = np.array([a for a, _ in moves], dtype=np.int64)
        posts = np.array([b for _, b in moves], dtype=np.int64)
        # Pairs are sorted by (person, post): each one's index by a search over its keys.
        idx[who] = np.searchsorted(self._keys(), who * self.instance.n_posts + posts)
        return idx

    def _keys(self) -> Int64Array:
        """``person * posts + post`` of every pair (sorted, as the pairs are)."""
        if self._pair_keys is None:
            pairs = self.instance.pairs
            self._pair_keys = pairs.person.astype(np.int64) * self.instance.n_posts + pairs.post
        return self._pair_keys


def _walk(pred: npt.NDArray[np.int32], root: int, node: int) -> list[int]:
    """The nodes from ``node`` back to ``root`` along a search's predecessors."""
    out = [node]
    while node != root:
        node = int(pred[node])
        out.append(node)
    return out
