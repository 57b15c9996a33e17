"""Thin conveniences for notebooks and scripts, each a few calls into the engine's own modules.

Nothing here computes anything the engine does not already compute: these functions put the
engine's arrays into :class:`pandas.DataFrame` form, by NIP and ``position_id``, the way an
analyst looks at them::

    import mutasi_opt as mo

    scenario, tables = mo.load("scenarios/sibolga-2026.yaml")
    problem = mo.build_problem(tables, scenario)
    people = mo.people_frame(problem)            # one row per pegawai, JPM in the current jabatan
    mo.score_pairs(problem, people["nip"].iloc[0])   # that person against every post
    cheaper = mo.with_settings(scenario, {"weights.move_cost": 0.2}, name="move-cost-0.2")
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.problem import Problem, build_problem
from mutasi_opt.scenario import Scenario, load_scenario, scenario_from_dict
from mutasi_opt.tables.model import Tables
from mutasi_opt.tables.read import load_tables

__all__ = [
    "candidate_pairs",
    "load",
    "load_problem",
    "people_frame",
    "score_pairs",
    "with_settings",
]

PEOPLE_COLUMNS: tuple[str, ...] = (
    "nip", "name", "golongan", "education", "performance", "potential", "nine_box", "status",
    "locked", "position_id", "title", "unit", "kind", "jenjang", "tenure_months", "age_years",
    "jpm", "jpm_category", "fit", "candidate_posts",
)  # fmt: skip
"""Columns of :func:`people_frame`."""

PAIR_COLUMNS: tuple[str, ...] = (
    "nip", "name", "position_id", "title", "unit", "is_current", "fit", "jpm", "jpm_category",
    "preference", "penalty", "value",
)  # fmt: skip
"""Columns of :func:`candidate_pairs` (and the first ones of :func:`score_pairs`)."""


def _scenario(scenario: str | Path | Scenario) -> Scenario:
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def load(scenario: str | Path | Scenario) -> tuple[Scenario, Tables]:
    """Read a scenario file and every table it names, validated.

    Parameters
    ----------
    scenario
        A scenario YAML file (``extends`` resolved) or an already loaded
        :class:`~mutasi_opt.scenario.Scenario`.

    Returns
    -------
    tuple of (Scenario, Tables)
        The scenario and its tables as DataFrames (``tables.employees``, ``tables.positions``, ...).

    Raises
    ------
    InputError
        Every problem of the scenario or of the tables, all at once.

    Examples
    --------
    >>> scenario, tables = load("scenarios/sibolga-2026.yaml")  # doctest: +SKIP
    >>> tables                                                   # doctest: +SKIP
    Tables(employees=2500, positions=921, competencies=26113, ...)
    """
    loaded = _scenario(scenario)
    return loaded, load_tables(loaded)


def load_problem(scenario: str | Path | Scenario) -> Problem:
    """Load a scenario and its tables and build the problem (every candidate pair scored).

    Parameters
    ----------
    scenario
        A scenario YAML file or a loaded :class:`~mutasi_opt.scenario.Scenario`.

    Returns
    -------
    Problem
        What :func:`~mutasi_opt.problem.build_problem` returns for the scenario and its tables.

    Raises
    ------
    InputError
        Every problem of the scenario or of the tables, all at once.

    Examples
    --------
    >>> problem = load_problem("scenarios/sibolga-2026.yaml")  # doctest: +SKIP
    >>> problem                                                # doctest: +SKIP
    Problem(people=2500, posts=921, units=44, pairs=325457, side_rules=False)
    """
    loaded, tables = load(scenario)
    return build_problem(tables, loaded)


def with_settings(
    scenario: Scenario, settings: Mapping[str, Any], *, name: str | None = None
) -> Scenario:
    """A copy of ``scenario`` with some settings changed, validated like a scenario file.

    Parameters
    ----------
    scenario
        The base scenario (left unchanged).
    settings
        Dotted scenario keys and their new values, as in a sweep file:
        ``{"weights.move_cost": 0.2, "rules.max_moves": 100}``.
    name
        The new scenario's name (it names its run folder); default: the base's name.

    Returns
    -------
    Scenario

    Raises
    ------
    InputError
        A key that is not a scenario key, or a value the key does not accept (all named).

    Examples
    --------
    >>> strict = with_settings(base, {"rules.max_tenure_hard": True}, name="strict")  # doctest: +SKIP
    >>> strict.rules.max_tenure_hard                                                   # doctest: +SKIP
    True
    """
    # The sweep's own setter, so that a notebook variant and a sweep point mean the same thing.
    from mutasi_opt.sweep.spec import apply_settings

    raw, unknown = apply_settings(scenario.to_dict(), dict(settings))
    if unknown:
        raise InputError(
            [
                InputIssue(
                    "unknown_key",
                    "not a key of the scenario (check the spelling)",
                    column=k,
                    message_id="bukan kunci skenario (periksa ejaannya)",
                )
                for k in unknown
            ]
        )
    if name is not None:
        raw["name"] = name
    return scenario_from_dict(raw, source=scenario.source)


def _at(values: npt.ArrayLike, index: npt.NDArray[np.int64]) -> npt.NDArray[np.object_]:
    """``values[index]`` with ``None`` where ``index`` is -1."""
    arr = np.asarray(values, dtype=object)
    out = np.full(index.shape, None, dtype=object)
    ok = index >= 0
    if arr.shape[0]:
        out[ok] = arr[index[ok]]
    return out


def _category(problem: Problem, jpm: npt.ArrayLike) -> npt.NDArray[np.object_]:
    from mutasi_opt.scoring import jpm_category

    return jpm_category(jpm, problem.scenario.scoring.jpm_categories)


def people_frame(problem: Problem) -> pd.DataFrame:
    """One row per person (pegawai): who they are, their current post and how well they fit it.

    Parameters
    ----------
    problem
        Built by :func:`~mutasi_opt.problem.build_problem`.

    Returns
    -------
    pandas.DataFrame
        In the employees table's order, columns :data:`PEOPLE_COLUMNS`: the person's golongan,
        education, SKP predikat (``performance``), ``potential`` and 9-box (0 = unknown); the
        current jabatan (``position_id``, ``title``, ``unit`` = OPD, ``kind``, ``jenjang``;
        empty when not placed); ``tenure_months`` in the post and ``age_years`` at ``as_of``;
        the official ``jpm`` (%) in the current post and its ``jpm_category`` (NaN and
        ``None`` when not placed, when the post requires nothing, or when the person has no
        competency data at all, as in :func:`~mutasi_opt.needs.needs_analysis`), the capped
        ``fit`` in [0, 1] the optimiser uses; and ``candidate_posts``, the posts the hard rules
        leave open to the person (the current one included).

    Examples
    --------
    >>> people = people_frame(problem)                      # doctest: +SKIP
    >>> people.groupby("unit")["jpm"].median()              # doctest: +SKIP
    """
    from mutasi_opt.competency import incumbent_fit, incumbent_jpm

    emp = problem.tables.employees
    pos = problem.tables.positions
    cur = np.asarray(problem.instance.current_post, dtype=np.int64)
    rc = problem.context
    jpm = incumbent_jpm(rc)  # unknown (NaN) without any competency data
    frame = pd.DataFrame(
        {
            "nip": emp["nip"].astype(str).to_numpy(dtype=object),
            "name": emp["name"].to_numpy(dtype=object),
            "golongan": emp["golongan"].to_numpy(dtype=object),
            "education": emp["education"].to_numpy(dtype=object),
            "performance": emp["performance"].to_numpy(dtype=object),
            "potential": emp["potential"].to_numpy(dtype=object),
            "nine_box": np.asarray(problem.nine_box, dtype=np.int64),
            "status": emp["status"].to_numpy(dtype=object),
            "locked": emp["locked"].fillna(False).to_numpy(dtype=bool),
            **{c: _at(pos[c], cur) for c in ("position_id", "title", "unit", "kind", "jenjang")},
            "tenure_months": np.asarray(rc.tenure, dtype=np.float64),
            "age_years": np.floor(np.asarray(rc.age, dtype=np.float64) / 12.0),
            "jpm": jpm,
            "jpm_category": _category(problem, jpm),
            "fit": incumbent_fit(problem.context),
            "candidate_posts": np.diff(problem.pairs.ptr).astype(np.int64),
        }
    )
    return frame.loc[:, list(PEOPLE_COLUMNS)]


_SCORES = ("is_current", "fit", "jpm", "preference", "penalty", "value")


def _pair_frame(
    problem: Problem,
    person: npt.NDArray[np.int64],
    post: npt.NDArray[np.int64],
    scores: Mapping[str, npt.NDArray[Any]],
) -> pd.DataFrame:
    """The pair columns from person and post indices and the score arrays (:data:`_SCORES`)."""
    emp = problem.tables.employees
    pos = problem.tables.positions
    return pd.DataFrame(
        {
            "nip": np.asarray(problem.nip, dtype=object)[person],
            "name": emp["name"].to_numpy(dtype=object)[person],
            "position_id": np.asarray(problem.post_id, dtype=object)[post],
            "title": pos["title"].to_numpy(dtype=object)[post],
            "unit": pos["unit"].to_numpy(dtype=object)[post],
            "is_current": np.asarray(scores["is_current"], dtype=bool),
            "fit": np.asarray(scores["fit"], dtype=np.float64),
            "jpm": np.asarray(scores["jpm"], dtype=np.float64),
            "jpm_category": _category(problem, scores["jpm"]),
            "preference": np.asarray(scores["preference"], dtype=np.float64),
            "penalty": np.asarray(scores["penalty"], dtype=np.float64),
            "value": np.asarray(scores["value"], dtype=np.float64),
        }
    )


def candidate_pairs(problem: Problem, nip: str | Sequence[str] | None = None) -> pd.DataFrame:
    """The candidate pairs (every hard rule passed, after pruning) as a frame.

    Parameters
    ----------
    problem
        Built by :func:`~mutasi_opt.problem.build_problem`.
    nip
        Only these people's pairs (one NIP or several); default every pair.

    Returns
    -------
    pandas.DataFrame
        One row per pair, sorted by person then post, columns :data:`PAIR_COLUMNS`: the
        optimiser's ``fit``, the official ``jpm`` (%) and its category, ``preference``
        (1 / rank of the best matching wish), soft ``penalty`` and the pair's ``value``.

    Examples
    --------
    >>> candidate_pairs(problem, "199001012015031001").nlargest(5, "value")  # doctest: +SKIP
    """
    pairs = problem.pairs
    keep = np.arange(len(pairs), dtype=np.int64)
    if nip is not None:
        people = _indices(problem.nip, [nip] if isinstance(nip, str) else list(nip), "nip")
        keep = np.flatnonzero(np.isin(pairs.person, people)).astype(np.int64)
    person = pairs.person[keep].astype(np.int64)
    post = pairs.post[keep].astype(np.int64)
    scores = {name: getattr(pairs, name)[keep] for name in _SCORES}
    return _pair_frame(problem, person, post, scores)


def _indices(ids: npt.ArrayLike, wanted: Sequence[str], what: str) -> npt.NDArray[np.int64]:
    """Positions of ``wanted`` in ``ids``; an :class:`InputError` naming every unknown id."""
    index = pd.Index(np.asarray(ids, dtype=object).astype(str))
    asked = np.asarray([str(w) for w in wanted], dtype=object)
    found = index.get_indexer(asked)
    if (found < 0).any():
        table = "employees" if what == "nip" else "positions"
        raise InputError(
            [
                InputIssue(
                    f"unknown_{what}",
                    f"not in the {table} table",
                    column=what,
                    value=v,
                    message_id=f"tidak ada di tabel {table}",
                )
                for v in dict.fromkeys(asked[found < 0].tolist())
            ]
        )
    return found.astype(np.int64)


def score_pairs(
    problem: Problem,
    nips: str | Sequence[str],
    position_ids: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rate people against posts, whether or not the rules allow the pair.

    Parameters
    ----------
    problem
        Built by :func:`~mutasi_opt.problem.build_problem` (it holds the rule context).
    nips
        One NIP or several.
    position_ids
        One post or several, broadcast against ``nips`` (one person against many posts, many
        people against one post, or pairwise for two lists of equal length); default every post.

    Returns
    -------
    pandas.DataFrame
        One row per pair: :data:`PAIR_COLUMNS`, then ``candidate`` (True when the pair is among
        the problem's candidate pairs) and ``excluded_by`` (the codes of the hard rules of
        :data:`~mutasi_opt.rules.RULES` that close the pair, joined by ``", "``; empty when every
        rule allows it). The numbers are those the optimiser uses
        (:func:`mutasi_opt.candidates.score_pairs`).

    Raises
    ------
    InputError
        An unknown NIP or position_id (every one named).
    ValueError
        ``nips`` and ``position_ids`` of different lengths (neither of length 1).

    Examples
    --------
    >>> score_pairs(problem, "199001012015031001").nlargest(5, "value")  # doctest: +SKIP
    >>> score_pairs(problem, ["1990...", "1985..."], "POS-0001")          # doctest: +SKIP
    """
    from mutasi_opt.candidates import score_pairs as _score
    from mutasi_opt.rules import exclusion_codes

    people = _indices(problem.nip, [nips] if isinstance(nips, str) else list(nips), "nip")
    if position_ids is None:
        posts = np.arange(problem.n_posts, dtype=np.int64)
    else:
        wanted = [position_ids] if isinstance(position_ids, str) else list(position_ids)
        posts = _indices(problem.post_id, wanted, "position_id")
    if len(people) != 1 and len(posts) != 1 and len(people) != len(posts):
        raise ValueError(
            f"{len(people)} NIPs and {len(posts)} posts: give one of each, or lists of equal length"
        )
    p, q = (a.ravel() for a in np.broadcast_arrays(people, posts))
    scored = _score(problem.context, p, q)
    frame = _pair_frame(problem, p, q, {name: getattr(scored, name) for name in _SCORES})
    frame["candidate"] = problem.instance.pair_index(p, q) >= 0
    frame["excluded_by"] = [", ".join(c) for c in exclusion_codes(problem.context, p, q)]
    return frame
