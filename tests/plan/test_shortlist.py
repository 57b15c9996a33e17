"""The shortlist per post: every vacancy and priority 4-5 post, its best candidates, who was
chosen, and why not the others (checked against the plan itself, not against the code)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mutasi_opt.api import load_problem
from mutasi_opt.plan import make_plan
from mutasi_opt.plan.shortlist import SHORTLIST_COLUMNS, _listed
from mutasi_opt.solve import solve
from mutasi_opt.synth import generate_sample, write_sample

from .cases import round_case

WHY = {"", "max_moves", "unit_outflow", "better_elsewhere", "lower_value", "plan_total"}


def test_shortlist_covers_vacancies_and_critical_posts_with_the_holders_chosen() -> None:
    problem, result = round_case()
    plan = make_plan(problem, result)
    short = plan.shortlist
    assert list(short.columns) == list(SHORTLIST_COLUMNS)
    assert len(short) > 0
    pos = problem.tables.positions.set_index("position_id")
    assignments = plan.assignments.set_index("nip")
    # Every post listed is a vacancy (before or after the round) or of priority 4-5.
    open_after = set(plan.vacancies["position_id"])
    for pid, group in short.groupby("position_id"):
        row = pos.loc[pid]
        assert (
            int(group["free_before"].iat[0]) > 0 or int(row["priority"]) >= 4 or pid in open_after
        )
        # Ranks strictly by value, best first.
        values = group.sort_values("rank")["value"].to_numpy()
        assert np.all(np.diff(values) <= 1e-12)
        # Whoever holds the post after the round is listed, and chosen.
        holders = set(assignments.index[assignments["to_position_id"] == pid])
        listed = set(group["nip"])
        assert holders & listed == set(group.loc[group["chosen"], "nip"])
    # Every post left open that some candidate pair reaches is on the list.
    pairs_posts = {str(problem.post_id[j]) for j in np.unique(problem.pairs.post)}
    assert (open_after & pairs_posts) <= set(short["position_id"])
    # Each reason agrees with the plan.
    assert set(short["why_not"]) <= WHY
    for row in short.itertuples():
        person = assignments.loc[row.nip]
        assert row.plan_position_id == person["to_position_id"]
        assert row.chosen == (person["to_position_id"] == row.position_id)
        assert (row.why_not == "") == row.chosen
        if row.why_not == "better_elsewhere":
            assert row.value <= person["value"] + 1e-12
            assert person["to_title"] in row.why_not_text
        if row.why_not == "lower_value":
            assert row.value > person["value"]


def test_shortlist_size_and_language() -> None:
    problem, result = round_case(output={"shortlist_size": 1})
    short = make_plan(problem, result, language="en").shortlist
    # At most one candidate per post beyond the holders chosen.
    assert (short.loc[~short["chosen"]].groupby("position_id").size() <= 1).all()
    assert short.loc[short["chosen"], "why_not_text"].eq("chosen for this post").all()
    none = round_case(output={"shortlist_size": 0})
    assert make_plan(*none).shortlist.empty


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 4), st.booleans()), min_size=1, max_size=40),
    st.integers(1, 6),
    st.randoms(use_true_random=False),
)
def test_listed_candidates_are_the_best_and_every_holder_with_their_true_ranks(
    cells: list[tuple[int, bool]], size: int, rnd: object
) -> None:
    values = np.array([v / 4 for v, _ in cells])  # few values: many ties
    holding = np.array([h for _, h in cells])
    nip_rank = np.arange(len(cells))
    rnd.shuffle(nip_rank)  # type: ignore[attr-defined]
    listed, ranks = _listed(values, nip_rank, holding, size)
    # Brute force: a candidate's rank is 1 + those worth more, or as much with a smaller NIP.
    true = [1 + sum((values[j], -nip_rank[j]) > (values[i], -nip_rank[i]) for j in range(len(cells)))
            for i in range(len(cells))]  # fmt: skip
    want = sorted((true[i], i) for i in range(len(cells)) if true[i] <= size or holding[i])
    assert list(zip(ranks.tolist(), listed.tolist(), strict=True)) == want


def test_shortlist_jpm_is_recomputed_from_the_competency_tables(tmp_path: Path) -> None:
    # Every row's JPM against the raw tables: the person's levels (0 where missing) over the
    # post's required levels, x 100; unknown for a person without any competency row or a post
    # that requires nothing.
    write_sample(generate_sample(400, seed=11), tmp_path, xlsx=False)
    problem = load_problem(tmp_path / "scenario.yaml")
    short = make_plan(problem, solve(problem)).shortlist
    tables = problem.tables
    levels = {
        (str(r.nip), str(r.competency)): int(r.level)
        for r in tables.competencies.itertuples(index=False)
    }
    with_data = {nip for nip, _ in levels}
    required: dict[str, dict[str, int]] = {}
    for r in tables.requirements.itertuples(index=False):
        required.setdefault(str(r.position_id), {})[str(r.competency)] = int(r.level)
    unknown_with_standard = 0
    for row in short.itertuples(index=False):
        standard = {c: lv for c, lv in required.get(str(row.position_id), {}).items() if lv > 0}
        if str(row.nip) not in with_data or not standard:
            assert row.jpm is None or row.jpm != row.jpm, row
            unknown_with_standard += bool(standard)
            continue
        held = sum(levels.get((str(row.nip), c), 0) for c in standard)
        assert row.jpm == round(100.0 * held / sum(standard.values()), 4), row
    # The sample lists people without competency data on posts with a standard (the case
    # that reads unknown, not 0).
    assert unknown_with_standard > 0
