"""Hypothesis strategies: small random tables and scenarios covering every rule and score."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from mutasi_opt import domain
from mutasi_opt.tables.model import Tables

from .builders import make_nip, make_tables

CODES = ("M.01", "M.02", "M.03", "T.01")
UNITS = ("Dinas A", "Dinas B", "Dinas C")


@st.composite
def post_rows(draw: st.DrawFn, m: int) -> list[dict[str, Any]]:
    rows = []
    for j in range(m):
        kind = draw(st.sampled_from(domain.KINDS))
        low = draw(st.one_of(st.none(), st.integers(0, 16)))
        rows.append(
            {
                "position_id": f"J{j + 1}",
                "unit": draw(st.sampled_from(UNITS)),
                "kind": kind,
                "jenjang": draw(st.sampled_from(domain.JENJANG)) if kind == "fungsional" else None,
                "capacity": draw(st.integers(1, 2)),
                "min_golongan": None if low is None else domain.GOLONGAN[low],
                "max_golongan": draw(
                    st.one_of(st.none(), st.sampled_from(domain.GOLONGAN[low or 0 :]))
                ),
                "min_education": draw(st.one_of(st.none(), st.sampled_from(domain.EDUCATION))),
                "priority": draw(st.integers(1, 5)),
                "status": draw(st.sampled_from(("active",) * 5 + ("abolished",))),
                "needs_external_approval": draw(st.booleans()) and draw(st.booleans()),
            }
        )
    return rows


@st.composite
def person_rows(draw: st.DrawFn, n: int, m: int) -> list[dict[str, Any]]:
    rows = []
    for i in range(n):
        year = draw(st.integers(1966, 1998))
        placed = draw(st.integers(0, m))  # m = not placed
        rows.append(
            {
                "nip": make_nip(i + 1, birth=f"{year}0{draw(st.integers(1, 9))}15"),
                "position_id": None if placed == m else f"J{placed + 1}",
                "golongan": draw(st.sampled_from(domain.GOLONGAN)),
                "education": draw(st.sampled_from(domain.EDUCATION)),
                "tmt_jabatan": f"{draw(st.integers(2015, 2026))}-0{draw(st.integers(1, 9))}-01",
                "performance": draw(st.sampled_from(domain.PREDIKAT)),
                "performance_prev": draw(st.one_of(st.none(), st.sampled_from(domain.PREDIKAT))),
                "potential": draw(st.one_of(st.none(), st.sampled_from(domain.POTENTIAL))),
                "status": draw(st.sampled_from(("aktif",) * 6 + ("cuti",))),
                "locked": draw(st.booleans()) and draw(st.booleans()),
                "asn_type": draw(st.sampled_from(("PNS",) * 4 + ("CPNS", "PPPK"))),
            }
        )
    # One post per holder: keep the first holder of a post, unplace the others.
    seen: set[str] = set()
    for row in rows:
        if row["position_id"] in seen:
            row["position_id"] = None
        elif row["position_id"] is not None:
            seen.add(row["position_id"])
    return rows


@st.composite
def tables(draw: st.DrawFn, max_people: int = 6, max_posts: int = 6) -> Tables:
    """Random small tables: every kind, jenjang, range, wish, refusal and score may appear."""
    n = draw(st.integers(1, max_people))
    m = draw(st.integers(1, max_posts))
    posts = draw(post_rows(m))
    people = draw(person_rows(n, m))
    nips = [p["nip"] for p in people]
    levels = draw(
        st.lists(
            st.tuples(st.sampled_from(nips), st.sampled_from(CODES), st.integers(1, 5)),
            max_size=4 * n,
            unique_by=lambda t: (t[0], t[1]),
        )
    )
    requirements = draw(
        st.lists(
            st.tuples(
                st.sampled_from([p["position_id"] for p in posts]),
                st.sampled_from(CODES),
                st.integers(1, 5),
            ),
            max_size=3 * m,
            unique_by=lambda t: (t[0], t[1]),
        )
    )
    preferences = []
    for nip in nips:
        for rank in range(1, draw(st.integers(0, 3)) + 1):
            target = draw(st.one_of(st.sampled_from(posts), st.sampled_from(UNITS)))
            where = (
                {"unit": target}
                if isinstance(target, str)
                else {"position_id": target["position_id"]}
            )
            refuse = draw(st.booleans()) and draw(st.booleans())
            preferences.append(
                {"nip": nip, "rank": None if refuse else rank, "refuse": refuse, **where}
            )
    scores = draw(
        st.lists(
            st.tuples(
                st.sampled_from(nips),
                st.sampled_from([p["position_id"] for p in posts]),
                st.floats(0, 100),
            ),
            max_size=n,
            unique_by=lambda t: (t[0], t[1]),
        )
    )
    return make_tables(people, posts, levels, requirements, preferences, scores)


@st.composite
def rule_settings(draw: st.DrawFn) -> dict[str, Any]:
    """Random rule switches (every mode of every rule)."""
    return {
        "min_tenure_months": draw(st.sampled_from([0, 6, 24])),
        "max_tenure_hard": draw(st.booleans()),
        "allow_promotion": draw(st.booleans()),
        "allow_demotion": draw(st.booleans()),
        "rank_range": draw(st.sampled_from(["hard", "soft", "off"])),
        "education": draw(st.sampled_from(["hard", "off"])),
        "refusals": draw(st.sampled_from(["hard", "soft"])),
        "no_worse_off": draw(st.booleans()),
        "no_fit_loss": draw(st.booleans()),
        "fit_loss_allowed_min_priority": draw(st.sampled_from([None, 1, 4, 5])),
        "only_scored_pairs": draw(st.booleans()) and draw(st.booleans()),
        "allow_external_approval": draw(st.booleans()),
        "jpt_protection_months": draw(st.sampled_from([0, 24])),
        "retirement_horizon_months": draw(st.sampled_from([0, 12, 120])),
        "freeze_windows": draw(
            st.sampled_from([[], [], [{"from": "2026-11-01", "to": "2026-12-31"}]])
        ),
    }
