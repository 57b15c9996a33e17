"""A text column as codes into its distinct values, so that long tables are hashed once.

A 2,250,000-row ``scores`` table holds some 1,500 NIPs and 1,500 post ids. Every pass of pandas
over such an object column (``factorize``, ``isna``, ``isin``, ``duplicated``) hashes or inspects
each of its Python strings again, some 0.1 s a pass; reading, parsing and checking made about
twenty of them. The CSV reader already has each column's distinct values (it reads them as
categories), so it keeps them as a :class:`Coded` beside the text, and the parsers and checks
that know how use the integer codes instead.

A :class:`Coded` is only a shortcut: whoever holds one checks that it still describes the column
it is used for (:meth:`Coded.fits`) and falls back to the column itself when anything changed it
since. The tables are changed only by putting a new column in place (``frame[c] = ...``), never by
writing into one, so the Series a :class:`Coded` was checked against (or made with) is kept, and a
column that *is* that Series needs no second look; any other is compared value by value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["Coded"]

Codes = npt.NDArray[np.signedinteger[Any]]
"""Codes of any signed integer width: a CSV column's stay as narrow as its categories' (int16 for
fewer than 32,768 distinct values), a quarter of the memory of int64 on a long table."""
ObjArray = npt.NDArray[np.object_]
BoolArray = npt.NDArray[np.bool_]


@dataclass(eq=False)
class Coded:
    """Per row, the position of its value among ``uniques`` (``-1``: no value, ``None`` or NaN).

    Attributes
    ----------
    codes
        One code per row.
    uniques
        The distinct values (never missing), each once.
    checked
        The Series this was last found to describe (or was made into), if any.
    """

    codes: Codes
    uniques: ObjArray
    checked: pd.Series | None = field(default=None, repr=False)

    @classmethod
    def of(cls, values: pd.Series) -> Coded:
        """The codes of an object column (missing values -> ``-1``)."""
        codes, uniques = pd.factorize(values.astype(object))
        return cls(codes, np.asarray(uniques, dtype=object))

    @classmethod
    def mapped(cls, codes: Codes, texts: Sequence[object], *, all_held: bool = False) -> Coded:
        """Codes into ``texts``, which may repeat a value or hold ``None``: made distinct, and
        only the values some row holds kept (``all_held``: every text is some row's already)."""
        cells = np.empty(len(texts), dtype=object)
        cells[:] = list(texts)
        new, uniques = pd.factorize(cells)
        values = np.asarray(uniques, dtype=object)
        if not np.array_equal(new, np.arange(len(texts))):  # else the codes stay as they are
            codes = np.append(new, -1)[codes]  # code -1 stays -1
        return cls(codes, values) if all_held else _compact(codes, values)

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    def __getstate__(self) -> dict[str, object]:
        # Pickled without the Series it was checked against (a copy of the column itself).
        return {"codes": self.codes, "uniques": self.uniques, "checked": None}

    @property
    def present(self) -> BoolArray:
        """Rows with a value."""
        return np.asarray(self.codes >= 0)

    def _table(self) -> ObjArray:
        """The distinct values and a trailing ``None``, which code -1 picks."""
        table = np.empty(len(self.uniques) + 1, dtype=object)
        table[:-1] = self.uniques
        return table

    def values(self) -> ObjArray:
        """The column as an object array (``None`` where missing): the same string objects."""
        return self._table()[self.codes]

    def rows(self, keep: BoolArray) -> Coded:
        """Only the rows in ``keep``."""
        return _compact(self.codes[keep], self.uniques)

    def describes(self, column: pd.Series) -> bool:
        """True when ``column`` holds exactly this column's values (``None`` where missing)."""
        if column.dtype != object or len(column) != len(self):
            return False
        return bool(np.all(column.to_numpy() == self.values()))

    def fits(self, column: pd.Series) -> bool:
        """True when this describes ``column``: it is the Series last checked, or it holds the
        same values (then it is remembered as checked)."""
        if column is self.checked:
            return True
        if not self.describes(column):
            return False
        self.checked = column
        return True

    def bind(self, column: pd.Series) -> Coded:
        """Remember ``column`` as described by this (it was just made from these codes)."""
        self.checked = column
        return self


def _compact(codes: Codes, uniques: ObjArray) -> Coded:
    """Only the values some row holds, renumbered."""
    used = np.bincount(codes[codes >= 0], minlength=len(uniques)) > 0
    if used.all():
        return Coded(codes, uniques)
    renumber = np.append(np.where(used, np.cumsum(used) - 1, -1), -1)  # code -1 stays -1
    return Coded(renumber[codes], uniques[used])
