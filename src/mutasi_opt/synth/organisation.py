"""The positions table of the synthetic city, sized to the number of people asked for.

The catalogue gives the posts at the reference size (about 2,500 people). For another size the
structural posts stay (a small sample keeps only the first OPDs of the inclusion order, so that
structural posts stay a plausible share), schools and health facilities are repeated in proportion,
and formation capacities are apportioned so that the active seats are exactly the number asked for.
Abolished posts (old pelaksana nomenclature, a few kepala seksi turned functional) come on top.

Every functional post names its profession family (``family``: ``Guru``, ``Perawat``, ...), except
about one in ten (:data:`BLANK_FAMILY_SHARE`) left empty, as a hand-kept table may leave it: the
engine then derives the family from the title, and the bundled data exercise both paths. The family
is the template's base name, which is exactly what that derivation gives for the title.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_opt.domain import GOLONGAN, job_level, retirement_age
from mutasi_opt.synth.catalogue import CATALOGUE
from mutasi_opt.synth.templates import Opd, PostTemplate, pengawas
from mutasi_opt.synth.vocab import ESELON_RANGE, JENJANG_RANGE, TECHNICAL
from mutasi_opt.tables.model import POSITION_COLUMNS

__all__ = ["BLANK_FAMILY_SHARE", "REFERENCE_SEATS", "apportion", "build_posts"]


def _seats(opd: Opd, scale: float = 1.0) -> tuple[int, int]:
    """(structural seats, formation seats at the reference size) of an OPD."""
    structural = sum(1 for p in opd.posts if not p.is_formation)
    formations = sum(p.capacity for p in opd.posts if p.is_formation)
    for sub in opd.subunits:
        formations += _sub_count(sub.count, scale) * sum(p.capacity for p in sub.posts)
    return structural, formations


def _sub_count(count: int, scale: float) -> int:
    """Schools and health facilities: in proportion below the reference size, as its square root
    above it (a larger sample has more schools and larger ones)."""
    return max(1, round(count * (scale if scale < 1.0 else scale**0.5)))


REFERENCE_SEATS: int = sum(sum(_seats(o)) for o in CATALOGUE)
# In a sample too small for the whole city, structural posts stay at most this share of seats.
_STRUCTURAL_SHARE = 0.16
# Old pelaksana titles abolished by the 2024 simplification of pelaksana posts.
_OLD_PELAKSANA = ("Pengadministrasi Umum", "Pengolah Data", "Pengelola Data", "Caraka")
# Kepala seksi abolished when their tasks moved to functional posts (penyetaraan jabatan).
_OLD_SEKSI = ("Data dan Informasi", "Monitoring dan Evaluasi", "Pengembangan Kapasitas",
              "Sarana dan Prasarana", "Pembinaan Teknis")  # fmt: skip
BLANK_FAMILY_SHARE = 0.10
"""Share of functional posts whose ``family`` cell is left empty (derived from the title)."""


def apportion(weights: np.ndarray, total: int, minimum: int = 1) -> np.ndarray:
    """Integers proportional to ``weights``, each at least ``minimum``, summing to ``total``.

    Largest-remainder rounding, ties broken by position (deterministic).

    Raises
    ------
    ValueError
        When ``total`` is below ``minimum * len(weights)``.
    """
    n = len(weights)
    if total < minimum * n:
        raise ValueError(f"cannot give {n} formations at least {minimum} seats out of {total}")
    ideal = weights / weights.sum() * total
    out = np.maximum(np.floor(ideal).astype(np.int64), minimum)
    diff = int(total - out.sum())
    rest = ideal - out
    if diff > 0:
        order = np.argsort(-rest, kind="stable")
        out[order[:diff]] += 1
    while diff < 0:
        # Take back from the rows furthest above their ideal share that can give.
        room = np.where(out > minimum, rest, np.inf)
        order = np.argsort(room, kind="stable")[: min(-diff, int((out > minimum).sum()))]
        out[order] -= 1
        diff = int(total - out.sum())
        rest = ideal - out
    return out


def _select_opds(n_active: int) -> list[Opd]:
    """The OPDs a sample of this size holds, in catalogue order."""
    scale = n_active / REFERENCE_SEATS
    if scale >= 0.9:
        return list(CATALOGUE)
    budget = _STRUCTURAL_SHARE * n_active
    chosen: set[int] = set()
    used = 0
    for order in sorted({o.order for o in CATALOGUE}):
        members = [o for o in CATALOGUE if o.order == order]
        cost = sum(_seats(o)[0] for o in members)
        if order > 2 and used + cost > budget:
            break
        used += cost
        chosen.update(id(o) for o in members)
    return [o for o in CATALOGUE if id(o) in chosen]


def _row(opd: Opd, t: PostTemplate, title: str, rng: np.random.Generator) -> dict[str, object]:
    """One positions row plus the generator's own columns (prefixed with ``_``)."""
    lo: str | None = None
    hi: str | None = None
    if t.eselon is not None:
        lo, hi = ESELON_RANGE[t.eselon]
    elif t.jenjang is not None:
        lo, hi = JENJANG_RANGE[t.jenjang]
    family_codes = [code for code, _ in TECHNICAL[opd.family]]
    # A template's own technical competencies, or one or two of the OPD's family.
    tech = list(t.tech)
    if not tech:
        picks = rng.permutation(len(family_codes))[: 1 + int(rng.random() < 0.5)]
        tech = [family_codes[k] for k in sorted(picks)]
    priority = t.priority
    if t.kind == "administrator" and priority == 3 and rng.random() < 0.3:
        priority = 4  # some kepala bidang matter more this round
    if t.title.startswith("Operator") and rng.random() < 0.3:
        priority = 1
    return {
        "title": title,
        "unit": opd.unit,
        "kind": t.kind,
        "jenjang": t.jenjang,
        "capacity": t.capacity,
        "min_golongan": lo,
        "max_golongan": hi,
        "min_education": t.min_education,
        "priority": priority,
        "status": "active",
        "needs_external_approval": opd.code == "DUKCAPIL" and t.kind == "jpt_pratama",
        "_code": opd.code,
        "_category": opd.category,
        "_family": opd.family,
        "_group": t.group,
        "_mix": t.education_mix,
        "_tech": tuple(tech[:2]),
        "_profession": t.family,
    }


def _abolished_rows(
    opds: list[Opd], rows: list[dict[str, object]], n_seats: int, rng: np.random.Generator
) -> list[dict[str, object]]:
    """Abolished posts, all filled, in the larger OPDs (never kecamatan or kelurahan)."""
    if n_seats <= 0:
        return []
    sizes = (
        pd.Series([r["capacity"] for r in rows], index=[r["_code"] for r in rows])
        .groupby(level=0)
        .sum()
    )
    hosts = [
        o
        for o in opds
        if o.category not in ("kecamatan", "kelurahan") and sizes.get(o.code, 0) >= 15
    ]
    if not hosts:
        hosts = [max(opds, key=lambda o: sizes.get(o.code, 0))]
    # A few kepala seksi, never more than a tenth of the pengawas posts their holders can move to.
    n_iva = sum(1 for r in rows if r["kind"] == "pengawas" and r["max_golongan"] == "III/d")
    n_pengawas = min(n_seats // 8, n_iva // 10)
    out: list[dict[str, object]] = []
    # Kepala seksi were abolished in dinas and badan (secretariats have subbagian instead).
    seksi_hosts = [o for o in hosts if o.category in ("dinas", "badan")] or hosts
    for k in range(n_pengawas):
        opd = seksi_hosts[k % len(seksi_hosts)]
        t = pengawas(f"Kepala Seksi {_OLD_SEKSI[k % len(_OLD_SEKSI)]}")
        row = _row(opd, t, t.title, rng)
        out.append(row | {"status": "abolished", "priority": 1})
    left = n_seats - n_pengawas
    weights = np.array([sizes.get(o.code, 0) for o in hosts], dtype=float)
    per_host = apportion(weights, left, minimum=0) if left >= 0 else np.zeros(len(hosts), int)
    for opd, seats in zip(hosts, per_host, strict=True):
        k = 0
        while seats > 0:
            capacity = min(int(seats), 1 + int(rng.random() < 0.4))
            t = PostTemplate(_OLD_PELAKSANA[k % len(_OLD_PELAKSANA)], "pelaksana", min_education="SMA",
                             education_mix="pel_sma", capacity=capacity, priority=1, group="pelaksana",
                             tech=("T.ADM.01",))  # fmt: skip
            out.append(_row(opd, t, t.title, rng) | {"status": "abolished", "priority": 1})
            seats -= capacity
            k += 1
    return out


def build_posts(n_active: int, n_abolished: int, rng: np.random.Generator) -> pd.DataFrame:
    """The posts: the positions table's columns plus the generator's own (prefixed ``_``).

    Parameters
    ----------
    n_active
        Seats (sum of capacities) of active posts.
    n_abolished
        Seats of abolished posts (each will be filled).
    rng
        Random source.

    Returns
    -------
    pandas.DataFrame
        One row per post, grouped by OPD in catalogue order, with ``position_id`` like
        ``DISDIK-0042``; ``_level`` (job level), ``_bup`` (retirement age of holders), ``_lo``/``_hi``
        (golongan index range, -1 if none), ``_profession`` (the family of a functional post,
        also where the ``family`` cell is empty) and the template columns.
    """
    opds = _select_opds(n_active)
    scale = n_active / REFERENCE_SEATS
    rows: list[dict[str, object]] = []
    # Weight of a row's base capacity: a workplace repeated k times instead of `count` times
    # gets count/k of the weight, so that each OPD keeps its share of the seats.
    weight: list[float] = []
    for opd in opds:
        rows += [_row(opd, t, t.title, rng) for t in opd.posts]
        weight += [1.0] * len(opd.posts)
        for sub in opd.subunits:
            n_sub = _sub_count(sub.count, scale)
            for k in range(n_sub):
                name = sub.name(k)
                rows += [_row(opd, t, f"{t.title} pada {name}", rng) for t in sub.posts]
                weight += [sub.count / n_sub] * len(sub.posts)
    formation = np.array([r["kind"] in ("pelaksana", "fungsional") for r in rows])
    base = np.array([r["capacity"] for r in rows], dtype=float) * np.array(weight)
    n_formation_seats = n_active - int((~formation).sum())
    if n_formation_seats < formation.sum():
        raise ValueError(f"{n_active} seats are too few for the structure of the sample")
    caps = np.ones(len(rows), dtype=np.int64)
    caps[formation] = apportion(base[formation], n_formation_seats)
    for r, c in zip(rows, caps, strict=True):
        r["capacity"] = int(c)
    rows += _abolished_rows(opds, rows, n_abolished, rng)
    # Group each OPD's rows together (abolished ones last) and number them.
    rank = {o.code: k for k, o in enumerate(CATALOGUE)}
    rows.sort(key=lambda r: rank[str(r["_code"])])  # stable: keeps the order inside an OPD
    posts = pd.DataFrame(rows)
    seq = posts.groupby("_code", sort=False).cumcount() + 1
    posts.insert(0, "position_id", posts["_code"] + "-" + seq.map("{:04d}".format))
    gol = {g: i for i, g in enumerate(GOLONGAN)}
    posts["_lo"] = posts["min_golongan"].map(gol).fillna(-1).astype(np.int64)
    posts["_hi"] = posts["max_golongan"].map(gol).fillna(-1).astype(np.int64)
    jenjang = posts["jenjang"].where(posts["jenjang"].notna(), None)
    posts["_level"] = [job_level(k, j) for k, j in zip(posts["kind"], jenjang, strict=True)]
    posts["_bup"] = [retirement_age(k, j) for k, j in zip(posts["kind"], jenjang, strict=True)]
    for col in ("jenjang", "min_golongan", "max_golongan", "min_education"):
        posts[col] = posts[col].astype(object).where(posts[col].notna(), None)
    posts["capacity"] = posts["capacity"].astype(np.int64)
    posts["priority"] = posts["priority"].astype(np.int64)
    posts["needs_external_approval"] = posts["needs_external_approval"].astype(bool)
    # Drawn last, so that the rest of the table does not depend on it.
    functional = np.flatnonzero(posts["kind"].to_numpy() == "fungsional")
    blank = rng.choice(functional, size=round(BLANK_FAMILY_SHARE * len(functional)), replace=False)
    family = posts["_profession"].astype(object).where(posts["_profession"].notna(), None)
    posts["_profession"] = family
    posts["family"] = family
    posts.loc[posts.index[blank], "family"] = None
    return posts[[*POSITION_COLUMNS, *(c for c in posts.columns if c.startswith("_"))]]
