"""An optimality certificate and its check, exact in integers and apart from every solver.

The model (maximisation over the candidate pairs ``e = (i, j)``, ``x_e`` in {0, 1}):
``sum_j x_ij = 1`` per person, ``sum_i x_ij <= capacity_j`` per post, ``>= 1`` on must-fill posts,
``sum moves <= max_moves``, per unit ``sum leavers <= cap_u``, per distance rule ``r`` (the
re-plan's ``max_changes``, an alternative's no-good; :class:`~mutasi_opt.instance.PlanDistance`)
``sum counting pairs <= limit_r``. Its LP dual gives, for any prices

- ``u_i`` per person (free),
- ``v_j`` per post (``v_j >= 0``, except that a must-fill post may have ``v_j < 0``: its lower
  bound's price),
- ``lam >= 0`` per move, ``mu_u >= 0`` per leaver of unit ``u`` and ``nu_r >= 0`` per counting
  pair of distance rule ``r``,

with reduced costs ``rc_e = u_i + v_j + lam [e moves] + mu_u [e leaves u] + sum_r nu_r [e counts
for r] - value_int_e >= 0`` on *every* candidate pair, the bound ``B = sum u + sum capacity_j
max(v_j, 0) + sum min(v_j, 0) + lam max_moves + sum mu_u cap_u + sum nu_r limit_r``: no plan is
worth more than ``B`` (weak duality). A plan worth
``B`` is optimal. A plan that uses pair ``e`` is worth at most ``B - rc_e``, so once a plan worth
``LB`` is known, a pair with ``rc_e > B - LB - 1`` can be in no strictly better plan (every value
is an integer): that is the test a pruned pair must pass.

Prices are integers in units of ``1 / scale`` of ``value_int`` (``scale`` a power of two), so the
check is exact integer arithmetic. It recomputes which pairs move and which leave their unit from
the instance's own arrays, and the plan's value from the plan, never from what the solver kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from mutasi_opt.instance import Instance

__all__ = [
    "Certificate",
    "CertificateCheck",
    "CertificateError",
    "certificate_payload",
    "verify_certificate",
]

Int64Array = npt.NDArray[np.int64]
SAFE = 2**62


class CertificateError(RuntimeError):
    """A certificate failed its check: a bug in the solver or in the certificate's making."""


@dataclass(frozen=True, eq=False)
class Certificate:
    """Dual prices that bound every plan, and what the solver pruned with them.

    Attributes
    ----------
    method
        How the claim is established, e.g. ``"lp_duality"`` (the bound is attained) or
        ``"lp_duality+reduced_cost_pruning+cpsat"`` (pruned pairs cannot improve; CP-SAT proved
        the plan best on the pairs kept).
    scale
        Every price below is in units of ``value_int / scale``.
    person, post
        ``u_i`` and ``v_j`` (scaled).
    moves
        ``lam`` (scaled; 0 without ``max_moves``).
    unit
        ``mu_u`` (scaled) per unit, or ``None`` without outflow caps.
    bound
        The dual objective ``B`` (scaled) as the solver computed it; the check recomputes it.
    kept
        Pairs of the final model when the solver pruned (sorted indices), else ``None``.
    inner_bound
        The solver's own bound (``value_int``) on plans of the kept pairs, when it gave one; not
        checkable here, so it is reported as the solver's word.
    distance
        ``nu_r`` (scaled) per distance rule of the instance, or ``None`` without any.
    """

    method: str
    scale: int
    person: Int64Array
    post: Int64Array
    moves: int = 0
    unit: Int64Array | None = None
    bound: int = 0
    kept: Int64Array | None = None
    inner_bound: int | None = None
    distance: Int64Array | None = None


@dataclass(frozen=True)
class CertificateCheck:
    """What :func:`verify_certificate` found.

    Attributes
    ----------
    ok
        No problem found.
    problems
        One sentence per failed test.
    plan_value
        ``sum value_int`` of the plan, recomputed.
    bound
        ``floor(B / scale)``: proven upper bound on every plan (``value_int``).
    pruned
        Pairs outside ``kept``.
    pruned_bound
        The most a plan using a pruned pair can be worth (``value_int``), or ``None``.
    attained
        ``bound == plan_value``: optimal by duality alone.
    pruning_sound
        The solver pruned (``kept`` given) and every pruned pair has ``rc > B - LB - 1``: no
        strictly better plan uses one. ``False`` without pruning, where only ``attained`` proves
        optimality.
    """

    ok: bool
    problems: list[str] = field(default_factory=list)
    plan_value: int = 0
    bound: int = 0
    pruned: int = 0
    pruned_bound: int | None = None
    attained: bool = False
    pruning_sound: bool = False

    @property
    def proves_optimal(self) -> bool:
        """The plan is optimal by this certificate (plus, when pruned, the kept model's proof)."""
        return self.ok and (self.attained or self.pruning_sound)


def _chosen_pairs(instance: Instance, assignment: npt.ArrayLike) -> Int64Array:
    """Per person, the index of the pair (person, assigned post) in ``instance.pairs``, or -1."""
    post = np.asarray(assignment, dtype=np.int64)
    found = instance.pair_index(np.arange(instance.n_people), np.maximum(post, 0))
    return np.where(post >= 0, found, -1).astype(np.int64)


def _pair_rows(instance: Instance) -> tuple[npt.NDArray[np.bool_], Int64Array]:
    """Per pair: does it move a placed person, and which unit it leaves (-1: none)."""
    pairs = instance.pairs
    person = pairs.person.astype(np.int64)
    post = pairs.post.astype(np.int64)
    current = instance.current_post.astype(np.int64)[person]
    moves = (current >= 0) & (post != current)
    home = instance.person_unit.astype(np.int64)[person]
    target = instance.post_unit.astype(np.int64)[post]
    leaves = np.where((home >= 0) & (target != home), home, -1)
    return moves, leaves


def _distance_counts(instance: Instance, k: int) -> npt.NDArray[np.bool_]:
    """Per pair: does it count against distance rule ``k`` (recomputed from its reference)."""
    rule = instance.distance[k]
    pairs = instance.pairs
    ref = np.asarray(rule.reference, dtype=np.int64)[pairs.person.astype(np.int64)]
    same = pairs.post.astype(np.int64) == ref
    return np.asarray((ref >= 0) & (same if rule.same else ~same), dtype=bool)


def verify_certificate(
    instance: Instance, certificate: Certificate, assignment: npt.ArrayLike
) -> CertificateCheck:
    """Check a certificate against the instance and a plan, in exact integer arithmetic.

    Parameters
    ----------
    instance
        The round: its candidate pairs, values, capacities, must-fill posts and side rules.
    certificate
        The prices and what was pruned.
    assignment
        Post index per person (the plan the certificate is for).

    Returns
    -------
    CertificateCheck
        ``ok`` when the prices are dual feasible on every candidate pair with the signs the model
        requires, the dual objective is the one claimed and not below the plan's value, and the
        plan consists of candidate pairs.
    """
    cert = certificate
    pairs = instance.pairs
    n, m = instance.n_people, instance.n_posts
    problems: list[str] = []
    d = int(cert.scale)
    if d < 1:
        return CertificateCheck(False, [f"scale {d} is not a positive integer"])
    if cert.person.shape != (n,) or cert.post.shape != (m,):
        return CertificateCheck(
            False, [f"price vectors of shape {cert.person.shape}, {cert.post.shape} for {n}, {m}"]
        )
    values = pairs.value_int.astype(np.int64)
    if values.size and int(np.abs(values).max()) * d >= SAFE // 8:
        return CertificateCheck(False, ["scaled values too large for exact int64 checks"])

    chosen = _chosen_pairs(instance, assignment)
    if (chosen < 0).any():
        problems.append(f"{int((chosen < 0).sum())} people hold no candidate pair in the plan")
    plan_value = sum(values[chosen[chosen >= 0]].tolist())

    v = cert.post.astype(np.int64)
    bad_sign = np.flatnonzero((v < 0) & ~instance.must_fill)
    if bad_sign.size:
        problems.append(f"{bad_sign.size} posts without a must-fill bound have a negative price")
    lam = int(cert.moves)
    if lam < 0 or (instance.max_moves is None and lam != 0):
        problems.append(f"move price {lam} is negative or set without max_moves")
    mu: Int64Array | None = None
    if instance.unit_outflow_cap is not None:
        n_units = instance.unit_outflow_cap.shape[0]
        mu = np.zeros(n_units, dtype=np.int64) if cert.unit is None else cert.unit.astype(np.int64)
        if mu.shape != (n_units,) or (mu < 0).any():
            problems.append("unit prices have the wrong shape or a negative entry")
            mu = None
    elif cert.unit is not None and np.asarray(cert.unit).any():
        problems.append("unit prices set without outflow caps")
    nu: Int64Array | None = None
    n_dist = len(instance.distance)
    if cert.distance is not None:
        nu = np.asarray(cert.distance, dtype=np.int64)
        if nu.shape != (n_dist,) or (nu < 0).any():
            problems.append("distance prices have the wrong shape or a negative entry")
            nu = None

    rc = cert.person.astype(np.int64)[pairs.person] + v[pairs.post] - d * values
    if lam or (mu is not None and mu.any()):
        moves, leaves = _pair_rows(instance)
        if lam:
            rc += lam * moves.astype(np.int64)
        if mu is not None:
            out = leaves >= 0
            rc[out] += mu[leaves[out]]
    if nu is not None:
        for k, price in enumerate(nu.tolist()):
            if price:
                rc += price * _distance_counts(instance, k).astype(np.int64)
    negative = np.flatnonzero(rc < 0) if (rc < 0).any() else np.zeros(0, dtype=np.int64)
    if negative.size:
        k = int(negative[np.argmin(rc[negative])])
        problems.append(
            f"{negative.size} candidate pairs have a negative reduced cost (e.g. person "
            f"{int(pairs.person[k])}, post {int(pairs.post[k])}: {int(rc[k])})"
        )

    bound = sum(cert.person.astype(np.int64).tolist())
    bound += sum((instance.capacity.astype(np.int64) * np.maximum(v, 0)).tolist())
    bound += sum(np.minimum(v, 0).tolist())
    if instance.max_moves is not None:
        bound += lam * int(instance.max_moves)
    if mu is not None and instance.unit_outflow_cap is not None:
        bound += sum((mu * instance.unit_outflow_cap.astype(np.int64)).tolist())
    if nu is not None:
        bound += sum(p * int(d.limit) for p, d in zip(nu.tolist(), instance.distance, strict=True))
    if bound != int(cert.bound):
        problems.append(f"the dual objective is {bound}, not the {int(cert.bound)} claimed")
    bound_int = bound // d
    if bound_int < plan_value:
        problems.append(f"the bound {bound_int} is below the plan's value {plan_value}")

    pruned = 0
    pruned_bound: int | None = None
    sound = False
    if cert.kept is not None:
        sound = True
        out_mask = np.ones(len(pairs), dtype=bool)
        out_mask[np.asarray(cert.kept, dtype=np.int64)] = False
        if (chosen >= 0).all() and (~out_mask[chosen]).sum() != n:
            problems.append("the plan uses a pair the solver pruned")
        pruned = int(out_mask.sum())
        if pruned:
            least = int(rc[out_mask].min())
            pruned_bound = (bound - least) // d
            sound = least > bound - d * plan_value - d
    attained = bound_int == plan_value
    return CertificateCheck(
        ok=not problems,
        problems=problems,
        plan_value=plan_value,
        bound=bound_int,
        pruned=pruned,
        pruned_bound=pruned_bound,
        attained=attained,
        pruning_sound=sound,
    )


def certificate_payload(
    instance: Instance, certificate: Certificate, check: CertificateCheck, value_scale: float
) -> dict[str, Any]:
    """``proof.json``'s content: the certificate in value units and in exact integers.

    ``value_scale`` is ``value_int / value`` (:data:`mutasi_opt.scoring.VALUE_SCALE` for rounds
    built from tables). A price of ``k`` scaled units is ``k / (scale * value_scale)`` in value
    units.
    """
    cert = certificate
    unit_of = float(cert.scale) * float(value_scale)

    def values(a: Int64Array) -> list[float]:
        return [x / unit_of for x in a.tolist()]

    nips = [str(x) for x in instance.nip.tolist()]
    pids = [str(x) for x in instance.post_id.tolist()]
    side: dict[str, Any] = {}
    if instance.max_moves is not None:
        side["max_moves"] = cert.moves / unit_of
    if instance.unit_outflow_cap is not None:
        mu = (
            np.zeros(len(instance.units), dtype=np.int64)
            if cert.unit is None
            else cert.unit.astype(np.int64)
        )
        side["max_unit_outflow"] = dict(zip(instance.units, values(mu), strict=True))
    if instance.distance:
        nu = (
            np.zeros(len(instance.distance), dtype=np.int64)
            if cert.distance is None
            else cert.distance.astype(np.int64)
        )
        side["distance"] = dict(zip([d.name for d in instance.distance], values(nu), strict=True))
    threshold = None
    if cert.kept is not None:
        threshold = (cert.bound - cert.scale * check.plan_value) / unit_of
    return {
        "method": cert.method,
        "verified": check.ok,
        "bound": check.bound / float(value_scale),
        "objective": check.plan_value / float(value_scale),
        "person_dual": dict(zip(nips, values(cert.person), strict=True)),
        "post_dual": dict(zip(pids, values(cert.post), strict=True)),
        "side_prices": side,
        "pruning_threshold": threshold,
        "pairs_pruned": check.pruned,
        "pruned_bound": None if check.pruned_bound is None else check.pruned_bound / value_scale,
        "solver_bound_on_kept_pairs": (
            None if cert.inner_bound is None else cert.inner_bound / float(value_scale)
        ),
        "exact": {
            "note": (
                "prices in units of value_int / scale, value_int = rint(value * value_scale); "
                "rc = u + v + moves_price*[moves] + unit_price[left unit] + sum distance_price"
                "*[counts] - scale*value_int >= 0 on every candidate pair; bound = sum u + sum "
                "capacity*max(v,0) + sum min(v,0) + moves_price*max_moves + sum unit_price*cap + "
                "sum distance_price*limit"
            ),
            "value_scale": value_scale,
            "scale": cert.scale,
            "bound": int(cert.bound),
            "objective_int": check.plan_value,
            "person_dual": dict(zip(nips, cert.person.astype(np.int64).tolist(), strict=True)),
            "post_dual": dict(zip(pids, cert.post.astype(np.int64).tolist(), strict=True)),
            "moves_price": int(cert.moves),
            "unit_price": (
                None
                if cert.unit is None
                else dict(zip(instance.units, cert.unit.astype(np.int64).tolist(), strict=True))
            ),
            "distance_price": (
                None
                if cert.distance is None
                else dict(
                    zip(
                        [d.name for d in instance.distance],
                        cert.distance.astype(np.int64).tolist(),
                        strict=True,
                    )
                )
            ),
        },
    }
