"""Independent recomputations used by the synthetic-data tests (no generator code)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from mutasi_opt.domain import retirement_age
from mutasi_opt.synth import SampleData


def with_posts(sample: SampleData) -> pd.DataFrame:
    """Employees joined with their post's columns (``_post`` suffix on clashes)."""
    return sample.employees.merge(
        sample.positions, on="position_id", how="left", suffixes=("", "_post")
    )


def whole_months(start: pd.Series, end: dt.date) -> pd.Series:
    """Whole calendar months from each date to ``end``."""
    e = pd.Timestamp(end)
    months = (e.year - start.dt.year) * 12 + (e.month - start.dt.month)
    return months - (start.dt.day > e.day).astype(int)


def years_to_bup(sample: SampleData) -> pd.Series:
    """Years from ``as_of`` to each person's BUP (58 for someone without a post)."""
    m = with_posts(sample)
    bup = np.array(
        [
            retirement_age(k, j if isinstance(j, str) else None) if isinstance(k, str) else 58
            for k, j in zip(m["kind"], m["jenjang"], strict=True)
        ]
    )
    age = (pd.Timestamp(sample.as_of) - m["birth_date"]).dt.days / 365.25
    return pd.Series(bup - age.to_numpy(), index=sample.employees.index)


def seats(sample: SampleData) -> pd.DataFrame:
    """Positions with ``held`` (people placed there) and ``free`` (capacity - held)."""
    held = sample.employees["position_id"].value_counts()
    p = sample.positions.copy()
    p["held"] = p["position_id"].map(held).fillna(0).astype(int)
    p["free"] = p["capacity"] - p["held"]
    return p
