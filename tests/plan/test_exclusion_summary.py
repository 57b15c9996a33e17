"""Why a post has no candidate: the batched summary against a pair-by-pair oracle."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mutasi_opt import rules
from mutasi_opt.api import load_problem
from mutasi_opt.plan import rules_bridge
from mutasi_opt.plan.rules_bridge import exclusion_summary
from mutasi_opt.synth import generate_sample, write_sample


def _oracle(problem, post: int) -> tuple[dict[str, int], dict[str, int]]:  # type: ignore[no-untyped-def]
    """Every rule evaluated pair by pair (1-D indices) for everyone outside ``post``."""
    people = np.flatnonzero(np.asarray(problem.instance.current_post) != post)
    ctx = problem.context
    first: dict[str, int] = {}
    only_stay: dict[str, int] = {}
    candidates = set(problem.pairs.person[problem.pairs.post == post].tolist())
    for i in people.tolist():
        closing = [r for r in rules.RULES
                   if not bool(np.asarray(r.func(ctx, np.array([i]), np.array([post]))).ravel()[0])]  # fmt: skip
        if not closing:
            if i not in candidates:
                first["pruned"] = first.get("pruned", 0) + 1
            continue
        first[closing[0].code] = first.get(closing[0].code, 0) + 1
        keeps = [r.keeps_in_place and bool(rules.kept_by(r.code, ctx, np.array([i]))[0])
                 for r in closing]  # fmt: skip
        if all(keeps):
            only_stay[closing[0].code] = only_stay.get(closing[0].code, 0) + 1
    return first, only_stay


@pytest.mark.parametrize(
    ("block", "posts_at_once"),
    [(rules_bridge.EXCLUSION_BLOCK, rules_bridge.EXCLUSION_POSTS), (97, 1000), (1000, 4)],
)
def test_batched_summary_matches_pair_by_pair_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int, posts_at_once: int
) -> None:
    write_sample(generate_sample(120, seed=11), tmp_path, xlsx=False)
    problem = load_problem(tmp_path / "scenario.yaml")
    # Small blocks too: people in several blocks, posts broadcast against each; and the posts
    # a few at a time.
    monkeypatch.setattr(rules_bridge, "EXCLUSION_BLOCK", block)
    monkeypatch.setattr(rules_bridge, "EXCLUSION_POSTS", posts_at_once)
    posts = list(range(0, problem.n_posts, 3))
    got = exclusion_summary(problem)(posts)
    assert sorted(got) == posts
    for j in posts:
        first, only_stay = _oracle(problem, j)
        assert got[j].first_rule == first, j
        assert got[j].kept_by_stay_rules == only_stay, j
    # The round exercises both counts, several rules among them.
    assert any(got[j].kept_by_stay_rules for j in posts)
    assert len({code for j in posts for code in got[j].first_rule}) >= 4
    assert exclusion_summary(problem)([]) == {}
