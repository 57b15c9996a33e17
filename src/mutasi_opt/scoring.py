"""How a person is rated against a post: JPM, capped fit, categories, 9-box and the pair's value.

Pure numpy functions (no tables, no I/O), shared by :func:`~mutasi_opt.problem.build_problem`,
the needs analysis, the planner and ``explain``.

The value of a candidate pair (the model's contract, docs/model.md)
--------------------------------------------------------------------
::

    value_ij = p_j * (w_fit * fit_ij + w_performance * perf_i + w_potential * pot_i)
               + w_preference * pref_ij
               - w_move_cost * [i is placed and j != current(i)]
               + w_overdue * [i is placed, j != current(i) and tenure_i > max_tenure_months]
               - penalty_ij

- ``p_j = priority_j / 3``, so the default priority 3 is neutral and 5 weighs a critical post 5/3.
- ``fit_ij = sum_c min(level_ic, req_jc) / sum_c req_jc`` over the post's required competencies
  (the capped match, in [0, 1]); a missing level counts 0. A post with no requirements has fit 0
  and JPM NaN. A row of ``scores`` replaces fit by ``score / 100`` for its pair (the
  ``score`` column of ``assignments.csv`` is fit x 100).
- ``perf_i`` = :data:`~mutasi_opt.domain.PERFORMANCE_SCORE` of the predikat (Sangat Baik 1, Baik
  0.75, Butuh Perbaikan 0.5, Kurang 0.25, Sangat Kurang 0); ``pot_i`` =
  :data:`~mutasi_opt.domain.POTENTIAL_SCORE` (rendah 0, menengah 0.5, tinggi 1; missing 0.5).
- ``pref_ij = 1 / rank`` of the best wish matching the pair (a unit wish matches every post of the
  unit), 0 without a wish; the current post gets no preference unless it is wished.
- An unplaced person (current = -1) pays no move cost: a placement is not a move.
- ``penalty_ij`` (an extension) is ``weights.refusal_penalty`` for a refused pair when
  ``rules.refusals: soft`` plus ``weights.rank_range_penalty`` when ``rules.rank_range: soft`` and the
  golongan is outside the post's range, plus ``weights.missing_technical_penalty`` when
  ``rules.missing_technical: soft`` and the post requires a teknis competency the person lacks;
  the current post is never penalised.
- ``w_overdue`` (soft maximum tenure, an extension): moving someone who has been more than
  ``rules.max_tenure_months`` whole months in their post is worth ``weights.overdue`` more, the
  same for every post they could move to (no maximum, or an unknown tenure: no bonus). It is not
  multiplied by ``p_j``: it rewards the move, not the seat.

Integer scale
-------------
Every solver optimises ``value_int = rint(value * VALUE_SCALE)`` (int64), so plans are compared on
the integer sum; the reported objective is the float sum of ``value`` over the plan. With
``VALUE_SCALE = 1_000_000`` two plans whose float objectives differ by more than
``n_people / VALUE_SCALE`` are ordered the same way by both sums (each pair rounds by at most 0.5
units), and ``value_int`` is a non-decreasing function of ``value``.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt

from mutasi_opt import domain
from mutasi_opt.scenario import Weights

__all__ = [
    "VALUE_SCALE",
    "CompetencyGrid",
    "capped_fit",
    "composite_value",
    "has_competency_data",
    "jpm",
    "jpm_category",
    "nine_box",
    "performance_score",
    "potential_score",
    "priority_factor",
    "to_value_int",
]

FloatArray = npt.NDArray[np.float64]
Int64Array = npt.NDArray[np.int64]

VALUE_SCALE: Final[int] = 1_000_000
"""Integer scale of pair values: ``value_int = rint(value * VALUE_SCALE)``."""

MISSING_POTENTIAL_SCORE: Final[float] = 0.5
"""``pot_i`` of a person without a potential (the middle of the scale)."""

MAX_LEVEL: Final[int] = 5
"""Highest competency level (PermenPANRB 38/2017)."""


def _sums(levels_rows: npt.ArrayLike, required_rows: npt.ArrayLike) -> tuple[FloatArray, ...]:
    lv = np.asarray(levels_rows, dtype=np.int64)
    rq = np.asarray(required_rows, dtype=np.int64)
    needed = rq > 0
    official = np.where(needed, lv, 0).sum(axis=-1)
    capped = np.where(needed, np.minimum(lv, rq), 0).sum(axis=-1)
    return (
        official.astype(np.float64),
        capped.astype(np.float64),
        rq.sum(axis=-1).astype(np.float64),
    )


def jpm(levels_rows: npt.ArrayLike, required_rows: npt.ArrayLike) -> FloatArray:
    """Official Job Person Match in percent, uncapped (may exceed 100).

    ``100 * sum_c level_c / sum_c required_c`` over the competencies the post requires
    (``required_c > 0``); a missing level (0) counts 0.

    Parameters
    ----------
    levels_rows, required_rows
        Levels and required levels, broadcastable, the competencies on the last axis (as
        ``problem.context.levels[i]`` and ``problem.context.required[j]``).

    Returns
    -------
    numpy.ndarray
        JPM per row; NaN where the post requires nothing.

    Examples
    --------
    >>> jpm([4, 3, 0], [3, 3, 0])
    array(116.66666667)
    """
    official, _, total = _sums(levels_rows, required_rows)
    with np.errstate(divide="ignore", invalid="ignore"):
        # 100 * num first: an integer product, so a JPM of exactly 78 or 90 is exact.
        return np.where(total > 0, (100.0 * official) / total, np.nan)


def capped_fit(levels_rows: npt.ArrayLike, required_rows: npt.ArrayLike) -> FloatArray:
    """Capped competency match in [0, 1]: ``sum_c min(level_c, required_c) / sum_c required_c``.

    A surplus in one competency never hides a gap in another. 0 where the post requires nothing.

    Examples
    --------
    >>> capped_fit([4, 3, 0], [3, 3, 0])
    array(1.)
    """
    _, capped, total = _sums(levels_rows, required_rows)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, capped / total, 0.0)


class CompetencyGrid:
    """Official and capped competency sums of a block of people against all posts, by BLAS.

    ``sum_c min(l_c, r_c) = sum_{t=1..5} sum_c [l_c >= t][r_c >= t]``, so the capped sums of
    ``B`` people against ``S`` distinct competency standards are one ``(B x 5C) @ (5C x S)``
    product, spread to the ``M`` posts by a gather (posts of one jabatan share a standard); the
    sums are small integers, exact in float32.

    Parameters
    ----------
    required
        Posts x competencies required levels (0 = not required).
    """

    def __init__(self, required: npt.NDArray[np.int8]) -> None:
        rq = np.asarray(required)
        needed = rq > 0
        # Only competencies some post requires matter, and only steps up to the highest level
        # required ([r >= t] is 0 above it).
        self._columns = np.flatnonzero(needed.any(axis=0))
        rq = rq[:, self._columns]
        self._max_level = int(rq.max(initial=0))
        # Posts of one jabatan share its competency standard: the products run over the distinct
        # standards only (at 100,000 people, 304 standards among 3,530 posts).
        standards, profile = np.unique(rq, axis=0, return_inverse=True)
        self.profile: npt.NDArray[np.intp] = np.asarray(profile, dtype=np.intp).reshape(-1)
        """Per post: its competency standard (a column of :meth:`block_sums`)."""
        self._needed = (standards > 0).astype(np.float32).T.copy()
        steps = [(standards >= t) for t in range(1, self._max_level + 1)]
        self._steps = (
            np.concatenate(steps, axis=1).astype(np.float32).T.copy()
            if steps
            else np.zeros((0, standards.shape[0]), dtype=np.float32)
        )
        self.standard_total = standards.astype(np.int64).sum(axis=1).astype(np.float64)
        """Sum of required levels per standard."""
        self.total = self.standard_total[self.profile]
        """Sum of required levels per post."""
        # The remembered block, per thread: the candidate generator scores blocks in threads.
        self._local = threading.local()

    def __getstate__(self) -> dict[str, Any]:
        # A problem travels to Dask workers; the remembered block stays behind.
        state = dict(self.__dict__)
        del state["_local"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._local = threading.local()

    def block_sums(
        self, levels: npt.NDArray[np.int8], start: int, stop: int
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """:meth:`standard_sums` of the people ``start:stop`` of ``levels``, remembered for the
        last block (of the calling thread); post ``j``'s column is ``profile[j]``.

        The candidate generator's rules (``no_fit_loss``) and its scores read the same sums of
        the same block: computed once (measured: 4 s of 23 at 100,000 people). The block is
        recognised by the very ``levels`` array (held, so never confused with a later one) and
        its bounds.
        """
        last = getattr(self._local, "last", None)
        if last is not None and last[0] is levels and last[1] == start and last[2] == stop:
            return last[3]
        out = self.standard_sums(levels[start:stop])
        self._local.last = (levels, start, stop, out)
        return out

    def forget(self) -> None:
        """Drop the block :meth:`block_sums` remembers in this thread (its memory); a worker
        thread's own goes with the thread."""
        self._local.last = None

    def standard_sums(
        self, levels: npt.NDArray[np.int8], standards: npt.NDArray[np.integer] | None = None
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Official sum, capped sum and count of required competencies without a level, of the
        ``B`` people given against every standard (``B x S``, exact small integers in float32),
        or against the ``standards`` given."""
        lv = np.asarray(levels)[:, self._columns]
        width = self._needed.shape[1] if standards is None else len(standards)
        if self._max_level == 0:
            # No post requires anything: every sum is 0.
            zero = np.zeros((lv.shape[0], width), dtype=np.float32)
            return zero, zero, zero
        step_cols = self._steps if standards is None else self._steps[:, standards]
        needed = self._needed if standards is None else self._needed[:, standards]
        steps = np.concatenate([(lv >= t) for t in range(1, self._max_level + 1)], axis=1)
        capped = steps.astype(np.float32) @ step_cols
        official = lv.astype(np.float32) @ needed
        missing = (lv == 0).astype(np.float32) @ needed
        return official, capped, missing

    def sums(
        self, levels: npt.NDArray[np.int8], posts: npt.NDArray[np.integer] | None = None
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """:meth:`standard_sums` per post: ``B x M``, or ``B x len(posts)`` for the posts given
        (a few posts need not pay for all of them)."""
        profile = self.profile if posts is None else self.profile[np.asarray(posts, dtype=np.intp)]
        used, column = np.unique(profile, return_inverse=True)
        if used.shape[0] == self._needed.shape[1]:
            out = self.standard_sums(levels)
            column = profile
        else:
            out = self.standard_sums(levels, used)
        return out[0][:, column], out[1][:, column], out[2][:, column]


def jpm_category(
    jpm_values: npt.ArrayLike, family: Literal["mapping", "selection"] = "mapping"
) -> npt.NDArray[np.object_]:
    """JPM category labels (:data:`~mutasi_opt.domain.JPM_LABELS`), ``None`` for NaN.

    ``mapping``: Optimal >= 90, Cukup Optimal 78 to < 90, Kurang Optimal < 78.
    ``selection``: Memenuhi Syarat >= 80, Masih Memenuhi Syarat 68 to < 80, Kurang Memenuhi Syarat < 68.

    Examples
    --------
    >>> jpm_category([95.0, 78.0, 77.9, float("nan")]).tolist()
    ['Optimal', 'Cukup Optimal', 'Kurang Optimal', None]
    """
    values = np.asarray(jpm_values, dtype=np.float64)
    high, middle = domain.JPM_CUTS[family]
    labels = domain.JPM_LABELS[family]
    out = np.full(values.shape, None, dtype=object)
    known = ~np.isnan(values)
    out[known & (values >= high)] = labels[0]
    out[known & (values >= middle) & (values < high)] = labels[1]
    out[known & (values < middle)] = labels[2]
    return out


def _labels(values: npt.ArrayLike) -> list[str | None]:
    """Labels as a list of ``str`` or ``None`` (for None, NaN, pandas NA and non-text values)."""
    return [v if isinstance(v, str) else None for v in np.asarray(values, dtype=object).tolist()]


def _mapped(values: npt.ArrayLike, table: Mapping[str, float], missing: float) -> FloatArray:
    return np.array(
        [missing if v is None else table.get(v, np.nan) for v in _labels(values)], dtype=np.float64
    )


def performance_score(predikat: npt.ArrayLike) -> FloatArray:
    """``perf_i`` in [0, 1] from the SKP predikat (:data:`~mutasi_opt.domain.PERFORMANCE_SCORE`).

    Unknown or missing predikat give NaN (the readers reject them).
    """
    return _mapped(predikat, domain.PERFORMANCE_SCORE, np.nan)


def potential_score(potential: npt.ArrayLike) -> FloatArray:
    """``pot_i`` in [0, 1] from the potential (:data:`~mutasi_opt.domain.POTENTIAL_SCORE`).

    A missing potential (``None``/NaN) scores :data:`MISSING_POTENTIAL_SCORE` (0.5);
    :func:`~mutasi_opt.problem.build_problem` counts them in one warning.
    """
    return _mapped(potential, domain.POTENTIAL_SCORE, MISSING_POTENTIAL_SCORE)


def nine_box(performance: npt.ArrayLike, potential: npt.ArrayLike) -> npt.NDArray[np.int8]:
    """9-box number (1-9, the docs/domain.md table) from predikat and potential labels; 0 = unknown.

    The performance axis is :data:`~mutasi_opt.domain.PERFORMANCE_AXIS` of the predikat (Sangat
    Baik above, Baik meets, the rest below expectations), the potential axis
    :data:`~mutasi_opt.domain.POTENTIAL_AXIS`. A missing potential or predikat gives 0.

    Examples
    --------
    >>> nine_box(["Sangat Baik", "Baik", "Kurang"], ["tinggi", None, "rendah"]).tolist()
    [9, 0, 1]
    """
    perf = _labels(performance)
    pot = _labels(potential)
    out = np.zeros(len(perf), dtype=np.int8)
    for k, (a, b) in enumerate(zip(perf, pot, strict=True)):
        if a in domain.PERFORMANCE_AXIS and b in domain.POTENTIAL_AXIS:
            out[k] = domain.NINE_BOX[(domain.POTENTIAL_AXIS[b], domain.PERFORMANCE_AXIS[a])]
    return out


def priority_factor(priority: npt.ArrayLike) -> FloatArray:
    """``p_j = priority_j / 3`` (priority 1-5, default 3 is neutral)."""
    return np.asarray(priority, dtype=np.float64) / 3.0


def composite_value(
    *,
    priority: npt.ArrayLike,
    fit: npt.ArrayLike,
    performance: npt.ArrayLike,
    potential: npt.ArrayLike,
    preference: npt.ArrayLike,
    moved: npt.ArrayLike,
    penalty: npt.ArrayLike,
    weights: Weights,
    overdue: npt.ArrayLike = False,
) -> FloatArray:
    """The value of pairs (module docstring); all array arguments broadcast together.

    Parameters
    ----------
    priority
        ``priority_j`` of the post (1-5).
    fit, performance, potential, preference
        ``fit_ij``, ``perf_i``, ``pot_i``, ``pref_ij``.
    moved
        True where the pair changes the post of a placed person.
    penalty
        Soft-rule penalty ``penalty_ij``.
    overdue
        True where the pair moves a person past ``rules.max_tenure_months`` (soft maximum
        tenure: ``+ w_overdue``).
    weights
        :class:`~mutasi_opt.scenario.Weights` (``fit``, ``performance``, ``potential``,
        ``preference``, ``move_cost``).
    """
    w = weights
    person_part = w.performance * np.asarray(performance) + w.potential * np.asarray(potential)
    return np.asarray(
        priority_factor(priority) * (w.fit * np.asarray(fit) + person_part)
        + w.preference * np.asarray(preference)
        - w.move_cost * np.asarray(moved, dtype=np.float64)
        + w.overdue * (np.asarray(moved, dtype=bool) & np.asarray(overdue, dtype=bool))
        - np.asarray(penalty),
        dtype=np.float64,
    )


def to_value_int(value: npt.ArrayLike) -> Int64Array:
    """``rint(value * VALUE_SCALE)`` as int64: the values every solver optimises."""
    return np.rint(np.asarray(value, dtype=np.float64) * VALUE_SCALE).astype(np.int64)


def has_competency_data(levels: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Per person (row of levels): at least one competency level is known.

    A person without any competency data has an **unknown** JPM, not a JPM of 0: the plan's
    JPM columns and means, its JPM categories, the needs analysis and the notebooks' frames all
    leave them out and count them apart. Their fit stays 0 in the value (the optimiser cannot
    rate them), which keeps them where they are unless a rule moves them.
    """
    return np.asarray(np.asarray(levels).any(axis=-1), dtype=bool)
