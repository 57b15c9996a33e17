"""The rules profession and missing_technical, re-derived: what each forbids and what it allows.

docs/domain.md, "Professions and the career pattern" (PP 11/2017 art. 190(4)-(5)) and "Technical
competency"; docs/model.md, positions.family, employees.qualifications and the scenario's
``profession`` and ``missing_technical``. Each round is tiny; the audit's verdict is read both
from ``audit_plan`` (which also compares with the engine) and from the audit's own values.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd
import pytest

from mutasi_opt.audit import audit_plan
from mutasi_opt.audit.facts import family_key, family_of_title
from mutasi_opt.audit.levels import technical_codes
from mutasi_opt.problem import Problem

from .builders import (
    P0,
    audited_values,
    build,
    make_nip,
    make_scenario,
    make_tables,
    person,
    post_index,
    posts,
    solved,
)

NURSE = {"kind": "fungsional", "jenjang": "terampil", "title": "Perawat Terampil di RSUD"}
GURU = {"kind": "fungsional", "jenjang": "terampil", "title": "Guru Terampil pada SD Negeri 2"}
TEKNIS = [("T.01", "Pengelolaan Keuangan Daerah", "teknis"), ("T.02", "Akuntansi", "teknis")]


@pytest.mark.parametrize(
    ("title", "family"),
    [
        ("Guru Ahli Muda pada SMP Negeri 1", "Guru"),
        ("Perawat Terampil di RSUD", "Perawat"),
        ("Pranata Komputer Ahli Pertama di Dinas Kominfo", "Pranata Komputer"),
        ("Penyuluh Pertanian Penyelia PADA Dinas Pertanian", "Penyuluh Pertanian"),
        ("  Bidan   AHLI  madya  ", "Bidan"),
        ("Auditor Ahli Utama", "Auditor"),
        ("Pengawas Sekolah Ahli Madya di Dinas Pendidikan pada Bidang SMP", "Pengawas Sekolah"),
        # Cut at the first of " pada " or " di ", whichever comes first.
        ("Dokter Ahli Pertama di RSUD pada Poli Anak", "Dokter"),
        # Whole words only: "Pemulasaran" keeps its letters, "Dinas" is no " di ".
        ("Pemulasaran Jenazah Mahir", "Pemulasaran Jenazah"),
        ("Arsiparis Terampil Dinas Arsip", "Arsiparis Dinas Arsip"),
        ("Ahli Muda", None),
        (None, None),
    ],
)
def test_the_family_of_a_title(title: str | None, family: str | None) -> None:
    assert family_of_title(title) == family


def test_families_compare_without_case_or_extra_spaces() -> None:
    assert family_key(" pranata   KOMPUTER ") == family_key("Pranata Komputer")


def test_the_technical_codes_of_a_dictionary() -> None:
    frame = pd.DataFrame(
        [("T.01", "a", "teknis"), ("T.02", "b", None), ("M.01", "c", "manajerial"),
         ("T.03", "d", "teknis"), ("T.03", "d", "manajerial")],
        columns=["code", "name", "kind"],
    )  # fmt: skip
    # An empty kind is teknis; a repeated code keeps its last row.
    assert technical_codes(frame) == {"T.01", "T.02"}
    assert technical_codes(frame.drop(columns=["kind"])) == {"T.01", "T.02", "M.01", "T.03"}
    assert technical_codes(None) == set()
    assert technical_codes(frame.iloc[:0]) == set()


def _rules(problem: Problem, target: str) -> set[str]:
    return audit_plan(problem, [post_index(problem, target)]).rules()


# ------------------------------------------------------------------------------------------------
# profession


def test_a_pelaksana_may_not_take_a_functional_post_of_a_family_not_theirs() -> None:
    problem = build(make_tables([person()], posts(J2=NURSE)))
    assert _rules(problem, "J2") == {"profession", "not_candidate"}
    assert _rules(problem, "J3") == set()  # a pelaksana post asks no family


def test_a_functional_holder_keeps_their_post_and_moves_within_their_family() -> None:
    tables = make_tables(
        [person()], posts(J1=GURU, J2={**GURU, "title": "Guru Terampil pada SD Negeri 7"}, J3=NURSE)
    )
    problem = build(tables)
    assert audit_plan(problem, [post_index(problem, "J1")]).ok
    assert audit_plan(problem, [post_index(problem, "J2")]).ok
    assert "profession" in _rules(problem, "J3")
    assert audit_plan(problem, solved(problem)).ok


def test_the_current_post_is_allowed_whatever_its_family() -> None:
    # The family cell of the current post says Bidan and the person lists nothing else: staying
    # is allowed (the current post is always allowed by this rule).
    tables = make_tables([person()], posts(J1={**NURSE, "family": "Bidan"}))
    problem = build(tables)
    assert audit_plan(problem, [post_index(problem, "J1")]).ok


def test_a_qualification_opens_its_family() -> None:
    people = [person(qualifications=" ; guru ;; Perawat  ")]
    problem = build(make_tables(people, posts(J2=NURSE, J3=GURU)))
    assert audit_plan(problem, [post_index(problem, "J2")]).ok
    assert audit_plan(problem, [post_index(problem, "J3")]).ok


def test_the_family_is_derived_from_the_title_when_its_cell_is_empty() -> None:
    # A family column that is there, with J2's cell empty and J3's given.
    layout = posts(J2={**NURSE, "family": None}, J3={**NURSE, "family": "Bidan"})
    nurse = build(make_tables([person(qualifications="perawat")], layout))
    assert audit_plan(nurse, [post_index(nurse, "J2")]).ok
    assert "profession" in _rules(nurse, "J3")
    teacher = build(make_tables([person(qualifications="Guru")], layout))
    assert "profession" in _rules(teacher, "J2")


def test_a_person_without_a_post_enters_only_through_a_qualification() -> None:
    tables = make_tables(
        [{"position_id": None}, {"position_id": None, "qualifications": "Perawat"}],
        posts(J2=NURSE),
    )
    problem = build(tables)
    report = audit_plan(problem, [post_index(problem, "J2")] * 2)
    assert {(d.nip, d.rule) for d in report.disagreements} == {
        (make_nip(0), "profession"),
        (make_nip(0), "not_candidate"),
    }


def test_off_allows_every_family() -> None:
    problem = build(make_tables([person()], posts(J2=NURSE)), rules={"profession": "off"})
    assert audit_plan(problem, [post_index(problem, "J2")]).ok


def test_the_detail_names_both_families() -> None:
    tables = make_tables([person(qualifications="Bidan")], posts(J1=GURU, J2=NURSE))
    problem = build(tables)
    (rule,) = [
        d for d in audit_plan(problem, [post_index(problem, "J2")]).disagreements
        if d.rule == "profession"
    ]  # fmt: skip
    assert rule.detail == "post family Perawat; person's families: Guru, Bidan"
    bare = build(make_tables([person()], posts(J2=NURSE)))
    (rule,) = [
        d for d in audit_plan(bare, [post_index(bare, "J2")]).disagreements
        if d.rule == "profession"
    ]  # fmt: skip
    assert rule.detail == "post family Perawat; person's families: none"


# ------------------------------------------------------------------------------------------------
# missing_technical


def _technical(
    mode: str | None = None, levels: list[tuple[str, str, int]] | None = None, **weights: Any
) -> Problem:
    """P0 (no teknis level unless ``levels``) and J2 requiring T.01 and T.02, J1 requiring T.01."""
    tables = make_tables(
        [person()],
        posts(),
        levels=levels or [(P0, "M.01", 3)],
        requirements=[("J1", "T.01", 2), ("J2", "T.01", 2), ("J2", "T.02", 1), ("J3", "M.01", 2)],
        dictionary=TEKNIS,
    )
    rules = {} if mode is None else {"missing_technical": mode}
    return build(tables, rules=rules, weights=weights)


def test_hard_is_the_default_and_closes_a_post_requiring_a_teknis_competency_lacked() -> None:
    problem = _technical()
    assert _rules(problem, "J2") == {"missing_technical", "not_candidate"}
    assert _rules(problem, "J3") == set()  # M.01 is manajerial
    # J1 requires T.01 too, but it is the current post.
    assert audit_plan(problem, [post_index(problem, "J1")]).ok


def test_a_level_for_every_teknis_competency_opens_the_post() -> None:
    problem = _technical(levels=[(P0, "T.01", 1), (P0, "T.02", 1)])
    assert audit_plan(problem, [post_index(problem, "J2")]).ok
    half = _technical(levels=[(P0, "T.01", 3)])
    assert "missing_technical" in _rules(half, "J2")


def test_the_detail_names_the_missing_codes() -> None:
    problem = _technical()
    (rule,) = [
        d for d in audit_plan(problem, [post_index(problem, "J2")]).disagreements
        if d.rule == "missing_technical"
    ]  # fmt: skip
    assert "T.01, T.02" in rule.detail


def test_a_dictionary_without_teknis_bars_nothing() -> None:
    problem = _technical()
    builtin = pd.DataFrame(
        [("M.01", "Integritas", "manajerial"), ("SK.01", "Perekat Bangsa", "sosial_kultural")],
        columns=["code", "name", "kind"],
    )
    plain = dataclasses.replace(
        problem, tables=dataclasses.replace(problem.tables, competency_dictionary=builtin)
    )
    # The engine's candidates are the strict ones: J2 is no candidate, but no rule forbids it.
    assert _rules(plain, "J2") == {"not_candidate"}


def test_off_allows_and_costs_nothing() -> None:
    problem = _technical("off")
    j2 = post_index(problem, "J2")
    assert audit_plan(problem, [j2]).ok
    assert audited_values(problem, [j2]).penalty[0] == 0.0


def test_soft_allows_with_one_penalty_per_pair() -> None:
    problem = _technical("soft", missing_technical_penalty=0.35)
    j1, j2, j3 = (post_index(problem, j) for j in ("J1", "J2", "J3"))
    for j in (j1, j2, j3):
        assert audit_plan(problem, [j]).ok
    # Two teknis competencies lacked: one penalty, not two, and not scaled by the priority.
    assert audited_values(problem, [j2]).penalty[0] == pytest.approx(0.35)
    off = _technical("off", missing_technical_penalty=0.35)
    drop = audited_values(off, [j2]).value[0] - audited_values(problem, [j2]).value[0]
    assert drop == pytest.approx(0.35)
    # The current post lacks T.01 too, but is never penalised.
    assert audited_values(problem, [j1]).penalty[0] == 0.0
    assert audited_values(problem, [j3]).penalty[0] == 0.0


def test_a_soft_penalty_the_engine_left_out_is_caught() -> None:
    off = _technical("off")
    j2 = post_index(off, "J2")
    soft = dataclasses.replace(off, scenario=make_scenario(rules={"missing_technical": "soft"}))
    (d,) = audit_plan(soft, [j2]).disagreements
    assert (d.nip, d.position_id, d.rule) == (P0, "J2", "value")
    assert "penalty 0.0, audit 0.2" in d.detail
