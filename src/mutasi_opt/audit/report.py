"""The audit's findings and :func:`audit_plan`, which compares the re-derivation with the engine.

:class:`Disagreement` (one chosen pair on which the audit and the engine disagree),
:class:`AuditReport` (every one of them) and :class:`AuditError` (raised for them); the stored
values compared with the re-derived ones within :data:`RELATIVE_TOLERANCE`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import numpy as np
import numpy.typing as npt

from mutasi_opt.audit.cells import BoolArray, FloatArray, IntArray, texts
from mutasi_opt.audit.eligibility import RULES
from mutasi_opt.audit.facts import Facts, Posts, read_facts
from mutasi_opt.audit.value import VALUE_SCALE, Value, pair_values
from mutasi_opt.instance import Instance

if TYPE_CHECKING:
    from mutasi_opt.problem import Problem

SHOWN: Final[int] = 10
"""Disagreements spelled out in an :class:`AuditError` before "and N more"."""

RELATIVE_TOLERANCE: Final[float] = 1e-9
"""Re-derived and stored values agree within this, relative to ``max(1, |value|)``."""


@dataclass(frozen=True)
class Disagreement:
    """One chosen pair on which the audit and the engine disagree.

    Attributes
    ----------
    nip
        The person.
    position_id
        The post the plan gives them (``None`` when it gives none).
    rule
        A hard-rule code of :data:`AUDITED_RULES`, or ``value``, ``not_candidate``,
        ``unassigned``, ``identity`` (the package docstring, :mod:`mutasi_opt.audit`).
    detail
        What the audit found, in numbers.
    """

    nip: str
    position_id: str | None
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"NIP {self.nip} -> {self.position_id}: {self.rule}: {self.detail}"


class AuditError(RuntimeError):
    """The audit disagrees with the engine: a bug. ``disagreements`` holds every one."""

    def __init__(self, disagreements: list[Disagreement]) -> None:
        self.disagreements = list(disagreements)
        shown = "; ".join(str(d) for d in self.disagreements[:SHOWN])
        more = len(self.disagreements) - SHOWN
        tail = f"; and {more} more" if more > 0 else ""
        super().__init__(
            f"the audit of the plan disagrees with the engine on {len(self.disagreements)} "
            f"point(s): {shown}{tail}"
        )


@dataclass(frozen=True)
class AuditReport:
    """What :func:`audit_plan` found.

    Attributes
    ----------
    disagreements
        Every disagreement, by person then in rule order.
    pairs_audited
        Chosen pairs re-derived (people given a known post).
    skipped
        Why nothing was audited (an instance alone, without tables), else ``None``.
    """

    disagreements: list[Disagreement] = field(default_factory=list)
    pairs_audited: int = 0
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        """True when the audit agrees with the engine on every pair (or was skipped)."""
        return not self.disagreements

    def rules(self) -> set[str]:
        """The codes of the disagreements."""
        return {d.rule for d in self.disagreements}

    def raise_for_disagreements(self) -> None:
        """Raise :class:`AuditError` when there is any disagreement.

        Raises
        ------
        AuditError
            Naming NIP, position_id, rule and detail of the first ten, then "and N more".
        """
        if self.disagreements:
            raise AuditError(self.disagreements)


def _differ(stored: FloatArray, mine: FloatArray) -> BoolArray:
    """Where two value arrays disagree beyond the tolerance (NaN agrees only with NaN)."""
    with np.errstate(invalid="ignore"):
        near = np.abs(stored - mine) <= RELATIVE_TOLERANCE * np.maximum(1.0, np.abs(mine))
    return ~(near | (np.isnan(stored) & np.isnan(mine)))


def _value_disagreements(
    problem: Problem, f: Facts, v: Value, k_pair: IntArray
) -> dict[int, Disagreement]:
    """A ``value`` disagreement per audited person whose stored pair differs from the audit."""
    pairs = problem.pairs
    has = k_pair >= 0
    k = np.where(has, k_pair, 0)
    if pairs.value.shape[0] == 0:
        return {}
    stored = pairs.value[k].astype(np.float64)
    checks: list[tuple[str, FloatArray, FloatArray, BoolArray]] = [
        ("value", stored, v.value, _differ(stored, v.value) | ~np.isfinite(v.value)),
    ]
    # value_int = rint(value x VALUE_SCALE), with half a unit of slack for a re-derived value
    # that lies one rounding step from the engine's on a .5 boundary.
    stored_int = pairs.value_int[k].astype(np.float64)
    slack = 0.5 + RELATIVE_TOLERANCE * VALUE_SCALE * np.maximum(1.0, np.abs(v.value))
    with np.errstate(invalid="ignore"):
        bad_int = ~(np.abs(stored_int - v.value * VALUE_SCALE) <= slack)
    checks.append(("value_int", stored_int, np.rint(v.value * VALUE_SCALE), bad_int))
    for name, stored_part, mine in (
        ("fit", pairs.fit, v.fit),
        ("jpm", pairs.jpm, v.jpm),
        ("preference", pairs.preference, v.pref),
        ("penalty", pairs.penalty, v.penalty),
    ):
        part = stored_part[k].astype(np.float64)
        checks.append((name, part, mine, _differ(part, mine)))
    bad = has & np.logical_or.reduce([c[3] for c in checks])
    out = {}
    for at in np.flatnonzero(bad).tolist():
        detail = "; ".join(
            f"{name} {float(s[at])!r}, audit {float(a[at])!r}" for name, s, a, b in checks if b[at]
        )
        out[at] = Disagreement(f.nip[at], f.to_id[at], "value", detail)
    return out


def _pair_positions(problem: Problem, people: IntArray, posts: IntArray) -> IntArray:
    """Index of each (person, post) in ``problem.pairs``, -1 when it is not there."""
    pairs = problem.pairs
    m = max(problem.n_posts, 1)
    keys = pairs.person.astype(np.int64) * m + pairs.post.astype(np.int64)
    if keys.size == 0:
        return np.full(people.shape[0], -1, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    want = people * m + posts
    at = np.minimum(np.searchsorted(sorted_keys, want), keys.size - 1)
    return np.where(sorted_keys[at] == want, order[at], -1).astype(np.int64)


def audit_plan(problem: Problem | Instance, assignment: npt.ArrayLike) -> AuditReport:
    """Re-derive every hard rule and the value of each person's chosen pair from the tables.

    Parameters
    ----------
    problem
        The round, as :func:`~mutasi_opt.problem.build_problem` made it from its tables and
        scenario. An :class:`~mutasi_opt.instance.Instance` alone (built by hand, e.g. by
        :func:`~mutasi_opt.solve.instances.instance_from_values`) has values that were given, not
        derived from tables, so there is nothing to re-derive: the report says it was skipped.
    assignment
        Post index per person (as ``Result.assignment``); ``-1`` for none.

    Returns
    -------
    AuditReport
        Every disagreement between the audit and the engine (:class:`Disagreement`), the number of
        pairs audited, or the reason the audit was skipped.

    Raises
    ------
    ValueError
        When ``assignment`` does not have one entry per person.

    Examples
    --------
    >>> audit_plan(problem, result.assignment).raise_for_disagreements()  # doctest: +SKIP
    """
    post = np.asarray(assignment)
    n, m = problem.n_people, problem.n_posts
    if post.shape != (n,):
        raise ValueError(f"the plan has shape {post.shape} for {n} people")
    if isinstance(problem, Instance):
        return AuditReport(skipped="an instance built by hand has no tables: its values are "
                           "given, not derived from tables and a scenario")  # fmt: skip
    tables = problem.tables
    if len(tables.employees) == 0 and n > 0:
        return AuditReport(skipped="the problem has no tables to re-derive from")
    post = post.astype(np.int64)
    found: list[Disagreement] = []
    nips = np.array([str(x) for x in problem.nip.tolist()], dtype=object)
    post_ids = np.array([str(x) for x in problem.post_id.tolist()], dtype=object)
    posts = Posts.read(tables.positions, tables.employees)

    # The plan's indices as identifiers, and the rows of the tables they name.
    emp_index = {nip: k for k, nip in enumerate(texts(tables.employees["nip"]).tolist())}
    emp_rows = np.array([emp_index.get(x, -1) for x in nips.tolist()], dtype=np.int64)
    given = (post >= 0) & (post < m)
    to_ids = np.full(n, None, dtype=object)
    to_ids[given] = post_ids[post[given]]
    to_rows = np.array([posts.row.get(x, -1) for x in to_ids.tolist()], dtype=np.int64)
    for i in np.flatnonzero(~given).tolist():
        found.append(Disagreement(nips[i], None, "unassigned", f"post index {int(post[i])}"))
    for i in np.flatnonzero(emp_rows < 0).tolist():
        found.append(Disagreement(nips[i], to_ids[i], "identity", "NIP not in the employees table"))
    for i in np.flatnonzero(given & (to_rows < 0)).tolist():
        found.append(
            Disagreement(nips[i], to_ids[i], "identity", "post not in the positions table")
        )
    who = np.flatnonzero(given & (emp_rows >= 0) & (to_rows >= 0))
    f = read_facts(problem, emp_rows[who], to_rows[who], to_ids[who], posts)

    by_person: dict[int, list[Disagreement]] = {}
    # The problem's current post must be the employees table's.
    cur = problem.instance.current_post[who].astype(np.int64)
    held = np.full(who.shape[0], None, dtype=object)
    held[cur >= 0] = post_ids[cur[cur >= 0]]
    for at in np.flatnonzero(held != f.cur_id).tolist():
        by_person.setdefault(at, []).append(Disagreement(
            f.nip[at], f.to_id[at], "identity",
            f"problem.instance.current_post is {held[at]}, employees.position_id is {f.cur_id[at]}",
        ))  # fmt: skip
    k_pair = _pair_positions(problem, who, post[who])
    for at in np.flatnonzero(k_pair < 0).tolist():
        by_person.setdefault(at, []).append(Disagreement(
            f.nip[at], f.to_id[at], "not_candidate",
            "the chosen pair is not among the problem's candidate pairs",
        ))  # fmt: skip
    # An overriding ruling's own pair stands against the other hard rules (the run lists it).
    overridden = (
        f.rulings.overridden if f.rulings is not None else np.zeros(f.nip.shape[0], dtype=bool)
    )
    for code, rule in RULES:
        forbidden, detail = rule(f, problem.scenario)
        if code != "ruling":
            forbidden = forbidden & ~overridden
        for at in np.flatnonzero(forbidden).tolist():
            by_person.setdefault(at, []).append(
                Disagreement(f.nip[at], f.to_id[at], code, detail(at))
            )
    values = _value_disagreements(problem, f, pair_values(f, problem.scenario), k_pair)
    for at, d in values.items():
        by_person.setdefault(at, []).append(d)
    for at in sorted(by_person):
        found.extend(by_person[at])
    return AuditReport(disagreements=found, pairs_audited=int(who.shape[0]))
