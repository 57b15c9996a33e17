"""Where the engine's code and the documented rule once parted: the audit follows the document.

Each case found stays as a regression test of the engine, beside a test that pins what the
audit says (a new disagreement found later goes here as a strict ``xfail`` until it is fixed).
"""

from __future__ import annotations

from mutasi_opt.audit import audit_plan
from mutasi_opt.problem import Problem
from mutasi_opt.rules import exclusion_codes

from .builders import P0, build, make_tables, person, post_index, posts


def _structural_post_with_a_jenjang() -> Problem:
    # Born 1967-06-01: 59 years 6 months (714 months) at 2026-12-01, holding an ahli madya post
    # (BUP 60, so not yet reached). J2 and J3 are both pengawas posts (BUP 58, already reached);
    # J2 carries a jenjang, which the readers reject (jenjang_not_fungsional) but a table built
    # in Python may have.
    tables = make_tables(
        [person(birth_date="1967-06-01")],
        posts(
            J1={"kind": "fungsional", "jenjang": "ahli_madya"},
            J2={"kind": "pengawas", "jenjang": "ahli_madya"},
            J3={"kind": "pengawas"},
        ),
    )
    return build(tables, rules={"allow_demotion": True, "retirement_horizon_months": 0})


def test_the_audit_takes_the_bup_of_a_structural_post_from_its_kind() -> None:
    problem = _structural_post_with_a_jenjang()
    for post in ("J2", "J3"):
        report = audit_plan(problem, [post_index(problem, post)])
        (rule,) = [d for d in report.disagreements if d.rule == "retirement"]
        assert (rule.nip, rule.position_id) == (P0, post)
        assert rule.detail == "age 714 months, past the BUP of the post (58)"


def test_a_jenjang_on_a_structural_post_does_not_change_its_bup() -> None:
    problem = _structural_post_with_a_jenjang()
    j2, j3 = post_index(problem, "J2"), post_index(problem, "J3")
    # Both pengawas posts are past this person's BUP: the engine should exclude both alike.
    assert exclusion_codes(problem, 0, j3)[0] == ("retirement",)
    assert exclusion_codes(problem, 0, j2)[0] == ("retirement",)
    assert audit_plan(problem, [j2]).ok is False  # (holds) the audit names it
    assert problem.pair_index(0, j2) < 0
