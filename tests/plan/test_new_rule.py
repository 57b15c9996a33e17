"""A new pair rule is one object and one line: registered, every part of the engine knows it.

The rule here is a throwaway written in the test (``same_unit``: nobody moves to another OPD).
:func:`mutasi_opt.rules.registered` appends it to the registry for the ``with`` block, as the
one line in ``RULES`` would; nothing else is edited, and candidates, ``problem.stats``, the
vacancies' blockers, ``explain`` and ``docs/rules.md`` all know it (``docs/adding-a-rule.md``).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from mutasi_opt import rules
from mutasi_opt.arrays import BoolArray
from mutasi_opt.plan import explain_person, make_plan
from mutasi_opt.problem import build_problem
from mutasi_opt.rule_context import RuleContext
from mutasi_opt.rules.reference import render_markdown
from mutasi_opt.solve import Status, solve

from .builders import make_scenario, make_tables, nip, person, post

Index = npt.NDArray[np.integer]


def rule_same_unit(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """A placed person only takes posts of their own OPD (their current post among them)."""
    cur = ctx.current[p]
    same = ctx.post_unit[q] == ctx.post_unit[np.maximum(cur, 0)]
    return np.asarray((cur < 0) | same)


SAME_UNIT = rules.Rule(
    "same_unit", "pindah ke OPD lain", "a move to another OPD", rule_same_unit,
    doc="A placed person only takes posts of their own OPD.",
)  # fmt: skip


def _tables():  # type: ignore[no-untyped-def]
    """Ani (A, U1) may move; Budi (B, U1, 11 months in post) stays. X (U2, priority 5) and Y (U1)
    are vacant."""
    people = [person(1, "Ani", "A"), person(2, "Budi", "B", tmt="2026-01-01")]
    posts = [
        post("A", "Staf A", "U1"), post("B", "Staf B", "U1"), post("Y", "Staf Y", "U1"),
        post("X", "Kepala Seksi X", "U2", priority=5),
    ]  # fmt: skip
    return make_tables(people, posts)


def _candidates(problem, i: int) -> list[str]:  # type: ignore[no-untyped-def]
    sl = slice(int(problem.pairs.ptr[i]), int(problem.pairs.ptr[i + 1]))
    return [str(problem.post_id[j]) for j in problem.pairs.post[sl]]


def test_without_the_rule_x_is_open_to_ani() -> None:
    problem = build_problem(_tables(), make_scenario())
    assert "X" in _candidates(problem, 0)
    assert "same_unit" not in rules.RULE_CODES


def test_a_registered_rule_reaches_candidates_stats_vacancies_and_explain() -> None:
    before = rules.RULE_CODES
    with rules.registered(SAME_UNIT):
        assert (*before, "same_unit") == rules.RULE_CODES
        problem = build_problem(_tables(), make_scenario())
        # Candidate generation and the exclusion counts.
        assert _candidates(problem, 0) == ["A", "B", "Y"]
        assert problem.stats["excluded.same_unit"] == 1  # Ani -> X; Budi is min_tenure's first
        assert rules.exclusion_codes(problem.context, 1, 3) == [("min_tenure", "same_unit")]
        # A plan: solved, checked and audited (the audit checks its own rules; the new one has
        # its own audit only once it is written there too).
        result = solve(problem)
        assert result.status is Status.OPTIMAL
        plan = make_plan(problem, result)
        # Y is worth no more to Ani than A, and moving costs: she stays.
        assert plan.assignments.set_index("nip").at[nip(1), "to_position_id"] == "A"
        # Vacancies' blockers name it in its own words.
        v = plan.vacancies.set_index("position_id")
        assert v.at["X", "blocked_by"] == "no_candidate"
        assert v.at["X", "reason"] == (
            "Tidak ada kandidat yang memenuhi syarat: masa jabatan belum mencapai minimum (1), "
            "pindah ke OPD lain (1)"
        )
        # explain names it for the better post it closes.
        ex = explain_person(plan, nip(1), language="en")
        assert [(a.position_id, a.rule_codes) for a in ex.ruled_out] == [("X", ("same_unit",))]
        assert ex.ruled_out[0].why == "rule: a move to another OPD [same_unit]"
        # And the documentation.
        assert "## `same_unit`" in render_markdown()
    assert before == rules.RULE_CODES
    assert "## `same_unit`" not in render_markdown()
