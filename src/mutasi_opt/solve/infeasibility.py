"""Why a round is infeasible: conflicts that name the people, posts and rule families involved.

Direct checks first, each naming people or posts (:func:`quick_conflicts`):

- a person with no candidate post: the rule families that close every post to them, a smallest
  set found exactly over the exclusion codes of :mod:`mutasi_opt.rules` ("NIP ... must leave an
  abolished post, but every other post is closed to them by rank_range and refusal");
- a must-fill post that no one may take;
- fewer seats than people, or more must-fill posts than people;
- people who must leave their post (abolished, past the maximum tenure) outnumbering
  ``max_moves``, a unit's forced leavers outnumbering its outflow cap, or people whose post in
  the baseline plan is closed to them (a ruling, a rule) outnumbering ``max_changes``.

Then (:func:`explain_infeasible`) a group of people whose candidate posts together have fewer
seats than they are (a Hall violator, from a minimum cut), must-fill posts that fewer people may
take than they are (the same on the posts' side), and finally a CP-SAT model whose coupling
families (capacity, must-fill, max moves, unit outflow) and eligibility families (each excluded
pair of the people involved, enabled only when every family that excludes it is relaxed) are
guarded by assumption literals: CP-SAT's sufficient assumptions, shrunk by deletion, give a
smallest set of families that cannot hold together.

Every conflict carries a machine-checkable claim (:attr:`Conflict.kind` and its indices) and is
returned only after :func:`mutasi_opt.proof.conflict.verify_conflict`, written apart from the
solver, has re-checked it (a core is re-solved on its own by a fresh model). When no conflict
verifies, the round is tested for a plan directly: a plan found raises :class:`PlanExists` (the
solver that said infeasible was wrong), anything else :class:`UnverifiedInfeasibility`. An
explanation never answers with an unverified or "unknown" conflict.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt
from ortools.graph.python import max_flow

# CP-SAT (and the CP-SAT model's modules) is imported where an infeasible round is explained:
# every solve runs the quick checks here, and a round with a plan should not load it (0.1 s).
from mutasi_opt.instance import Instance
from mutasi_opt.interrupt import solve_cpsat
from mutasi_opt.proof.conflict import PRUNED, plain_feasibility, verify_conflict
from mutasi_opt.solve.instances import pairs_from_arrays
from mutasi_opt.solve.result import Conflict
from mutasi_opt.solve.side_rows import side_rows

__all__ = [
    "PlanExists",
    "UnverifiedInfeasibility",
    "explain_infeasible",
    "minimal_cover",
    "quick_conflicts",
]


class UnverifiedInfeasibility(RuntimeError):
    """A solver said the round is infeasible, but no conflict could be verified.

    Either the round has a plan (then :class:`PlanExists`, a subclass) or neither a conflict nor
    a plan was found within the time limit. In both cases the answer "infeasible" is not backed
    by a proof, and :func:`mutasi_opt.solve.solve` must not give it.
    """


class PlanExists(UnverifiedInfeasibility):
    """The round has a plan: whichever solver said infeasible was wrong (a bug).

    Attributes
    ----------
    assignment
        The post index of each person in a plan found over the candidate pairs under every
        coupling rule (``None`` when not kept).
    """

    def __init__(self, message: str, assignment: npt.NDArray[np.int64] | None = None) -> None:
        super().__init__(message)
        self.assignment = assignment


SHOWN = 10
MAX_EXPLAIN_PAIRS = 3_000_000
"""Above this many pairs no CP-SAT model is built (the direct checks and the Hall cuts still run)."""
MAX_EXCLUDED_PAIRS = 200_000
"""Excluded pairs added to the explanation model at most (all people on rounds below it)."""


def exclusion_bits(
    instance: Instance, person: npt.ArrayLike, post: npt.ArrayLike
) -> npt.NDArray[np.uint32] | None:
    """Bit mask of the rules excluding each pair (bit ``len(codes)`` = pruned), or ``None``.

    ``None`` when the instance does not know its rules (:attr:`Instance.exclusions`, e.g. one
    built from values).
    """
    rules = instance.exclusions
    if rules is None:
        return None
    mask = rules.mask(person, post).astype(np.uint32)
    return np.where(mask == 0, np.uint32(1 << len(rules.codes)), mask).astype(np.uint32)


def _code(instance: Instance, bit: int) -> str:
    codes = () if instance.exclusions is None else instance.exclusions.codes
    return codes[bit] if bit < len(codes) else PRUNED


def minimal_cover(masks: npt.NDArray[np.uint32]) -> tuple[int, ...]:
    """A smallest set of bits such that every mask has one of them (lowest bits first on ties).

    Parameters
    ----------
    masks
        One bit mask per excluded pair (every mask non-zero).
    """
    uniq = np.unique(masks)
    if uniq.size == 0:
        return ()
    present = int(np.bitwise_or.reduce(uniq))
    bits = [b for b in range(32) if present >> b & 1]
    for size in range(1, len(bits) + 1):
        for combo in itertools.combinations(bits, size):
            sel = np.uint32(sum(1 << b for b in combo))
            if bool(np.all(uniq & sel)):
                return combo
    return tuple(bits)  # pragma: no cover - the full set always covers


def _names(labels: npt.NDArray[np.object_], idx: Sequence[int]) -> str:
    shown = ", ".join(str(labels[k]) for k in list(idx)[:SHOWN])
    return shown + (f" and {len(idx) - SHOWN} more" if len(idx) > SHOWN else "")


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _person_without_posts(instance: Instance, i: int) -> Conflict:
    nip = str(instance.nip[i])
    cur = int(instance.current_post[i])
    posts = np.arange(instance.n_posts)
    bits = exclusion_bits(instance, i, posts)
    abolished = (
        cur >= 0 and bits is not None and bool(bits[cur] & 1) and _code(instance, 0) == "abolished"
    )
    if cur >= 0:
        situation = (
            f"must leave an abolished post ({instance.post_id[cur]})"
            if abolished
            else (f"cannot keep their post ({instance.post_id[cur]})")
        )
        other, rest = "every other post", posts != cur
    else:
        situation, other, rest = (
            "is not placed",
            "every post",
            np.ones(instance.n_posts, dtype=bool),
        )
    if bits is None:
        families: tuple[str, ...] = ("eligibility",)
        why = "the rules (this round has no rule codes to name them)"
    else:
        cover = tuple(_code(instance, b) for b in minimal_cover(bits[rest])) if rest.any() else ()
        families = tuple(dict.fromkeys((*(("abolished",) if abolished else ()), *cover)))
        why = "the rules " + _and(list(cover)) if cover else "nothing (there is no other post)"
    message = f"NIP {nip} {situation}, but {other} is closed to them by {why}"
    held = () if cur < 0 else (cur,)
    return Conflict(families, message, (nip,), tuple(str(instance.post_id[j]) for j in held),
                    kind="no_candidate", people=(i,), posts=held)  # fmt: skip


def _forced_movers(instance: Instance) -> npt.NDArray[np.int64]:
    """Placed people whose current post is not a candidate (they must move)."""
    placed = instance.current_post >= 0
    keeps = np.zeros(instance.n_people, dtype=bool)
    keeps[instance.pairs.person[instance.pairs.is_current]] = True
    return np.flatnonzero(placed & ~keeps)


def _verified(instance: Instance, found: Sequence[Conflict], time_limit: float) -> list[Conflict]:
    """The conflicts that :func:`~mutasi_opt.proof.conflict.verify_conflict` confirms, marked."""
    return [
        replace(c, verified=True)
        for c in found
        if verify_conflict(instance, c, time_limit=max(1.0, time_limit))
    ]


def quick_conflicts(instance: Instance) -> list[Conflict]:
    """Conflicts found by direct counting, each naming the people or posts (empty: none found).

    Each is verified (:func:`mutasi_opt.proof.conflict.verify_conflict`) before it is returned.
    """
    out: list[Conflict] = []
    pairs = instance.pairs
    for i in np.flatnonzero(np.diff(pairs.ptr) == 0).tolist():
        out.append(_person_without_posts(instance, i))
    takers = np.bincount(pairs.post, minlength=instance.n_posts)
    for j in np.flatnonzero(instance.must_fill & (takers == 0)).tolist():
        bits = exclusion_bits(instance, np.arange(instance.n_people), j)
        fam = ("must_fill",) + (
            ("eligibility",)
            if bits is None
            else tuple(_code(instance, b) for b in minimal_cover(bits))
        )
        out.append(Conflict(fam, f"post {instance.post_id[j]} must be filled (priority {instance.priority[j]}) "
                            f"but no one may take it", (), (str(instance.post_id[j]),),
                            kind="must_fill_unreachable", posts=(j,)))  # fmt: skip
    seats = int(instance.capacity.sum())
    if seats < instance.n_people:
        out.append(Conflict(("capacity",), f"{instance.n_people} people but only {seats} seats in "
                            f"{instance.n_posts} posts", kind="seats"))  # fmt: skip
    fill = int(instance.must_fill.sum())
    if fill > instance.n_people:
        out.append(Conflict(("must_fill",), f"{fill} posts must be filled but there are only "
                            f"{instance.n_people} people", kind="must_fill_count"))  # fmt: skip
    out.extend(_side_rule_counts(instance))
    # Direct counts need no solver, so a time limit never stops their verification.
    return _verified(instance, out, 1.0)


def _side_rule_counts(instance: Instance) -> list[Conflict]:
    out: list[Conflict] = []
    movers = _forced_movers(instance)
    if instance.max_moves is not None and movers.size > instance.max_moves:
        nips = tuple(str(instance.nip[i]) for i in movers.tolist())
        out.append(Conflict(("max_moves", *_why_move(instance, movers)), f"{movers.size} people must leave their "
                            f"post (NIP {_names(instance.nip, movers.tolist())}) but max_moves is "
                            f"{instance.max_moves}", nips, kind="side_rule_count",
                            people=tuple(movers.tolist()), rule="max_moves"))  # fmt: skip
    if instance.unit_outflow_cap is not None:
        rows = side_rows(instance)
        pairs = instance.pairs
        # A placed person all of whose candidates leave their unit is a forced leaver.
        stays_in = rows.leave_unit < 0
        can_stay = np.zeros(instance.n_people, dtype=bool)
        can_stay[pairs.person[stays_in]] = True
        forced = (instance.person_unit >= 0) & ~can_stay & (np.diff(pairs.ptr) > 0)
        count = np.bincount(instance.person_unit[forced], minlength=len(instance.units))
        for u in np.flatnonzero(count > instance.unit_outflow_cap).tolist():
            who = np.flatnonzero(forced & (instance.person_unit == u))
            out.append(Conflict(("unit_outflow", *_why_move(instance, who)), f"{who.size} people of unit "
                                f"{instance.units[u]} can only take posts in other units (NIP "
                                f"{_names(instance.nip, who.tolist())}) but at most "
                                f"{instance.unit_outflow_cap[u]} may leave it",
                                tuple(str(instance.nip[i]) for i in who.tolist()),
                                kind="side_rule_count", people=tuple(who.tolist()),
                                rule="unit_outflow", unit=u))  # fmt: skip
    for rule in instance.distance:
        if rule.same:
            continue
        ref = np.asarray(rule.reference, dtype=np.int64)
        at = instance.pair_index(np.arange(instance.n_people), np.maximum(ref, 0))
        lost = np.flatnonzero((ref >= 0) & (at < 0) & (np.diff(instance.pairs.ptr) > 0))
        if lost.size > rule.limit:
            out.append(Conflict((rule.name, *_why_reference(instance, lost, ref)), f"{lost.size} people cannot keep "
                                f"their post of the reference plan (NIP {_names(instance.nip, lost.tolist())}) "
                                f"but {rule.name} is {rule.limit}",
                                tuple(str(instance.nip[i]) for i in lost.tolist()),
                                kind="side_rule_count", people=tuple(lost.tolist()),
                                rule=rule.name))  # fmt: skip
    return out


def _why_reference(
    instance: Instance, people: npt.NDArray[np.int64], reference: npt.NDArray[np.int64]
) -> tuple[str, ...]:
    """Families that closed these people's posts of a reference plan (``()`` when unknown)."""
    bits = exclusion_bits(instance, people, reference[people])
    if bits is None or bits.size == 0:
        return ()
    return tuple(_code(instance, b) for b in minimal_cover(bits))


def _why_move(instance: Instance, people: npt.NDArray[np.int64]) -> tuple[str, ...]:
    """Families that took these people's current posts away (``()`` when unknown)."""
    cur = instance.current_post[people]
    sel = cur >= 0
    bits = exclusion_bits(instance, people[sel], cur[sel]) if sel.any() else None
    if bits is None or bits.size == 0:
        return ()
    return tuple(_code(instance, b) for b in minimal_cover(bits))


def _cover_families(
    instance: Instance, people: npt.NDArray[np.int64], posts: npt.NDArray[np.int64]
) -> tuple[str, ...]:
    """A smallest set of families excluding every pair of ``people`` x ``posts`` (explanation)."""
    if not people.size or not posts.size or people.size * posts.size > 5_000_000:
        return ()
    bits = exclusion_bits(instance, people[:, None], posts[None, :])
    if bits is None:
        return ()
    # Candidate pairs among them (none for a Hall group's outside posts) need no cover.
    free = instance.pair_index(people[:, None], posts[None, :]) >= 0
    return tuple(_code(instance, b) for b in minimal_cover(bits[~free].ravel()))


def _max_flow(instance: Instance) -> tuple[max_flow.SimpleMaxFlow, int, int]:
    """Source -> person (1) -> candidate post (n) -> sink (capacity), solved."""
    n, m = instance.n_people, instance.n_posts
    pairs = instance.pairs
    source, sink = n + m, n + m + 1
    mf = max_flow.SimpleMaxFlow()
    tails = np.concatenate([np.full(n, source), pairs.person, n + np.arange(m)]).astype(np.int32)
    heads = np.concatenate([np.arange(n), n + pairs.post, np.full(m, sink)]).astype(np.int32)
    caps = np.concatenate([np.ones(n), np.full(len(pairs), n), instance.capacity]).astype(np.int64)
    mf.add_arcs_with_capacity(tails, heads, caps)
    if mf.solve(source, sink) != mf.OPTIMAL:
        raise RuntimeError("max flow of the Hall check failed (a bug)")
    return mf, source, sink


def _hall_violator(instance: Instance) -> Conflict | None:
    """People whose candidate posts have fewer seats than they are (from a minimum cut).

    Raises
    ------
    PlanExists
        When the round has neither must-fill posts nor side rules and everyone can be seated:
        that flow is a plan.
    """
    n, m = instance.n_people, instance.n_posts
    mf, _, _ = _max_flow(instance)
    if mf.optimal_flow() >= n:
        if not instance.must_fill.any() and not instance.has_side_rules:
            # Capacity is then the only coupling rule, and the flow satisfies it.
            arcs = np.arange(n, n + len(instance.pairs), dtype=np.int32)
            used = np.asarray(mf.flows(arcs)) > 0
            assignment = np.full(n, -1, dtype=np.int64)
            assignment[instance.pairs.person[used]] = instance.pairs.post[used]
            raise PlanExists(
                "the solver wrongly said infeasible: a maximum flow seats everyone in a "
                "candidate post within capacity, and the round has no other coupling rule",
                assignment,
            )
        return None
    side = np.asarray(mf.get_source_side_min_cut(), dtype=np.int64)
    people = np.sort(side[side < n])
    posts = np.sort(side[(side >= n) & (side < n + m)] - n)
    seats = int(instance.capacity[posts].sum())
    nips = tuple(str(instance.nip[i]) for i in people.tolist())
    families = ("capacity", *_cover_families(instance, people, np.setdiff1d(np.arange(m), posts)))
    message = (f"{people.size} people (NIP {_names(instance.nip, people.tolist())}) can only take posts "
               f"{_names(instance.post_id, posts.tolist())} with {seats} seat{'s' if seats != 1 else ''} in total")  # fmt: skip
    return Conflict(families, message, nips, tuple(str(instance.post_id[j]) for j in posts.tolist()),
                    kind="hall", people=tuple(people.tolist()), posts=tuple(posts.tolist()))  # fmt: skip


def _must_fill_violator(instance: Instance) -> Conflict | None:
    """Must-fill posts that fewer people may take than they are (a minimum cut, posts' side).

    Source -> must-fill post (1) -> person with a candidate pair there (a large capacity) ->
    sink (1): a flow below the number of must-fill posts leaves on the source side posts whose
    takers, all on the source side too, are fewer than they are.
    """
    fill = np.flatnonzero(instance.must_fill)
    if fill.size == 0:
        return None
    n, m = instance.n_people, instance.n_posts
    pairs = instance.pairs
    to_fill = instance.must_fill[pairs.post]
    source, sink = n + m, n + m + 1
    mf = max_flow.SimpleMaxFlow()
    tails = np.concatenate([np.full(fill.size, source), n + pairs.post[to_fill], np.arange(n)])
    heads = np.concatenate([n + fill, pairs.person[to_fill], np.full(n, sink)])
    caps = np.concatenate([np.ones(fill.size), np.full(int(to_fill.sum()), fill.size), np.ones(n)])
    mf.add_arcs_with_capacity(tails.astype(np.int32), heads.astype(np.int32), caps.astype(np.int64))
    if mf.solve(source, sink) != mf.OPTIMAL:
        raise RuntimeError("max flow of the must-fill check failed (a bug)")
    if mf.optimal_flow() >= fill.size:
        return None
    side = np.asarray(mf.get_source_side_min_cut(), dtype=np.int64)
    people = np.sort(side[side < n])
    posts = np.sort(side[(side >= n) & (side < n + m)] - n)
    others = np.setdiff1d(np.arange(n), people)
    families = ("must_fill", *_cover_families(instance, others, posts))
    who = "no one may"
    if people.size:
        word = "person" if people.size == 1 else "people"
        who = f"only {people.size} {word} (NIP {_names(instance.nip, people.tolist())}) may"
    message = (f"{posts.size} posts must be filled ({_names(instance.post_id, posts.tolist())}) but "
               f"{who} take them")  # fmt: skip
    return Conflict(families, message, tuple(str(instance.nip[i]) for i in people.tolist()),
                    tuple(str(instance.post_id[j]) for j in posts.tolist()), kind="must_fill_hall",
                    people=tuple(people.tolist()), posts=tuple(posts.tolist()))  # fmt: skip


def _with_excluded_pairs(
    instance: Instance,
) -> tuple[Instance, npt.NDArray[np.uint32], tuple[int, ...] | None]:
    """The round plus the pairs that hard rules excluded, for the people who may need them.

    Returns the extended instance, per pair the bit mask of the families excluding it (0 for
    candidate pairs), and the people whose excluded pairs were added (``None``: everyone). All
    people are included on small rounds; otherwise those who must move or be placed. Without
    rule codes the round is returned unchanged.
    """
    n, m = instance.n_people, instance.n_posts
    none = np.zeros(len(instance.pairs), dtype=np.uint32)
    if instance.exclusions is None or m == 0:
        return instance, none, ()
    if n * m <= MAX_EXCLUDED_PAIRS:
        people = np.arange(n)
    else:
        people = np.union1d(_forced_movers(instance), np.flatnonzero(instance.current_post < 0))
        people = people[: max(1, MAX_EXCLUDED_PAIRS // m)]
    if people.size == 0:
        return instance, none, ()
    bits = exclusion_bits(instance, people[:, None], np.arange(m)[None, :])
    if bits is None:
        return instance, none, ()
    scope = None if people.size == n else tuple(people.tolist())
    pairs = instance.pairs
    is_pair = np.zeros((people.size, m), dtype=bool)
    pos = np.full(n, -1)
    pos[people] = np.arange(people.size)
    sel = pos[pairs.person] >= 0
    is_pair[pos[pairs.person[sel]], pairs.post[sel]] = True
    r, q = np.nonzero(~is_pair)
    extra_person = people[r]
    person = np.concatenate([pairs.person, extra_person])
    post = np.concatenate([pairs.post, q])
    mask = np.concatenate([none, bits[r, q]])
    zeros = np.zeros(person.size)
    order = np.lexsort((post, person))
    ext_pairs = pairs_from_arrays(person, post, zeros, n, instance.current_post,
                                  value_int=np.zeros(person.size, dtype=np.int64))  # fmt: skip
    return replace(instance, pairs=ext_pairs), mask[order], scope


def _coupling(instance: Instance) -> list[str]:
    """The coupling families this round has (capacity always)."""
    from mutasi_opt.solve.cpsat.constraints import FAMILIES

    return [f for f in FAMILIES if f == "capacity" or (f == "must_fill" and instance.must_fill.any())
            or (f == "max_moves" and instance.max_moves is not None)
            or (f == "unit_outflow" and instance.unit_outflow_cap is not None)] + [
            d.name for d in instance.distance]  # fmt: skip


def _core(instance: Instance, deadline: float) -> Conflict | None:
    """A smallest set of families in conflict, by assumption literals and deletion."""
    from ortools.sat.python import cp_model

    from mutasi_opt.solve.cpsat.constraints import Constraints
    from mutasi_opt.solve.cpsat.variables import make_variables

    if len(instance.pairs) > MAX_EXPLAIN_PAIRS:
        return None
    ext, mask, scope = _with_excluded_pairs(instance)
    rows = side_rows(ext)
    coupling = _coupling(instance)
    bits_present = int(np.bitwise_or.reduce(mask)) if mask.size else 0
    eligibility = [_code(instance, b) for b in range(32) if bits_present >> b & 1]
    present = coupling + eligibility

    def infeasible_with(enforced: Sequence[str]) -> tuple[bool, list[str]]:
        model = cp_model.CpModel()
        guards = {f: model.new_bool_var(f) for f in present}
        variables = make_variables(model, ext, np.arange(len(ext.pairs), dtype=np.int64))
        Constraints(model, ext, rows, variables, {f: guards[f] for f in coupling}).add_all()
        # An excluded pair may be used only when every family that excludes it is relaxed.
        for x, b in zip(variables.x, mask[variables.pair].tolist(), strict=True):
            for bit in (k for k in range(32) if b >> k & 1):
                model.add_implication(x, guards[_code(instance, bit)].Not())
        for b in mask[variables.fixed].tolist():
            for bit in (k for k in range(32) if b >> k & 1):
                model.add(guards[_code(instance, bit)] == 0)
        model.add_assumptions([guards[f] for f in enforced])
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.5, deadline - time.perf_counter())
        solver.parameters.num_workers = 1
        code = solve_cpsat(solver, model)
        if code != cp_model.INFEASIBLE:
            return False, []
        core = set(solver.sufficient_assumptions_for_infeasibility())
        return True, [f for f in enforced if guards[f].index in core]

    bad, core = infeasible_with(present)
    if not bad:
        return None
    families = core or present
    for f in list(families):  # deletion: drop each family the conflict does not need
        if f not in families:
            continue
        trial = [g for g in families if g != f]
        if not trial:
            continue
        still, sub = infeasible_with(trial)
        if still:
            families = sub or trial
    movers = _forced_movers(instance)
    message = f"the rules {_and(list(families))} cannot all hold together in this round"
    if movers.size:
        message += (
            f"; {movers.size} {'person' if movers.size == 1 else 'people'} must leave their post "
            f"(NIP {_names(instance.nip, movers.tolist())})"
        )
    posts = np.zeros(0, dtype=np.int64)
    if "must_fill" in families:
        held = np.zeros(instance.n_posts, dtype=bool)
        held[instance.current_post[instance.current_post >= 0]] = True
        posts = np.flatnonzero(instance.must_fill & ~held)
        if posts.size:
            message += f"; must-fill posts empty today: {_names(instance.post_id, posts.tolist())}"
    return Conflict(tuple(families), message, tuple(str(instance.nip[i]) for i in movers.tolist()),
                    tuple(str(instance.post_id[j]) for j in posts.tolist()), kind="core",
                    people=tuple(movers.tolist()), posts=tuple(posts.tolist()),
                    enforced=tuple(families), scope=scope)  # fmt: skip


def explain_infeasible(instance: Instance, *, time_limit: float = 30.0) -> list[Conflict]:
    """Verified conflicts of an infeasible round, most specific first (see the module docstring).

    Parameters
    ----------
    instance
        A round a solver found infeasible.
    time_limit
        Seconds for the CP-SAT parts (the core, its verification, the last feasibility check);
        each CP-SAT call gets at least half a second.

    Returns
    -------
    list of Conflict
        At least one conflict, each re-checked by
        :func:`mutasi_opt.proof.conflict.verify_conflict` and marked ``verified``.

    Raises
    ------
    PlanExists
        No conflict verifies and the round has a plan: the solver wrongly said infeasible.
    UnverifiedInfeasibility
        No conflict verifies and no plan was found within the time limit either.
    """
    deadline = time.perf_counter() + time_limit

    def left() -> float:
        return deadline - time.perf_counter()

    found = quick_conflicts(instance)
    if found:
        return found
    for finder in (_hall_violator, _must_fill_violator):
        conflict = finder(instance)
        if conflict is not None and (verified := _verified(instance, [conflict], left())):
            return verified
    core = _core(instance, deadline)
    if core is not None and (verified := _verified(instance, [core], left())):
        return verified
    # Nothing verified: decide the round directly, on its candidate pairs under every coupling
    # rule, with the model of the verifier itself (so that an answer here is its own proof).
    coupling = tuple(_coupling(instance))
    if len(instance.pairs) > MAX_EXPLAIN_PAIRS:
        # Building that model in Python alone would take longer than any time limit here.
        raise UnverifiedInfeasibility(
            f"no conflict of this round could be verified, and at {len(instance.pairs)} pairs it "
            "is too large to be decided directly: infeasibility is not proven"
        )
    answer = plain_feasibility(instance, coupling, (), time_limit=max(0.5, left()))
    if answer.status == "feasible":
        raise PlanExists(
            "the solver wrongly said infeasible: a plan exists that satisfies every rule "
            f"({', '.join(coupling)}) on the candidate pairs",
            answer.assignment,
        )
    if answer.status == "infeasible":
        message = (
            f"the rules {_and(list(coupling))} cannot all hold together on the candidate pairs"
        )
        return [
            Conflict(coupling, message, kind="core", enforced=coupling, scope=(), verified=True)
        ]
    raise UnverifiedInfeasibility(
        f"no conflict of this round could be verified within {time_limit:.1f} s, and no plan "
        "was found either: infeasibility is not proven"
    )
