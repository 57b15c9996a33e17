"""Candidate generation: agrees with the rules pair by pair, block size does not matter, pruning
keeps the K best plus the current post and changes nothing when K covers every candidate."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from mutasi_opt import candidates
from mutasi_opt.candidates import CandidatePairs, generate_candidates, score_pairs
from mutasi_opt.problem import build_problem
from mutasi_opt.rules import RULE_CODES, exclusion_mask

from .builders import build, make_nip, make_scenario, make_tables
from .strategies import rule_settings, tables

PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIELDS = (
    "person",
    "post",
    "value",
    "value_int",
    "fit",
    "jpm",
    "preference",
    "penalty",
    "is_current",
    "ptr",
)


def same_pairs(a: CandidatePairs, b: CandidatePairs) -> None:
    for name in FIELDS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)


@PROPERTY
@given(tables(), rule_settings())
def test_candidates_are_exactly_the_pairs_every_rule_allows(t, rules):
    problem = build(t, rules=rules)
    n, m = problem.n_people, problem.n_posts
    mask = exclusion_mask(problem.context, np.arange(n)[:, None], np.arange(m)[None, :])
    want = np.argwhere(mask == 0)
    got = np.column_stack([problem.pairs.person, problem.pairs.post])
    np.testing.assert_array_equal(got, want.reshape(-1, 2))
    # Counted exclusions add up, each pair credited to its first rule.
    excluded = sum(problem.stats[f"excluded.{c}"] for c in RULE_CODES)
    assert excluded == n * m - len(problem.pairs)
    lowest = mask & -mask.astype(np.int64)  # lowest set bit = first excluding rule
    for bit, code in enumerate(RULE_CODES):
        assert problem.stats[f"excluded.{code}"] == int((lowest == 1 << bit).sum())
    # The CSR offsets and the current flags are consistent.
    np.testing.assert_array_equal(
        np.diff(problem.pairs.ptr), np.bincount(problem.pairs.person, minlength=n)
    )
    np.testing.assert_array_equal(
        problem.pairs.is_current,
        problem.instance.current_post[problem.pairs.person] == problem.pairs.post,
    )


@PROPERTY
@given(tables(), rule_settings())
def test_fit_is_capped_and_official_jpm_dominates(t, rules):
    pairs = build(t, rules=rules).pairs
    assert ((pairs.fit >= 0) & (pairs.fit <= 1)).all()
    scored = ~np.isnan(build_scores(t, pairs))
    requirements = ~np.isnan(pairs.jpm)
    check = requirements & ~scored
    # Official JPM >= capped JPM (= 100 x fit) wherever fit is not overridden by `scores`.
    assert (pairs.jpm[check] >= 100 * pairs.fit[check] - 1e-9).all()
    assert (pairs.fit[~requirements & ~scored] == 0).all()


def build_scores(t, pairs):
    nip = t.employees["nip"].tolist()
    posts = t.positions["position_id"].tolist()
    lookup = {(nip.index(a), posts.index(b)): s for a, b, s in t.scores.itertuples(index=False)}
    return np.array(
        [lookup.get((i, j), np.nan) for i, j in zip(pairs.person, pairs.post, strict=True)]
    )


@PROPERTY
@given(tables(), rule_settings())
def test_values_agree_with_pair_by_pair_scoring(t, rules):
    problem = build(t, rules=rules)
    pairs = problem.pairs
    assert problem.context is not None
    flat = score_pairs(problem.context, pairs.person, pairs.post)
    np.testing.assert_allclose(flat.value, pairs.value, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(flat.value_int, pairs.value_int)
    np.testing.assert_allclose(flat.fit, pairs.fit, rtol=0, atol=1e-12)
    np.testing.assert_allclose(flat.jpm, pairs.jpm, rtol=0, atol=1e-9)
    np.testing.assert_array_equal(flat.preference, pairs.preference)
    np.testing.assert_array_equal(flat.penalty, pairs.penalty)


@PROPERTY
@given(tables(), rule_settings(), st.integers(1, 40))
def test_block_size_does_not_matter(t, rules, block):
    scenario = make_scenario(rules=rules)
    whole = build_problem(t, scenario)
    tiny = build_problem(t, scenario, block_pairs=block)
    same_pairs(whole.pairs, tiny.pairs)
    assert whole.stats == tiny.stats


@PROPERTY
@given(tables(), rule_settings(), st.integers(1, 40), st.integers(2, 4))
def test_blocks_in_threads_give_the_same_pairs_and_counts(t, rules, block, threads):
    scenario = make_scenario(rules=rules)
    with mock.patch.object(candidates, "block_threads", return_value=1):
        alone = build_problem(t, scenario, block_pairs=block)
    with mock.patch.object(candidates, "block_threads", return_value=threads):
        side_by_side = build_problem(t, scenario, block_pairs=block)
    same_pairs(alone.pairs, side_by_side.pairs)
    assert alone.stats == side_by_side.stats


@PROPERTY
@given(tables(), rule_settings())
def test_value_int_orders_pairs_like_value(t, rules):
    pairs = build(t, rules=rules).pairs
    order = np.argsort(pairs.value, kind="stable")
    assert (np.diff(pairs.value_int[order]) >= 0).all()


@PROPERTY
@given(tables(), rule_settings(), st.integers(0, 3))
def test_pruning_with_k_covering_every_candidate_changes_nothing(t, rules, extra):
    full = build(t, rules=rules)
    k = int(np.diff(full.pairs.ptr).max(initial=0)) + extra
    pruned = build(t, rules=rules, scoring={"candidates_per_person": max(k, 1)})
    same_pairs(full.pairs, pruned.pairs)
    assert pruned.stats["pruned_pairs"] == 0


@PROPERTY
@given(tables(), rule_settings(), st.integers(1, 3))
def test_pruning_keeps_the_k_best_and_the_current_post(t, rules, k):
    full = build(t, rules=rules)
    pruned = build(t, rules=rules, scoring={"candidates_per_person": k})
    fp, pp = full.pairs, pruned.pairs
    for i in range(full.n_people):
        seg = slice(fp.ptr[i], fp.ptr[i + 1])
        posts, values = fp.post[seg], fp.value_int[seg]
        best = sorted(zip(-values, posts, strict=True))[:k]
        want = {int(j) for _, j in best}
        current = int(full.instance.current_post[i])
        if current in posts.tolist():
            want.add(current)
        got = pp.post[pp.ptr[i] : pp.ptr[i + 1]].tolist()
        assert got == sorted(want)
    assert pruned.stats["pruned_pairs"] == len(fp) - len(pp)
    assert pruned.stats["eligible_pairs"] == len(fp)


def assignment_optimum(problem) -> int:
    """Best total value_int with one post each and capacities (SciPy's exact assignment)."""
    slots = np.repeat(np.arange(problem.n_posts), problem.instance.capacity)
    big = -(10**12)
    cost = np.full((problem.n_people, slots.shape[0]), big, dtype=np.int64)
    p = problem.pairs
    for k in range(len(p)):
        cost[p.person[k], slots == p.post[k]] = p.value_int[k]
    rows, cols = linear_sum_assignment(cost, maximize=True)
    return int(cost[rows, cols].sum())


def test_pruning_with_k_covering_every_candidate_keeps_the_optimum():
    rng = np.random.default_rng(7)
    n, m = 8, 10
    people = [{"nip": make_nip(i + 1), "position_id": f"J{i + 1}"} for i in range(n)]
    posts = [{"position_id": f"J{j + 1}", "unit": f"U{j % 3}"} for j in range(m)]
    levels = [
        (make_nip(i + 1), c, int(rng.integers(1, 6))) for i in range(n) for c in ("M.01", "M.02")
    ]
    reqs = [(f"J{j + 1}", c, int(rng.integers(1, 5))) for j in range(m) for c in ("M.01", "M.02")]
    t = make_tables(people, posts, levels, reqs)
    # Every pair a candidate: no rule closes any (the random fits would let no_fit_loss close some).
    every = {"no_fit_loss": False}
    full = build(t, rules=every)
    assert len(full.pairs) == n * m
    covering = build(t, rules=every, scoring={"candidates_per_person": m})
    assert assignment_optimum(covering) == assignment_optimum(full)
    same_pairs(full.pairs, covering.pairs)
    # Pruning harder still keeps every current post.
    hard = build(t, rules=every, scoring={"candidates_per_person": 1})
    assert hard.pairs.is_current.sum() == n
    assert hard.stats["pruned_pairs"] == len(full.pairs) - len(hard.pairs) > 0


def test_ties_are_broken_by_post_index():
    # Five identical posts: J4, the current one, is best (no move cost); the other four tie, and
    # K = 3 keeps the two of them with the lowest post index. (The builder's person is past the
    # maximum tenure: without weights.overdue = 0 its bonus would cancel the move cost.)
    people = [{"nip": make_nip(1), "position_id": "J4"}]
    posts = [{"position_id": f"J{j}"} for j in range(1, 6)]
    problem = build(
        make_tables(people, posts), scoring={"candidates_per_person": 3}, weights={"overdue": 0}
    )
    assert problem.post_id[problem.pairs.post].tolist() == ["J1", "J2", "J4"]


def test_no_posts_or_no_people():
    scenario = make_scenario()
    assert problem_pairs(make_tables([], [{}])) == 0
    assert build_problem(
        make_tables([{}], []), scenario
    ).instance.people_without_candidates.tolist() == [0]


def problem_pairs(t) -> int:
    return len(build(t).pairs)


def test_generate_candidates_reports_pairs_considered():
    t = make_tables([{}, {}], [{}, {}, {}])
    problem = build(t)
    assert problem.context is not None
    pairs, stats = generate_candidates(problem.context, None)
    assert stats["pairs_considered"] == 6
    assert stats["candidate_pairs"] == len(pairs) == 6


@pytest.mark.parametrize("k", [None, 2])
def test_pair_index(k):
    t = make_tables([{}, {}], [{}, {}, {}])
    problem = build(t, scoring={"candidates_per_person": k})
    idx = problem.instance.pair_index([0, 1, 1], [2, 0, 2])
    for n, (i, j) in enumerate([(0, 2), (1, 0), (1, 2)]):
        if idx[n] >= 0:
            assert (problem.pairs.person[idx[n]], problem.pairs.post[idx[n]]) == (i, j)
    # Unplaced people, identical posts: K = 2 keeps J1 and J2 of each.
    assert (idx >= 0).tolist() == ([True, True, True] if k is None else [False, True, False])
