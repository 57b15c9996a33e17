"""Reading cells of the raw tables: text, true/false flags, ranks in an order, whole months.

Also the array types the audit's modules share.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
ObjArray = npt.NDArray[np.object_]


def _text(value: Any) -> str | None:
    """A cell as text, ``None`` when missing or blank (readers give ``None``; hand-made NaN)."""
    if isinstance(value, str):
        return value if value.strip() else None
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    return str(value)


def texts(column: pd.Series) -> ObjArray:
    # The common case (non-blank text) inline: this runs over every column the audit reads.
    return np.array(
        [v if isinstance(v, str) and v.strip() else _text(v) for v in column.tolist()],
        dtype=object,
    )


def flags(column: pd.Series) -> BoolArray:
    """A true/false column, missing = false."""
    return np.array([False if pd.isna(v) else bool(v) for v in column.tolist()], dtype=bool)


def label_ranks(labels: ObjArray, order: tuple[str, ...]) -> IntArray:
    """Position of each label in ``order``; -1 (below every known label) when unknown."""
    index = {label: k for k, label in enumerate(order)}
    return np.array([index.get(v, -1) for v in labels.tolist()], dtype=np.int64)


def whole_months(start: pd.Series, end: dt.date) -> FloatArray:
    """Whole calendar months from each date to ``end`` (NaN when the date is missing).

    A month is complete when the day of the month is reached again: 2020-03-15 to 2022-03-14 is
    23 months, to 2022-03-15 is 24.
    """
    dates = pd.Series(start).reset_index(drop=True)
    if not pd.api.types.is_datetime64_any_dtype(dates):
        dates = pd.to_datetime(dates, errors="coerce")
    year = dates.dt.year.to_numpy(dtype=np.float64, na_value=np.nan)
    month = dates.dt.month.to_numpy(dtype=np.float64, na_value=np.nan)
    day = dates.dt.day.to_numpy(dtype=np.float64, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        short = (end.day < day).astype(np.float64)
    return (end.year - year) * 12.0 + (end.month - month) - short


def dates_or_nip(frame: pd.DataFrame, column: str, nip_dates: pd.Series) -> pd.Series:
    """The column's dates where given, the NIP's elsewhere."""
    fallback = nip_dates.reset_index(drop=True)
    if column not in frame.columns:
        return fallback
    given = frame[column].reset_index(drop=True)
    if not pd.api.types.is_datetime64_any_dtype(given):
        given = pd.to_datetime(given, errors="coerce")
    return given.where(given.notna(), fallback)


def dates_from_nip(nips: ObjArray) -> tuple[pd.Series, pd.Series]:
    """Birth date (digits 1-8, YYYYMMDD) and CPNS month (digits 9-14, YYYYMM) of each NIP."""
    text = pd.Series([n or "" for n in nips.tolist()], dtype=object).astype(str)
    birth = pd.to_datetime(text.str[:8], format="%Y%m%d", errors="coerce")
    cpns = pd.to_datetime(text.str[8:14] + "01", format="%Y%m%d", errors="coerce")
    return birth, cpns
