"""Named hand-made rounds for plan tests, small enough to check by hand.

``round_case``: nine people, two OPDs (as of 2026-12-01)
    - a 3-step vacancy chain: Ani P-A -> P-V (a vacancy of priority 5, a promotion to pengawas),
      Budi P-B -> P-A, Citra P-C -> P-B (her first wish); P-C is left open (Budi could take it,
      but is worth 0.4 there against 0.7 in P-A);
    - a swap: Dedi P-D <-> Eka P-E (Dedi 90 months in post, past the maximum of 60);
    - four people who stay by a person-level rule: Fajar locked, Gita on study leave, Hadi 18
      months in post (< 24), Intan 4 months from BUP 58;
    - P-F (priority 4) is open and nobody is a candidate.
    Competencies: P-V requires M.01 3, M.03 3, T.KEU.01 2; P-A requires M.01 2, M.03 2.
"""

from __future__ import annotations

from typing import Any

from mutasi_opt.problem import Problem
from mutasi_opt.solve.result import Result
from mutasi_opt.tables.model import Tables

from .builders import make_problem, make_result, make_tables, nip, person, post

A, B = "Dinas A", "Dinas B"

ANI, BUDI, CITRA, DEDI, EKA, FAJAR, GITA, HADI, INTAN = (
    nip(1, "P"), nip(2, "L"), nip(3, "P"), nip(4, "L"), nip(5, "P"),
    nip(6, "L"), nip(7, "P"), nip(8, "L"), nip(9, "P", "19690315"),
)  # fmt: skip

DICTIONARY = [
    ("M.01", "Integritas", "manajerial"),
    ("M.03", "Komunikasi", "manajerial"),
    ("SK.01", "Perekat Bangsa", "sosial_kultural"),
    ("T.KEU.01", "Pengelolaan Keuangan Daerah", "teknis"),
]


def round_tables() -> Tables:
    """The tables of :func:`round_case`."""
    people = [
        person(1, "Ani", "P-A", gender="P", tmt="2022-01-01"),
        person(2, "Budi", "P-B", gender="L", tmt="2022-01-01"),
        person(3, "Citra", "P-C", gender="P", tmt="2022-01-01"),
        person(4, "Dedi", "P-D", gender="L", tmt="2019-06-01"),
        person(5, "Eka", "P-E", gender="P", tmt="2022-01-01"),
        person(6, "Fajar", "P-G1", gender="L", tmt="2018-01-01", locked=True, golongan="IV/a"),
        person(7, "Gita", "P-G2", gender="P", tmt="2022-01-01", status="tugas_belajar", potential=None),
        person(8, "Hadi", "P-G3", gender="L", tmt="2025-06-01", performance="Sangat Baik"),
        person(
            9, "Intan", "P-G4", gender="P", tmt="2022-01-01", birth="1969-03-15",
            performance="Butuh Perbaikan",
        ),
    ]  # fmt: skip
    posts = [
        post("P-V", "Kepala Seksi V", A, kind="pengawas", priority=5),
        post("P-A", "Analis A", A),
        post("P-B", "Analis B", B),
        post("P-C", "Analis C", B),
        post("P-D", "Pengelola D", A),
        post("P-E", "Pengelola E", B),
        post("P-F", "Auditor F", B, priority=4),
        post("P-G1", "Analis G1", A),
        post("P-G2", "Analis G2", A),
        post("P-G3", "Analis G3", A),
        post("P-G4", "Analis G4", A),
    ]
    levels = {
        ANI: {"M.01": 3, "M.03": 1},
        BUDI: {"M.01": 2, "M.03": 1},
        FAJAR: {"M.03": 4},
        GITA: {"M.03": 5, "T.KEU.01": 5},
        HADI: {"M.03": 3},
        INTAN: {"T.KEU.01": 3},
    }
    requirements = {
        "P-V": {"M.01": 3, "M.03": 3, "T.KEU.01": 2},
        "P-A": {"M.01": 2, "M.03": 2},
    }
    preferences = [
        {"nip": CITRA, "rank": 1, "position_id": "P-B"},
        {"nip": BUDI, "rank": 2, "unit": B},
        {"nip": EKA, "unit": B, "refuse": True},
        {"nip": HADI, "position_id": "P-V", "refuse": True},
    ]
    return make_tables(
        people, posts, levels=levels, requirements=requirements, preferences=preferences,
        dictionary=DICTIONARY,
    )  # fmt: skip


ROUND_PAIRS = {
    (ANI, "P-A"): 0.5, (ANI, "P-V"): 0.9,
    (BUDI, "P-B"): 0.5, (BUDI, "P-A"): 0.7, (BUDI, "P-C"): 0.4,
    (CITRA, "P-C"): 0.5, (CITRA, "P-B"): 0.7,
    (DEDI, "P-D"): 0.5, (DEDI, "P-E"): 0.8,
    (EKA, "P-E"): 0.5, (EKA, "P-D"): 0.8,
    (FAJAR, "P-G1"): 0.6, (GITA, "P-G2"): 0.6, (HADI, "P-G3"): 0.6, (INTAN, "P-G4"): 0.6,
}  # fmt: skip

ROUND_PLAN = {ANI: "P-V", BUDI: "P-A", CITRA: "P-B", DEDI: "P-E", EKA: "P-D"}


def round_case(**sections: Any) -> tuple[Problem, Result]:
    """The problem and optimal result of the module docstring's round (scenario sections merged).

    ``rules.missing_technical`` is off: Ani's promotion to P-V, which requires T.KEU.01 she does
    not have, is the round's example of a gap the development plan fills with training.
    """
    rules = {"missing_technical": "off", **sections.pop("rules", {})}
    problem = make_problem(round_tables(), ROUND_PAIRS, rules=rules, **sections)
    return problem, make_result(problem, ROUND_PLAN)
