"""From tables to arrays: index maps, dates in whole months, competency matrices, sparse pairs.

Everything here is built once per :func:`~mutasi_opt.problem.build_problem` and is vectorised over
the long tables (no Python loop over people or posts).

Conventions
-----------
- People are indexed in the employees table's row order, posts in the positions table's row order,
  units in sorted order of their names, competencies in the dictionary's order followed by any other
  code (from the requirements or the people's levels) in sorted order.
- A duration "in months" is counted in **whole calendar months**: from 2020-03-15 to 2022-03-14 is
  23 months, to 2022-03-15 is 24 months. Tenure, age and service since CPNS all use it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt.domain import unit_key

IntArray = npt.NDArray[np.int32]
Int64Array = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

__all__ = [
    "PairTable",
    "code_array",
    "competency_matrix",
    "months_between",
    "text_array",
    "unit_keys",
]


def unit_keys(names: npt.ArrayLike) -> npt.NDArray[np.object_]:
    """:func:`~mutasi_opt.domain.unit_key` of each unit name (how units compare: case-insensitive,
    white space collapsed); a missing name (``None``, NaN) stays ``None``."""
    values = np.asarray(names, dtype=object)
    return np.array(
        [unit_key(v) if isinstance(v, str) else None for v in values.tolist()], dtype=object
    )


def text_array(column: pd.Series) -> npt.NDArray[np.object_]:
    """A text column as an object array with ``None`` for missing values (NaN, NA, blank)."""
    out = column.to_numpy(dtype=object, copy=True)
    missing = np.asarray(pd.isna(out), dtype=bool)
    present = ~missing
    # Vectorised str(); blanks (only in hand-made tables: the readers give None) become None.
    text = pd.Series(out[present], dtype=object).astype(str)
    values = text.to_numpy(dtype=object)
    values[(text.str.strip() == "").to_numpy(dtype=bool)] = None
    out[present] = values
    out[missing] = None
    return out


def code_array(
    column: pd.Series, codes: dict[str, int], missing: int = -1
) -> npt.NDArray[np.int16]:
    """Map labels to their ordinal (``codes``); missing or unknown labels give ``missing``."""
    labels = pd.Index(list(codes), dtype=object)
    position = labels.get_indexer(pd.Index(text_array(column), dtype=object))
    values = np.array([*codes.values(), missing], dtype=np.int16)
    return values[position]  # position -1 (absent) picks the trailing `missing`


def months_between(start: pd.Series, end: dt.date) -> FloatArray:
    """Whole calendar months from each date in ``start`` to ``end``; NaN where ``start`` is missing.

    Negative when ``start`` is after ``end``.
    """
    dates = pd.to_datetime(start)
    valid = dates.notna().to_numpy()
    out = np.full(len(dates), np.nan)
    if valid.any():
        d = dates[valid]
        years = d.dt.year.to_numpy(dtype=np.int64)
        months = d.dt.month.to_numpy(dtype=np.int64)
        days = d.dt.day.to_numpy(dtype=np.int64)
        whole = (end.year - years) * 12 + (end.month - months) - (end.day < days)
        out[valid] = whole
    return out


def competency_matrix(
    owner_index: npt.NDArray[np.intp],
    competency_index: npt.NDArray[np.intp],
    level: npt.NDArray[np.int64],
    n_rows: int,
    n_competencies: int,
) -> npt.NDArray[np.int8]:
    """Dense rows x competencies levels (0 = none) from long-format entries, built at once.

    Entries whose owner or competency index is -1 (unknown) are ignored; for a repeated
    (owner, competency) the last entry wins.
    """
    out = np.zeros((n_rows, n_competencies), dtype=np.int8)
    ok = (owner_index >= 0) & (competency_index >= 0)
    out[owner_index[ok], competency_index[ok]] = level[ok].astype(np.int8)
    return out


@dataclass(frozen=True, eq=False)
class PairTable:
    """Sparse values over (person, column) pairs, sorted by person then column (CSR by person).

    The column is a post index or a unit index, depending on the table. Each pair appears once
    (duplicates are merged by keeping the largest value).

    Attributes
    ----------
    person, col, value
        One entry per pair.
    ptr
        CSR offsets by person, length ``n_people + 1``.
    keys
        ``person * n_cols + col`` (int64, sorted), for lookups.
    n_cols
        Number of columns (posts or units).
    """

    person: IntArray
    col: IntArray
    value: FloatArray
    ptr: Int64Array
    keys: Int64Array
    n_cols: int

    @classmethod
    def build(
        cls,
        person: npt.ArrayLike,
        col: npt.ArrayLike,
        value: npt.ArrayLike,
        n_people: int,
        n_cols: int,
    ) -> PairTable:
        """Make a table from unsorted entries, keeping the largest value of a repeated pair."""
        p = np.asarray(person, dtype=np.int64)
        c = np.asarray(col, dtype=np.int64)
        v = np.asarray(value, dtype=np.float64)
        keys = p * n_cols + c
        if keys.size and bool(np.all(keys[1:] > keys[:-1])):
            order = np.arange(keys.shape[0])  # already sorted and unique (a table written in order)
        else:
            order = np.argsort(keys, kind="stable")
        if np.any(keys[order][1:] == keys[order][:-1]):
            # Repeated pairs: sort by key, largest value first, and keep the first of each key.
            order = np.lexsort((-v, keys))
        keys = keys[order]
        first = np.ones(keys.shape[0], dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        order = order[first]
        keys = keys[first]
        p_sorted = p[order]
        counts = np.bincount(p_sorted, minlength=n_people) if p_sorted.size else np.zeros(n_people)
        ptr = np.zeros(n_people + 1, dtype=np.int64)
        np.cumsum(counts, out=ptr[1:])
        return cls(
            person=p_sorted.astype(np.int32),
            col=c[order].astype(np.int32),
            value=v[order],
            ptr=ptr,
            keys=keys,
            n_cols=n_cols,
        )

    @classmethod
    def empty(cls, n_people: int, n_cols: int) -> PairTable:
        """A table without entries."""
        return cls.build([], [], [], n_people, n_cols)

    def __len__(self) -> int:
        return int(self.keys.shape[0])

    def lookup(self, person: npt.ArrayLike, col: npt.ArrayLike, fill: float = 0.0) -> FloatArray:
        """Value of each (person, col) pair, ``fill`` where absent; arguments broadcast.

        A ``(B, 1)`` person array against a ``(1, M)`` column array (a block of people against
        posts) is served from a dense scatter, any other shape by binary search.
        """
        p = np.asarray(person)
        c = np.asarray(col)
        shape = np.broadcast_shapes(p.shape, c.shape)
        if len(self) == 0:
            return np.full(shape, fill)
        if p.ndim == 2 and c.ndim == 2 and p.shape[1] == 1 and c.shape[0] == 1:
            return self.grid(p[:, 0], c[0], fill)
        pb, cb = np.broadcast_arrays(p, c)
        keys = pb.astype(np.int64) * self.n_cols + cb
        pos = np.searchsorted(self.keys, keys)
        pos = np.minimum(pos, len(self) - 1)
        hit = self.keys[pos] == keys
        return np.where(hit, self.value[pos], fill)

    def grid(self, rows: npt.ArrayLike, cols: npt.ArrayLike, fill: float = 0.0) -> FloatArray:
        """Dense ``len(rows) x len(cols)`` values (``fill`` where absent)."""
        return self._scatter(rows, cols, self.value, fill)

    def grid_mask(self, rows: npt.ArrayLike, cols: npt.ArrayLike) -> BoolArray:
        """Dense ``len(rows) x len(cols)`` membership: True where the pair is in the table."""
        return self._scatter(rows, cols, None, False)

    def _scatter(
        self, rows: npt.ArrayLike, cols: npt.ArrayLike, values: FloatArray | None, fill: Any
    ) -> npt.NDArray[Any]:
        """The entries of ``rows`` spread over ``cols``: their values, or True (``values`` None)."""
        r = np.asarray(rows, dtype=np.int64)
        c = np.asarray(cols, dtype=np.int64)
        dtype = bool if values is None else np.float64
        starts = self.ptr[r]
        counts = self.ptr[r + 1] - starts
        total = int(counts.sum())
        if total == 0:
            return np.full((r.shape[0], c.shape[0]), fill, dtype=dtype)
        local = np.repeat(np.arange(r.shape[0]), counts)
        offsets = np.cumsum(counts) - counts
        idx = np.repeat(starts - offsets, counts) + np.arange(total)
        every = c.shape[0] == self.n_cols and np.array_equal(c, np.arange(self.n_cols))
        if every or np.unique(c).shape[0] != c.shape[0]:
            dense = np.full((r.shape[0], self.n_cols), fill, dtype=dtype)
            dense[local, self.col[idx]] = True if values is None else values[idx]
            return dense if every else dense[:, c]
        # Distinct columns, perhaps a few of many: only their entries are spread (a block of
        # people against a few posts never holds a row of every post).
        at = np.full(self.n_cols, -1, dtype=np.int64)
        at[c] = np.arange(c.shape[0])
        col = at[self.col[idx]]
        keep = col >= 0
        out = np.full((r.shape[0], c.shape[0]), fill, dtype=dtype)
        out[local[keep], col[keep]] = True if values is None else values[idx[keep]]
        return out

    def per_person(self, fill: float = 0.0) -> FloatArray:
        """Largest value per person (``fill`` for people without entries)."""
        n = self.ptr.shape[0] - 1
        out = np.full(n, -np.inf)
        np.maximum.at(out, self.person, self.value)
        out[np.isinf(out)] = fill
        return out
