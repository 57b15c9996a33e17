"""Each rule's mask: which (person, post) pairs it allows, and whom a "stays" rule keeps.

A rule is ``rule_<code>(ctx, person_idx, post_idx) -> bool array`` (True = the pair is allowed)
where the index arrays broadcast together (a ``(B, 1)`` block of people against ``(1, M)`` posts,
or flat arrays of pairs); the result broadcasts to their common shape (a 0-d ``True`` means the
rule allows everything here). A "stays" rule is built from its person test
``stays_<code>(ctx, person_idx) -> bool array``. What each rule means, its setting and its source
are in its :class:`~mutasi_opt.rules.Rule` (rendered in ``docs/rules.md``); the functions are
registered there, in :data:`mutasi_opt.rules.RULES`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from mutasi_opt import domain
from mutasi_opt.arrays import BoolArray, FloatArray
from mutasi_opt.rule_context import KIND_INDEX, RuleContext

Index = npt.NDArray[np.integer]

JPT = KIND_INDEX["jpt_pratama"]
ADMINISTRATOR = KIND_INDEX["administrator"]
PENGAWAS = KIND_INDEX["pengawas"]
D3 = domain.EDUCATION_INDEX["D3"]
D4 = domain.EDUCATION_INDEX["D4"]


def allow_all() -> BoolArray:
    """A 0-d ``True``: the rule allows every pair here (the generator then builds no mask)."""
    return np.ones((), dtype=bool)


_LOCAL = threading.local()
"""``last``: the last block :func:`is_current` answered in this thread. The candidate generator
asks it of the same ``(people, posts)`` block once per rule (measured: 2.6 s at 100,000 people),
and scores blocks in threads."""


def forget_current() -> None:
    """Drop the block :func:`is_current` remembers in this thread (and the context it holds);
    a thread's own goes with the thread."""
    _LOCAL.last = None


def is_current(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """The post is the person's current one (most rules keep it allowed).

    The answer for the very same ``ctx``, ``p`` and ``q`` objects as the last call is reused
    (read-only, so that no caller can change it); they are held, so never mistaken for others.
    """
    last = getattr(_LOCAL, "last", None)
    if last is not None and last[0] is ctx and last[1] is p and last[2] is q:
        return last[3]
    out = np.asarray(ctx.current[p] == q)
    if out.ndim == 2:
        out.flags.writeable = False
        _LOCAL.last = (ctx, p, q, out)
    return out


def _stay(stays: BoolArray, ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """Allowed = the person is free to move, or the post is their current one."""
    if not stays.any():
        return allow_all()
    return ~stays | is_current(ctx, p, q)


# --- who must stay (per person) ---------------------------------------------------------------


def stays_frozen(ctx: RuleContext, p: Index) -> BoolArray:
    """Placed people inside a freeze window."""
    return np.asarray(ctx.frozen & (ctx.current[p] >= 0))


def stays_not_active(ctx: RuleContext, p: Index) -> BoolArray:
    """People whose status is not ``aktif``."""
    return np.asarray(~ctx.active[p])


def stays_locked(ctx: RuleContext, p: Index) -> BoolArray:
    """People the planner locked."""
    return np.asarray(ctx.locked[p])


def stays_asn_type(ctx: RuleContext, p: Index) -> BoolArray:
    """Placed people whose ASN type is not movable."""
    return np.asarray(~ctx.asn_movable[p] & (ctx.current[p] >= 0))


def holds_abolished(ctx: RuleContext, p: Index) -> BoolArray:
    """The person holds an abolished post (who must move whatever their tenure)."""
    cur = ctx.current[p]
    return np.asarray((cur >= 0) & ctx.abolished[np.maximum(cur, 0)])


def stays_min_tenure(ctx: RuleContext, p: Index) -> BoolArray:
    """Below the minimum tenure, unless the post is abolished."""
    return np.asarray((ctx.tenure[p] < ctx.rules.min_tenure_months) & ~holds_abolished(ctx, p))


def stays_retirement(ctx: RuleContext, p: Index) -> BoolArray:
    """Within the horizon of the BUP of the current post."""
    return np.asarray(ctx.person_bup[p] - ctx.age[p] <= ctx.rules.retirement_horizon_months)


def stays_jpt_protection(ctx: RuleContext, p: Index) -> BoolArray:
    """JPT holders within the protection period, unless the post is abolished."""
    cur = ctx.current[p]
    holds_jpt = (cur >= 0) & (ctx.post_kind[np.maximum(cur, 0)] == JPT)
    protected = ctx.tenure[p] < ctx.rules.jpt_protection_months
    return np.asarray(holds_jpt & protected & ~holds_abolished(ctx, p))


# --- the rules --------------------------------------------------------------------------------


def rule_abolished(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """An abolished post is never a candidate."""
    return np.asarray(~ctx.abolished[q])


def rule_frozen(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """Inside a freeze window placed people stay."""
    if not ctx.frozen:
        return allow_all()
    return _stay(stays_frozen(ctx, p), ctx, p, q)


def rule_not_active(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """A person not aktif stays."""
    return _stay(stays_not_active(ctx, p), ctx, p, q)


def rule_locked(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """A locked person stays."""
    return _stay(stays_locked(ctx, p), ctx, p, q)


def rule_min_tenure(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """Below the minimum tenure a person stays, unless their post is abolished."""
    return _stay(stays_min_tenure(ctx, p), ctx, p, q)


def rule_retirement(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """Within the horizon of the current post's BUP a person stays; nobody takes another post
    whose BUP is within the horizon."""
    stay = _stay(stays_retirement(ctx, p), ctx, p, q)
    near = ctx.post_bup[q] - ctx.age[p] <= ctx.rules.retirement_horizon_months
    if not near.any():
        return stay
    return stay & (~near | is_current(ctx, p, q))


def rule_jpt_protection(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """A JPT holder within the protection period stays, unless their post is abolished."""
    return _stay(stays_jpt_protection(ctx, p), ctx, p, q)


def rule_asn_type(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """A placed person whose ASN type is not movable stays (an unplaced one may be placed)."""
    return _stay(stays_asn_type(ctx, p), ctx, p, q)


def _by_post_class(
    p: Index,
    q: Index,
    post_class: npt.NDArray[np.integer],
    table: Callable[[Index], BoolArray],
) -> BoolArray:
    """Evaluate a rule that depends on the post only through a small class code.

    ``table(people)`` gives a ``(len(people), n_classes)`` verdict; it is computed once per person
    and looked up for every post, instead of once per pair.
    """
    pa, qa = np.asarray(p), np.asarray(q)
    if pa.ndim == 2 and qa.ndim == 2 and pa.shape[1] == 1 and qa.shape[0] == 1:
        return table(pa[:, 0])[:, post_class[qa[0]]]
    pb, qb = np.broadcast_arrays(pa, qa)
    flat_p, flat_q = pb.ravel(), qb.ravel()
    verdict = table(flat_p)[np.arange(flat_p.shape[0]), post_class[flat_q]]
    return verdict.reshape(pb.shape)


def rule_promotion(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """At most one job level up, with the PP 17/2020 requirements of the target kind; an
    unplaced person only into a post whose kind's education, service and age requirements they
    meet."""
    n_kinds = len(domain.KINDS)
    post_class = ctx.post_level.astype(np.int64) * n_kinds + ctx.post_kind
    levels = np.repeat(np.arange(6), n_kinds)[None, :]
    kinds = np.tile(np.arange(n_kinds), 6)[None, :]

    def by_kind(pengawas: BoolArray, administrator: BoolArray, jpt: BoolArray) -> BoolArray:
        return np.asarray(
            np.where(
                kinds == PENGAWAS,
                pengawas,
                np.where(kinds == ADMINISTRATOR, administrator, np.where(kinds == JPT, jpt, True)),
            )
        )

    def table(people: Index) -> BoolArray:
        level_i = ctx.person_level[people].astype(np.int64)[:, None]
        edu = ctx.education[people][:, None]
        # Education, service and age: what an unplaced person must meet too.
        jpt_person = (
            (edu >= D4)
            & (ctx.service[people][:, None] >= 60)
            & (ctx.age[people][:, None] < 57 * 12)
        )
        unplaced = (ctx.current[people] < 0)[:, None]
        placement_ok = ~unplaced | by_kind(edu >= D3, edu >= D4, jpt_person)
        up = (level_i > 0) & (levels > level_i)
        if not ctx.rules.allow_promotion:
            return np.asarray(~up & placement_ok)
        one_step = (levels == level_i + 1) | ((level_i == 1) & (kinds == PENGAWAS))
        tenure = ctx.tenure[people][:, None]
        meets = by_kind(
            (edu >= D3) & (tenure >= 48), (edu >= D4) & (tenure >= 36), jpt_person & (tenure >= 24)
        )
        good = ctx.good_record[people][:, None]
        return np.asarray((~up | (one_step & meets & good)) & placement_ok)

    return _by_post_class(p, q, post_class, table)


def rule_demotion(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """No lower job level unless demotion is allowed."""
    if ctx.rules.allow_demotion:
        return allow_all()
    level_i = ctx.person_level[p]
    return np.asarray(~((level_i > 0) & (ctx.post_level[q] < level_i)))


def outside_rank_range(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """Golongan outside the post's [min_golongan, max_golongan] (bounds that are set)."""
    g = ctx.golongan[p]
    low, high = ctx.min_golongan[q], ctx.max_golongan[q]
    return np.asarray(((low >= 0) & (g < low)) | ((high >= 0) & (g > high)))


def rule_rank_range(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``rank_range: hard``, golongan within the post's range."""
    if ctx.rules.rank_range != "hard":
        return allow_all()
    return np.asarray(~outside_rank_range(ctx, p, q) | is_current(ctx, p, q))


def rule_education(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``education: hard``, education at least the post's minimum."""
    if ctx.rules.education != "hard":
        return allow_all()
    low = ctx.min_education[q]
    below = (low >= 0) & (ctx.education[p] < low)
    return np.asarray(~below | is_current(ctx, p, q))


def refused(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """The person refused the post or its unit."""
    pa, qa = np.asarray(p), np.asarray(q)
    if pa.ndim == 2 and qa.ndim == 2 and pa.shape[1] == 1 and qa.shape[0] == 1:
        # A block of people against posts: two small boolean scatters, no search per pair.
        rows, cols = pa[:, 0], qa[0]
        return ctx.refused_post.grid_mask(rows, cols) | ctx.refused_unit.grid_mask(
            rows, ctx.post_unit[cols]
        )
    post = ctx.refused_post.lookup(pa, qa) > 0
    unit = ctx.refused_unit.lookup(pa, ctx.post_unit[qa]) > 0
    return np.asarray(post | unit)


def rule_refusal(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``refusals: hard``, no refused post or unit."""
    if ctx.rules.refusals != "hard" or len(ctx.refused_post) + len(ctx.refused_unit) == 0:
        return allow_all()
    no = refused(ctx, p, q)
    if not no.any():
        return allow_all()
    return np.asarray(~no | is_current(ctx, p, q))


def rule_external_approval(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """Posts needing external approval are no target unless allowed."""
    if ctx.rules.allow_external_approval:
        return allow_all()
    return np.asarray(~ctx.external[q] | is_current(ctx, p, q))


def rule_only_scored(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``only_scored_pairs``, only pairs listed in ``scores``."""
    if not ctx.rules.only_scored_pairs:
        return allow_all()
    scored = ~np.isnan(ctx.scores.lookup(p, q, np.nan))
    return np.asarray(scored | is_current(ctx, p, q))


def out_of_family(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """A functional post whose family the person neither holds nor lists as a qualification."""
    fam = ctx.post_family[q]
    if ctx.person_families.shape[1] == 0:
        return np.asarray(fam >= 0)
    pa, qa = np.asarray(p), np.asarray(q)
    if pa.ndim == 2 and qa.ndim == 2 and pa.shape[1] == 1 and qa.shape[0] == 1:
        held = ctx.person_families[pa[:, 0]][:, np.maximum(fam[0], 0)]
    else:
        held = ctx.person_families[pa, np.maximum(fam, 0)]
    return np.asarray((fam >= 0) & ~held)


def rule_profession(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``profession: hard``, a functional post only for people of its family."""
    if ctx.rules.profession != "hard" or not (ctx.post_family >= 0).any():
        return allow_all()
    return np.asarray(~out_of_family(ctx, p, q) | is_current(ctx, p, q))


def missing_technical(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """The post requires a ``teknis`` competency the person has no level for."""
    tech = ctx.technical
    pa, qa = np.asarray(p), np.asarray(q)
    if not tech.any():
        return np.zeros(np.broadcast_shapes(pa.shape, qa.shape), dtype=bool)
    needs = (ctx.required[:, tech] > 0).astype(np.float32)
    if pa.ndim == 2 and qa.ndim == 2 and pa.shape[1] == 1 and qa.shape[0] == 1:
        lacks = (ctx.levels[pa[:, 0]][:, tech] == 0).astype(np.float32)
        return np.asarray(lacks @ needs[qa[0]].T > 0.5)
    pb, qb = np.broadcast_arrays(pa, qa)
    flat_p, flat_q = pb.ravel(), qb.ravel()
    out = np.zeros(flat_p.shape[0], dtype=bool)
    # In chunks: each pair reads two rows of competencies.
    for start in range(0, flat_p.shape[0], 65536):
        sl = slice(start, start + 65536)
        lacks = ctx.levels[flat_p[sl]][:, tech] == 0
        out[sl] = (lacks & (needs[flat_q[sl]] > 0)).any(axis=1)
    return out.reshape(pb.shape)


def must_be_placed(ctx: RuleContext, p: Index) -> BoolArray:
    """People the round must place somewhere: unplaced, or holding an abolished post."""
    return np.asarray((ctx.current[p] < 0) | holds_abolished(ctx, p))


def rule_missing_technical(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``missing_technical: hard``, no post requiring a teknis competency at level 0, except
    for people who must be placed (for them it is the soft penalty)."""
    if ctx.rules.missing_technical != "hard" or not ctx.technical.any():
        return allow_all()
    return np.asarray(
        ~missing_technical(ctx, p, q) | is_current(ctx, p, q) | must_be_placed(ctx, p)
    )


def preference(ctx: RuleContext, person_idx: Index, post_idx: Index) -> FloatArray:
    """``pref_ij``: the best ``1 / rank`` over the person's wishes for the post or its unit."""
    p, q = np.asarray(person_idx), np.asarray(post_idx)
    return np.maximum(ctx.wish_post.lookup(p, q), ctx.wish_unit.lookup(p, ctx.post_unit[q]))


def rule_no_worse_off(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``no_worse_off``, a placed person with wishes only gets a post wished at least as much."""
    constrained = ctx.has_wish[p] & (ctx.current[p] >= 0)
    if not ctx.rules.no_worse_off or not constrained.any():
        return allow_all()
    pref = preference(ctx, p, q)
    good = (pref > 0) & (pref >= ctx.preference_current[p])
    return np.asarray(~constrained | good | is_current(ctx, p, q))
