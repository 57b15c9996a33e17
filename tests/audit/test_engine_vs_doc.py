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
    assert exclusion_codes(problem.context, 0, j3)[0] == ("retirement",)
    assert exclusion_codes(problem.context, 0, j2)[0] == ("retirement",)
    assert audit_plan(problem, [j2]).ok is False  # (holds) the audit names it
    assert problem.instance.pair_index(0, j2) < 0


# missing_technical (docs/domain.md, "Technical competency": "a required technical competency the
# person does not have at all (level 0) is not offset by surplus managerial levels. [check]
# default: hard"; docs/model.md: "missing_technical: hard # ... a required teknis competency at
# level 0 closes the pair"). J2 requires T.01, which nobody here has.

REQUIRES_T01 = [("J2", "T.01", 2)]
TEKNIS = [("T.01", "Pengelolaan Keuangan Daerah", "teknis")]


def _must_be_placed() -> Problem:
    # P0 holds an abolished post, P1 has none: both must be placed; neither has T.01.
    tables = make_tables(
        [person(), {"position_id": None}],
        posts(J1={"status": "abolished"}),
        requirements=REQUIRES_T01,
        dictionary=TEKNIS,
    )
    return build(tables)


def test_a_missing_teknis_competency_does_not_bar_people_who_must_be_placed() -> None:
    # The holder of an abolished post and an unplaced person must be placed somewhere: for them
    # the pair stays open with the soft penalty, in the engine and in the audit alike.
    problem = _must_be_placed()
    j2 = post_index(problem, "J2")
    assert exclusion_codes(problem.context, [0, 1], j2) == [(), ()]
    report = audit_plan(problem, [j2, j2])
    assert "missing_technical" not in report.rules()
    assert not report.disagreements


def _kind_left_empty() -> Problem:
    # The readers fill an empty kind with teknis (tables/schema.py: default "teknis"); a
    # dictionary built in Python may leave it empty.
    tables = make_tables(
        [person()],
        posts(),
        requirements=REQUIRES_T01,
        dictionary=[("T.01", "Tanpa jenis", None)],
    )
    return build(tables)


def test_the_audit_takes_a_dictionary_row_without_a_kind_as_teknis() -> None:
    problem = _kind_left_empty()
    report = audit_plan(problem, [post_index(problem, "J2")])
    assert "missing_technical" in report.rules()


def test_a_dictionary_row_without_a_kind_is_teknis() -> None:
    problem = _kind_left_empty()
    assert exclusion_codes(problem.context, 0, post_index(problem, "J2"))[0] == (
        "missing_technical",
    )


# profession (docs/model.md, positions.family: "when empty for a fungsional post: the title without
# its jenjang words and without what follows " pada " or " di ""). A title made of jenjang words
# only ("Ahli Muda") then names no family, and such a post constrains nobody. The engine's
# domain.post_family once fell back to the whole title and closed the post as a family of its own
# (found by the property tests); it now names no family either.


def _a_title_of_jenjang_words_only() -> Problem:
    guru = {"kind": "fungsional", "jenjang": "ahli_muda", "title": "Guru Ahli Muda pada SMP 1"}
    bare = {"kind": "fungsional", "jenjang": "ahli_muda", "title": "Ahli Muda"}
    return build(make_tables([person()], posts(J1=guru, J2=bare)))


def test_the_audit_finds_no_family_in_a_title_of_jenjang_words_only() -> None:
    problem = _a_title_of_jenjang_words_only()
    assert "profession" not in audit_plan(problem, [post_index(problem, "J2")]).rules()


def test_a_title_of_jenjang_words_only_names_no_family() -> None:
    problem = _a_title_of_jenjang_words_only()
    assert exclusion_codes(problem.context, 0, post_index(problem, "J2"))[0] == ()
