"""Each hard rule, broken on purpose in a tiny round: the audit names the person, the post and the rule.

Two ways to break a rule:

- *moved*: the solved plan is changed so that ``P0`` takes a post that exactly one rule forbids
  (the pair is then no candidate either: ``check_plan``'s ``not_candidate``, which the audit
  reports too);
- *let through*: the problem is built under a laxer scenario or table (the rule off), so the pair
  is a candidate, and then given the strict scenario or table, as if candidate generation had
  missed the rule. Only the audit can see that, and it names exactly that rule.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from mutasi_opt.audit import AUDITED_RULES, audit_plan
from mutasi_opt.check import check_plan
from mutasi_opt.rules import RULE_CODES, exclusion_codes

from .builders import (
    P0,
    build,
    make_nip,
    make_scenario,
    make_tables,
    person,
    post_index,
    posts,
    solved,
)

FREEZE = [{"from": "2026-11-01", "to": "2027-01-31", "reason": "pilkada"}]
# A functional post of the same level as P0's pelaksana J1 (terampil, level 1), family Perawat.
NURSE = {"kind": "fungsional", "jenjang": "terampil", "title": "Perawat Terampil di RSUD"}
TEKNIS = [("T.01", "Pengelolaan Keuangan Daerah", "teknis")]
NEEDS_T01 = {"requirements": [("J2", "T.01", 2)], "dictionary": TEKNIS}
# P0's fit 0.8 in J1, 0.6 in J2 (scores): moving there lowers it.
FIT_FALLS = {"scores": [(P0, "J1", 80.0), (P0, "J2", 60.0)]}


@dataclasses.dataclass(frozen=True)
class Case:
    """A round where exactly ``code`` forbids ``P0 -> target``; ``lax_*`` is the round without it."""

    code: str
    target: str = "J2"
    people: dict[str, Any] = dataclasses.field(default_factory=dict)
    posts: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    rules: dict[str, Any] = dataclasses.field(default_factory=dict)
    extra: dict[str, Any] = dataclasses.field(default_factory=dict)
    lax_people: dict[str, Any] | None = None
    lax_posts: dict[str, dict[str, Any]] | None = None
    lax_rules: dict[str, Any] | None = None
    lax_extra: dict[str, Any] | None = None

    def tables(self, lax: bool = False) -> Any:
        people = self.lax_people if lax and self.lax_people is not None else self.people
        post_changes = self.lax_posts if lax and self.lax_posts is not None else self.posts
        extra = self.lax_extra if lax and self.lax_extra is not None else self.extra
        return make_tables([person(**people)], posts(**post_changes), **extra)

    def sections(self, lax: bool = False) -> dict[str, Any]:
        rules = self.lax_rules if lax and self.lax_rules is not None else self.rules
        return {"rules": rules}


CASES = [
    Case("abolished", posts={"J2": {"status": "abolished"}}, lax_posts={}),
    Case("abolished", target="J1", posts={"J1": {"status": "abolished"}}, lax_posts={}),
    Case("frozen", rules={"freeze_windows": FREEZE}, lax_rules={}),
    Case("not_active", people={"status": "cuti"}, lax_people={}),
    *(
        Case("not_active", people={"status": status}, lax_people={})
        for status in (
            "proses_hukum",
            "ikatan_dinas",
            "pemberhentian_sementara",
            "masa_persiapan_pensiun",
        )
    ),
    Case("locked", people={"locked": True}, lax_people={}),
    Case("asn_type", people={"asn_type": "PPPK"}, lax_people={}),
    Case("asn_type", people={"asn_type": "CPNS"}, lax_rules={"movable_asn_types": ["PNS", "CPNS"]}),
    # 2026-01-01 to 2026-12-01: 11 whole months.
    Case("min_tenure", people={"tmt_jabatan": "2026-01-01"}, lax_rules={"min_tenure_months": 6}),
    # Born 1969-03-01: 3 months from the BUP (58) of a pelaksana post.
    Case(
        "retirement",
        people={"birth_date": "1969-03-01"},
        lax_rules={"retirement_horizon_months": 2},
    ),
    # Born 1968-05-01, holding an ahli madya post (BUP 60): free to move, but past the BUP (58)
    # of a pelaksana post.
    Case(
        "retirement",
        people={"birth_date": "1968-05-01"},
        posts={"J1": {"kind": "fungsional", "jenjang": "ahli_madya"}},
        rules={"allow_demotion": True},
        lax_people={"birth_date": "1970-05-01"},
    ),
    # Born 1969-06-01 (57 years 6 months), holding an ahli madya post (BUP 60, 30 months away):
    # free to move, but 6 months from the BUP (58) of the administrator post J2.
    Case(
        "retirement",
        people={"birth_date": "1969-06-01"},
        posts={
            "J1": {"kind": "fungsional", "jenjang": "ahli_madya"},
            "J2": {"kind": "administrator"},
        },
        lax_rules={"retirement_horizon_months": 5},
    ),
    Case(
        "jpt_protection",
        people={"tmt_jabatan": "2025-06-01"},
        posts={"J1": {"kind": "jpt_pratama"}, "J2": {"kind": "jpt_pratama"}},
        rules={"min_tenure_months": 6},
        lax_rules={"min_tenure_months": 6, "jpt_protection_months": 12},
    ),
    # In post since 2020-01-01: 83 months > 60; the hard maximum closes the current post.
    Case("max_tenure", target="J1", rules={"max_tenure_hard": True}, lax_rules={}),
    Case(
        "promotion",
        posts={"J2": {"kind": "pengawas"}},
        rules={"allow_promotion": False},
        lax_rules={},
    ),
    # From pelaksana to pengawas without D3.
    Case(
        "promotion",
        people={"education": "SMA"},
        posts={"J2": {"kind": "pengawas"}},
        lax_people={"education": "D3"},
    ),
    # Two levels up (pelaksana to administrator).
    Case(
        "promotion",
        posts={"J2": {"kind": "administrator"}},
        lax_posts={"J2": {"kind": "pengawas"}},
    ),
    # From ahli madya (BUP 60: retirement is not near) to JPT Pratama at 57 years 1 month (at
    # most 56).
    Case(
        "promotion",
        people={"birth_date": "1969-11-01"},
        posts={
            "J1": {"kind": "fungsional", "jenjang": "ahli_madya"},
            "J2": {"kind": "jpt_pratama"},
        },
        lax_people={"birth_date": "1970-01-01"},
    ),
    # A person without a post placed as pengawas without D3, or as JPT Pratama at 57 years 1
    # month (a horizon of 6 months leaves the pelaksana posts, BUP 58, open to them).
    Case(
        "promotion",
        people={"position_id": None, "education": "SMA"},
        posts={"J2": {"kind": "pengawas"}},
        lax_people={"position_id": None, "education": "D3"},
    ),
    Case(
        "promotion",
        people={"position_id": None, "birth_date": "1969-11-01"},
        posts={"J2": {"kind": "jpt_pratama"}},
        rules={"retirement_horizon_months": 6},
        lax_people={"position_id": None, "birth_date": "1970-01-01"},
    ),
    Case(
        "promotion",
        people={"performance_prev": "Butuh Perbaikan"},
        posts={"J2": {"kind": "pengawas"}},
        lax_people={},
    ),
    Case(
        "demotion",
        posts={"J1": {"kind": "pengawas"}},
        rules={},
        lax_rules={"allow_demotion": True},
    ),
    Case("rank_range", posts={"J2": {"min_golongan": "III/c"}}, lax_rules={"rank_range": "off"}),
    Case("rank_range", posts={"J2": {"max_golongan": "II/d"}}, lax_posts={}),
    Case("education", posts={"J2": {"min_education": "S2"}}, lax_rules={"education": "off"}),
    # A pelaksana into a Perawat post (family from the title): off, or with the qualification.
    Case("profession", posts={"J2": NURSE}, lax_rules={"profession": "off"}),
    Case("profession", posts={"J2": NURSE}, lax_people={"qualifications": "Guru; perawat "}),
    # The family cell wins over the title; names compare case-insensitively.
    Case(
        "profession",
        posts={"J2": {**NURSE, "family": "Bidan"}},
        people={"qualifications": "Perawat"},
        lax_people={"qualifications": "BIDAN"},
    ),
    # A Guru (current functional post) into a Perawat post; into another Guru post it is allowed.
    Case(
        "profession",
        posts={"J1": {**NURSE, "title": "Guru Terampil pada SD Negeri 2"}, "J2": NURSE},
        lax_posts={
            "J1": {**NURSE, "title": "Guru Terampil pada SD Negeri 2"},
            "J2": {**NURSE, "title": "guru  terampil di SD Negeri 5"},
        },
    ),
    # A person without a post enters a functional family only through a listed qualification.
    Case(
        "profession",
        people={"position_id": None},
        posts={"J2": NURSE},
        lax_people={"position_id": None, "qualifications": "Perawat"},
    ),
    Case("missing_technical", extra=NEEDS_T01, lax_rules={"missing_technical": "off"}),
    # A level 0 is no level; the same competency of kind manajerial bars nothing.
    Case(
        "missing_technical",
        extra={**NEEDS_T01, "levels": [(P0, "T.01", 0)]},
        lax_extra={
            **NEEDS_T01,
            "levels": [(P0, "T.01", 0)],
            "dictionary": [("T.01", "Manajerial", "manajerial")],
        },
    ),
    Case(
        "refusal",
        extra={"preferences": [{"nip": P0, "position_id": "J2", "refuse": True}]},
        lax_extra={},
    ),
    Case(
        "refusal",
        extra={"preferences": [{"nip": P0, "unit": "Dinas B", "refuse": True}]},
        lax_extra={},
    ),
    # Units compare case-insensitively with white space collapsed (tables built by hand, which
    # the readers would have written under one spelling): the refusal covers the unit however
    # either side spells it.
    Case(
        "refusal",
        extra={"preferences": [{"nip": P0, "unit": "DINAS  B", "refuse": True}]},
        lax_extra={},
    ),
    Case(
        "refusal",
        target="J3",
        posts={"J3": {"unit": "dinas\u00a0b"}},
        extra={"preferences": [{"nip": P0, "unit": "Dinas B", "refuse": True}]},
        lax_extra={},
    ),
    Case(
        "external_approval",
        posts={"J2": {"needs_external_approval": True}},
        lax_rules={"allow_external_approval": True},
    ),
    Case(
        "only_scored",
        extra={"scores": [(P0, "J3", 70.0)]},
        rules={"only_scored_pairs": True},
        lax_rules={},
    ),
    Case(
        "no_worse_off",
        extra={"preferences": [{"nip": P0, "rank": 1, "unit": "Dinas C"}]},
        rules={"no_worse_off": True},
        lax_rules={},
    ),
    Case("no_fit_loss", extra=FIT_FALLS, lax_rules={"no_fit_loss": False}),
    # The panel's rulings (data.decisions): a forbidden post, a forbidden unit, a kept person,
    # a person assigned elsewhere, and the current post forbidden.
    Case(
        "ruling",
        extra={"decisions": [{"nip": P0, "position_id": "J2", "decision": "forbid"}]},
        lax_extra={},
    ),
    Case(
        "ruling",
        extra={"decisions": [{"nip": P0, "position_id": "Dinas B", "decision": "forbid"}]},
        lax_extra={},
    ),
    Case("ruling", extra={"decisions": [{"nip": P0, "decision": "keep"}]}, lax_extra={}),
    Case(
        "ruling",
        extra={"decisions": [{"nip": P0, "position_id": "J3", "decision": "assign"}]},
        lax_extra={},
    ),
    Case(
        "ruling",
        target="J1",
        extra={"decisions": [{"nip": P0, "position_id": "J1", "decision": "forbid"}]},
        lax_extra={},
    ),
    # J2 has no holder before the round: a vacancy, of priority 3 (below the default 4).
    Case("no_fit_loss", extra=FIT_FALLS, lax_rules={"fit_loss_allowed_min_priority": 3}),
    # Out of an abolished post the fit may fall.
    Case("no_fit_loss", extra=FIT_FALLS, lax_posts={"J1": {"status": "abolished"}}),
    # Past a hard maximum tenure (83 months > 60) the person must move: no voluntary move.
    Case("no_fit_loss", extra=FIT_FALLS, lax_rules={"max_tenure_hard": True}),
]


def _id(case: Case) -> str:
    return f"{case.code}-{case.target}"


def test_audited_rules_are_the_engines_rules() -> None:
    # A hard rule added to the engine without its audit fails here.
    assert set(RULE_CODES) == AUDITED_RULES


def test_every_rule_has_a_case() -> None:
    assert {c.code for c in CASES} == AUDITED_RULES


@pytest.mark.parametrize("case", CASES, ids=[f"{_id(c)}-{k}" for k, c in enumerate(CASES)])
def test_a_plan_moved_into_a_forbidden_post_is_named(case: Case) -> None:
    problem = build(case.tables(), **case.sections())
    target = post_index(problem, case.target)
    # The round is built so that exactly this rule forbids the pair.
    assert exclusion_codes(problem.context, 0, target)[0] == (case.code,)
    plan = solved(problem)
    assert audit_plan(problem, plan).ok
    plan[0] = target
    report = audit_plan(problem, plan)
    assert not report.ok
    named = {(d.nip, d.position_id, d.rule) for d in report.disagreements}
    assert named == {(P0, case.target, case.code), (P0, case.target, "not_candidate")}
    assert "not_candidate" in check_plan(problem, plan).rules()


@pytest.mark.parametrize("case", CASES, ids=[f"{_id(c)}-{k}" for k, c in enumerate(CASES)])
def test_a_rule_that_candidate_generation_missed_is_named(case: Case) -> None:
    lax = build(case.tables(lax=True), **case.sections(lax=True))
    target = post_index(lax, case.target)
    assert exclusion_codes(lax.context, 0, target)[0] == ()
    plan = np.asarray(lax.instance.current_post, dtype=np.int64).copy()
    plan[0] = target
    assert audit_plan(lax, plan).ok
    # The engine's candidates and values stay the lax ones; the tables and scenario say otherwise.
    strict = dataclasses.replace(
        lax, tables=case.tables(), scenario=make_scenario(**case.sections())
    )
    assert check_plan(strict, plan).ok
    report = audit_plan(strict, plan)
    assert [(d.nip, d.position_id, d.rule) for d in report.disagreements] == [
        (P0, case.target, case.code)
    ]
    assert report.pairs_audited == 1


def test_an_unplaced_cpns_placed_is_no_breach() -> None:
    problem = build(make_tables([{"asn_type": "CPNS"}], posts()))
    plan = solved(problem)
    assert audit_plan(problem, plan).ok


def test_a_table_without_asn_type_is_all_pns() -> None:
    tables = make_tables([person()], posts())
    bare = dataclasses.replace(tables, employees=tables.employees.drop(columns=["asn_type"]))
    problem = build(bare)
    plan = solved(problem)
    plan[0] = post_index(problem, "J2")
    assert audit_plan(problem, plan).ok
    strict = dataclasses.replace(problem, scenario=make_scenario(rules={"movable_asn_types": []}))
    assert [d.rule for d in audit_plan(strict, plan).disagreements] == ["asn_type"]


def test_the_detail_says_why() -> None:
    problem = build(make_tables([person(tmt_jabatan="2026-01-01")], posts()))
    plan = solved(problem)
    plan[0] = post_index(problem, "J3")
    (rule,) = [d for d in audit_plan(problem, plan).disagreements if d.rule == "min_tenure"]
    assert rule.detail == "11 months in J1, below min_tenure_months 24"


def test_the_current_post_stays_allowed_under_the_stays_rules() -> None:
    # Locked, not active, below the minimum tenure, near retirement, frozen, JPT-protected and
    # outside the rank range and education: staying is still allowed.
    tables = make_tables(
        [
            person(
                locked=True,
                status="cuti",
                tmt_jabatan="2025-06-01",
                birth_date="1969-03-01",
                golongan="II/a",
                education="SMA",
            )
        ],
        posts(
            J1={
                "kind": "jpt_pratama",
                "min_golongan": "IV/a",
                "min_education": "S1",
                "needs_external_approval": True,
            }
        ),
    )
    problem = build(tables, rules={"freeze_windows": FREEZE, "max_tenure_hard": True})
    report = audit_plan(problem, [0])
    assert report.ok, report.disagreements
    assert report.pairs_audited == 1


def test_an_unplaced_person_may_be_placed_in_a_freeze_but_not_if_locked_out() -> None:
    tables = make_tables([person(), {"position_id": None}, {"status": "cuti"}], posts())
    problem = build(tables, rules={"freeze_windows": FREEZE})
    report = audit_plan(problem, [0, 1, 2])
    assert {(d.nip, d.rule) for d in report.disagreements} == {
        (make_nip(2), "not_active"),
        (make_nip(2), "not_candidate"),
    }


def test_a_person_without_a_post_in_the_plan_is_reported() -> None:
    problem = build(make_tables([person()], posts()))
    report = audit_plan(problem, [-1])
    assert [(d.nip, d.position_id, d.rule) for d in report.disagreements] == [
        (P0, None, "unassigned")
    ]
    assert report.pairs_audited == 0


def test_a_current_post_that_disagrees_with_the_employees_table_is_reported() -> None:
    problem = build(make_tables([person()], posts()))
    # An engine that got the current post wrong, consistently so in its own instance.
    instance = problem.instance
    current = np.array([1], dtype=np.int32)
    wrong = dataclasses.replace(
        instance,
        current_post=current,
        person_unit=instance.post_unit[current],
        pairs=dataclasses.replace(instance.pairs, is_current=instance.pairs.post == 1),
    )
    shifted = dataclasses.replace(problem, instance=wrong)
    report = audit_plan(shifted, [0])
    assert "identity" in report.rules()


def test_a_plan_of_the_wrong_length_is_an_error() -> None:
    problem = build(make_tables([person()], posts()))
    with pytest.raises(ValueError, match="shape"):
        audit_plan(problem, [0, 1])


def test_a_protected_jpt_holder_past_a_hard_maximum_may_stay() -> None:
    # 2024-06-01 to 2026-12-01: 30 months, past max_tenure_months 24 (hard) but within
    # jpt_protection_months 36: they cannot both stay and go, so staying is allowed.
    tables = make_tables([person(tmt_jabatan="2024-06-01")], posts(J1={"kind": "jpt_pratama"}))
    rules = {
        "min_tenure_months": 6,
        "max_tenure_months": 24,
        "max_tenure_hard": True,
        "jpt_protection_months": 36,
    }
    problem = build(tables, rules=rules)
    assert audit_plan(problem, [0]).ok
    assert audit_plan(problem, solved(problem)).ok
    # Without the protection the current post is closed.
    unprotected = build(tables, rules={**rules, "jpt_protection_months": 0})
    assert "max_tenure" in audit_plan(unprotected, [0]).rules()


def test_no_worse_off_allows_a_post_wished_as_much_as_the_current_one() -> None:
    # A wish for the whole of Dinas A covers the current post J1 and J4 alike.
    tables = make_tables(
        [person()],
        [*posts(), {"position_id": "J4", "unit": "Dinas A"}],
        preferences=[{"nip": P0, "rank": 1, "unit": "Dinas A"}],
    )
    problem = build(tables, rules={"no_worse_off": True})
    assert audit_plan(problem, [post_index(problem, "J4")]).ok
    assert "no_worse_off" in audit_plan(problem, [post_index(problem, "J2")]).rules()


@pytest.mark.parametrize("predikat", ["Butuh Perbaikan", "Kurang", "Sangat Kurang"])
def test_a_promotion_needs_the_latest_predikat_at_least_baik(predikat: str) -> None:
    tables = make_tables([person(performance=predikat)], posts(J2={"kind": "pengawas"}))
    problem = build(tables)
    target = post_index(problem, "J2")
    assert exclusion_codes(problem.context, 0, target)[0] == ("promotion",)
    (rule,) = [d for d in audit_plan(problem, [target]).disagreements if d.rule == "promotion"]
    assert f"predikat {predikat}" in rule.detail


@pytest.mark.parametrize(("tmt", "stays"), [("2024-12-01", False), ("2024-12-02", True)])
def test_jpt_protection_ends_after_whole_months(tmt: str, stays: bool) -> None:
    # 2024-12-01 to 2026-12-01 is 24 whole months: the protection of 24 months is over.
    tables = make_tables(
        [person(tmt_jabatan=tmt)], posts(J1={"kind": "jpt_pratama"}, J2={"kind": "jpt_pratama"})
    )
    problem = build(tables, rules={"min_tenure_months": 6})
    report = audit_plan(problem, [post_index(problem, "J2")])
    assert ("jpt_protection" in report.rules()) is stays


@pytest.mark.parametrize(
    ("change", "post"),
    [
        # 11 months in post, below min_tenure_months 24.
        ({"tmt_jabatan": "2026-01-01"}, {}),
        # A JPT holder 18 months in post, within jpt_protection_months 24.
        ({"tmt_jabatan": "2025-06-01"}, {"kind": "jpt_pratama"}),
    ],
)
def test_the_holder_of_an_abolished_post_is_not_held_by_tenure(
    change: dict[str, Any], post: dict[str, Any]
) -> None:
    tables = make_tables(
        [person(**change)], posts(J1={**post, "status": "abolished"}, J2=post, J3=post)
    )
    problem = build(tables, rules={"min_tenure_months": 6} if post else {})
    plan = solved(problem)
    assert plan[0] in (post_index(problem, "J2"), post_index(problem, "J3"))
    assert audit_plan(problem, plan).ok
    # Had the post not been abolished, the same move would break the tenure rule.
    kept = build(make_tables([person(**change)], posts(J1=post, J2=post, J3=post)),
                 rules={"min_tenure_months": 6} if post else {})  # fmt: skip
    code = "jpt_protection" if post else "min_tenure"
    assert code in audit_plan(kept, [post_index(kept, "J2")]).rules()


def test_a_locked_holder_of_an_abolished_post_is_still_held() -> None:
    tables = make_tables([person(locked=True)], posts(J1={"status": "abolished"}))
    problem = build(tables)
    report = audit_plan(problem, [post_index(problem, "J2")])
    assert {d.rule for d in report.disagreements} == {"locked", "not_candidate"}


def test_the_detail_of_a_placement_says_what_is_missing() -> None:
    tables = make_tables(
        [{"nip": P0, "education": "SMA", "birth_date": "1968-01-01"}],
        posts(J2={"kind": "jpt_pratama"}),
    )
    problem = build(tables)
    (rule,) = [
        d for d in audit_plan(problem, [post_index(problem, "J2")]).disagreements
        if d.rule == "promotion"
    ]  # fmt: skip
    assert rule.detail == (
        "placement of a person without a post in jpt_pratama: education below S1/D4; "
        "age 707 months, above 56 years"
    )


def test_the_detail_of_the_horizon_of_the_post_taken() -> None:
    tables = make_tables(
        [person(birth_date="1969-06-01")],
        posts(J1={"kind": "fungsional", "jenjang": "ahli_madya"}, J2={"kind": "administrator"}),
    )
    problem = build(tables)
    (rule,) = [
        d for d in audit_plan(problem, [post_index(problem, "J2")]).disagreements
        if d.rule == "retirement"
    ]  # fmt: skip
    assert rule.detail == (
        "age 690 months, 6 months from the BUP of J2 (58), within retirement_horizon_months 12"
    )
