"""The employees table: one person per held seat, plus people not placed.

Each person is drawn from the post they hold (or, if not placed, the vacancy they were modelled on):
education from the post's mix; golongan inside the post's range (or, for pelaksana, from years of
service under the regular-promotion ceiling of their education); years of service consistent with
the steps climbed since the CPNS entry golongan (about one step per four years); age from a CPNS
start between 19 and 35 and below the BUP of the post; NIP from birth date, CPNS month, gender and
a sequence number. Tenure, status, the SKP predikat and potential follow the shares a city reports.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from mutasi_opt.domain import EDUCATION, GOLONGAN, GOLONGAN_INDEX
from mutasi_opt.synth.names import person_names
from mutasi_opt.synth.seats import SeatPlan
from mutasi_opt.synth.vocab import (
    CEILING_GOLONGAN,
    EDUCATION_MIX,
    ENTRY_GOLONGAN,
    GROUPS,
    MIN_CPNS_AGE,
)
from mutasi_opt.tables.model import EMPLOYEE_COLUMNS

SAMPLE_EMPLOYEE_COLUMNS: tuple[str, ...] = tuple(c for c in EMPLOYEE_COLUMNS if c != "asn_type")
"""The employees columns a sample writes: no ``asn_type`` (everyone is PNS, the reader's default)."""

__all__ = ["POTENTIAL_SHARES", "PREDIKAT_SHARES", "build_people", "by_share"]

DAYS_PER_YEAR = 365.25
PREDIKAT_SHARES = (0.10, 0.75, 0.10, 0.04, 0.01)  # Sangat Baik ... Sangat Kurang
PREDIKAT_PREV_SHARES = (0.09, 0.77, 0.09, 0.04, 0.01)
POTENTIAL_SHARES = (0.25, 0.55, 0.20)  # rendah, menengah, tinggi
BUP_NEAR_SHARE = 0.035
STATUS_SHARES = {"hukuman_disiplin": 0.012, "tugas_belajar": 0.010, "cuti": 0.008}
LOCKED_SHARE = 0.01

_PREDIKAT = np.array(
    ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"], dtype=object
)
_POTENTIAL = np.array(["tinggi", "menengah", "rendah"], dtype=object)


def by_share(score: np.ndarray, labels: np.ndarray, shares: tuple[float, ...]) -> np.ndarray:
    """Label the highest scores with ``labels[0]`` and so on, in exact shares (ties: first wins)."""
    order = np.argsort(-score, kind="stable")
    bounds = np.round(np.cumsum((0.0, *shares)) / sum(shares) * len(score)).astype(np.int64)
    out = np.empty(len(score), dtype=object)
    for label, start, stop in zip(labels, bounds[:-1], bounds[1:], strict=True):
        out[order[start:stop]] = label
    return out


def _lookup(table: dict[str, str], keys: np.ndarray, index: dict[str, int]) -> np.ndarray:
    return np.array([index[table[k]] for k in EDUCATION])[keys] if keys.size else keys


def _education(mix: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Education index per person, drawn from the mix of their post."""
    names = sorted(EDUCATION_MIX)
    cum = np.zeros((len(names), len(EDUCATION)))
    for r, name in enumerate(names):
        for edu, share in EDUCATION_MIX[name]:
            cum[r, EDUCATION.index(edu)] = share
    cum = np.cumsum(cum, axis=1)
    cum /= cum[:, -1:]
    row = pd.Index(names).get_indexer(pd.Index(mix))
    u = rng.random(len(mix))
    return (u[:, None] >= cum[row]).sum(axis=1)


def _pick(mask: np.ndarray, share: float, rng: np.random.Generator) -> np.ndarray:
    """Exactly ``max(1, round(share * len(mask)))`` people among ``mask`` (fewer if ``mask`` is)."""
    pool = np.flatnonzero(mask)
    k = min(len(pool), max(1, round(share * len(mask))))
    out = np.zeros(len(mask), dtype=bool)
    out[rng.choice(pool, size=k, replace=False)] = True
    return out


def build_people(
    posts: pd.DataFrame, seats: SeatPlan, as_of: dt.date, rng: np.random.Generator
) -> pd.DataFrame:
    """The employees table's columns plus the generator's own (prefixed ``_``).

    Internal columns: ``_post`` (post row), ``_z`` (latent quality driving performance, potential
    and competency), ``_gender`` (``L``/``P``), ``_cpns`` (CPNS date), ``_age`` (years at
    ``as_of``), ``_abolished`` (holds an abolished post), ``_new`` (appointed within two years).
    """
    post = seats.person_post
    n = len(post)
    placed = seats.placed
    kind = posts["kind"].to_numpy()[post]
    lo = posts["_lo"].to_numpy()[post]
    hi = posts["_hi"].to_numpy()[post]
    # Someone not placed has no post: the general BUP (58) applies to them.
    bup = np.where(placed, posts["_bup"].to_numpy()[post], 58).astype(float)
    abolished = (posts["status"].to_numpy() == "abolished")[post]
    group = posts["_group"].to_numpy()[post]

    edu = _education(posts["_mix"].to_numpy()[post], rng)
    entry = _lookup(ENTRY_GOLONGAN, edu, GOLONGAN_INDEX)
    ceiling = _lookup(CEILING_GOLONGAN, edu, GOLONGAN_INDEX)
    min_age = np.array([MIN_CPNS_AGE[e] for e in EDUCATION])[edu]
    ranged = lo >= 0
    entry = np.where(ranged, np.minimum(entry, hi), entry)

    # Golongan and years of service.
    lo_eff = np.maximum(lo, entry)
    steps_up = np.floor(rng.exponential(1.0 / 0.8, n)).astype(np.int64)
    gol = np.where(ranged, lo_eff + np.minimum(steps_up, np.maximum(hi - lo_eff, 0)), 0)
    # Many stay years at a golongan (no higher post, late SKP, moratorium on hiring ~2011-2017).
    stagnation = np.where(rng.random(n) < 0.5, rng.exponential(5.0, n), 0.0)
    service_ranged = (
        (gol - entry) * 4 * rng.uniform(0.85, 1.15, n) + rng.uniform(0.5, 4.0, n) + stagnation
    )
    service_free = 1.0 + rng.beta(1.6, 1.2, n) * 31.0
    service = np.maximum(np.where(ranged, service_ranged, service_free), 1.0)
    new = ~placed & (rng.random(n) < 0.5)  # newly appointed PNS waiting for a first post
    service = np.where(new, rng.uniform(1.0, 1.9, n), service)
    service = np.where(abolished, np.maximum(service, rng.uniform(3.0, 5.0, n)), service)

    cpns_age = np.clip(min_age + rng.gamma(2.0, 1.8, n), min_age, 35.0)
    age = cpns_age + service
    # Nobody is past the BUP; the cap keeps everyone else outside the retirement horizon.
    cap = bup - np.where(abolished, 2.0, 1.02)
    excess = np.maximum(age - cap, 0.0)
    shift = np.minimum(excess, cpns_age - min_age)
    cpns_age -= shift
    service -= excess - shift
    service = np.maximum(service, 1.0)
    # Some people are within a year of their BUP (they stay this round).
    eligible = placed & ~abolished
    near = _pick(eligible, BUP_NEAR_SHARE, rng)
    near_age = bup - rng.uniform(0.03, 0.97, n)
    cpns_age = np.where(near, np.clip(near_age - service, min_age, 35.0), cpns_age)
    service = np.where(near, near_age - cpns_age, service)
    age = cpns_age + service

    # Golongan consistent with service: about one step per four years, under the range's top.
    free_gol = np.minimum(
        entry + np.floor(service / 4.0 * rng.uniform(0.85, 1.1, n)).astype(np.int64), ceiling
    )
    free_gol = np.maximum(free_gol, entry)
    ranged_gol = np.maximum(
        lo_eff, np.minimum(gol, entry + np.floor(service / 3.0).astype(np.int64) + 1)
    )
    gol = np.where(ranged, ranged_gol, free_gol)
    gol = np.where(new, np.where(ranged, lo_eff, entry), gol)

    as_of64 = np.datetime64(as_of, "D")
    birth = as_of64 - np.round(age * DAYS_PER_YEAR).astype("timedelta64[D]")
    cpns_day = as_of64 - np.round(service * DAYS_PER_YEAR).astype("timedelta64[D]")
    cpns = cpns_day.astype("datetime64[M]").astype("datetime64[D]")  # TMT CPNS: first of a month

    # Tenure in the current post (months).
    u = rng.random(n)
    months = np.select(
        [u < 0.22, u < 0.66],
        [rng.uniform(1, 24, n), rng.uniform(24, 60, n)],
        rng.uniform(60, 168, n),
    )
    # JPT heads are evaluated within five years, so none has held the post longer.
    jpt = kind == "jpt_pratama"
    months = np.where(
        jpt, np.where(u < 0.25, rng.uniform(1, 24, n), rng.uniform(24, 58, n)), months
    )
    months = np.where(
        posts["needs_external_approval"].to_numpy()[post], rng.uniform(14, 40, n), months
    )
    service_months = service * 12.0
    months = np.where(months > service_months, service_months * rng.uniform(0.5, 1.0, n), months)
    # Holders of abolished posts are movable: at least 24 months in post (service >= 3 years).
    months = np.where(abolished, np.clip(months, 25.5, service_months - 0.5), months)
    tmt = as_of64 - np.round(months * DAYS_PER_YEAR / 12.0).astype("timedelta64[D]")
    tmt = np.maximum(tmt, cpns)

    female = rng.random(n) < np.array([GROUPS[g][0] for g in group])
    gender = np.where(female, "P", "L")
    nip = _nips(birth, cpns, female, rng)

    # Status and the latent quality behind performance, potential and competency.
    status = np.full(n, "aktif", dtype=object)
    movable = placed & ~abolished
    for name, share in STATUS_SHARES.items():
        status[_pick(movable & (status == "aktif"), share, rng)] = name
    locked = _pick(movable & (status == "aktif"), LOCKED_SHARE, rng)
    z = rng.standard_normal(n) - np.where(status == "hukuman_disiplin", 1.5, 0.0)
    performance = by_share(z + rng.normal(0, 0.5, n), _PREDIKAT, PREDIKAT_SHARES)
    prev = by_share(z + rng.normal(0, 0.6, n), _PREDIKAT, PREDIKAT_PREV_SHARES)
    prev[(service < 1.5) | (rng.random(n) < 0.015)] = None
    potential = by_share(0.6 * z + 0.8 * rng.standard_normal(n), _POTENTIAL, POTENTIAL_SHARES[::-1])
    potential[rng.random(n) < 0.05] = None

    family = posts["_family"].to_numpy()[post]
    names = person_names(female, group, family, np.asarray(EDUCATION, dtype=object)[edu], rng)
    position_id = np.where(placed, posts["position_id"].to_numpy()[post], None)
    frame = pd.DataFrame(
        {
            "nip": nip,
            "name": names,
            "position_id": position_id,
            "golongan": np.asarray(GOLONGAN, dtype=object)[gol],
            "education": np.asarray(EDUCATION, dtype=object)[edu],
            "tmt_jabatan": _ns(np.where(placed, tmt, np.datetime64("NaT", "D"))),
            "performance": performance,
            "performance_prev": prev,
            "potential": potential,
            "birth_date": _ns(birth),
            "status": status,
            "locked": locked,
            "_post": post,
            "_z": z,
            "_gender": gender,
            "_cpns": _ns(cpns),
            "_age": age,
            "_abolished": abolished,
            "_new": new,
        }
    )
    return frame[[*SAMPLE_EMPLOYEE_COLUMNS, *(c for c in frame.columns if c.startswith("_"))]]


def _ns(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[ns]")


def _nips(
    birth: np.ndarray, cpns: np.ndarray, female: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """18-digit NIPs: birth YYYYMMDD, CPNS YYYYMM, gender 1/2, a sequence unique per prefix."""
    b = pd.DatetimeIndex(birth)
    c = pd.DatetimeIndex(cpns)
    prefix = (
        (b.year.to_numpy() * 10000 + b.month.to_numpy() * 100 + b.day.to_numpy()).astype(np.int64)
        * 10**7
        + (c.year.to_numpy() * 100 + c.month.to_numpy()).astype(np.int64) * 10
        + np.where(female, 2, 1)
    )
    # A random start per prefix, then consecutive numbers for people sharing it.
    base = rng.integers(1, 900, len(prefix))
    order = np.argsort(prefix, kind="stable")
    sorted_prefix = prefix[order]
    first = np.r_[True, sorted_prefix[1:] != sorted_prefix[:-1]]
    group_start = np.maximum.accumulate(np.where(first, np.arange(len(prefix)), 0))
    seq_sorted = base[order][group_start] + (np.arange(len(prefix)) - group_start)
    seq = np.empty(len(prefix), dtype=np.int64)
    seq[order] = seq_sorted
    return np.char.mod("%018d", prefix * 1000 + seq).astype(object)
