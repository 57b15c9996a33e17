"""Hypothesis strategies: tiny random rounds that reach every rule and every value term."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from mutasi_opt.tables.model import Tables

from .builders import make_nip, make_tables

GOLONGAN = ("II/a", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/e")
EDUCATION = ("SMA", "D3", "D4", "S1", "S2")
PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
KINDS = ("jpt_pratama", "administrator", "pengawas", "pelaksana", "fungsional")
JENJANG = ("ahli_pertama", "ahli_muda", "ahli_madya", "ahli_utama", "pemula", "terampil", "mahir",
           "penyelia")  # fmt: skip
UNITS = ("Dinas A", "Dinas B", "Dinas C")
CODES = ("M.01", "M.02", "T.01", "T.02")
# Titles of functional posts (their family derived from them when the family cell is empty), and
# family names as a cell or a qualification may spell them.
TITLES = ("Guru Ahli Muda pada SMP Negeri 1", "Perawat Terampil di RSUD", "perawat  MAHIR",
          "Bidan Ahli Pertama pada Puskesmas", "Auditor Ahli Madya di Inspektorat", "Ahli Muda")  # fmt: skip
FAMILIES = ("Guru", "Perawat", " perawat ", "BIDAN", "Auditor", "Dokter")
QUALIFICATIONS = (None, None, "Perawat", "guru; Bidan", " ; perawat ;", "Dokter;;AUDITOR")


@st.composite
def _posts(draw: st.DrawFn, m: int) -> list[dict[str, Any]]:
    rows = []
    with_family = draw(st.booleans())  # the optional column positions.family, or none
    for j in range(m):
        kind = draw(st.sampled_from(KINDS))
        family = draw(st.one_of(st.none(), st.none(), st.sampled_from(FAMILIES)))
        rows.append(
            {
                "position_id": f"J{j + 1}",
                "title": draw(st.sampled_from(TITLES)) if kind == "fungsional" else f"J{j + 1}",
                **({"family": family} if with_family else {}),
                "unit": draw(st.sampled_from(UNITS)),
                "kind": kind,
                "jenjang": draw(st.sampled_from(JENJANG)) if kind == "fungsional" else None,
                "capacity": draw(st.integers(1, 2)),
                "min_golongan": draw(st.one_of(st.none(), st.sampled_from(GOLONGAN[:6]))),
                "max_golongan": draw(st.one_of(st.none(), st.sampled_from(GOLONGAN[4:]))),
                "min_education": draw(st.one_of(st.none(), st.sampled_from(EDUCATION))),
                "priority": draw(st.integers(1, 5)),
                "status": draw(st.sampled_from(("active",) * 5 + ("abolished",))),
                "needs_external_approval": draw(st.booleans()) and draw(st.booleans()),
            }
        )
    return rows


@st.composite
def _people(draw: st.DrawFn, n: int, m: int) -> list[dict[str, Any]]:
    rows, held = [], set()
    with_qualifications = draw(st.booleans())  # the optional column employees.qualifications
    for i in range(n):
        post = draw(st.integers(0, m))  # m = not placed
        pid = None if post == m or post in held else f"J{post + 1}"
        held.add(post)
        cpns = f"{draw(st.integers(1990, 2024))}0{draw(st.integers(1, 9))}"
        rows.append(
            {
                "nip": make_nip(i, cpns=cpns),
                "position_id": pid,
                # Ages 26 to 62 at 2026-12-01: on both sides of every BUP and of 56.
                "birth_date": f"{draw(st.integers(1964, 2000))}-{draw(st.integers(1, 12)):02d}-"
                f"{draw(st.sampled_from((1, 15, 28)))}",
                "golongan": draw(st.sampled_from(GOLONGAN)),
                "education": draw(st.sampled_from(EDUCATION)),
                "tmt_jabatan": f"{draw(st.integers(2014, 2026))}-{draw(st.integers(1, 12)):02d}-"
                f"{draw(st.sampled_from((1, 2, 28)))}",
                "performance": draw(st.sampled_from(PREDIKAT)),
                "performance_prev": draw(st.one_of(st.none(), st.sampled_from(PREDIKAT))),
                "potential": draw(st.sampled_from((None, "rendah", "menengah", "tinggi"))),
                "status": draw(
                    st.sampled_from(("aktif",) * 6 + ("cuti", "hukuman_disiplin", "proses_hukum"))
                ),
                "locked": pid is not None and draw(st.booleans()) and draw(st.booleans()),
                "asn_type": draw(st.sampled_from(("PNS",) * 4 + ("CPNS", "PPPK"))),
                **(
                    {"qualifications": draw(st.sampled_from(QUALIFICATIONS))}
                    if with_qualifications
                    else {}
                ),
            }
        )
    return rows


@st.composite
def rounds(draw: st.DrawFn, max_people: int = 5, max_posts: int = 6) -> Tables:
    """Random tiny tables: every kind, jenjang, range, status, wish, refusal and score may appear,
    and functional families (given or from the title), qualifications and teknis competencies."""
    n, m = draw(st.integers(1, max_people)), draw(st.integers(1, max_posts))
    posts = draw(_posts(m))
    people = draw(_people(n, m))
    nips = [p["nip"] for p in people]
    ids = [p["position_id"] for p in posts]
    levels = draw(st.lists(st.tuples(st.sampled_from(nips), st.sampled_from(CODES),
                                     st.integers(0, 5)),
                           max_size=3 * n, unique_by=lambda t: (t[0], t[1])))  # fmt: skip
    requirements = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(CODES),
                                           st.integers(1, 5)),
                                 max_size=3 * m, unique_by=lambda t: (t[0], t[1])))  # fmt: skip
    preferences = []
    for nip in nips:
        targets = draw(st.lists(st.one_of(st.sampled_from(ids), st.sampled_from(UNITS)),
                                max_size=3, unique=True))  # fmt: skip
        for rank, target in enumerate(targets, start=1):
            where = {"unit": target} if target in UNITS else {"position_id": target}
            refuse = draw(st.booleans()) and draw(st.booleans())
            preferences.append({"nip": nip, "rank": None if refuse else rank, "refuse": refuse,
                                **where})  # fmt: skip
    scores = draw(st.lists(st.tuples(st.sampled_from(nips), st.sampled_from(ids),
                                     st.floats(0, 100, allow_nan=False)),
                           max_size=2 * n, unique_by=lambda t: (t[0], t[1])))  # fmt: skip
    # T.01 and T.02: teknis, manajerial, a row without a kind (teknis), or not in the dictionary.
    kinds = st.sampled_from(("teknis", "teknis", "manajerial", None, "absent"))
    dictionary = [(code, code, kind) for code in ("T.01", "T.02")
                  if (kind := draw(kinds)) != "absent"]  # fmt: skip
    return make_tables(people, posts, levels=levels, requirements=requirements,
                       preferences=preferences, scores=scores, dictionary=dictionary)  # fmt: skip


@st.composite
def sections(draw: st.DrawFn) -> dict[str, Any]:
    """Random rule switches (every mode of every rule) and weights."""
    window = [{"from": "2026-11-01", "to": "2026-12-01"}]
    rules = {
        "min_tenure_months": draw(st.sampled_from([0, 6, 24])),
        "max_tenure_months": draw(st.sampled_from([None, 24, 60])),
        "max_tenure_hard": draw(st.booleans()),
        "retirement_horizon_months": draw(st.sampled_from([0, 12, 60])),
        "allow_promotion": draw(st.booleans()),
        "allow_demotion": draw(st.booleans()),
        "rank_range": draw(st.sampled_from(["hard", "soft", "off"])),
        "education": draw(st.sampled_from(["hard", "off"])),
        "refusals": draw(st.sampled_from(["hard", "soft"])),
        "no_worse_off": draw(st.booleans()),
        "only_scored_pairs": draw(st.booleans()) and draw(st.booleans()),
        "allow_external_approval": draw(st.booleans()),
        "jpt_protection_months": draw(st.sampled_from([0, 24, 48])),
        "freeze_windows": draw(st.sampled_from([[], [], window])),
        "movable_asn_types": draw(st.sampled_from([["PNS"], ["PNS"], ["PNS", "PPPK"], []])),
        "profession": draw(st.sampled_from(["hard", "hard", "off"])),
        "missing_technical": draw(st.sampled_from(["hard", "soft", "off"])),
        "no_fit_loss": draw(st.booleans()),
        "fit_loss_allowed_min_priority": draw(st.sampled_from([None, 1, 4, 5])),
    }
    weight = st.sampled_from([0.0, 0.05, 0.3, 1.0, 1.7])
    weights = {k: draw(weight) for k in ("fit", "performance", "potential", "preference",
                                         "move_cost", "refusal_penalty", "rank_range_penalty",
                                         "missing_technical_penalty", "overdue")}  # fmt: skip
    return {"rules": rules, "weights": weights}
