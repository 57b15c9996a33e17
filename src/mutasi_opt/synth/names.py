"""Synthetic personal names with the academic titles an Indonesian personnel list shows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_opt.synth.vocab import (
    CLAN_NAMES,
    DEGREES,
    FAMILY_S1_TITLE,
    FEMALE_MIDDLE_NAMES,
    FEMALE_NAMES,
    GROUPS,
    MALE_MIDDLE_NAMES,
    MALE_NAMES,
)

__all__ = ["person_names"]


def _titles(style: str, education: str, family: str) -> tuple[str, str]:
    """(prefix, suffix) for one degree style, education and OPD family."""
    table = DEGREES[style]
    if education not in table:
        return ("", "")
    prefix, suffix = table[education]
    if style == "opd" and education in ("S1", "S2"):
        s1 = FAMILY_S1_TITLE.get(family, "S.E.")
        suffix = s1 if education == "S1" else f"{s1}, M.Si."
    return prefix, suffix


def person_names(
    female: np.ndarray,
    group: np.ndarray,
    family: np.ndarray,
    education: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Full names with titles, e.g. ``Ns. Rina Sari Sihombing, S.Kep.``.

    Parameters
    ----------
    female
        True for women.
    group, family, education
        Per person: post family (:data:`~mutasi_opt.synth.vocab.GROUPS`), OPD family, education.
    rng
        Random source.
    """
    n = len(female)
    first = np.where(
        female,
        np.asarray(FEMALE_NAMES, dtype=object)[rng.integers(len(FEMALE_NAMES), size=n)],
        np.asarray(MALE_NAMES, dtype=object)[rng.integers(len(MALE_NAMES), size=n)],
    )
    middle = np.where(
        female,
        np.asarray(FEMALE_MIDDLE_NAMES, dtype=object)[
            rng.integers(len(FEMALE_MIDDLE_NAMES), size=n)
        ],
        np.asarray(MALE_MIDDLE_NAMES, dtype=object)[rng.integers(len(MALE_MIDDLE_NAMES), size=n)],
    )
    clan = np.asarray(CLAN_NAMES, dtype=object)[rng.integers(len(CLAN_NAMES), size=n)]
    u = rng.random(n)
    # About 60 % carry a clan name (marga); others a two-part name; a few both.
    base = pd.Series(first, dtype=object)
    with_middle = (u >= 0.6) | (u < 0.12)
    base = base.where(~with_middle, base + " " + middle)
    base = base.where(u >= 0.6, base + " " + clan)
    style = np.array([GROUPS[g][1] for g in group], dtype=object)
    key = pd.Series(style + "|" + education + "|" + family, dtype=object)
    table = {k: _titles(*k.split("|")) for k in key.unique()}
    prefix = key.map({k: v[0] for k, v in table.items()})
    suffix = key.map({k: v[1] for k, v in table.items()})
    full = prefix + base + suffix.where(suffix == "", ", " + suffix)
    return full.to_numpy(dtype=object)
