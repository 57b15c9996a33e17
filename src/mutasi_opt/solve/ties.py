"""The documented rule that breaks ties between equally good plans.

Every solver maximises ``value_int``. Among plans of equal ``value_int``:

1. the plan that keeps **more people in their current post** wins (a move that gains nothing is
   not made); in a re-plan, **more people in their post of the baseline plan** (a change that
   gains nothing is not made; :attr:`~mutasi_opt.instance.Instance.tie_posts`). The flow path folds this into its integer weights,
   ``w_ij = value_int_ij * (n + 1) + [j is i's current post]``: the second term adds at most
   ``n`` in total, less than one unit of the first, so ``w`` orders plans by value first and by
   stayers second (exact in int64 up to about 950,000 people at the product's value scale:
   :func:`tie_broken_weights` with ``integer``; a float method is chosen only when they fit
   float64). The side-rule path applies it as a second, lexicographic stage over the pairs
   that can be part of an optimal plan (:mod:`mutasi_opt.solve.side_rules`): the LP re-optimised for
   stayers over its optimal face when the LP bound is attained, else CP-SAT maximising stayers at
   the optimal value.
2. Remaining ties are broken by deterministic computations only: the flow codes are sequential;
   HiGHS runs with one thread; CP-SAT's second stage runs with one search worker, the scenario's
   seed and no hint from the parallel first stage. So the same inputs and seed give the same plan,
   whatever the thread timing, whenever the run ends proven optimal (a run stopped by the time
   limit returns the best plan found so far, which may depend on timing).
"""

from __future__ import annotations

import numpy as np

from mutasi_opt.arrays import Int64Array
from mutasi_opt.instance import Instance

__all__ = ["tie_broken_weights"]

_INT_LIMIT = 2**52  # weights must stay exact in float64 too (dense assignment codes use doubles)
_FLOW_LIMIT = 2**62  # int64, with room for OR-Tools' costs scaled by the number of nodes


def tie_broken_weights(instance: Instance, *, integer: bool = False) -> tuple[Int64Array, int]:
    """Integer weights that order plans by value, then by people kept in place.

    Parameters
    ----------
    instance
        The round.
    integer
        The weights go to the flow path, whose methods are exact in int64 (a float method is
        chosen only when the weights fit it, :func:`~mutasi_opt.solve.flow.choose_method`):
        the tie rule then holds up to int64's range, not float64's. Measured at 100,000 people,
        where float64's range ends: the same value with 9,926 moves instead of 10,279.

    Returns
    -------
    weights, factor
        ``weights = value_int * factor + kept`` with ``factor = n + 1`` and ``kept`` the pairs
        of :meth:`~mutasi_opt.instance.Instance.kept_pairs` (``factor = 1`` and plain
        ``value_int`` when nobody holds a post, or when the scaled weights would not stay exact
        in float64, or with ``integer`` in OR-Tools' int64 costs).
    """
    pairs = instance.pairs
    n = instance.n_people
    kept = instance.kept_pairs()
    vmax = int(np.abs(pairs.value_int).max()) if len(pairs) else 0
    if integer:
        # OR-Tools multiplies each cost (a span up to twice vmax * factor) by the node count.
        too_wide = (2 * vmax + 2) * (n + 1) * (n + instance.n_posts + 2) >= _FLOW_LIMIT
    else:
        too_wide = (vmax + 1) * (n + 1) * max(n, 1) >= _INT_LIMIT
    if not kept.any() or too_wide:
        # No copy: callers only read the weights (a copy of millions of pairs costs milliseconds).
        return pairs.value_int.astype(np.int64, copy=False), 1
    factor = n + 1
    return pairs.value_int * factor + kept.astype(np.int64), factor
