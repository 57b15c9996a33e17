"""One reason per person, built from the real cause, in the plan's language.

For a **move** the reason names the move type, the posts, and every cause that holds, in this
order (the first is the ``reason_code``):

``placement``
    the person had no post; ``abolished_post``: their post is abolished;
``max_tenure``
    months in the post past ``rules.max_tenure_months``, cited only when it counted: with
    ``max_tenure_hard`` or a ``weights.overdue`` above 0;
``wish``
    the new post honours one of their wishes (rank given);
``fill_vacancy`` / ``swap`` / ``chain``
    the seat taken: a vacancy of priority p, an exchange with a named person, or the seat of a
    named person who moved on (see :mod:`mutasi_opt.plan.chains`);

followed by JPM before and after (with the category) and the value gained.

The panel's rulings (``data.decisions``, :mod:`mutasi_opt.rules.rulings`) come first, each with
its note: an ``assign`` that placed the person makes the ``reason_code`` ``ruling``; a ``forbid``
is quoted in the reason of the person it concerns, whatever else explains their post. A ``keep``
keeps the person in place like any "stays" rule (code ``ruling``, below).

For a **stay**, the code is the first that holds of:

1. the person has no candidate post but their own, and a "stays" rule of :mod:`mutasi_opt.rules`
   explains it: ``frozen``, ``not_active`` (the sentence names the status: tugas belajar,
   hukuman disiplin, cuti, proses hukum, ikatan dinas, pemberhentian sementara, masa persiapan
   pensiun), ``locked``, ``min_tenure``, ``retirement``, ``jpt_protection``, ``asn_type`` (a CPNS
   or PPPK not in ``rules.movable_asn_types``; every one that holds is quoted, with its numbers:
   "masa jabatan 14 bulan < 24 bulan");
2. no candidate post but their own and no person-level rule: ``no_eligible_post``;
3. no other candidate post is worth more than staying: ``best_fit_here``;
4. better posts exist but a side rule binds: ``max_moves`` (the plan moves exactly the limit) or
   ``unit_outflow`` (their OPD loses exactly its limit and every better post is elsewhere);
5. every better post is full after the plan: ``no_better_post``;
6. otherwise: ``plan_total`` (moving them would cost more elsewhere in the plan).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_opt import rules, scoring
from mutasi_opt.plan.chains import Chains
from mutasi_opt.plan.phrases import fmt_pct, fmt_value, sentence, t
from mutasi_opt.plan.plan_context import (
    BoolArray,
    FloatArray,
    IntArray,
    ObjArray,
    PlanContext,
    pair_lookup,
)
from mutasi_opt.rules.ruling_table import Ruling
from mutasi_opt.rules.rulings import ruling_clause

MOVE_CODES: tuple[str, ...] = (
    "placement", "abolished_post", "max_tenure", "wish", "fill_vacancy", "swap", "chain",
)  # fmt: skip
"""The reason codes of a move, in the order their clauses are quoted."""
STAY_PLAN_CODES: tuple[str, ...] = (
    "no_eligible_post", "best_fit_here", "max_moves", "unit_outflow", "no_better_post",
    "plan_total",
)  # fmt: skip
"""The reason codes of a stay that are not a rule's (after :func:`reason_codes`'s stays rules)."""


def reason_codes() -> tuple[str, ...]:
    """Every ``reason_code`` a plan can give: the move codes, the registry's "stays" rules, and
    the other stay codes (see the module docstring)."""
    return (*MOVE_CODES, *rules.STAYS_RULE_CODES, *STAY_PLAN_CODES)


def person_rule_clauses(
    ctx: PlanContext, i: int, kept: BoolArray | None = None
) -> list[tuple[str, str]]:
    """The "stays" rules that keep person ``i`` in place, as ``(rule code, clause)`` pairs.

    Asked of the registry (:func:`mutasi_opt.rules.stay_clauses`): the same tests as
    :func:`mutasi_opt.rules.pinned`, each rule with its own clause and numbers. ``kept``: the
    person's row of :func:`mutasi_opt.rules.stays_table`, when computed for everyone at once.
    """
    return rules.stay_clauses(ctx.rule_context, i, ctx.language, kept)


def _alternatives(ctx: PlanContext) -> tuple[IntArray, FloatArray, IntArray]:
    """Per person: number of candidate posts other than their own, the best value among them, and
    how many of those worth more than the chosen post still have a free seat after the plan."""
    pairs = ctx.problem.pairs
    n = ctx.n_people
    other = pairs.post.astype(np.int64) != ctx.from_post[pairs.person]
    n_alt = np.bincount(pairs.person[other], minlength=n).astype(np.int64)
    # Per person over their CSR slice of pairs (a reduceat: ufunc.at is slow on long rounds).
    best = np.full(n, -np.inf)
    values = np.where(other, pairs.value, -np.inf)
    some = np.flatnonzero(np.diff(pairs.ptr) > 0)
    if some.size:
        best[some] = np.maximum.reduceat(values, pairs.ptr[some])
    chosen_value = ctx.value[pairs.person]
    better = other & (pairs.value > chosen_value + 1e-12)
    open_better = better & (ctx.free_after[pairs.post] > 0)
    n_open_better = np.bincount(pairs.person[open_better], minlength=n).astype(np.int64)
    return n_alt, best, n_open_better


def _better_elsewhere_only(ctx: PlanContext, i: int) -> bool:
    """True when every post worth more to person ``i`` than staying is in another unit."""
    pairs = ctx.problem.pairs
    sl = ctx.pair_slice(i)
    posts = pairs.post[sl].astype(np.int64)
    better = (pairs.value[sl] > ctx.value[i] + 1e-12) & (posts != ctx.from_post[i])
    units = np.asarray(ctx.problem.instance.post_unit)[posts[better]]
    return bool(better.any()) and bool((units != ctx.problem.instance.person_unit[i]).all())


def unit_leavers(ctx: PlanContext) -> IntArray:
    """Per unit: placed people who leave it for a post in another unit."""
    post_unit = np.asarray(ctx.problem.instance.post_unit, dtype=np.int64)
    placed = ctx.from_post >= 0
    fu = np.where(placed, post_unit[np.maximum(ctx.from_post, 0)], -1)
    tu = post_unit[ctx.to_post]
    leaving = placed & ctx.moved & (fu != tu)
    return np.bincount(fu[leaving], minlength=len(ctx.problem.units)).astype(np.int64)


def build_reasons(
    ctx: PlanContext, chains: Chains, wish_rank: pd.Series, move_type: ObjArray
) -> tuple[ObjArray, ObjArray]:
    """Reason sentence and reason code per person (see the module docstring).

    Parameters
    ----------
    ctx
        The plan.
    chains
        Its chains and cycles (whose seat each mover took).
    wish_rank
        Per person, the rank of the wish the new post honours (nullable integer).
    move_type
        Per person: stay, rotasi, promosi, demosi or placement.
    """
    problem = ctx.problem
    lang = ctx.language
    pos = problem.tables.positions
    titles = pos["title"].to_numpy(dtype=object)
    units = np.asarray(problem.units, dtype=object)[np.asarray(problem.instance.post_unit)]
    names = problem.tables.employees["name"].to_numpy(dtype=object)
    nips = np.asarray(problem.nip, dtype=object)
    priority = np.asarray(problem.instance.priority)
    scheme = problem.scenario.scoring.jpm_categories
    cat_after = scoring.jpm_category(ctx.jpm_after, scheme)
    # Value of staying, for movers whose own post was a candidate (the value gained by moving).
    stay_pair = ctx.problem.pairs
    own = np.full(ctx.n_people, np.nan)
    own_idx = pair_lookup(problem, np.arange(ctx.n_people), ctx.from_post)
    own[own_idx >= 0] = stay_pair.value[own_idx[own_idx >= 0]]

    n_alt, best_alt, n_open_better = _alternatives(ctx)
    n_moves = int(ctx.moved.sum())
    moves_capped = problem.instance.max_moves is not None and n_moves >= problem.instance.max_moves
    leavers = unit_leavers(ctx)
    cap = problem.instance.unit_outflow_cap
    wish = wish_rank.to_numpy(dtype=object)
    rulings = ctx.rule_context.rulings
    ruled: dict[int, list[Ruling]] = {}
    for item in () if rulings is None else rulings.items:
        ruled.setdefault(item.person, []).append(item)

    kept = rules.stays_table(ctx.rule_context)
    reason = np.empty(ctx.n_people, dtype=object)
    code = np.empty(ctx.n_people, dtype=object)
    for i in range(ctx.n_people):
        f, to = int(ctx.from_post[i]), int(ctx.to_post[i])
        place = {
            "from_title": titles[f] if f >= 0 else "-",
            "from_unit": units[f] if f >= 0 else "-",
            "to_title": titles[to],
            "to_unit": units[to],
        }
        clauses: list[tuple[str, str]] = []
        mine = ruled.get(i, [])
        said = [
            ("ruling", ruling_clause(ctx.rule_context, x, lang, str(titles[x.post]) if x.post >= 0 else None))
            for x in mine
            if x.decision == "assign" or x.decision == "forbid"
        ]  # fmt: skip
        said_forbid = [c for c, x in zip(said, [x for x in mine if x.decision != "keep"], strict=True)
                       if x.decision == "forbid"]  # fmt: skip
        if ctx.moved[i]:
            clauses.extend(said)
            if f < 0:
                clauses.append(("placement", t("move.placement", lang)))
            elif ctx.abolished[f]:
                clauses.append(("abolished_post", t("move.abolished_post", lang)))
            # The rules that speak for a move (max_tenure: only where it counted).
            clauses.extend(rules.move_clauses(ctx.rule_context, i, lang))
            if wish[i] is not pd.NA and wish[i] is not None:
                clauses.append(("wish", t("move.wish", lang, rank=int(wish[i]))))
            pred = int(chains.took_seat_of[i])
            if pred < 0:
                clauses.append(
                    ("fill_vacancy", t("move.fill_vacancy", lang, priority=int(priority[to])))
                )
            elif chains.cycle_size[i] == 2:
                clauses.append(("swap", t("move.swap", lang, name=names[pred], nip=nips[pred])))
            else:
                clauses.append(("chain", t("move.chain", lang, name=names[pred], nip=nips[pred])))
                if chains.cycle_size[i] > 2:
                    clauses.append(
                        (
                            "chain",
                            t(
                                "move.cycle",
                                lang,
                                chain_id=chains.chain_id[i],
                                n=int(chains.cycle_size[i]),
                            ),
                        )
                    )
            text = [c for _, c in clauses]
            if not any(x.decision == "assign" for x in mine) and said:
                # A forbid is quoted, but the move has its own cause: that is the code.
                clauses = clauses[len(said) :] or clauses
            if not np.isnan(ctx.jpm_after[i]):
                if f >= 0 and not np.isnan(ctx.jpm_before[i]):
                    text.append(
                        t(
                            "move.jpm", lang, before=fmt_pct(ctx.jpm_before[i], lang),
                            after=fmt_pct(ctx.jpm_after[i], lang), category=cat_after[i],
                        )
                    )  # fmt: skip
                else:
                    text.append(
                        t(
                            "move.jpm_new",
                            lang,
                            after=fmt_pct(ctx.jpm_after[i], lang),
                            category=cat_after[i],
                        )
                    )
            if not np.isnan(own[i]) and not np.isnan(ctx.value[i]) and ctx.value[i] > own[i]:
                text.append(
                    t(
                        "move.better_value", lang, before=fmt_value(own[i], lang),
                        after=fmt_value(ctx.value[i], lang),
                    )
                )  # fmt: skip
            head = t(f"head.{move_type[i]}", lang, **place)
            reason[i] = sentence(head, text)
            code[i] = clauses[0][0]
            continue

        # A stay.
        if n_alt[i] == 0:
            clauses = person_rule_clauses(ctx, i, kept[i]) or [
                ("no_eligible_post", t("stay.no_eligible_post", lang))
            ]
            if any(x.decision != "forbid" for x in mine):
                # The panel's ruling is why they stay: it comes first, whatever else holds.
                clauses = sorted(clauses, key=lambda c: c[0] != "ruling")
        elif best_alt[i] <= ctx.value[i] + 1e-12:
            clauses = [
                (
                    "best_fit_here",
                    t(
                        "stay.best_fit_here",
                        lang,
                        value=fmt_value(ctx.value[i], lang),
                        n=int(n_alt[i]) + 1,
                    ),
                )
            ]
        elif moves_capped:
            clauses = [("max_moves", t("stay.max_moves", lang, limit=problem.instance.max_moves))]
        elif (
            cap is not None
            and problem.instance.person_unit[i] >= 0
            and leavers[problem.instance.person_unit[i]] >= cap[problem.instance.person_unit[i]]
            and _better_elsewhere_only(ctx, i)
        ):
            u = int(problem.instance.person_unit[i])
            clauses = [
                (
                    "unit_outflow",
                    t("stay.unit_outflow", lang, unit=problem.units[u], limit=int(cap[u])),
                )
            ]
        elif n_open_better[i] == 0:
            n_better = _count_better(ctx, i)
            clauses = [("no_better_post", t("stay.no_better_post", lang, n=n_better))]
        else:
            clauses = [("plan_total", t("stay.plan_total", lang))]
        reason[i] = sentence(t("head.stay", lang, **place), [c for _, c in said_forbid + clauses])
        code[i] = clauses[0][0]
    return reason, code


def _count_better(ctx: PlanContext, i: int) -> int:
    """How many other candidate posts are worth more to person ``i`` than the chosen one."""
    pairs = ctx.problem.pairs
    sl = ctx.pair_slice(i)
    other = pairs.post[sl].astype(np.int64) != ctx.from_post[i]
    return int(((pairs.value[sl] > ctx.value[i] + 1e-12) & other).sum())
