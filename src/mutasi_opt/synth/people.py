"""The employees table: one person per held seat, plus people not placed.

Each person is drawn from the post they hold (or, if not placed, the vacancy they were modelled on):
education from the post's mix; golongan inside the post's range (or, for pelaksana, from years of
service under the regular-promotion ceiling of their education); years of service consistent with
the steps climbed since the CPNS entry golongan (about one step per four years); age from a CPNS
start between 19 and 35 and below the BUP of the post; NIP from birth date, CPNS month, gender and
a sequence number. Tenure, status, the SKP predikat and potential follow the shares a city reports.

Kinds of ASN (``asn_type``). PPPK hold about a third of the Guru, Perawat and Bidan posts and a few
percent of the other functional and pelaksana ones (:data:`~mutasi_opt.synth.vocab.PPPK_SHARES`),
mostly at the lowest jenjang: the regions filled these formations with former honorer staff since
2021. Their appointment (the TMT in the NI PPPK, which has the NIP's layout) lies one to five and a
half years back and they were appointed older (PPPK are not bound to the CPNS age limit of 35). A
PPPK has no golongan in reality; the column keeps the one the generator draws for the post (the
engine reads golongan for PNS rules only). CPNS (:data:`CPNS_SHARE`) are the newest hires, in one of
two appointment batches within the past year, at the entry golongan of their education, in
pelaksana or lowest-jenjang functional posts. Structural posts, abolished posts and people not
placed are all PNS.

Statuses (:data:`STATUS_SHARES`, shares of all people, at least one each) go to placed holders of
active posts: ``masa_persiapan_pensiun`` only to PNS within a year of their BUP, ``ikatan_dinas`` to
PNS appointed within the last six years (service bond of a sekolah kedinasan or of a study paid by
the city), ``tugas_belajar`` and the rare ``proses_hukum`` and ``pemberhentian_sementara`` to PNS,
``hukuman_disiplin`` and ``cuti`` to PNS and PPPK; CPNS are all ``aktif``.

Qualifications (``qualifications``): a second profession, ``;``-separated, for about 2 % of people
(:data:`~mutasi_opt.synth.vocab.QUALIFICATION_PATHS`: a nurse with a midwife's STR, a pelaksana of a
health OPD with a nursing diploma, a former teacher in a structural post of the education OPD), and
for a person not placed whose profile is a functional vacancy, that profession (a nurse back from
leave may go back to nursing). Only families of the sample's functional posts are written.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from mutasi_opt.domain import EDUCATION, EDUCATION_INDEX, GOLONGAN, GOLONGAN_INDEX
from mutasi_opt.synth.names import person_names
from mutasi_opt.synth.seats import SeatPlan
from mutasi_opt.synth.vocab import (
    CEILING_GOLONGAN,
    EDUCATION_MIX,
    ENTRY_GOLONGAN,
    GROUPS,
    MIN_CPNS_AGE,
    PPPK_JENJANG_WEIGHT,
    PPPK_OTHER_FUNCTIONAL_SHARE,
    PPPK_PELAKSANA_SHARE,
    PPPK_SHARES,
    QUALIFICATION_PATHS,
)
from mutasi_opt.tables.model import EMPLOYEE_COLUMNS

SAMPLE_EMPLOYEE_COLUMNS: tuple[str, ...] = tuple(EMPLOYEE_COLUMNS)
"""The employees columns a sample writes: all of them, ``asn_type`` and ``qualifications`` too."""

__all__ = [
    "CPNS_SHARE",
    "POTENTIAL_SHARES",
    "PREDIKAT_SHARES",
    "STATUS_SHARES",
    "build_people",
    "by_share",
]

DAYS_PER_YEAR = 365.25
PREDIKAT_SHARES = (0.10, 0.75, 0.10, 0.04, 0.01)  # Sangat Baik ... Sangat Kurang
PREDIKAT_PREV_SHARES = (0.09, 0.77, 0.09, 0.04, 0.01)
POTENTIAL_SHARES = (0.25, 0.55, 0.20)  # rendah, menengah, tinggi
BUP_NEAR_SHARE = 0.035
# Shares of all people, drawn in this order (each person gets at most one).
STATUS_SHARES: dict[str, float] = {
    "masa_persiapan_pensiun": 0.003,  # about one in ten of those within a year of their BUP
    "ikatan_dinas": 0.003,
    "hukuman_disiplin": 0.012,
    "tugas_belajar": 0.010,
    "cuti": 0.008,
    "proses_hukum": 0.001,
    "pemberhentian_sementara": 0.0005,
}
# Lower latent quality (hence predikat and potential) of people under a sanction or a procedure.
_STATUS_Z_SHIFT = {"hukuman_disiplin": 1.5, "proses_hukum": 0.8, "pemberhentian_sementara": 0.8}
LOCKED_SHARE = 0.01
CPNS_SHARE = 0.025
_CPNS_BATCHES = ((3, 0.35), (9, 0.65))  # months before as_of, share of the CPNS
_STRUCTURAL = ("jpt_pratama", "administrator", "pengawas")
_ENTRY_JENJANG = ("pemula", "terampil", "ahli_pertama")
# Professions nobody holds together (a doctor is not also a nurse or a midwife).
_EXCLUSIVE = ({"Dokter", "Perawat"}, {"Dokter", "Bidan"})

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


def _weighted_pick(
    pool: np.ndarray, weight: np.ndarray, k: int, rng: np.random.Generator
) -> np.ndarray:
    """``k`` distinct rows of ``pool`` (indices), drawn with probabilities ``weight`` (> 0 only)."""
    keep = weight > 0
    pool, weight = pool[keep], weight[keep]
    k = min(k, len(pool))
    if k == 0:
        return pool[:0]
    return rng.choice(pool, size=k, replace=False, p=weight / weight.sum())


def _asn_types(
    kind: np.ndarray,
    profession: np.ndarray,
    jenjang: np.ndarray,
    eligible: np.ndarray,
    entry_fits: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """``PNS``/``CPNS``/``PPPK`` per person, in exact shares of each group (see module doc).

    ``eligible`` are the placed holders of active posts; ``entry_fits`` says the entry golongan of
    the person's education lies in the post's range (a CPNS must start inside it).
    """
    n = len(kind)
    out = np.full(n, "PNS", dtype=object)
    weight = np.array([PPPK_JENJANG_WEIGHT.get(j, 0.0) if j else 1.0 for j in jenjang])
    functional = eligible & (kind == "fungsional")
    groups = [(functional & (profession == fam), share) for fam, share in PPPK_SHARES.items()]
    named = np.isin(profession, list(PPPK_SHARES))
    groups += [
        (functional & ~named, PPPK_OTHER_FUNCTIONAL_SHARE),
        (eligible & (kind == "pelaksana"), PPPK_PELAKSANA_SHARE),
    ]
    for mask, share in groups:
        pool = np.flatnonzero(mask)
        out[_weighted_pick(pool, weight[pool], round(share * len(pool)), rng)] = "PPPK"
    entry_post = (kind == "pelaksana") | np.isin(jenjang, _ENTRY_JENJANG)
    pool = np.flatnonzero(eligible & entry_post & entry_fits & (out == "PNS"))
    k = min(len(pool), max(1, round(CPNS_SHARE * n)))
    out[rng.choice(pool, size=k, replace=False)] = "CPNS"
    return out


def _qualifications(
    posts: pd.DataFrame,
    post: np.ndarray,
    placed: np.ndarray,
    edu: np.ndarray,
    female: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """The ``qualifications`` cell per person (``None`` for most), see the module doc."""
    n = len(post)
    kind = posts["kind"].to_numpy()[post]
    profession = posts["_profession"].to_numpy()[post]
    opd_family = posts["_family"].to_numpy()[post]
    existing = {f for f in posts["_profession"] if f is not None}
    held: list[list[str]] = [[] for _ in range(n)]
    # Someone not placed drawn for a functional vacancy holds that profession.
    for k in np.flatnonzero(~placed & (kind == "fungsional")).tolist():
        held[k].append(str(profession[k]))
    u = rng.random((n, len(QUALIFICATION_PATHS)))
    structural = np.isin(kind, _STRUCTURAL)
    for c, (holder, family, p, min_edu, women) in enumerate(QUALIFICATION_PATHS):
        if family not in existing:
            continue
        if "@" in holder:
            who, opd = holder.split("@")
            mask = (kind == "pelaksana") if who == "pelaksana" else structural
            if opd != "*":
                mask = mask & (opd_family == opd)
        else:
            mask = (kind == "fungsional") & (profession == holder)
        mask = mask & placed & (u[:, c] < p) & (profession != family)
        if min_edu is not None:
            mask &= edu >= EDUCATION_INDEX[min_edu]
        if women:
            mask &= female
        for k in np.flatnonzero(mask).tolist():
            if family not in held[k] and not any({family, h} in _EXCLUSIVE for h in held[k]):
                held[k].append(family)
    return np.array([";".join(h) if h else None for h in held], dtype=object)


def build_people(
    posts: pd.DataFrame, seats: SeatPlan, as_of: dt.date, rng: np.random.Generator
) -> pd.DataFrame:
    """The employees table's columns plus the generator's own (prefixed ``_``).

    Internal columns: ``_post`` (post row), ``_z`` (latent quality driving performance, potential
    and competency), ``_gender`` (``L``/``P``), ``_cpns`` (CPNS date), ``_age`` (years at
    ``as_of``), ``_abolished`` (holds an abolished post), ``_new`` (appointed within two years:
    a PNS not placed yet, or a CPNS).
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
    profession = posts["_profession"].to_numpy()[post]
    jenjang = posts["jenjang"].to_numpy()[post]

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

    # Kinds of ASN: PPPK appointed since 2021 (older), CPNS within the past year.
    entry_fits = ~ranged | ((entry >= lo) & (entry <= hi))
    asn = _asn_types(kind, profession, jenjang, placed & ~abolished, entry_fits, rng)
    pppk = asn == "PPPK"
    cpns_new = asn == "CPNS"
    service = np.where(pppk, rng.uniform(1.0, 5.5, n), service)
    batch = rng.choice([m for m, _ in _CPNS_BATCHES], size=n, p=[w for _, w in _CPNS_BATCHES])
    service = np.where(cpns_new, (batch + 0.5) / 12.0, service)
    # The CPNS age limit (35) does not bind PPPK, appointed after years as honorer staff.
    max_entry = np.where(pppk, bup - 1.05 - service, 35.0)
    pppk_age = np.minimum(min_age + 1.0 + rng.gamma(2.0, 4.5, n), max_entry)

    cpns_age = np.clip(min_age + rng.gamma(2.0, 1.8, n), min_age, 35.0)
    cpns_age = np.where(pppk, np.maximum(pppk_age, min_age), cpns_age)
    age = cpns_age + service
    # Nobody is past the BUP; the cap keeps everyone else outside the retirement horizon.
    cap = bup - np.where(abolished, 2.0, 1.02)
    excess = np.maximum(age - cap, 0.0)
    shift = np.minimum(excess, cpns_age - min_age)
    cpns_age -= shift
    service -= excess - shift
    service = np.where(cpns_new, service, np.maximum(service, 1.0))
    # Some people are within a year of their BUP (they stay this round).
    eligible = placed & ~abolished & ~cpns_new
    near = _pick(eligible, BUP_NEAR_SHARE, rng)
    near_age = bup - rng.uniform(0.03, 0.97, n)
    max_entry = np.where(pppk, near_age - 1.0, 35.0)  # a PPPK keeps at least a year of service
    cpns_age = np.where(near, np.clip(near_age - service, min_age, max_entry), cpns_age)
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
    gol = np.where(cpns_new, entry, gol)  # inside the post's range (entry_fits)

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
    tmt = np.where(cpns_new, cpns, tmt)  # appointed into the formation

    female = rng.random(n) < np.array([GROUPS[g][0] for g in group])
    gender = np.where(female, "P", "L")
    nip = _nips(birth, cpns, female, rng)

    # Status and the latent quality behind performance, potential and competency.
    status = np.full(n, "aktif", dtype=object)
    movable = placed & ~abolished
    pns = asn == "PNS"
    recent_pns = pns & (service < 6.0) & ~np.isin(kind, _STRUCTURAL)
    recent_pns &= edu >= EDUCATION_INDEX["D3"]
    pools = {"masa_persiapan_pensiun": near & pns, "ikatan_dinas": recent_pns,
             "hukuman_disiplin": ~cpns_new, "cuti": ~cpns_new}  # fmt: skip
    for name, share in STATUS_SHARES.items():
        status[_pick(movable & (status == "aktif") & pools.get(name, pns), share, rng)] = name
    locked = _pick(movable & (status == "aktif"), LOCKED_SHARE, rng)
    shift = np.array([_STATUS_Z_SHIFT.get(s, 0.0) for s in status])
    z = rng.standard_normal(n) - shift
    performance = by_share(z + rng.normal(0, 0.5, n), _PREDIKAT, PREDIKAT_SHARES)
    prev = by_share(z + rng.normal(0, 0.6, n), _PREDIKAT, PREDIKAT_PREV_SHARES)
    prev[(service < 1.5) | (rng.random(n) < 0.015)] = None
    potential = by_share(0.6 * z + 0.8 * rng.standard_normal(n), _POTENTIAL, POTENTIAL_SHARES[::-1])
    potential[rng.random(n) < 0.05] = None

    family = posts["_family"].to_numpy()[post]
    names = person_names(female, group, family, np.asarray(EDUCATION, dtype=object)[edu], rng)
    qualifications = _qualifications(posts, post, placed, edu, female, rng)
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
            "asn_type": asn,
            "qualifications": qualifications,
            "_post": post,
            "_z": z,
            "_gender": gender,
            "_cpns": _ns(cpns),
            "_age": age,
            "_abolished": abolished,
            "_new": new | cpns_new,
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
    starts = np.flatnonzero(first)
    size = np.diff(np.r_[starts, len(prefix)])
    if size.max(initial=0) > 999:
        raise ValueError("more than 999 people share a NIP's birth date, CPNS month and gender")
    # A large cohort (people born on one day near BUP) starts low enough to stay within 3 digits;
    # other prefixes keep their draw, so smaller samples are unchanged.
    start = np.minimum(base[order][starts], 1000 - size)
    seq_sorted = np.repeat(start, size) + (np.arange(len(prefix)) - group_start)
    seq = np.empty(len(prefix), dtype=np.int64)
    seq[order] = seq_sorted
    return np.char.mod("%018d", prefix * 1000 + seq).astype(object)
