"""The pairs a large solve starts from (``solve.near.best_pairs``), against a sort by hand."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mutasi_opt.solve.instances import instance_from_values
from mutasi_opt.solve.near import best_pairs


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 8),
    st.integers(1, 7),
    st.integers(0, 3),
    st.integers(0, 5),
)
def test_best_pairs_are_the_current_post_and_the_best_few(
    seed: int, n: int, m: int, each: int, unplaced: int
) -> None:
    rng = np.random.default_rng(seed)
    values = np.where(rng.random((n, m)) < 0.7, rng.integers(0, 4, size=(n, m)) / 4, np.nan)
    values[np.isnan(values).all(axis=1), 0] = 0.5
    current = np.where(rng.random(n) < 0.6, rng.integers(0, m, size=n), -1)
    current = np.where(np.isnan(values[np.arange(n), np.maximum(current, 0)]), -1, current)
    inst = instance_from_values(values, capacity=np.full(m, n), current_post=current)
    pairs = inst.pairs
    score = pairs.value_int.astype(np.int64) * (1 + (pairs.post % 2))  # not the value order
    got = best_pairs(inst, score, each, unplaced)
    want = np.zeros(len(pairs), dtype=bool)
    for i in range(n):
        mine = list(range(int(pairs.ptr[i]), int(pairs.ptr[i + 1])))
        placed = bool(pairs.is_current[mine].any())
        # Best first; equal scores in pair order.
        ranked = sorted(mine, key=lambda k: (-int(score[k]), k))
        want[ranked[: each if placed else unplaced]] = True
        want[[k for k in mine if pairs.is_current[k]]] = True
    assert got.tolist() == want.tolist()
