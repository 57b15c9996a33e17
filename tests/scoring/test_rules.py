"""One tiny case per eligibility rule: the pair is excluded, with the rule's reason code.

Everyone is placed in J1 (pelaksana, Dinas A) unless said otherwise; J2 (Dinas B) and J3 (Dinas C)
are free pelaksana posts. As of 2026-12-01 the default person (born 1980, in post since
2020-01-01, S1, III/a, Baik) may take every post.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from mutasi_opt.rules import RULE_CODES, RULES, decode_exclusions, exclusion_codes, exclusion_mask
from mutasi_opt.solve import Status, solve

from .builders import build, candidate_posts, make_nip, make_tables

P0, P1 = make_nip(1), make_nip(2)


def posts(**changes: dict[str, Any]) -> list[dict[str, Any]]:
    base = {
        "J1": {"position_id": "J1", "unit": "Dinas A"},
        "J2": {"position_id": "J2", "unit": "Dinas B"},
        "J3": {"position_id": "J3", "unit": "Dinas C"},
    }
    for key, change in changes.items():
        base[key] = {**base[key], **change}
    return list(base.values())


def person(**changes: Any) -> dict[str, Any]:
    return {"nip": P0, "position_id": "J1", **changes}


def codes(problem, i: int, post_id: str) -> tuple[str, ...]:
    j = int(np.flatnonzero(problem.post_id == post_id)[0])
    return exclusion_codes(problem.context, i, j)[0]


def test_rules_are_registered_in_the_documented_order():
    assert RULE_CODES == (
        "abolished", "frozen", "not_active", "locked", "min_tenure", "retirement",
        "jpt_protection", "max_tenure", "promotion", "demotion", "rank_range", "education",
        "profession", "missing_technical", "refusal", "external_approval", "only_scored", "no_worse_off", "asn_type",
        "no_fit_loss", "ruling",
    )  # fmt: skip
    assert all(r.description_id and r.description_en for r in RULES)


def test_default_person_may_take_every_post():
    problem = build(make_tables([person()], posts()))
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3"]
    assert all(v == 0 for k, v in problem.stats.items() if k.startswith("excluded."))


def test_abolished_post_is_no_target_and_its_holder_must_leave():
    problem = build(make_tables([person()], posts(J1={"status": "abolished"})))
    assert candidate_posts(problem, 0) == ["J2", "J3"]
    assert codes(problem, 0, "J1") == ("abolished",)
    assert problem.stats["excluded.abolished"] == 1


def test_abolished_post_of_someone_who_must_stay_leaves_no_candidate():
    tables = make_tables([person(locked=True)], posts(J1={"status": "abolished"}))
    problem = build(tables)
    assert candidate_posts(problem, 0) == []
    assert problem.instance.people_without_candidates.tolist() == [0]
    assert problem.stats["people_without_candidates"] == 1
    assert codes(problem, 0, "J1") == ("abolished",)
    assert codes(problem, 0, "J2") == ("locked",)


def test_the_holder_of_an_abolished_post_moves_whatever_their_tenure():
    # 2026-01-01 to 2026-12-01: 11 whole months < 24, but the post is abolished.
    tables = make_tables([person(tmt_jabatan="2026-01-01")], posts(J1={"status": "abolished"}))
    problem = build(tables)
    assert candidate_posts(problem, 0) == ["J2", "J3"]
    assert codes(problem, 0, "J2") == ()
    assert problem.stats["excluded.min_tenure"] == 0


def test_the_holder_of_an_abolished_jpt_post_is_not_held_by_the_protection():
    # 18 months in J1 (JPT), within jpt_protection_months 24, but J1 is abolished.
    jpt = posts(J1={"kind": "jpt_pratama", "status": "abolished"}, J2={"kind": "jpt_pratama"})
    tables = make_tables([person(tmt_jabatan="2025-06-01")], jpt)
    problem = build(tables, rules={"min_tenure_months": 6})
    assert candidate_posts(problem, 0) == ["J2"]
    assert codes(problem, 0, "J2") == ()


@pytest.mark.parametrize(
    ("change", "rules", "code"),
    [
        ({"locked": True}, {}, "locked"),
        ({"status": "tugas_belajar"}, {}, "not_active"),
        ({}, {"freeze_windows": [{"from": "2026-11-01", "to": "2027-01-31"}]}, "frozen"),
        # Born 1969-03-01: 3 months from the BUP (58) of the pelaksana post held.
        ({"nip": make_nip(1, birth="19690301")}, {}, "retirement"),
    ],
)
def test_the_rules_not_about_tenure_still_hold_the_holder_of_an_abolished_post(change, rules, code):
    tables = make_tables([person(**change)], posts(J1={"status": "abolished"}))
    problem = build(tables, rules=rules)
    assert candidate_posts(problem, 0) == []
    assert problem.instance.people_without_candidates.tolist() == [0]
    assert codes(problem, 0, "J2") == (code,)


def test_a_restructuring_places_the_holder_and_is_infeasible_only_without_an_open_post():
    holder = person(tmt_jabatan="2026-01-01")  # 11 months in the abolished J1
    tables = make_tables([holder], posts(J1={"status": "abolished"}))
    result = solve(build(tables))
    assert result.status == Status.OPTIMAL
    assert result.assignment is not None
    assert int(result.assignment[0]) in (1, 2)
    # Refusing both other units leaves no post at all open: infeasible, and the holder named.
    refusals = [{"nip": P0, "unit": u, "refuse": True} for u in ("Dinas B", "Dinas C")]
    closed = make_tables([holder], posts(J1={"status": "abolished"}), preferences=refusals)
    result = solve(build(closed))
    assert result.status == Status.INFEASIBLE
    (conflict,) = result.conflicts
    assert conflict.nips == (P0,)
    assert conflict.families == ("abolished", "refusal")


def test_frozen_keeps_placed_people_but_places_unplaced_ones():
    tables = make_tables([person(), {"nip": P1}], posts())
    window = [{"from": "2026-11-01", "to": "2027-01-31", "reason": "pilkada"}]
    problem = build(tables, rules={"freeze_windows": window})
    assert candidate_posts(problem, 0) == ["J1"]
    assert codes(problem, 0, "J2") == ("frozen",)
    # J1 is P0's post but capacity is the solver's business, not eligibility.
    assert candidate_posts(problem, 1) == ["J1", "J2", "J3"]


def test_frozen_window_outside_as_of_changes_nothing():
    window = [{"from": "2025-01-01", "to": "2025-06-30"}]
    problem = build(make_tables([person()], posts()), rules={"freeze_windows": window})
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3"]


@pytest.mark.parametrize(
    "status",
    [
        "hukuman_disiplin", "tugas_belajar", "cuti", "proses_hukum", "ikatan_dinas",
        "pemberhentian_sementara", "masa_persiapan_pensiun",
    ],
)  # fmt: skip
def test_not_active_stays(status):
    problem = build(make_tables([person(status=status)], posts()))
    assert candidate_posts(problem, 0) == ["J1"]
    assert codes(problem, 0, "J3") == ("not_active",)
    assert problem.stats["excluded.not_active"] == 2


def test_not_active_unplaced_person_has_no_candidate():
    problem = build(make_tables([{"nip": P0, "status": "cuti"}], posts()))
    assert candidate_posts(problem, 0) == []


def test_cpns_and_pppk_stay_while_pns_moves():
    # P0 (PNS) in J1, P1 (PPPK) in J2, P2 (CPNS) in J3; each wishes J1's neighbour most.
    p2 = make_nip(3)
    people = [
        person(),
        {"nip": P1, "position_id": "J2", "asn_type": "PPPK"},
        {"nip": p2, "position_id": "J3", "asn_type": "CPNS"},
    ]
    wishes = [
        {"nip": P0, "rank": 1, "position_id": "J4"},
        {"nip": P1, "rank": 1, "position_id": "J4"},
        {"nip": p2, "rank": 1, "position_id": "J4"},
    ]
    four = [*posts(), {"position_id": "J4", "unit": "Dinas D"}]
    problem = build(make_tables(people, four, preferences=wishes))
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3", "J4"]
    assert candidate_posts(problem, 1) == ["J2"]
    assert candidate_posts(problem, 2) == ["J3"]
    assert codes(problem, 1, "J4") == ("asn_type",)
    assert codes(problem, 2, "J1") == ("asn_type",)
    assert problem.stats["excluded.asn_type"] == 6
    result = solve(problem)
    assert result.status == Status.OPTIMAL
    assert result.assignment is not None
    assert [str(problem.post_id[j]) for j in result.assignment] == ["J4", "J2", "J3"]


def test_movable_asn_types_lets_a_listed_type_move():
    people = [person(asn_type="PPPK"), {"nip": P1, "position_id": "J2", "asn_type": "CPNS"}]
    problem = build(make_tables(people, posts()), rules={"movable_asn_types": ["pns", "PPPK"]})
    assert problem.scenario.rules.movable_asn_types == ["PNS", "PPPK"]
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3"]
    assert candidate_posts(problem, 1) == ["J2"]


def test_an_unplaced_cpns_is_placed():
    tables = make_tables([{"nip": P0, "asn_type": "CPNS"}], posts())
    problem = build(tables)
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3"]
    result = solve(problem)
    assert result.status == Status.OPTIMAL


def test_a_pppk_under_a_hard_maximum_tenure_stays():
    # 83 months in J1, past max_tenure_months 60 with max_tenure_hard: the PPPK is exempt.
    problem = build(
        make_tables([person(asn_type="PPPK")], posts()), rules={"max_tenure_hard": True}
    )
    assert candidate_posts(problem, 0) == ["J1"]


def test_locked_stays():
    problem = build(make_tables([person(locked=True)], posts()))
    assert candidate_posts(problem, 0) == ["J1"]
    assert codes(problem, 0, "J2") == ("locked",)


def test_min_tenure_stays():
    # 2026-01-01 to 2026-12-01: 11 whole months < 24.
    problem = build(make_tables([person(tmt_jabatan="2026-01-01")], posts()))
    assert candidate_posts(problem, 0) == ["J1"]
    assert codes(problem, 0, "J2") == ("min_tenure",)
    assert problem.stats["excluded.min_tenure"] == 2


def test_min_tenure_boundary_in_whole_months():
    # Exactly 24 whole months (2024-12-01 to 2026-12-01) may move; one day less may not.
    tables = make_tables(
        [
            person(tmt_jabatan="2024-12-01"),
            {"nip": P1, "position_id": "J2", "tmt_jabatan": "2024-12-02"},
        ],
        posts(),
    )
    problem = build(tables)
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3"]
    assert candidate_posts(problem, 1) == ["J2"]


def test_retirement_horizon_stays():
    # Born 1969-03-01: 57 years 9 months on 2026-12-01; BUP 58 of a pelaksana post is 3 months away.
    problem = build(make_tables([person(nip=make_nip(1, birth="19690301"))], posts()))
    assert candidate_posts(problem, 0) == ["J1"]
    assert codes(problem, 0, "J2") == ("retirement",)


def test_retirement_horizon_is_a_setting():
    tables = make_tables([person(nip=make_nip(1, birth="19690301"))], posts())
    problem = build(tables, rules={"retirement_horizon_months": 2})
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3"]


def test_nobody_takes_a_post_past_its_bup():
    # Born 1968-05-01 (58 years 7 months), holding an ahli madya post (BUP 60, 17 months away):
    # free to move, but not into a pelaksana post whose BUP (58) is already past.
    tables = make_tables(
        [person(nip=make_nip(1, birth="19680501"))],
        posts(
            J1={"kind": "fungsional", "jenjang": "ahli_madya", "family": "Analis Kebijakan"},
            J3={"kind": "fungsional", "jenjang": "ahli_madya", "family": "Analis Kebijakan"},
        ),
    )
    problem = build(tables, rules={"allow_demotion": True})
    assert candidate_posts(problem, 0) == ["J1", "J3"]
    assert codes(problem, 0, "J2") == ("retirement",)


def test_the_horizon_counts_against_the_bup_of_the_post_taken():
    # Born 1969-06-01 (57 years 6 months), holding an ahli madya post (BUP 60, 30 months away):
    # free to move, to another ahli madya post but not into an administrator post (same level,
    # BUP 58, 6 months away).
    madya = {"kind": "fungsional", "jenjang": "ahli_madya", "family": "Analis Kebijakan"}
    tables = make_tables(
        [person(nip=make_nip(1, birth="19690601"))],
        posts(J1=madya, J2={"kind": "administrator"}, J3=madya),
    )
    problem = build(tables)
    assert candidate_posts(problem, 0) == ["J1", "J3"]
    assert codes(problem, 0, "J2") == ("retirement",)
    assert candidate_posts(build(tables, rules={"retirement_horizon_months": 5}), 0) == [
        "J1",
        "J2",
        "J3",
    ]


def test_the_horizon_of_the_post_applies_to_placements():
    # Unplaced, born 1969-06-01: 6 months from BUP 58 (pelaksana), 30 from BUP 60 (ahli madya).
    tables = make_tables(
        [{"nip": make_nip(1, birth="19690601"), "qualifications": "Analis Kebijakan"}],
        posts(J3={"kind": "fungsional", "jenjang": "ahli_madya", "family": "Analis Kebijakan"}),
    )
    problem = build(tables)
    assert candidate_posts(problem, 0) == ["J3"]
    assert codes(problem, 0, "J1") == ("retirement",)


def test_jpt_protection_stays():
    tables = make_tables(
        [person(tmt_jabatan="2025-06-01")],
        posts(J1={"kind": "jpt_pratama"}, J2={"kind": "jpt_pratama"}),
    )
    problem = build(tables, rules={"min_tenure_months": 6})
    assert candidate_posts(problem, 0) == ["J1"]
    assert codes(problem, 0, "J2") == ("jpt_protection",)


def test_max_tenure_hard_removes_the_current_post():
    # In post since 2020-01-01: 83 months > 60.
    problem = build(make_tables([person()], posts()), rules={"max_tenure_hard": True})
    assert candidate_posts(problem, 0) == ["J2", "J3"]
    assert codes(problem, 0, "J1") == ("max_tenure",)


def test_max_tenure_soft_keeps_the_current_post():
    problem = build(make_tables([person()], posts()))
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3"]


def test_max_tenure_does_not_force_out_someone_who_must_stay():
    tables = make_tables([person(locked=True)], posts())
    problem = build(tables, rules={"max_tenure_hard": True})
    assert candidate_posts(problem, 0) == ["J1"]


def test_promotion_to_pengawas_needs_d3():
    tables = make_tables([person(education="SMA")], posts(J2={"kind": "pengawas"}))
    problem = build(tables)
    assert codes(problem, 0, "J2") == ("promotion",)
    assert "J2" in candidate_posts(
        build(make_tables([person(education="D3")], posts(J2={"kind": "pengawas"}))), 0
    )


def test_promotion_to_pengawas_needs_48_months():
    # 2023-01-01 to 2026-12-01: 47 whole months.
    tables = make_tables([person(tmt_jabatan="2023-01-01")], posts(J2={"kind": "pengawas"}))
    assert codes(build(tables), 0, "J2") == ("promotion",)


def test_promotion_is_at_most_one_step():
    tables = make_tables([person()], posts(J2={"kind": "administrator"}, J3={"kind": "pengawas"}))
    problem = build(tables)
    assert codes(problem, 0, "J2") == ("promotion",)
    assert codes(problem, 0, "J3") == ()


def test_promotion_needs_baik_in_both_years():
    tables = make_tables(
        [person(performance_prev="Butuh Perbaikan")], posts(J2={"kind": "pengawas"})
    )
    assert codes(build(tables), 0, "J2") == ("promotion",)


def test_promotion_can_be_switched_off():
    tables = make_tables([person()], posts(J2={"kind": "pengawas"}))
    problem = build(tables, rules={"allow_promotion": False})
    assert codes(problem, 0, "J2") == ("promotion",)


def test_promotion_to_administrator_needs_s1_or_d4():
    tables = make_tables(
        [person(education="D3")], posts(J1={"kind": "pengawas"}, J2={"kind": "administrator"})
    )
    assert codes(build(tables), 0, "J2") == ("promotion",)
    tables = make_tables(
        [person(education="D4")], posts(J1={"kind": "pengawas"}, J2={"kind": "administrator"})
    )
    assert codes(build(tables), 0, "J2") == ()


def test_promotion_to_jpt_needs_age_at_most_56():
    # From ahli madya (level 4, BUP 60, so retirement is not near) to JPT (level 5).
    admin_jpt = posts(
        J1={"kind": "fungsional", "jenjang": "ahli_madya", "family": "Analis Kebijakan"},
        J2={"kind": "jpt_pratama"},
    )
    # Born 1970-01-01: 56 years 11 months, may; born 1969-11-01: 57 years 1 month, may not.
    young = make_tables([person(nip=make_nip(1, birth="19700101"))], admin_jpt)
    old = make_tables([person(nip=make_nip(1, birth="19691101"))], admin_jpt)
    assert codes(build(young), 0, "J2") == ()
    assert codes(build(old), 0, "J2") == ("promotion",)


def test_promotion_to_jpt_needs_five_years_of_service():
    admin_jpt = posts(J1={"kind": "administrator"}, J2={"kind": "jpt_pratama"})
    # CPNS 2022-01: 59 months of service by 2026-12-01.
    tables = make_tables([person(nip=make_nip(1, cpns="202201"))], admin_jpt)
    assert codes(build(tables), 0, "J2") == ("promotion",)


def test_demotion_needs_permission():
    tables = make_tables([person()], posts(J1={"kind": "pengawas"}))
    assert codes(build(tables), 0, "J2") == ("demotion",)
    assert codes(build(tables, rules={"allow_demotion": True}), 0, "J2") == ()


def test_unplaced_people_have_no_level_to_promote_from():
    tables = make_tables([{"nip": P0}], posts(J2={"kind": "administrator"}))
    assert candidate_posts(build(tables), 0) == ["J1", "J2", "J3"]


def test_an_unplaced_person_is_not_placed_as_kepala_dinas_without_the_requirements():
    # The case: SMA, II/c, born 1968-01-01 (58 years 11 months). The JPT post's BUP (60)
    # is 13 months away, so only its requirements close it (S1/D4, age at most 56); the pelaksana
    # and pengawas posts (BUP 58) are past their BUP.
    tables = make_tables(
        [{"nip": make_nip(1, birth="19680101"), "education": "SMA", "golongan": "II/c"}],
        posts(J2={"kind": "jpt_pratama", "title": "Kepala Dinas"}, J3={"kind": "pengawas"}),
    )
    problem = build(tables)
    assert candidate_posts(problem, 0) == []
    assert codes(problem, 0, "J2") == ("promotion",)
    assert codes(problem, 0, "J3") == ("retirement", "promotion")


@pytest.mark.parametrize(
    ("kind", "change", "allowed"),
    [
        ("pengawas", {"education": "SMA"}, False),
        ("pengawas", {"education": "D3"}, True),
        ("administrator", {"education": "D3"}, False),
        ("administrator", {"education": "D4"}, True),
        ("jpt_pratama", {"education": "D3"}, False),
        # CPNS 2022-01: 59 months of service; 2021-12: 60.
        ("jpt_pratama", {"nip": make_nip(1, cpns="202201")}, False),
        ("jpt_pratama", {"nip": make_nip(1, cpns="202112")}, True),
        # 57 years 1 month (BUP 60 is 35 months away): above 56; 56 years 11 months may.
        ("jpt_pratama", {"nip": make_nip(1, birth="19691101")}, False),
        ("jpt_pratama", {"nip": make_nip(1, birth="19700101")}, True),
        ("pelaksana", {"education": "SD"}, True),
    ],
)
def test_an_unplaced_person_meets_the_requirements_of_the_posts_kind(kind, change, allowed):
    tables = make_tables([{"nip": P0, **change}], posts(J2={"kind": kind}))
    assert codes(build(tables), 0, "J2") == (() if allowed else ("promotion",))


def test_a_placement_asks_no_tenure_predikat_level_or_allow_promotion():
    # Unplaced, S1, golongan II/a, appraisal Kurang: placed as administrator or JPT Pratama (no
    # months in a lower post, no level to be one up from; the predikat rule and allow_promotion
    # are about promotions).
    person_ = {"nip": P0, "golongan": "II/a", "performance": "Kurang"}
    tables = make_tables([person_], posts(J2={"kind": "administrator"}, J3={"kind": "jpt_pratama"}))
    assert candidate_posts(build(tables, rules={"allow_promotion": False}), 0) == ["J1", "J2", "J3"]


def test_rank_range_hard():
    tables = make_tables(
        [person()], posts(J1={"max_golongan": "II/d"}, J2={"min_golongan": "III/c"})
    )
    problem = build(tables)
    assert codes(problem, 0, "J2") == ("rank_range",)
    # The current post stays a candidate even though III/a is above its range.
    assert candidate_posts(problem, 0) == ["J1", "J3"]


def test_rank_range_soft_is_a_penalty_and_off_is_nothing():
    tables = make_tables([person()], posts(J2={"min_golongan": "III/c"}))
    soft = build(tables, rules={"rank_range": "soft"})
    assert candidate_posts(soft, 0) == ["J1", "J2", "J3"]
    assert soft.pairs.penalty.tolist() == [0.0, 0.5, 0.0]
    off = build(tables, rules={"rank_range": "off"})
    assert off.pairs.penalty.tolist() == [0.0, 0.0, 0.0]


def test_education_minimum():
    tables = make_tables([person()], posts(J2={"min_education": "S2"}))
    assert codes(build(tables), 0, "J2") == ("education",)
    assert codes(build(tables, rules={"education": "off"}), 0, "J2") == ()


def test_refusal_of_a_post_and_of_a_unit():
    prefs = [
        {"nip": P0, "position_id": "J2", "refuse": True},
        {"nip": P0, "unit": "Dinas C", "refuse": True},
    ]
    problem = build(make_tables([person()], posts(), preferences=prefs))
    assert candidate_posts(problem, 0) == ["J1"]
    assert codes(problem, 0, "J2") == ("refusal",)
    assert codes(problem, 0, "J3") == ("refusal",)


def test_soft_refusal_is_a_penalty():
    prefs = [{"nip": P0, "position_id": "J2", "refuse": True}]
    problem = build(
        make_tables([person()], posts(), preferences=prefs),
        rules={"refusals": "soft"},
        weights={"refusal_penalty": 2.0},
    )
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3"]
    assert problem.pairs.penalty.tolist() == [0.0, 2.0, 0.0]


def test_external_approval_post_is_no_target_but_its_holder_stays():
    tables = make_tables(
        [person(), {"nip": P1, "position_id": "J2"}], posts(J2={"needs_external_approval": True})
    )
    problem = build(tables)
    assert codes(problem, 0, "J2") == ("external_approval",)
    assert "J2" in candidate_posts(problem, 1)
    allowed = build(tables, rules={"allow_external_approval": True})
    assert "J2" in candidate_posts(allowed, 0)


def test_only_scored_pairs():
    tables = make_tables([person()], posts(), scores=[(P0, "J3", 70.0)])
    problem = build(tables, rules={"only_scored_pairs": True})
    assert candidate_posts(problem, 0) == ["J1", "J3"]  # J1: the current post, unscored
    assert codes(problem, 0, "J2") == ("only_scored",)


def test_no_worse_off_with_wishes():
    prefs = [{"nip": P0, "rank": 1, "unit": "Dinas B"}]
    problem = build(
        make_tables([person()], posts(), preferences=prefs), rules={"no_worse_off": True}
    )
    assert candidate_posts(problem, 0) == ["J1", "J2"]
    assert codes(problem, 0, "J3") == ("no_worse_off",)


def test_no_worse_off_compares_with_the_wished_current_post():
    prefs = [
        {"nip": P0, "rank": 1, "position_id": "J1"},
        {"nip": P0, "rank": 2, "position_id": "J2"},
    ]
    problem = build(
        make_tables([person()], posts(), preferences=prefs), rules={"no_worse_off": True}
    )
    assert candidate_posts(problem, 0) == ["J1"]


def test_no_worse_off_leaves_people_without_wishes_free():
    problem = build(make_tables([person()], posts()), rules={"no_worse_off": True})
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3"]


def test_several_reasons_are_all_reported_and_the_first_is_counted():
    tables = make_tables(
        [person(locked=True)], posts(J2={"status": "abolished", "min_education": "S3"})
    )
    problem = build(tables)
    assert codes(problem, 0, "J2") == ("abolished", "locked", "education")
    assert problem.stats["excluded.abolished"] == 1
    assert problem.stats["excluded.locked"] == 1  # J3 only
    assert problem.stats["excluded.education"] == 0


def test_exclusion_mask_bits_follow_rule_order():
    tables = make_tables([person(locked=True)], posts(J2={"status": "abolished"}))
    problem = build(tables)
    mask = exclusion_mask(problem.context, 0, np.arange(3))
    bit = {code: 1 << k for k, code in enumerate(RULE_CODES)}
    assert mask.tolist() == [0, bit["abolished"] | bit["locked"], bit["locked"]]
    assert decode_exclusions(int(mask[1])) == ("abolished", "locked")


# --- profession (career pattern, PP 11/2017 art. 190(4)-(5)) ------------------------------------


def _clinic() -> list[dict[str, Any]]:
    return [
        {"position_id": "N1", "title": "Perawat Ahli Pertama pada Puskesmas A",
         "kind": "fungsional", "jenjang": "ahli_pertama", "unit": "Dinas Kesehatan"},
        {"position_id": "N2", "title": "Perawat Ahli Pertama di RSUD", "kind": "fungsional",
         "jenjang": "ahli_pertama", "unit": "RSUD"},
        {"position_id": "B1", "title": "Bidan Ahli Pertama", "family": "Bidan",
         "kind": "fungsional", "jenjang": "ahli_pertama", "unit": "Dinas Kesehatan"},
        {"position_id": "G1", "title": "Jabatan Guru Ahli Pertama", "family": "guru",
         "kind": "fungsional", "jenjang": "ahli_pertama", "unit": "Dinas Pendidikan"},
        {"position_id": "S1", "title": "Pengadministrasi Umum", "kind": "pelaksana",
         "unit": "Dinas Kesehatan"},
    ]  # fmt: skip


def test_a_functional_post_takes_only_people_of_its_family():
    nurse, midwife_too, teacher, staff, unplaced = (make_nip(k) for k in range(1, 6))
    people = [
        {"nip": nurse, "position_id": "N1"},
        {"nip": midwife_too, "position_id": "N2", "qualifications": "Bidan ; "},
        {"nip": teacher, "position_id": "G1"},
        {"nip": staff, "position_id": "S1"},
        {"nip": unplaced, "position_id": None, "qualifications": "GURU"},
    ]
    problem = build(make_tables(people, _clinic()), rules={"allow_demotion": True})
    # The family comes from the title ("Perawat"), or from the family cell (case-insensitive).
    assert candidate_posts(problem, 0) == ["N1", "N2", "S1"]
    assert codes(problem, 0, "B1") == ("profession",)
    assert codes(problem, 0, "G1") == ("profession",)
    # A listed qualification opens a second family.
    assert candidate_posts(problem, 1) == ["N1", "N2", "B1", "S1"]
    assert candidate_posts(problem, 2) == ["G1", "S1"]
    # A pelaksana enters a functional family only through a qualification; so does an unplaced
    # person.
    assert codes(problem, 3, "N1") == ("profession",)
    assert candidate_posts(problem, 4) == ["G1", "S1"]
    assert problem.stats["excluded.profession"] == 2 + 1 + 3 + 4 + 3


def test_profession_off_opens_every_family():
    people = [{"nip": P0, "position_id": "N1"}, {"nip": P1, "position_id": "S1"}]
    problem = build(
        make_tables(people, _clinic()), rules={"profession": "off", "allow_demotion": True}
    )
    assert candidate_posts(problem, 0) == ["N1", "N2", "B1", "G1", "S1"]
    assert problem.stats["excluded.profession"] == 0


def test_a_holder_of_an_abolished_functional_post_with_no_family_post_left_is_infeasible():
    posts_ = [{**p, "status": "abolished"} if p["position_id"] == "B1" else p for p in _clinic()]
    problem = build(make_tables([{"nip": P0, "position_id": "B1"}], posts_))
    # Bidan is the only family they hold and its only post is abolished: nothing is open.
    assert candidate_posts(problem, 0) == []
    assert set(codes(problem, 0, "N1")) == {"profession"}


# --- missing_technical --------------------------------------------------------------------------


def _technical_round(**sections: Any):
    people = [{"nip": P0, "position_id": "J1"}, {"nip": P1, "position_id": "J2"}]
    req = [("J1", "T.01", 2), ("J2", "T.01", 3), ("J2", "M.01", 3), ("J3", "M.01", 2)]
    req += [("J3", "T.02", 1)]
    levels = [(P0, "T.01", 2), (P0, "M.01", 3), (P1, "T.01", 1), (P1, "T.02", 1)]
    tables = make_tables(people, posts(), levels, req, technical=("T.01", "T.02"))
    # P0's fit falls from J1 (1.0) to J2 (5/6): no_fit_loss is not what these tests are about.
    rules = {"no_fit_loss": False, **sections.pop("rules", {})}
    return build(tables, rules=rules, **sections)


def test_a_required_teknis_competency_at_level_0_closes_the_pair():
    problem = _technical_round()
    # P0 holds T.01 (any level > 0 opens J2) but not T.02 (J3 asks it).
    assert candidate_posts(problem, 0) == ["J1", "J2"]
    assert codes(problem, 0, "J3") == ("missing_technical",)
    # P1 holds both; lacking the managerial M.01 closes nothing.
    assert candidate_posts(problem, 1) == ["J1", "J2", "J3"]
    assert problem.stats["excluded.missing_technical"] == 1


def test_a_held_post_stays_a_candidate_without_its_teknis_competency():
    people = [{"nip": P0, "position_id": "J1"}]
    tables = make_tables(people, posts(), [], [("J1", "T.01", 2)], technical=("T.01",))
    assert candidate_posts(build(tables), 0) == ["J1", "J2", "J3"]


def test_missing_technical_soft_is_a_penalty_and_off_is_nothing():
    hard = _technical_round()
    soft = _technical_round(rules={"missing_technical": "soft"})
    off = _technical_round(rules={"missing_technical": "off"}, weights={})
    assert candidate_posts(soft, 0) == ["J1", "J2", "J3"]
    k_soft, k_off = int(soft.instance.pair_index(0, 2)), int(off.instance.pair_index(0, 2))
    assert soft.pairs.penalty[k_soft] == pytest.approx(0.2)
    assert soft.pairs.value[k_soft] == pytest.approx(off.pairs.value[k_off] - 0.2)
    # Pairs that lack nothing keep their value.
    for i, j in ((0, 1), (1, 2)):
        assert hard.pairs.value[int(hard.instance.pair_index(i, j))] == pytest.approx(
            soft.pairs.value[int(soft.instance.pair_index(i, j))]
        )
    assert candidate_posts(off, 0) == ["J1", "J2", "J3"]
    assert off.pairs.penalty.max() == 0.0


# --- the registry -------------------------------------------------------------------------------


def test_every_rule_setting_is_a_scenario_key():
    from mutasi_opt.scenario import Rules

    fields = set(Rules.model_fields)
    for r in RULES:
        if r.setting is not None:
            section, key = r.setting.split(".")
            assert section == "rules", r.code
            assert key in fields, r.code


def test_stays_rules_come_from_the_registry_and_pinned_reads_them():
    from mutasi_opt.plan.reasons import reason_codes
    from mutasi_opt.rules import STAYS_RULE_CODES, pinned

    assert STAYS_RULE_CODES == (
        "frozen", "not_active", "locked", "min_tenure", "retirement", "jpt_protection", "asn_type",
        "ruling",
    )  # fmt: skip
    # The plan keeps no copy: its reason codes are the registry's stays rules, in their order.
    codes = reason_codes()
    first = codes.index(STAYS_RULE_CODES[0])
    assert codes[first : first + len(STAYS_RULE_CODES)] == STAYS_RULE_CODES
    assert len(set(codes)) == len(codes)
    people = [
        person(),
        {"nip": P1, "position_id": "J2", "tmt_jabatan": "2026-01-01"},  # 11 months in post
        {"nip": make_nip(3), "position_id": "J3", "locked": True},
    ]
    problem = build(make_tables(people, posts()))
    assert pinned(problem.context, np.arange(3)).tolist() == [False, True, True]


def test_explain_details_name_the_failing_requirement():
    from mutasi_opt.rules import pair_details

    people = [
        {"nip": P0, "position_id": "N1", "education": "D3", "golongan": "II/c"},
        {"nip": P1, "position_id": None, "education": "SMA", "birth_date": "1967-12-01"},
    ]
    jobs = [
        *_clinic(),
        {"position_id": "K1", "title": "Kepala Dinas", "kind": "jpt_pratama", "unit": "Dinas X"},
        {"position_id": "A1", "title": "Sekretaris", "kind": "administrator", "unit": "Dinas X",
         "min_education": "S1"},
    ]  # fmt: skip
    problem = build(make_tables(people, jobs))
    ctx = problem.context
    j = {pid: k for k, pid in enumerate(problem.post_id.tolist())}
    assert pair_details(ctx, 0, j["B1"], "id") == {
        "profession": "rumpun jabatan Bidan; rumpun pegawai: Perawat"
    }
    assert pair_details(ctx, 0, j["B1"], "en") == {
        "profession": "post family Bidan; person's families: Perawat"
    }
    said = pair_details(ctx, 0, j["A1"], "id")
    assert said["promotion"].startswith("naik 2 tingkat (maks. 1); butuh S1/D-IV, pendidikan D3")
    assert said["education"] == "butuh S1, pendidikan D3"
    # The unplaced SMA person aged 59 as Kepala Dinas: education and age, by the kind's rules.
    said = pair_details(ctx, 1, j["K1"], "id")
    assert said["promotion"] == "butuh S1/D-IV, pendidikan SMA; usia 59 thn > 56"
    assert said["retirement"].startswith("usia 59 thn 0 bln; BUP 60 thn: 12 bln lagi")


# --- no_fit_loss --------------------------------------------------------------------------------

# P0's fit: 0.8 in J1 (held), 0.6 in J2, 0.9 in J3 (`scores` set fit = score / 100).
FITS = [(P0, "J1", 80.0), (P0, "J2", 60.0), (P0, "J3", 90.0)]


def _fit_round(people=None, posts_=None, **rules: Any):
    tables = make_tables(people or [person()], posts_ or posts(), scores=FITS)
    return build(tables, rules=rules)


def test_a_voluntary_move_may_not_lower_the_fit():
    problem = _fit_round()
    assert candidate_posts(problem, 0) == ["J1", "J3"]
    assert codes(problem, 0, "J2") == ("no_fit_loss",)
    assert problem.stats["excluded.no_fit_loss"] == 1


def test_an_equal_fit_is_no_loss():
    tables = make_tables([person()], posts(), scores=[(P0, "J1", 70.0), (P0, "J2", 70.0)])
    assert candidate_posts(build(tables), 0) == ["J1", "J2"]


def test_fit_may_fall_into_a_vacancy_of_the_allowed_priority():
    # J2 has no holder before the round: a vacancy. Priority 4 meets the default minimum 4.
    problem = _fit_round(posts_=posts(J2={"priority": 4}))
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3"]
    # The minimum raised to 5 closes it again; null allows a fall into no vacancy at all.
    assert codes(_fit_round(posts_=posts(J2={"priority": 4}), fit_loss_allowed_min_priority=5),
                 0, "J2") == ("no_fit_loss",)  # fmt: skip
    assert codes(_fit_round(posts_=posts(J2={"priority": 5}), fit_loss_allowed_min_priority=None),
                 0, "J2") == ("no_fit_loss",)  # fmt: skip


def test_a_post_held_before_the_round_is_no_vacancy():
    # J2 (priority 5) is held by P1: taking it lowers P0's fit and it is no vacancy.
    people = [person(), {"nip": P1, "position_id": "J2"}]
    problem = _fit_round(people=people, posts_=posts(J2={"priority": 5}))
    assert codes(problem, 0, "J2") == ("no_fit_loss",)
    # With a second seat it is a vacancy.
    problem = _fit_round(people=people, posts_=posts(J2={"priority": 5, "capacity": 2}))
    assert codes(problem, 0, "J2") == ()


def test_people_who_must_move_may_lose_fit():
    # Out of an abolished post, past a hard maximum tenure (83 months > 60), or not placed at all.
    abolished = _fit_round(posts_=posts(J1={"status": "abolished"}))
    assert candidate_posts(abolished, 0) == ["J2", "J3"]
    forced = _fit_round(max_tenure_hard=True)
    assert candidate_posts(forced, 0) == ["J2", "J3"]
    unplaced = _fit_round(people=[person(position_id=None)])
    assert candidate_posts(unplaced, 0) == ["J1", "J2", "J3"]


def test_no_fit_loss_off_restores_every_pair():
    problem = _fit_round(no_fit_loss=False)
    assert candidate_posts(problem, 0) == ["J1", "J2", "J3"]
    assert problem.stats["excluded.no_fit_loss"] == 0


def test_the_fit_compared_is_the_capped_match():
    # No scores: J1 asks M.01 3 (P0 has 4: fit 1.0), J2 asks M.01 3 and M.02 2 (P0 has M.02 1:
    # fit 4/5), J3 asks M.01 5 (fit 4/5). A surplus in M.01 does not hide the gap.
    req = [("J1", "M.01", 3), ("J2", "M.01", 3), ("J2", "M.02", 2), ("J3", "M.01", 5)]
    levels = [(P0, "M.01", 4), (P0, "M.02", 1)]
    problem = build(make_tables([person()], posts(), levels, req))
    assert candidate_posts(problem, 0) == ["J1"]
    from mutasi_opt.rules import pair_details

    assert problem.context is not None
    words = pair_details(problem.context, 0, 1, "id")["no_fit_loss"]
    assert words == "kecocokan 100% -> 80% (turun hanya boleh ke lowongan prioritas >= 4)"
