"""``PairTable``: the dense views of a block of people against posts agree with a lookup."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mutasi_opt.arrays import PairTable


@st.composite
def tables_and_blocks(
    draw: st.DrawFn,
) -> tuple[PairTable, dict[tuple[int, int], float], np.ndarray, np.ndarray]:
    n = draw(st.integers(1, 8))
    m = draw(st.integers(1, 8))
    entries = draw(
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, m - 1), st.integers(-3, 3)),
                 max_size=30)
    )  # fmt: skip
    person = [e[0] for e in entries]
    col = [e[1] for e in entries]
    value = [float(e[2]) for e in entries]
    table = PairTable.build(person, col, value, n, m)
    present: dict[tuple[int, int], float] = {}  # a repeated pair keeps its largest value
    for p, c, v in zip(person, col, value, strict=True):
        present[(p, c)] = max(v, present.get((p, c), -np.inf))
    rows = np.array(draw(st.lists(st.integers(0, n - 1), max_size=10)), dtype=np.int64)
    cols = np.array(draw(st.lists(st.integers(0, m - 1), max_size=10)), dtype=np.int64)
    if draw(st.booleans()):
        cols = np.arange(m)  # every column
    return table, present, rows, cols


@settings(max_examples=300, deadline=None, derandomize=True)
@given(tables_and_blocks(), st.sampled_from([0.0, -1.0, np.nan]))
def test_grid_and_mask_are_the_lookup_of_every_cell(
    case: tuple[PairTable, dict[tuple[int, int], float], np.ndarray, np.ndarray], fill: float
) -> None:
    table, present, rows, cols = case
    want = np.array([[present.get((int(r), int(c)), fill) for c in cols] for r in rows])
    want = want.reshape(rows.shape[0], cols.shape[0])
    mask = np.array([[(int(r), int(c)) in present for c in cols] for r in rows], dtype=bool)
    mask = mask.reshape(rows.shape[0], cols.shape[0])
    np.testing.assert_array_equal(table.grid(rows, cols, fill), want)
    np.testing.assert_array_equal(table.grid_mask(rows, cols), mask)
    assert table.grid_mask(rows, cols).dtype == np.bool_
    np.testing.assert_array_equal(table.lookup(rows[:, None], cols[None, :], fill), want)
