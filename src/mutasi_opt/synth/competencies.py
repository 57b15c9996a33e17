"""Competency standards of posts, people's assessed levels, and the competency dictionary.

Requirements: the eight managerial competencies and Perekat Bangsa at the level of the post
(docs/domain.md, "Competency": JPT 4, administrator 3, pengawas 2, pelaksana 1; functional posts by
jenjang: ahli pertama 2, muda 3, madya 3 or 4, utama 4, keterampilan 1-2), plus one or two technical
competencies of the OPD's family at the same level. A few posts have no standard yet.

People: levels around their post's level, higher for better performers (the latent quality that
also drives predikat and potential), with noise, clipped to 1-5; their post's technical
competencies (mostly) and a few more of their OPD's family. A few people have no assessment.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_opt.domain import DEFAULT_COMPETENCIES, MANAGERIAL_LEVEL
from mutasi_opt.synth.vocab import TECHNICAL
from mutasi_opt.tables.model import COMPETENCY_COLUMNS, DICTIONARY_COLUMNS, REQUIREMENT_COLUMNS

__all__ = ["build_competencies", "build_dictionary", "build_requirements", "post_level"]

_CORE = tuple(code for code, _, _ in DEFAULT_COMPETENCIES)
_FUNCTIONAL_LEVEL = {
    "ahli_pertama": 2.0, "ahli_muda": 3.0, "ahli_madya": 3.5, "ahli_utama": 4.0,
    "pemula": 1.0, "terampil": 1.0, "mahir": 2.0, "penyelia": 2.0,
}  # fmt: skip
NO_REQUIREMENT_SHARE = 0.02
NO_DATA_SHARE = 0.03


def post_level(posts: pd.DataFrame) -> np.ndarray:
    """Competency level a post calls for (ahli madya 3.5: either 3 or 4), as float."""
    kind = posts["kind"].to_numpy()
    jenjang = posts["jenjang"].to_numpy()
    structural = np.array([MANAGERIAL_LEVEL.get(k, 0) for k in kind], dtype=float)
    functional = np.array([_FUNCTIONAL_LEVEL.get(j, 0.0) if j else 0.0 for j in jenjang])
    return np.where(kind == "fungsional", functional, structural)


def build_dictionary() -> pd.DataFrame:
    """The built-in competencies and every technical competency of the synthetic city."""
    rows = [*DEFAULT_COMPETENCIES]
    rows += [(code, name, "teknis") for family in TECHNICAL.values() for code, name in family]
    return pd.DataFrame(rows, columns=list(DICTIONARY_COLUMNS))


def _long(owner: np.ndarray, code: np.ndarray, level: np.ndarray, key: str) -> pd.DataFrame:
    frame = pd.DataFrame({key: owner, "competency": code, "level": level.astype(np.int64)})
    return frame.drop_duplicates([key, "competency"], keep="first")


def build_requirements(posts: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The requirements table (``position_id, competency, level``)."""
    p = len(posts)
    level = post_level(posts)
    level = np.where(level == 3.5, np.where(rng.random(p) < 0.5, 3.0, 4.0), level).astype(np.int64)
    has = rng.random(p) >= NO_REQUIREMENT_SHARE
    ids = posts["position_id"].to_numpy()
    rows = np.repeat(np.flatnonzero(has), len(_CORE))
    owner = [ids[rows]]
    code = [np.tile(np.array(_CORE, dtype=object), int(has.sum()))]
    lev = [level[rows]]
    for k in (0, 1):
        tech = np.array([t[k] if len(t) > k else "" for t in posts["_tech"]], dtype=object)
        keep = has & (tech != "")
        owner.append(ids[keep])
        code.append(tech[keep])
        lev.append(level[keep])
    frame = _long(np.concatenate(owner), np.concatenate(code), np.concatenate(lev), "position_id")
    order = pd.Index(ids).get_indexer(frame["position_id"])
    frame = frame.assign(_o=order).sort_values(["_o"], kind="stable").drop(columns="_o")
    return frame.reset_index(drop=True)[list(REQUIREMENT_COLUMNS)]


def build_competencies(
    people: pd.DataFrame, posts: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """The competencies table (``nip, competency, level``), long format, in employee order."""
    n = len(people)
    post = people["_post"].to_numpy()
    z = people["_z"].to_numpy()
    base = post_level(posts)[post]
    # New PNS are often not assessed yet.
    assessed = rng.random(n) >= np.where(people["_new"].to_numpy(), 0.5, NO_DATA_SHARE)
    idx = np.flatnonzero(assessed)
    m = len(_CORE)
    rows = np.repeat(idx, m)
    core = np.rint(base[rows] + 0.15 + 0.55 * z[rows] + rng.normal(0.0, 0.6, len(rows)))
    owner = [rows]
    code = [np.tile(np.array(_CORE, dtype=object), len(idx))]
    level = [core]
    # Technical: the post's own (mostly), then up to two more of the OPD's family.
    tech_of_post = posts["_tech"].to_numpy()
    for k in (0, 1):
        tech = np.array([t[k] if len(t) > k else "" for t in tech_of_post], dtype=object)[post]
        keep = assessed & (tech != "") & (rng.random(n) < 0.92)
        owner.append(np.flatnonzero(keep))
        code.append(tech[keep])
    families = sorted(TECHNICAL)
    table = np.array(
        [[c for c, _ in TECHNICAL[f]] + [""] * (8 - len(TECHNICAL[f])) for f in families],
        dtype=object,
    )
    sizes = np.array([len(TECHNICAL[f]) for f in families])
    fam = pd.Index(families).get_indexer(posts["_family"].to_numpy()[post])
    extra = rng.choice(3, size=n, p=[0.45, 0.40, 0.15])
    for k in (0, 1):
        pick = (rng.random(n) * sizes[fam]).astype(np.int64)
        keep = assessed & (extra > k)
        owner.append(np.flatnonzero(keep))
        code.append(table[fam, pick][keep])
    for k in range(1, len(owner)):
        who = owner[k]
        level.append(np.rint(base[who] + 0.1 + 0.5 * z[who] + rng.normal(0.0, 0.7, len(who))))
    who = np.concatenate(owner)
    frame = _long(who, np.concatenate(code), np.clip(np.concatenate(level), 1, 5), "_i")
    frame = frame.sort_values("_i", kind="stable")
    frame.insert(0, "nip", people["nip"].to_numpy()[frame["_i"].to_numpy()])
    return frame.drop(columns="_i").reset_index(drop=True)[list(COMPETENCY_COLUMNS)]
