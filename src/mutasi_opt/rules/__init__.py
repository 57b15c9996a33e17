"""Hard eligibility rules: each a named function over (person, post) pairs with a stable code.

A rule is ``func(ctx, person_idx, post_idx) -> bool array`` (True = the pair is allowed) where the
index arrays broadcast together (a ``(B, 1)`` block of people against ``(1, M)`` posts, or flat
arrays of pairs); the result broadcasts to their common shape (a 0-d ``True`` means the rule
allows everything here). :data:`RULES` lists them in a fixed order; that order is also the bit
order of :func:`exclusion_mask` and decides which rule is credited with an exclusion in
``problem.stats`` (the first that excludes the pair).

Semantics (the model's contract)
--------------------------------
- **A person's current post stays a candidate** under every rule except ``abolished`` and
  ``max_tenure``. "Stays" rules (``frozen``, ``not_active``, ``locked``, ``min_tenure``,
  ``retirement``, ``jpt_protection``, ``asn_type``) exclude every post but the current one.
- ``abolished``: an abolished post is never a candidate, not even for its holder, who must move
  "whatever their tenure" (the restructuring rule): the two rules that count months in the post,
  ``min_tenure`` and ``jpt_protection``, do not hold the holder of an abolished post. The other
  "stays" rules (``frozen``, ``not_active``, ``locked``, ``retirement``, ``asn_type``) are not about
  tenure and still hold: such a holder has no candidate at all, the scenario is infeasible and the
  solver's explanation names them. A holder every other post is closed to (by any rule) is
  infeasible in the same way; otherwise the round must place them.
- ``frozen``: ``as_of`` inside a freeze window: placed people stay; unplaced people may still be
  placed (filling a post is not replacing an official).
- ``not_active`` (status other than aktif: hukuman_disiplin, tugas_belajar, cuti, proses_hukum,
  ikatan_dinas, pemberhentian_sementara, masa_persiapan_pensiun) and ``locked``: the person stays;
  an unplaced person under either has no candidate (infeasible, explained): leave them out of the
  round or give them a post.
- ``asn_type``: a placed person whose ``asn_type`` (PNS when the employees table has no such
  column) is not in ``rules.movable_asn_types`` (default ``[PNS]``: CPNS on probation and PPPK on
  contract) stays in their current post. An unplaced one may still be placed: placement is not a
  transfer.
- ``min_tenure``: fewer than ``min_tenure_months`` whole months in the current post: stays,
  unless the current post is abolished.
- ``retirement``: the BUP of the *current* post (by kind and jenjang) minus the age at most
  ``retirement_horizon_months``: stays; and nobody takes a post other than their current one
  whose own BUP minus their age is at most ``retirement_horizon_months`` (placed and unplaced
  people alike; with a horizon of 0 this is a post whose BUP they have reached). So an ahli madya
  aged 57 years 6 months (BUP 60, 30 months away) may move, but not into an administrator post
  (BUP 58, 6 months away). An unknown age closes nothing.
- ``jpt_protection``: a JPT Pratama holder within ``jpt_protection_months`` of ``tmt_jabatan`` stays,
  unless the post is abolished.
- ``max_tenure``: with ``max_tenure_hard``, more than ``max_tenure_months`` in the current post removes
  it; a person held by a "stays" rule is exempt (they cannot both stay and go).
- ``promotion``: a post of a higher job level (:func:`~mutasi_opt.domain.job_level`) must be exactly
  one step up (pelaksana-level 1 to pengawas counts as one step, the structural ladder having no
  level 2) and meet PP 17/2020: pengawas needs at least D3 and 48 months in the current post (the
  proxy for "4 years as pelaksana"); administrator at least D4/S1 and 36 months in the current
  post; JPT Pratama at least D4/S1, 60 months since CPNS, 24 months in the current (level-4) post
  and age at most 56; every promotion needs predikat and previous predikat at least Baik (a missing
  previous predikat does not block). ``allow_promotion: false`` forbids all.
  An unplaced person has no level and no post, so they are *placed*, not promoted: they may take
  a post only if they meet its kind's PP 17/2020 requirements on education, service and age:
  pengawas at least D3; administrator at least D4/S1; JPT Pratama at least D4/S1, 60 months since
  CPNS and age at most 56 (under 57 x 12 months); pelaksana and fungsional posts ask nothing here.
  The years-in-the-lower-post requirements (48, 36, 24 months in the current post) cannot be
  checked for someone without a post and are not asked. "At most one level up" is not asked
  either: the rank ranges of the old eselon and of the keahlian jenjang are ranges of *posts*
  (they overlap: III/d and IV/a each fall in two eselon ranges, and none covers golongan I-II), not
  a level of a golongan; a post's range is its ``min_golongan`` / ``max_golongan``, checked by
  ``rank_range`` for placed and unplaced people alike. The predikat requirement (Perban BKN
  5/2019: it blocks a *promotion*) and ``allow_promotion`` do not apply to a placement, nor does
  ``demotion``.
- ``demotion``: a lower job level unless ``allow_demotion``.
- ``rank_range`` (``hard``), ``education`` (``hard``): golongan outside [min_golongan, max_golongan],
  education below min_education. ``soft`` rank range is a penalty in the value, not a rule.
- ``profession`` (``hard``; career pattern, PP 11/2017 art. 190(4)-(5)): a ``fungsional`` post
  takes only people of its family: the family of their current functional post or one listed in
  ``qualifications``. A pelaksana or structural official (or an unplaced person) enters a
  functional family only through a listed qualification. A post's family is its ``family`` cell
  or, when empty, derived from the title (:func:`~mutasi_opt.domain.post_family`); names compare
  case-insensitively. Posts of other kinds ask nothing of it.
- ``missing_technical`` (``hard``): the post requires a competency whose dictionary kind is
  ``teknis`` and the person has no level for it (level 0): the pair is closed. Not for people the
  round must place (unplaced, or holding an abolished post: "placed elsewhere whatever their
  tenure"): a post they lack a teknis competency for is a training need, not a bar, so for them
  the pair stays open with the soft penalty. ``soft`` subtracts
  ``weights.missing_technical_penalty`` once per such pair for everyone; ``off`` ignores it.
- ``refusal`` (``hard``): a refused post, or any post of a refused unit. ``soft`` is a penalty.
- ``external_approval``: posts flagged ``needs_external_approval`` are no target unless
  ``rules.allow_external_approval``; their holder may stay.
- ``only_scored``: with ``only_scored_pairs``, pairs absent from ``scores`` are excluded; the
  current post stays a candidate even when not scored.
- ``no_worse_off``: a placed person with wishes gets the current post or a post they wish at least
  as much as the current one (``pref >= pref(current)``, ``pref > 0``); people without wishes and
  unplaced people are unconstrained.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mutasi_opt import domain
from mutasi_opt.arrays import BoolArray, FloatArray
from mutasi_opt.rule_context import KIND_INDEX, RuleContext
from mutasi_opt.rules import details

__all__ = [
    "RULES",
    "RULE_CODES",
    "STAYS_RULE_CODES",
    "Rule",
    "RuleContext",
    "RuleExclusions",
    "decode_exclusions",
    "exclusion_codes",
    "exclusion_mask",
    "has_penalties",
    "has_preferences",
    "pair_details",
    "penalty",
    "pinned",
    "preference",
    "rule",
]

Index = npt.NDArray[np.integer]
RuleFunc = Callable[[RuleContext, Index, Index], BoolArray]
DetailFunc = Callable[[RuleContext, int, int, str], str]

JPT = KIND_INDEX["jpt_pratama"]
ADMINISTRATOR = KIND_INDEX["administrator"]
PENGAWAS = KIND_INDEX["pengawas"]
D3 = domain.EDUCATION_INDEX["D3"]
D4 = domain.EDUCATION_INDEX["D4"]


@dataclass(frozen=True)
class Rule:
    """One hard rule: a stable code, its description in Indonesian and English, and its mask.

    ``stays``, when given, is the person test of a rule that keeps people in place (what
    :func:`pinned` and the reasons of a stay read). With ``pure_stays`` the rule is only that:
    ``func(ctx, p, q)`` is exactly ``~stays(ctx, p) | (q == current(p))``, and the candidate
    generator works per person instead of per pair; ``func`` stays the definition (and the
    property tests check the two agree).

    A rule is one object here and one line in :data:`RULES`; candidate generation, ``pinned``,
    the exclusion counts, the reasons of a stay, vacancies' blockers, ``explain`` and the needs
    analysis all read :data:`RULES` (``docs/adding-a-rule.md``).
    """

    @property
    def keeps_in_place(self) -> bool:
        """The rule keeps some people in their current post (it may also close other posts)."""
        return self.stays is not None

    code: str
    description_id: str
    description_en: str
    func: RuleFunc
    stays: Callable[[RuleContext, Index], BoolArray] | None = None
    setting: str | None = None
    """The scenario key that switches or tunes it (``rules.profession``); ``None``: always on."""
    pure_stays: bool = True
    """With ``stays`` given: the rule does nothing else (``func`` is exactly the stays mask), so
    candidates are generated per person. ``retirement`` also closes other posts: ``False``."""
    detail: DetailFunc | None = None
    """``detail(ctx, i, j, language)``: which requirement the pair fails, with the numbers."""


def _all() -> BoolArray:
    return np.ones((), dtype=bool)


def _is_current(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    return np.asarray(ctx.current[p] == q)


def _stay(stays: BoolArray, ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """Allowed = the person is free to move, or the post is their current one."""
    if not stays.any():
        return _all()
    return ~stays | _is_current(ctx, p, q)


# --- who must stay (per person) ---------------------------------------------------------------


def _stays_frozen(ctx: RuleContext, p: Index) -> BoolArray:
    return np.asarray(ctx.frozen & (ctx.current[p] >= 0))


def _stays_not_active(ctx: RuleContext, p: Index) -> BoolArray:
    return np.asarray(~ctx.active[p])


def _stays_locked(ctx: RuleContext, p: Index) -> BoolArray:
    return np.asarray(ctx.locked[p])


def _stays_asn_type(ctx: RuleContext, p: Index) -> BoolArray:
    return np.asarray(~ctx.asn_movable[p] & (ctx.current[p] >= 0))


def _holds_abolished(ctx: RuleContext, p: Index) -> BoolArray:
    """The person holds an abolished post (who must move whatever their tenure)."""
    cur = ctx.current[p]
    return np.asarray((cur >= 0) & ctx.abolished[np.maximum(cur, 0)])


def _stays_min_tenure(ctx: RuleContext, p: Index) -> BoolArray:
    return np.asarray((ctx.tenure[p] < ctx.rules.min_tenure_months) & ~_holds_abolished(ctx, p))


def _stays_retirement(ctx: RuleContext, p: Index) -> BoolArray:
    return np.asarray(ctx.person_bup[p] - ctx.age[p] <= ctx.rules.retirement_horizon_months)


def _stays_jpt(ctx: RuleContext, p: Index) -> BoolArray:
    cur = ctx.current[p]
    holds_jpt = (cur >= 0) & (ctx.post_kind[np.maximum(cur, 0)] == JPT)
    protected = ctx.tenure[p] < ctx.rules.jpt_protection_months
    return np.asarray(holds_jpt & protected & ~_holds_abolished(ctx, p))


def pinned(ctx: RuleContext, person_idx: Index) -> BoolArray:
    """True for people a "stays" rule of :data:`RULES` keeps in their current post (placed
    people only)."""
    p = np.asarray(person_idx)
    stays = np.zeros(p.shape, dtype=bool)
    for r in RULES:
        if r.stays is not None:
            stays |= r.stays(ctx, p)
    return np.asarray(stays & (ctx.current[p] >= 0))


# --- the rules --------------------------------------------------------------------------------


def rule_abolished(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """An abolished post is never a candidate."""
    return np.asarray(~ctx.abolished[q])


def rule_frozen(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """Inside a freeze window placed people stay."""
    if not ctx.frozen:
        return _all()
    return _stay(_stays_frozen(ctx, p), ctx, p, q)


def rule_not_active(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """A person not aktif stays."""
    return _stay(_stays_not_active(ctx, p), ctx, p, q)


def rule_locked(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """A locked person stays."""
    return _stay(_stays_locked(ctx, p), ctx, p, q)


def rule_min_tenure(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """Below the minimum tenure a person stays, unless their post is abolished."""
    return _stay(_stays_min_tenure(ctx, p), ctx, p, q)


def rule_retirement(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """Within the horizon of the current post's BUP a person stays; nobody takes another post
    whose BUP is within the horizon."""
    stay = _stay(_stays_retirement(ctx, p), ctx, p, q)
    near = ctx.post_bup[q] - ctx.age[p] <= ctx.rules.retirement_horizon_months
    if not near.any():
        return stay
    return stay & (~near | _is_current(ctx, p, q))


def rule_jpt_protection(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """A JPT holder within the protection period stays, unless their post is abolished."""
    return _stay(_stays_jpt(ctx, p), ctx, p, q)


def rule_asn_type(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """A placed person whose ASN type is not movable stays (an unplaced one may be placed)."""
    return _stay(_stays_asn_type(ctx, p), ctx, p, q)


def rule_max_tenure(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With a hard maximum, a person past it loses the current post as a candidate."""
    limit = ctx.rules.max_tenure_months
    if not ctx.rules.max_tenure_hard or limit is None:
        return _all()
    over = (ctx.tenure[p] > limit) & ~pinned(ctx, p)
    if not over.any():
        return _all()
    return ~(over & _is_current(ctx, p, q))


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
        return _all()
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
        return _all()
    return np.asarray(~outside_rank_range(ctx, p, q) | _is_current(ctx, p, q))


def rule_education(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``education: hard``, education at least the post's minimum."""
    if ctx.rules.education != "hard":
        return _all()
    low = ctx.min_education[q]
    below = (low >= 0) & (ctx.education[p] < low)
    return np.asarray(~below | _is_current(ctx, p, q))


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
        return _all()
    no = refused(ctx, p, q)
    if not no.any():
        return _all()
    return np.asarray(~no | _is_current(ctx, p, q))


def rule_external_approval(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """Posts needing external approval are no target unless allowed."""
    if ctx.rules.allow_external_approval:
        return _all()
    return np.asarray(~ctx.external[q] | _is_current(ctx, p, q))


def rule_only_scored(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``only_scored_pairs``, only pairs listed in ``scores``."""
    if not ctx.rules.only_scored_pairs:
        return _all()
    scored = ~np.isnan(ctx.scores.lookup(p, q, np.nan))
    return np.asarray(scored | _is_current(ctx, p, q))


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
        return _all()
    return np.asarray(~out_of_family(ctx, p, q) | _is_current(ctx, p, q))


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
    return np.asarray((ctx.current[p] < 0) | _holds_abolished(ctx, p))


def rule_missing_technical(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``missing_technical: hard``, no post requiring a teknis competency at level 0, except
    for people who must be placed (for them it is the soft penalty)."""
    if ctx.rules.missing_technical != "hard" or not ctx.technical.any():
        return _all()
    return np.asarray(
        ~missing_technical(ctx, p, q) | _is_current(ctx, p, q) | must_be_placed(ctx, p)
    )


def _technical_penalised(ctx: RuleContext, p: Index) -> BoolArray | None:
    """Who pays the missing-technical penalty: everyone when soft, the people who must be placed
    when hard; ``None`` when nobody can."""
    if not ctx.technical.any() or ctx.rules.missing_technical == "off":
        return None
    if ctx.rules.missing_technical == "soft":
        return np.ones(np.asarray(p).shape, dtype=bool)
    return must_be_placed(ctx, p)


def preference(ctx: RuleContext, person_idx: Index, post_idx: Index) -> FloatArray:
    """``pref_ij``: the best ``1 / rank`` over the person's wishes for the post or its unit."""
    p, q = np.asarray(person_idx), np.asarray(post_idx)
    return np.maximum(ctx.wish_post.lookup(p, q), ctx.wish_unit.lookup(p, ctx.post_unit[q]))


def rule_no_worse_off(ctx: RuleContext, p: Index, q: Index) -> BoolArray:
    """With ``no_worse_off``, a placed person with wishes only gets a post wished at least as much."""
    constrained = ctx.has_wish[p] & (ctx.current[p] >= 0)
    if not ctx.rules.no_worse_off or not constrained.any():
        return _all()
    pref = preference(ctx, p, q)
    good = (pref > 0) & (pref >= ctx.preference_current[p])
    return np.asarray(~constrained | good | _is_current(ctx, p, q))


def has_preferences(ctx: RuleContext) -> bool:
    """True when someone has a wish (otherwise every ``pref_ij`` is 0)."""
    return len(ctx.wish_post) + len(ctx.wish_unit) > 0


def has_penalties(ctx: RuleContext) -> bool:
    """True when a soft rule can give a pair a penalty (otherwise every ``penalty_ij`` is 0)."""
    soft_refusal = (
        ctx.rules.refusals == "soft" and len(ctx.refused_post) + len(ctx.refused_unit) > 0
    )
    who = _technical_penalised(ctx, np.arange(ctx.n_people))
    soft_technical = who is not None and bool(who.any())
    return soft_refusal or ctx.rules.rank_range == "soft" or soft_technical


def penalty(ctx: RuleContext, person_idx: Index, post_idx: Index) -> FloatArray:
    """``penalty_ij`` of the soft rules (0 for the current post)."""
    p, q = np.asarray(person_idx), np.asarray(post_idx)
    out: FloatArray = np.zeros(np.broadcast_shapes(p.shape, q.shape))
    if ctx.rules.refusals == "soft" and len(ctx.refused_post) + len(ctx.refused_unit):
        out = out + ctx.weights.refusal_penalty * refused(ctx, p, q)
    if ctx.rules.rank_range == "soft":
        out = out + ctx.weights.rank_range_penalty * outside_rank_range(ctx, p, q)
    who = _technical_penalised(ctx, p)
    if who is not None and who.any():
        lacking = missing_technical(ctx, p, q) & who
        out = out + ctx.weights.missing_technical_penalty * lacking
    if out.any():
        out = np.where(_is_current(ctx, p, q), 0.0, out)
    return out


RULES: tuple[Rule, ...] = (
    Rule("abolished", "jabatan dihapus", "the post is abolished", rule_abolished,
         setting=None),
    Rule("frozen", "masa pembekuan mutasi: pegawai tetap di jabatannya",
         "a freeze window: placed people stay", rule_frozen, _stays_frozen,
         setting="rules.freeze_windows"),
    Rule("not_active",
         "status pegawai tidak aktif (hukuman disiplin, tugas belajar, cuti, proses hukum, ikatan "
         "dinas, pemberhentian sementara, masa persiapan pensiun)",
         "not active (disciplinary sanction, study leave, leave, court proceedings, service bond, "
         "temporary dismissal, pre-retirement): stays", rule_not_active,
         _stays_not_active,
         setting=None),
    Rule("locked", "dikunci: pegawai tetap di jabatannya", "locked: stays in place", rule_locked,
         _stays_locked,
         setting=None),
    Rule("min_tenure", "masa jabatan belum mencapai minimum",
         "tenure below the minimum: stays", rule_min_tenure, _stays_min_tenure,
         setting="rules.min_tenure_months", detail=details.min_tenure),
    Rule("retirement", "mendekati atau melewati batas usia pensiun (BUP)",
         "within the retirement horizon of the BUP of the current post or of this post",
         rule_retirement, _stays_retirement, pure_stays=False,
         setting="rules.retirement_horizon_months", detail=details.retirement),
    Rule("jpt_protection", "pejabat JPT dalam masa perlindungan setelah pelantikan",
         "JPT holder within the protection period: stays", rule_jpt_protection, _stays_jpt,
         setting="rules.jpt_protection_months"),
    Rule("max_tenure", "masa jabatan melewati maksimum: wajib pindah",
         "past the maximum tenure: must move", rule_max_tenure,
         setting="rules.max_tenure_hard"),
    Rule("promotion", "promosi tidak diizinkan atau syarat promosi tidak terpenuhi",
         "promotion not allowed or its requirements not met", rule_promotion,
         setting="rules.allow_promotion", detail=details.promotion),
    Rule("demotion", "demosi tidak diizinkan", "demotion not allowed", rule_demotion,
         setting="rules.allow_demotion"),
    Rule("rank_range", "golongan di luar rentang jabatan",
         "golongan outside the post's range", rule_rank_range,
         setting="rules.rank_range", detail=details.rank_range),
    Rule("education", "pendidikan di bawah syarat minimum jabatan",
         "education below the post's minimum", rule_education,
         setting="rules.education", detail=details.education),
    Rule("profession", "jabatan fungsional di luar rumpun profesi pegawai (pola karier)",
         "a functional post outside the person's profession family (career pattern)",
         rule_profession,
         setting="rules.profession", detail=details.profession),
    Rule("missing_technical", "kompetensi teknis yang disyaratkan jabatan belum dimiliki (level 0)",
         "a required teknis competency the person lacks (level 0)", rule_missing_technical,
         setting="rules.missing_technical", detail=details.missing_technical),
    Rule("refusal", "pegawai menolak jabatan atau unit ini",
         "the person refused this post or its unit", rule_refusal,
         setting="rules.refusals"),
    Rule("external_approval", "jabatan memerlukan persetujuan pihak luar",
         "the post needs external approval", rule_external_approval,
         setting="rules.allow_external_approval"),
    Rule("only_scored", "pasangan tidak ada dalam tabel nilai (scores)",
         "the pair is not listed in scores", rule_only_scored,
         setting="rules.only_scored_pairs"),
    Rule("no_worse_off", "lebih buruk dari jabatan sekarang menurut keinginan pegawai",
         "worse than the current post by the person's own wishes", rule_no_worse_off,
         setting="rules.no_worse_off"),
    Rule("asn_type", "jenis ASN tidak termasuk yang dapat dimutasi (CPNS, PPPK): tetap di jabatannya",
         "ASN type not movable (CPNS, PPPK): stays", rule_asn_type, _stays_asn_type,
         setting="rules.movable_asn_types"),
)  # fmt: skip
"""Every hard rule, in bit and reporting order."""

RULE_CODES: tuple[str, ...] = tuple(r.code for r in RULES)
STAYS_RULE_CODES: tuple[str, ...] = tuple(r.code for r in RULES if r.keeps_in_place)
"""The rules that keep people in place, in :data:`RULES` order (reasons quote them so)."""


def rule(code: str) -> Rule:
    """The registered rule of this code (``KeyError`` for an unknown one)."""
    for r in RULES:
        if r.code == code:
            return r
    raise KeyError(code)


def pair_details(ctx: RuleContext, i: int, j: int, language: str) -> dict[str, str]:
    """For one pair, each excluding rule's code and what it fails (``""`` when it has no words)."""
    out: dict[str, str] = {}
    p, q = np.array([i]), np.array([j])
    for r in RULES:
        if not bool(np.asarray(r.func(ctx, p, q)).ravel()[0]):
            out[r.code] = r.detail(ctx, i, j, language) if r.detail is not None else ""
    return out


def exclusion_mask(
    ctx: RuleContext, person_idx: npt.ArrayLike, post_idx: npt.ArrayLike
) -> npt.NDArray[np.uint32]:
    """Bit ``k`` set where ``RULES[k]`` excludes the pair; 0 = every hard rule allows it.

    Parameters
    ----------
    ctx
        The rule context of the round (``problem.context``).
    person_idx, post_idx
        Indices, broadcast together (e.g. one person against ``np.arange(ctx.n_posts)``).

    Notes
    -----
    A pair allowed by every rule may still be missing from ``problem.pairs`` when
    ``scoring.candidates_per_person`` pruned it.
    """
    p = np.asarray(person_idx, dtype=np.int64)
    q = np.asarray(post_idx, dtype=np.int64)
    out = np.zeros(np.broadcast_shapes(p.shape, q.shape), dtype=np.uint32)
    for bit, rule in enumerate(RULES):
        allowed = rule.func(ctx, p, q)
        out |= np.where(allowed, np.uint32(0), np.uint32(1 << bit)).astype(np.uint32)
    return out


@dataclass(frozen=True, eq=False)
class RuleExclusions:
    """The hard rules of one round as an :class:`~mutasi_opt.instance.Exclusions`: which rules
    close each pair, for the explanation of an infeasible round (``problem.instance.exclusions``).

    Attributes
    ----------
    context
        The round's rule context.
    """

    context: RuleContext

    @property
    def codes(self) -> tuple[str, ...]:
        """:data:`RULE_CODES`: bit ``k`` of a mask is ``RULES[k]``."""
        return RULE_CODES

    def mask(self, person: npt.ArrayLike, post: npt.ArrayLike) -> npt.NDArray[np.uint32]:
        """:func:`exclusion_mask` of the pairs."""
        return exclusion_mask(self.context, person, post)


def decode_exclusions(mask: int) -> tuple[str, ...]:
    """Rule codes whose bit is set in ``mask`` (in :data:`RULES` order)."""
    return tuple(code for bit, code in enumerate(RULE_CODES) if int(mask) >> bit & 1)


def exclusion_codes(
    ctx: RuleContext, person_idx: npt.ArrayLike, post_idx: npt.ArrayLike
) -> list[tuple[str, ...]]:
    """The codes of every rule excluding each pair (flattened in C order); ``()`` = allowed."""
    mask = exclusion_mask(ctx, person_idx, post_idx).ravel()
    cache: dict[int, tuple[str, ...]] = {}
    return [cache.setdefault(v, decode_exclusions(v)) for v in mask.tolist()]
