"""Independent recomputations used by the synthetic-data tests (no generator code)."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from mutasi_opt.domain import retirement_age
from mutasi_opt.synth import SampleData

# The jenjang words of a functional title (docs/domain.md, "Professions and the career pattern").
_JENJANG_WORDS = ("Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama", "Pemula", "Terampil",
                  "Mahir", "Penyelia")  # fmt: skip


def derived_family(title: str) -> str:
    """The family the engine derives from a functional title, restated from its contract.

    The part before " pada " or " di ", without the jenjang words, spaces collapsed:
    ``"Guru Ahli Muda pada SMP Negeri 1"`` -> ``"Guru"``.
    """
    head = re.split(r" (?:pada|di) ", " ".join(title.split()), maxsplit=1, flags=re.IGNORECASE)[0]
    for words in _JENJANG_WORDS:
        head = re.sub(rf"\b{words}\b", " ", head, flags=re.IGNORECASE)
    return " ".join(head.split())


def post_families(sample: SampleData) -> pd.Series:
    """Family of each functional post (the ``family`` cell, else derived), by ``position_id``."""
    p = sample.positions[sample.positions["kind"] == "fungsional"]
    fam = [
        f if isinstance(f, str) and f else derived_family(t)
        for f, t in zip(p["family"], p["title"], strict=True)
    ]
    return pd.Series(fam, index=p["position_id"].to_numpy())


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
