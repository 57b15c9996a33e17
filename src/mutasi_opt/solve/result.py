"""The typed outcome of a solve: status, plan, objective, proven bound, gap, timings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt


class Status(StrEnum):
    """How a solve ended (the ``status`` of ``summary.json``)."""

    OPTIMAL = "optimal"
    """A plan proven optimal (within ``solver.relative_gap``)."""
    FEASIBLE = "feasible"
    """A plan that satisfies every rule, optimality not proven within the time limit."""
    INFEASIBLE = "infeasible"
    """Proven: no plan satisfies the rules; see ``conflicts``."""
    NO_SOLUTION = "no_solution"
    """No plan found within the time limit, and infeasibility not proven."""


def within_gap(bound: int, value: int, relative_gap: float) -> bool:
    """A plan worth ``value`` is within ``solver.relative_gap`` of the proven ``bound`` (both in
    ``value_int`` units): ``bound - value <= relative_gap * max(1, |value|)``, the test a plan
    called :attr:`Status.OPTIMAL` passes."""
    return bound - value <= relative_gap * max(1.0, abs(value))


@dataclass(frozen=True)
class Conflict:
    """One reason the rules cannot all hold (an element of an infeasibility explanation).

    Besides the sentence, each conflict carries a machine-checkable claim (``kind`` and the
    indices it involves) that :func:`mutasi_opt.proof.conflict.verify_conflict` re-checks from the
    instance's arrays alone.

    Attributes
    ----------
    families
        The smallest set of rule families found in conflict (reason codes such as
        ``"min_tenure"``, ``"rank_range"``, ``"capacity"``, ``"max_moves"``).
    message
        A sentence naming the people or posts involved.
    nips, position_ids
        The people and posts involved.
    kind
        What is claimed (:data:`mutasi_opt.proof.conflict.KINDS`):

        - ``no_candidate``: person ``people[0]`` has no candidate pair;
        - ``must_fill_unreachable``: must-fill post ``posts[0]`` is in no candidate pair;
        - ``seats``: more people than seats in all posts;
        - ``must_fill_count``: more must-fill posts than people;
        - ``hall``: the candidate posts of the group ``people`` are exactly ``posts``, and they
          have fewer seats in total than the group has people;
        - ``must_fill_hall``: the people with a candidate pair at one of the must-fill posts
          ``posts`` are exactly ``people``, fewer than the posts;
        - ``side_rule_count``: the placed people ``people`` must all move (``rule ==
          "max_moves"``: their current post is not a candidate) or must all leave unit ``unit``
          (``rule == "unit_outflow"``: no candidate post inside it), more than the rule allows;
        - ``core``: with the families ``enforced`` holding and every other family relaxed, no
          plan exists (a CP-SAT core; see ``scope``).

        ``""`` for a conflict made by hand (it never verifies).
    people, posts
        Person and post indices of the claim (the instance's order).
    rule
        For ``side_rule_count``: ``"max_moves"`` or ``"unit_outflow"``.
    unit
        For ``side_rule_count`` with ``rule == "unit_outflow"``: the unit index.
    enforced
        For ``core``: the families that hold (coupling families of
        :data:`mutasi_opt.proof.conflict.COUPLING` and eligibility rule codes); every other family
        is relaxed.
    scope
        For ``core``: the people whose non-candidate pairs a relaxed eligibility family gives
        back (``None``: everyone; ``()``: no one, the core is on the candidate pairs alone).
    verified
        True when :func:`mutasi_opt.proof.conflict.verify_conflict` confirmed the claim.
    """

    families: tuple[str, ...]
    message: str
    nips: tuple[str, ...] = ()
    position_ids: tuple[str, ...] = ()
    kind: str = ""
    people: tuple[int, ...] = ()
    posts: tuple[int, ...] = ()
    rule: str = ""
    unit: int | None = None
    enforced: tuple[str, ...] = ()
    scope: tuple[int, ...] | None = None
    verified: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``summary.json``."""
        return {
            "families": list(self.families),
            "message": self.message,
            "nips": list(self.nips),
            "position_ids": list(self.position_ids),
            "kind": self.kind,
            "people": list(self.people),
            "posts": list(self.posts),
            "rule": self.rule,
            "unit": self.unit,
            "enforced": list(self.enforced),
            "scope": None if self.scope is None else list(self.scope),
            "verified": self.verified,
        }


@dataclass(frozen=True, eq=False)
class Proof:
    """How a result's claim was established, and whether code apart from the solver agreed.

    Attributes
    ----------
    method
        ``"lp_duality"`` (dual prices whose bound the plan attains), ``"lp_duality:relaxation"``
        (the same for the round without side rules, whose optimum respects them),
        ``"lp_duality+reduced_cost_pruning+cpsat"`` (pruned pairs cannot improve the plan, CP-SAT
        proved it best on the rest), ``"conflict:<kind>"`` for an infeasible round, ``"none"``.
    verified
        The independent check (:mod:`mutasi_opt.proof`) passed.
    certificate, check
        The optimality certificate and what its check found (``None`` for an infeasible round).
    """

    method: str
    verified: bool
    certificate: Any = None
    check: Any = None

    def to_dict(self) -> dict[str, Any]:
        """``summary.json``'s ``proof``."""
        out: dict[str, Any] = {"method": self.method, "verified": self.verified}
        if self.check is not None:
            out["pairs_pruned"] = int(self.check.pruned)
        return out


@dataclass(frozen=True, eq=False)
class Result:
    """What :func:`mutasi_opt.solve.solve` returns; infeasible and timed-out runs included.

    Attributes
    ----------
    status
        See :class:`Status`.
    backend
        ``"flow"`` or ``"cpsat"``: the algorithm that produced the plan.
    assignment
        Post index per person (length ``n_people``), or ``None`` without a plan.
    objective
        Sum of the (float) values of the chosen pairs, or ``None``.
    objective_int
        The same in the integer scale every solver optimises.
    bound
        Proven upper bound on the objective (float), or ``None``.
    gap
        ``(bound - objective) / max(1, |objective|)``, or ``None``.
    timings
        Seconds per phase (e.g. ``relax``, ``prune``, ``cpsat``).
    conflicts
        The explanation when infeasible.
    stats
        Counts: pairs in the model, pairs fixed by reduced cost, iterations, ...
    proof
        How the status was established and whether its independent check passed.
    alternatives
        Genuinely different near-optimal plans, when asked for
        (``solve(..., alternatives=K)``, :func:`mutasi_opt.solve.find_alternatives`), best first.
    """

    status: Status
    backend: str
    assignment: npt.NDArray[np.int32] | None
    objective: float | None
    objective_int: int | None
    bound: float | None
    gap: float | None
    timings: dict[str, float] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    proof: Proof | None = None
    alternatives: tuple[Result, ...] = ()

    @property
    def has_plan(self) -> bool:
        """True when there is an assignment (optimal or feasible)."""
        return self.assignment is not None

    def summary(self) -> str:
        """One aligned line: status, objective, bound, gap, backend."""
        obj = "-" if self.objective is None else f"{self.objective:.4f}"
        bnd = "-" if self.bound is None else f"{self.bound:.4f}"
        gap = "-" if self.gap is None else f"{self.gap:.2%}"
        return f"status={self.status.value} objective={obj} bound={bnd} gap={gap} backend={self.backend}"

    def __repr__(self) -> str:
        return f"Result({self.summary()})"
