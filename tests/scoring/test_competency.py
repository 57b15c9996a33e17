"""JPM, capped fit, categories and gaps against hand computation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mutasi_opt.competency import competency_gaps, incumbent_fit, incumbent_jpm
from mutasi_opt.rule_context import pair_fit
from mutasi_opt.scoring import CompetencyGrid, capped_fit, jpm, jpm_category

from .builders import build, make_nip, make_tables

A, B, C = make_nip(1), make_nip(2), make_nip(3)


def tiny_tables():
    """J1 requires M.01 3, M.02 3, M.03 2 (sum 8); J2 requires nothing.

    A: 4, 3, 1 -> JPM 8/8 = 100, fit (3+3+1)/8 = 0.875.
    B: 5, 5, 2 -> JPM 12/8 = 150 (over-qualified), fit 8/8 = 1.
    C: M.01 3 only -> JPM 3/8 = 37.5, fit 0.375 (two levels missing, counted 0).
    """
    return make_tables(
        employees=[
            {"nip": A, "position_id": "J1"},
            {"nip": B},
            {"nip": C},
        ],
        positions=[{"position_id": "J1"}, {"position_id": "J2"}, {"position_id": "J3"}],
        competencies=[
            (A, "M.01", 4), (A, "M.02", 3), (A, "M.03", 1),
            (B, "M.01", 5), (B, "M.02", 5), (B, "M.03", 2),
            (C, "M.01", 3),
        ],
        requirements=[("J1", "M.01", 3), ("J1", "M.02", 3), ("J1", "M.03", 2), ("J3", "M.01", 2)],
    )  # fmt: skip


def pair(problem, person, post):
    k = int(problem.instance.pair_index(person, post))
    assert k >= 0, "expected a candidate pair"
    return k


def test_jpm_and_fit_by_hand():
    levels = np.array([[4, 3, 1], [5, 5, 2], [3, 0, 0]])
    required = np.array([3, 3, 2])
    np.testing.assert_allclose(jpm(levels, required), [100.0, 150.0, 37.5])
    np.testing.assert_allclose(capped_fit(levels, required), [0.875, 1.0, 0.375])


def test_competencies_not_required_do_not_count():
    # M.04 = 5 is not required (0): it adds neither to JPM nor to fit.
    assert jpm([3, 5], [3, 0]) == pytest.approx(100.0)
    assert capped_fit([3, 5], [3, 0]) == pytest.approx(1.0)


def test_post_without_requirements_has_nan_jpm_and_zero_fit():
    assert np.isnan(jpm([3, 3], [0, 0]))
    assert capped_fit([3, 3], [0, 0]) == 0.0


def test_problem_pairs_carry_hand_values():
    problem = build(tiny_tables())
    pairs = problem.pairs
    expected = {(0, 0): (100.0, 0.875), (1, 0): (150.0, 1.0), (2, 0): (37.5, 0.375)}
    for (i, j), (want_jpm, want_fit) in expected.items():
        k = pair(problem, i, j)
        assert pairs.jpm[k] == pytest.approx(want_jpm)
        assert pairs.fit[k] == pytest.approx(want_fit)
    # Over-qualification: the official JPM exceeds 100 while fit is capped at 1.
    k = pair(problem, 1, 0)
    assert pairs.jpm[k] > 100
    assert pairs.fit[k] == 1.0
    # J2 requires nothing: JPM NaN, fit 0.
    k = pair(problem, 1, 1)
    assert np.isnan(pairs.jpm[k])
    assert pairs.fit[k] == 0.0


def test_missing_levels_are_counted_in_one_warning():
    problem = build(tiny_tables())
    # C lacks M.02 and M.03 for J1 (1 pair); A and B have J1's; J3 needs M.01, which all have.
    assert problem.stats["missing_level_pairs"] == 1
    assert problem.stats["missing_level_people"] == 1
    (warning,) = [w for w in problem.warnings if w.rule == "missing_competency_level"]
    assert warning.severity == "warning"
    assert warning.message.startswith("1 candidate pairs (1 people)")


@pytest.mark.parametrize(
    ("values", "family", "expected"),
    [
        ([150.0, 90.0, 89.99, 78.0, 77.99, 0.0], "mapping",
         ["Optimal", "Optimal", "Cukup Optimal", "Cukup Optimal", "Kurang Optimal", "Kurang Optimal"]),
        ([80.0, 79.99, 68.0, 67.99], "selection",
         ["Memenuhi Syarat", "Masih Memenuhi Syarat", "Masih Memenuhi Syarat", "Kurang Memenuhi Syarat"]),
    ],
)  # fmt: skip
def test_jpm_categories_at_the_cut_offs(values, family, expected):
    assert jpm_category(values, family).tolist() == expected


def test_jpm_category_of_nan_is_none():
    assert jpm_category([float("nan"), 95.0]).tolist() == [None, "Optimal"]


def test_a_computed_jpm_of_exactly_78_is_cukup_optimal():
    # 39 / 50: computed as 100 * 39 / 50 so that it is exactly 78, not 77.99999.
    value = jpm([4] * 9 + [3], [5] * 10)
    assert value == 78.0
    assert jpm_category([value]).tolist() == ["Cukup Optimal"]


def test_gaps_by_hand():
    problem = build(tiny_tables())
    gaps = competency_gaps(problem.context, 0, 0)
    assert gaps[["competency", "required", "level", "gap"]].values.tolist() == [
        ["M.01", 3, 4, 1],
        ["M.02", 3, 3, 0],
        ["M.03", 2, 1, -1],
    ]
    assert set(gaps["nip"]) == {A}
    assert set(gaps["position_id"]) == {"J1"}


def test_gaps_of_several_pairs_and_missing_levels():
    problem = build(tiny_tables())
    gaps = competency_gaps(problem.context, [2, 2], [0, 1])
    # J2 requires nothing: only J1's three rows; C has no M.02/M.03 level (0).
    assert gaps[["position_id", "competency", "level", "gap"]].values.tolist() == [
        ["J1", "M.01", 3, 0],
        ["J1", "M.02", 0, -3],
        ["J1", "M.03", 0, -2],
    ]


def test_incumbent_jpm_and_fit():
    problem = build(tiny_tables())
    np.testing.assert_allclose(incumbent_jpm(problem.context), [100.0, np.nan, np.nan])
    np.testing.assert_allclose(incumbent_fit(problem.context), [0.875, np.nan, np.nan])


def test_competency_grid_matches_row_functions():
    rng = np.random.default_rng(3)
    levels = rng.integers(0, 6, (7, 5)).astype(np.int8)
    required = (rng.integers(0, 6, (4, 5)) * (rng.random((4, 5)) < 0.6)).astype(np.int8)
    grid = CompetencyGrid(required)
    official, capped, missing = grid.sums(levels)
    total = np.where(grid.total > 0, grid.total, np.nan)
    got_jpm = 100.0 * official / total
    got_fit = np.nan_to_num(capped / total)
    want_jpm = jpm(levels[:, None, :], required[None, :, :])
    want_fit = capped_fit(levels[:, None, :], required[None, :, :])
    np.testing.assert_allclose(got_jpm, want_jpm)
    np.testing.assert_allclose(got_fit, want_fit)
    want_missing = ((levels[:, None, :] == 0) & (required[None, :, :] > 0)).sum(axis=2)
    np.testing.assert_array_equal(missing, want_missing)


def test_competency_grid_on_some_posts_is_those_columns_of_all() -> None:
    rng = np.random.default_rng(5)
    levels = rng.integers(0, 6, (9, 6)).astype(np.int8)
    required = (rng.integers(0, 6, (8, 6)) * (rng.random((8, 6)) < 0.5)).astype(np.int8)
    grid = CompetencyGrid(required)
    every = grid.sums(levels)
    for posts in (np.array([3]), np.array([7, 0, 7, 2]), np.arange(8)[::-1], np.array([], int)):
        some = grid.sums(levels, posts=posts)
        for whole, part in zip(every, some, strict=True):
            np.testing.assert_array_equal(part, whole[:, posts])


def test_pair_fit_of_a_block_against_some_posts_is_pair_by_pair() -> None:
    ctx = build(tiny_tables()).context
    assert ctx is not None
    people = np.arange(ctx.n_people)
    for posts in (np.arange(ctx.n_posts), np.array([ctx.n_posts - 1]), np.array([1, 0, 1])):
        posts = posts[posts < ctx.n_posts]
        block = pair_fit(ctx, people[:, None], posts[None, :])
        p, q = np.meshgrid(people, posts, indexing="ij")
        np.testing.assert_array_equal(block, pair_fit(ctx, p.ravel(), q.ravel()).reshape(p.shape))
        rows = people[::-1]  # not contiguous: no remembered block
        np.testing.assert_array_equal(pair_fit(ctx, rows[:, None], posts[None, :]), block[::-1])


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    standards=st.integers(1, 4),
    posts=st.integers(1, 12),
    competencies=st.integers(1, 6),
)
def test_competency_grid_with_shared_standards_matches_row_functions(
    seed: int, standards: int, posts: int, competencies: int
) -> None:
    # Posts of one jabatan share a standard, which the grid scores once: every post, and any
    # selection of posts (repeats, one standard only), still gets its own row-function sums.
    rng = np.random.default_rng(seed)
    pool = rng.integers(0, 6, (standards, competencies)) * (
        rng.random((standards, competencies)) < 0.6
    )
    required = pool[rng.integers(0, standards, posts)].astype(np.int8)
    levels = rng.integers(0, 6, (5, competencies)).astype(np.int8)
    grid = CompetencyGrid(required)
    for chosen in (np.arange(posts), rng.integers(0, posts, rng.integers(0, 2 * posts))):
        official, capped, missing = grid.sums(levels, posts=chosen)
        rq = required[chosen]
        needed = rq[None, :, :] > 0
        lv = levels[:, None, :].astype(np.int64)
        np.testing.assert_array_equal(official, np.where(needed, lv, 0).sum(axis=2))
        np.testing.assert_array_equal(capped, np.where(needed, np.minimum(lv, rq), 0).sum(axis=2))
        np.testing.assert_array_equal(missing, (needed & (lv == 0)).sum(axis=2))
