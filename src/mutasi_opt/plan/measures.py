"""What a plan does to the organisation, in the figures a panel reads first.

:func:`plan_measures` takes a problem and an assignment (one post per person) and returns
:class:`Measures`. The KPIs of a run (``summary.json``), every point of the moves-versus-fit
frontier and the measurement of the defaults (``benchmarks/defaults.py``) all come from here, so
they never count a figure two ways.

Definitions
-----------
- **Placed people** are those who hold a post before the round. Means before and after are over
  the same people: the placed people **with competency data** (at least one level in the
  competencies table). A person without any competency data has an unknown fit and JPM, not a fit
  of 0 (the needs analysis counts them apart the same way: ``no_competency_data``).
- **Fit** is the capped match in [0, 1] (or the ``scores`` override / 100): what the optimiser
  weighs. **JPM** is the official uncapped Job Person Match in percent; a post without
  requirements has none (left out of the JPM mean).
- A **move** is a placed person whose post changes (what ``rules.max_moves`` limits); a
  **placement** gives a post to someone without one. A move **lowers fit** when the fit in the new
  post is below the fit in the old one (by more than
  :data:`~mutasi_opt.rules.FIT_TOLERANCE`); moves out of an abolished post are counted apart (the
  person had to leave).
- **Priority seats** are the free seats of active posts of priority 4 or 5 (high and critical).
  A seat left open is a **recruitment need** when nobody but its holders may take the post (no
  candidate pair from anyone else): no plan could fill it. It is **qualified elsewhere** when
  every other person who may take it holds a priority 4-5 post already (filling it would open
  another such seat).
- A **wish honoured** is a person whose post after the plan (or its unit) is one of their wishes,
  a stay in a wished post included.
"""

from __future__ import annotations

import weakref
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from mutasi_opt.problem import Problem
from mutasi_opt.rule_context import pair_fit
from mutasi_opt.rules import FIT_TOLERANCE, preference
from mutasi_opt.scoring import has_competency_data, jpm

__all__ = ["PRIORITY_SEAT_MIN", "Measures", "plan_measures"]

PRIORITY_SEAT_MIN = 4
"""Posts of at least this priority are the high and critical ones a panel watches."""

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Measures:
    """The headline figures of one plan (see the module docstring).

    Attributes
    ----------
    people, moves, placements
        People; placed people whose post changes; people without a post who get one.
    fit_mean_before, fit_mean_after
        Mean fit of the placed people with competency data, in their post before and after
        (``None`` when there are none).
    jpm_mean_before, jpm_mean_after
        The same for JPM (percent), over those whose post has requirements.
    no_competency_data
        Placed people without any competency data (left out of the means).
    fit_raising_moves, fit_lowering_moves
        Moves that raise / lower the mover's own fit (moves out of an abolished post aside).
    fit_lowering_moves_abolished
        Moves out of an abolished post that lower fit.
    movers_without_wish
        Moves of people who stated no wish at all.
    wishes_honoured
        People whose post after the plan is one of their wishes.
    priority_seats_open_before, priority_seats_filled, priority_seats_open_after
        Free seats of priority 4-5 posts before; of those, taken after; still free after.
    priority_seats_recruitment
        Of the priority 4-5 seats free after: those of posts no one else may take.
    priority_seats_qualified_elsewhere
        Of the priority 4-5 seats free after: those of posts every other candidate of which holds
        a priority 4-5 post.
    """

    people: int
    moves: int
    placements: int
    fit_mean_before: float | None
    fit_mean_after: float | None
    jpm_mean_before: float | None
    jpm_mean_after: float | None
    no_competency_data: int
    fit_raising_moves: int
    fit_lowering_moves: int
    fit_lowering_moves_abolished: int
    movers_without_wish: int
    wishes_honoured: int
    priority_seats_open_before: int
    priority_seats_filled: int
    priority_seats_open_after: int
    priority_seats_recruitment: int
    priority_seats_qualified_elsewhere: int

    @property
    def moves_share(self) -> float:
        """Moves as a share of the people."""
        return self.moves / self.people if self.people else 0.0

    @property
    def fit_lowering_share(self) -> float:
        """Fit-lowering moves (out of abolished posts aside) as a share of the moves."""
        return self.fit_lowering_moves / self.moves if self.moves else 0.0

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        """Plain data, floats rounded (stable JSON text)."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            out[key] = round(value, digits) if isinstance(value, float) else value
        return out


def _mean(values: FloatArray) -> float | None:
    finite = values[np.isfinite(values)]
    return float(finite.mean()) if finite.shape[0] else None


def free_seats(problem: Problem, assignment: npt.ArrayLike) -> npt.NDArray[np.int64]:
    """Free seats per post under an assignment (0 for abolished posts)."""
    ctx = problem.context
    held = np.bincount(np.asarray(assignment, dtype=np.int64)[np.asarray(assignment) >= 0],
                       minlength=problem.n_posts)  # fmt: skip
    free = np.maximum(np.asarray(problem.instance.capacity, dtype=np.int64) - held, 0)
    return np.where(ctx.abolished, 0, free)


_POST_FLAGS: weakref.WeakKeyDictionary[Problem, tuple[npt.NDArray[np.bool_], ...]] = (
    weakref.WeakKeyDictionary()
)
"""Per problem, :func:`recruitment_posts` and :func:`qualified_elsewhere_posts`: they read every
pair and do not depend on the plan, which a round measures several times (frontier points)."""


def _post_flags(problem: Problem) -> tuple[npt.NDArray[np.bool_], ...]:
    flags = _POST_FLAGS.get(problem)
    if flags is None:
        flags = (_recruitment_posts(problem), _qualified_elsewhere_posts(problem))
        _POST_FLAGS[problem] = flags
    return flags


def recruitment_posts(problem: Problem) -> npt.NDArray[np.bool_]:
    """Per post: nobody but its holders may take it (no candidate pair from anyone else)."""
    return _post_flags(problem)[0].copy()


def qualified_elsewhere_posts(problem: Problem) -> npt.NDArray[np.bool_]:
    """Per post: it has other candidates, and every one of them holds a priority 4-5 post."""
    return _post_flags(problem)[1].copy()


def _recruitment_posts(problem: Problem) -> npt.NDArray[np.bool_]:
    pairs = problem.pairs
    others = np.bincount(pairs.post[~pairs.is_current], minlength=problem.n_posts)
    return np.asarray(others == 0)


def _qualified_elsewhere_posts(problem: Problem) -> npt.NDArray[np.bool_]:
    pairs = problem.pairs
    cur = np.asarray(problem.instance.current_post)
    holds_high = np.zeros(problem.n_people, dtype=bool)
    placed = cur >= 0
    holds_high[placed] = np.asarray(problem.instance.priority)[cur[placed]] >= PRIORITY_SEAT_MIN
    other = ~pairs.is_current
    low = np.bincount(pairs.post[other & ~holds_high[pairs.person]], minlength=problem.n_posts)
    return np.asarray(~_recruitment_posts(problem) & (low == 0))


def _fit_and_jpm(problem: Problem, posts: npt.NDArray[np.int64]) -> tuple[FloatArray, FloatArray]:
    """Fit and JPM of every person in ``posts`` (one per person): read from the candidate pairs
    where the pair is one (the same numbers, scored once), computed for the others."""
    ctx = problem.context
    people = np.arange(problem.n_people)
    index = problem.instance.pair_index(people, posts)
    listed = index >= 0
    fit = np.empty(problem.n_people)
    score = np.empty(problem.n_people)
    fit[listed] = problem.pairs.fit[index[listed]]
    score[listed] = problem.pairs.jpm[index[listed]]
    rest = np.flatnonzero(~listed)
    if rest.size:
        fit[rest] = pair_fit(ctx, rest, posts[rest])
        score[rest] = jpm(ctx.levels[rest], ctx.required[posts[rest]])
    return fit, score


def plan_measures(problem: Problem, assignment: npt.ArrayLike) -> Measures:
    """The figures of the module docstring for one plan.

    Parameters
    ----------
    problem
        A problem made by :func:`~mutasi_opt.problem.build_problem`.
    assignment
        Post index per person (the plan).

    Returns
    -------
    Measures
    """
    ctx = problem.context
    to = np.asarray(assignment, dtype=np.int64)
    cur = np.asarray(problem.instance.current_post, dtype=np.int64)
    n = problem.n_people
    people = np.arange(n)
    placed = cur >= 0
    moved = placed & (to != cur)
    has_data = has_competency_data(problem.context.levels)
    counted = placed & has_data

    fit_before = ctx.fit_current
    fit_after, jpm_after = _fit_and_jpm(problem, to)
    safe_cur = np.maximum(cur, 0)
    jpm_before = np.where(placed, _fit_and_jpm(problem, safe_cur)[1], np.nan)

    lowers = moved & (fit_after < fit_before - FIT_TOLERANCE)
    raises = moved & (fit_after > fit_before + FIT_TOLERANCE)
    from_abolished = placed & ctx.abolished[safe_cur]
    honoured = preference(ctx, people, to) > 0

    priority = np.asarray(problem.instance.priority)
    high = (priority >= PRIORITY_SEAT_MIN) & ~ctx.abolished
    before = free_seats(problem, cur)
    after = free_seats(problem, to)
    open_after = np.where(high, after, 0)
    return Measures(
        people=n,
        moves=int(moved.sum()),
        placements=int((~placed & (to >= 0)).sum()),
        fit_mean_before=_mean(fit_before[counted]),
        fit_mean_after=_mean(fit_after[counted]),
        jpm_mean_before=_mean(jpm_before[counted]),
        jpm_mean_after=_mean(jpm_after[counted]),
        no_competency_data=int((placed & ~has_data).sum()),
        fit_raising_moves=int((raises & ~from_abolished).sum()),
        fit_lowering_moves=int((lowers & ~from_abolished).sum()),
        fit_lowering_moves_abolished=int((lowers & from_abolished).sum()),
        movers_without_wish=int((moved & ~ctx.has_wish).sum()),
        wishes_honoured=int((honoured & ctx.has_wish).sum()),
        priority_seats_open_before=int(before[high].sum()),
        priority_seats_filled=int(np.maximum(before - after, 0)[high].sum()),
        priority_seats_open_after=int(open_after.sum()),
        priority_seats_recruitment=int(open_after[recruitment_posts(problem)].sum()),
        priority_seats_qualified_elsewhere=int(
            open_after[qualified_elsewhere_posts(problem)].sum()
        ),
    )
