"""Why was this person moved or not, and what else was possible? (``mutasi-opt explain``)

:func:`explain_person` takes a :class:`~mutasi_opt.plan.Plan` and a NIP, and returns a
:class:`PersonExplanation`: the current and the new post, the reason, the best alternative
candidate posts by value, and the posts worth more than the plan's that a hard rule closes, each
with what kept the person from it:

``rule``
    a hard rule excludes the pair (its codes, e.g. ``min_tenure``, ``rank_range``, in words);
``pruned``
    every rule allows it but it was not among the person's best candidates;
``taken``
    the post is full and went to someone else, named with both values;
``max_moves`` / ``unit_outflow``
    a free seat, but a side rule was binding;
``worth_less``
    worth less to the plan than the post the person got (or, for their own post, than moving);
``plan_total``
    worth more to the person, with a free seat, yet the plan as a whole is worth more without it
    (the person's own post would then be left to a weaker successor or empty).

A run folder is read back into a plan by :func:`mutasi_opt.pipeline.load_run` (which rebuilds the
problem from the run's resolved scenario, ``manifest.json``, and takes the plan from
``assignments.csv``); ``mutasi_opt.explain_person`` accepts either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mutasi_opt.plan.make import Plan, make_plan
from mutasi_opt.plan.phrases import fmt_value
from mutasi_opt.plan.plan_context import build_context, pair_lookup
from mutasi_opt.plan.rules_bridge import describe, pair_codes, pair_details, person_values
from mutasi_opt.plan.vacancies import side_blocked

TOP = 5
"""Alternatives listed by default."""

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("NIP {nip} — {name}", "NIP {nip} — {name}"),
    "current": ("Jabatan sekarang: {post}", "Current post: {post}"),
    "none": ("(belum memiliki jabatan)", "(no post)"),
    "new": (
        "Jabatan dalam rencana: {post} — {move}{chain}",
        "Post in the plan: {post} — {move}{chain}",
    ),
    "chain": (", rantai {chain_id}", ", chain {chain_id}"),
    "value": ("Nilai: {value}", "Value: {value}"),
    "reason": ("Alasan: {reason}", "Reason: {reason}"),
    "alts": ("Alternatif terbaik:", "Best alternatives:"),
    "no_alts": (
        "Tidak ada jabatan lain yang memenuhi syarat.",
        "No other post meets the requirements.",
    ),
    "ruled_out": (
        "Jabatan bernilai lebih tinggi yang tertutup aturan:",
        "Posts worth more that a rule closes:",
    ),
    "taken": (
        "diisi oleh {name} (NIP {nip}, nilai {theirs}; nilai pegawai ini {mine})",
        "taken by {name} (NIP {nip}, value {theirs}; this person's value {mine})",
    ),
    "rule": ("aturan: {rules}", "rule: {rules}"),
    "pruned": (
        "memenuhi aturan, tetapi tidak termasuk kandidat terbaik pegawai ini",
        "allowed by every rule, but not among this person's best candidates",
    ),
    "worth_less": (
        "bernilai lebih rendah ({mine}) daripada jabatan dalam rencana ({chosen})",
        "worth less ({mine}) than the post in the plan ({chosen})",
    ),
    "stay_worth_less": (
        "tetap di jabatan ini bernilai {mine}, lebih rendah daripada pindah ({chosen})",
        "staying here is worth {mine}, less than moving ({chosen})",
    ),
    "max_moves": (
        "ada kursi kosong, tetapi batas jumlah mutasi sudah tercapai",
        "a seat is free, but the limit on moves is reached",
    ),
    "unit_outflow": (
        "ada kursi kosong, tetapi batas pegawai keluar dari OPD-nya sudah tercapai",
        "a seat is free, but the limit on people leaving their OPD is reached",
    ),
    "plan_total": (
        "ada kursi kosong dan bernilai lebih tinggi ({mine} > {chosen}), tetapi rencana secara "
        "keseluruhan bernilai lebih tinggi tanpa perpindahan ini",
        "a seat is free and it is worth more ({mine} > {chosen}), but the plan as a whole is worth "
        "more without this move",
    ),
    "own": (" [jabatan sekarang]", " [current post]"),
}


def _w(key: str, lang: str, **values: object) -> str:
    text = _WORDS[key][0 if lang == "id" else 1]
    return text.format(**values) if values else text


@dataclass(frozen=True)
class Alternative:
    """A post the person did not get, what it was worth to them, and what kept them from it."""

    position_id: str
    title: str
    unit: str
    value: float | None
    """Value of the pair (``None`` when it cannot be computed without rule context)."""
    is_current: bool
    why_code: str
    """``rule``, ``pruned``, ``taken``, ``max_moves``, ``unit_outflow``, ``worth_less``, ``plan_total``."""
    why: str
    rule_codes: tuple[str, ...] = ()
    taken_by: str = ""
    """NIP of the holder the post went to (``taken``)."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "position_id": self.position_id,
            "title": self.title,
            "unit": self.unit,
            "value": self.value,
            "is_current": self.is_current,
            "why_code": self.why_code,
            "why": self.why,
            "rule_codes": list(self.rule_codes),
            "taken_by": self.taken_by,
        }


@dataclass(frozen=True)
class PersonExplanation:
    """Why one person was or was not moved; ``str()`` gives a readable account in ``language``."""

    nip: str
    name: str
    language: str
    from_position_id: str
    from_title: str
    from_unit: str
    to_position_id: str
    to_title: str
    to_unit: str
    moved: bool
    move_type: str
    value: float | None
    reason: str
    reason_code: str
    chain_id: str
    alternatives: tuple[Alternative, ...] = field(default_factory=tuple)
    """The most valuable other candidate posts, each with why the plan did not give it."""
    ruled_out: tuple[Alternative, ...] = field(default_factory=tuple)
    """The most valuable posts worth more than the plan's that a hard rule closes (``why_code``
    ``rule`` or ``pruned``); empty for a problem built without rule context."""

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        lists = ("alternatives", "ruled_out")
        out = {k: getattr(self, k) for k in self.__dataclass_fields__ if k not in lists}
        for k in lists:
            out[k] = [a.to_dict() for a in getattr(self, k)]
        return out

    def __repr__(self) -> str:
        return str(self)

    def __str__(self) -> str:
        lang = self.language
        current = (
            f"{self.from_title} ({self.from_unit}) [{self.from_position_id}]"
            if self.from_position_id
            else _w("none", lang)
        )
        chain = _w("chain", lang, chain_id=self.chain_id) if self.chain_id else ""
        lines = [
            _w("title", lang, nip=self.nip, name=self.name),
            _w("current", lang, post=current),
            _w(
                "new",
                lang,
                post=f"{self.to_title} ({self.to_unit}) [{self.to_position_id}]",
                move=self.move_type,
                chain=chain,
            ),
            _w("value", lang, value=fmt_value(self.value, lang) if self.value is not None else "-"),
            _w("reason", lang, reason=self.reason),
        ]
        lines.append(_w("alts", lang) if self.alternatives else _w("no_alts", lang))
        lines.extend(_lines(self.alternatives, lang))
        if self.ruled_out:
            lines.append(_w("ruled_out", lang))
            lines.extend(_lines(self.ruled_out, lang))
        return "\n".join(lines)


def _lines(alternatives: tuple[Alternative, ...], lang: str) -> list[str]:
    out = []
    for k, alt in enumerate(alternatives, start=1):
        value = fmt_value(alt.value, lang) if alt.value is not None else "-"
        own = _w("own", lang) if alt.is_current else ""
        word = "nilai" if lang == "id" else "value"
        out.append(
            f"  {k}. {alt.title} ({alt.unit}) [{alt.position_id}]{own}, {word} {value}: {alt.why}"
        )
    return out


def explain_person(
    plan: Plan, nip: str, *, language: str | None = None, top: int = TOP
) -> PersonExplanation:
    """Explain the plan for one person.

    Parameters
    ----------
    plan
        A :class:`~mutasi_opt.plan.Plan` (a run folder is read into one by
        :func:`mutasi_opt.pipeline.load_run`; ``mutasi_opt.explain_person`` takes either).
    nip
        The person's NIP.
    language
        ``"id"`` or ``"en"``; default the plan's language.
    top
        How many alternative posts to list.

    Raises
    ------
    KeyError
        When the NIP is not in the plan, or the run has no plan (the message, in ``language``,
        names it).
    """
    lang = language or plan.language
    if lang != plan.language:
        plan = make_plan(plan.problem, plan.result, plan.check, language=lang)
    if not plan.has_plan:
        status = plan.result.status.value
        raise KeyError(
            f"run ini tidak punya rencana (status {status})"
            if lang == "id"
            else f"the run has no plan (status {status})"
        )
    problem = plan.problem
    hits = np.flatnonzero(np.asarray(problem.nip, dtype=object) == str(nip))
    if hits.size == 0:
        raise KeyError(
            f"NIP {nip} tidak ada dalam rencana ini"
            if lang == "id"
            else f"NIP {nip} is not in this plan"
        )
    i = int(hits[0])
    row = plan.assignments.iloc[i]
    alternatives, ruled_out = _alternatives(plan, i, lang, top)
    return PersonExplanation(
        nip=str(row["nip"]),
        name=str(row["name"]),
        language=lang,
        from_position_id=str(row["from_position_id"]),
        from_title=str(row["from_title"]),
        from_unit=str(row["from_unit"]),
        to_position_id=str(row["to_position_id"]),
        to_title=str(row["to_title"]),
        to_unit=str(row["to_unit"]),
        moved=bool(row["moved"]),
        move_type=str(row["move_type"]),
        value=None if np.isnan(row["value"]) else float(row["value"]),
        reason=str(row["reason"]),
        reason_code=str(row["reason_code"]),
        chain_id=str(row["chain_id"]),
        alternatives=tuple(alternatives),
        ruled_out=tuple(ruled_out),
    )


def _alternatives(
    plan: Plan, i: int, lang: str, top: int
) -> tuple[list[Alternative], list[Alternative]]:
    """Person ``i``'s ``top`` most valuable other candidate posts, and the ``top`` most valuable
    posts a rule closes that are worth more than the post in the plan; each with why not."""
    problem = plan.problem
    assignment = plan.result.assignment
    if assignment is None:
        return [], []
    ctx = build_context(problem, assignment, lang)
    chosen = int(ctx.to_post[i])
    chosen_value = float(ctx.value[i])
    sl = ctx.pair_slice(i)
    cand_posts = problem.pairs.post[sl].astype(np.int64)
    cand_values = problem.pairs.value[sl]
    keep = cand_posts != chosen
    order = np.lexsort((cand_posts[keep], -cand_values[keep]))[:top]
    posts = cand_posts[keep][order]
    post_values = cand_values[keep][order]
    is_cand = np.ones(posts.shape, dtype=bool)

    values = person_values(problem, i)
    closed = np.ones(problem.n_posts, dtype=bool)
    closed[cand_posts] = False
    closed[chosen] = False
    closed &= values > chosen_value
    idx = np.flatnonzero(closed)
    idx = idx[np.lexsort((idx, -values[idx]))[:top]]
    posts = np.concatenate([posts, idx])
    post_values = np.concatenate([post_values, values[idx]])
    is_cand = np.concatenate([is_cand, np.zeros(idx.shape, dtype=bool)])
    closed_codes = iter(pair_codes(problem, i, posts[~is_cand]))

    pos = problem.tables.positions
    titles = pos["title"].to_numpy(dtype=object)
    units = np.asarray(problem.units, dtype=object)[np.asarray(problem.instance.post_unit)]
    names = problem.tables.employees["name"].to_numpy(dtype=object)
    nips = np.asarray(problem.nip, dtype=object)
    moves_block, outflow_block = side_blocked(ctx)
    out: list[Alternative] = []
    ruled_out: list[Alternative] = []
    for k, j in enumerate(posts.tolist()):
        mine = float(post_values[k])
        rule_codes: tuple[str, ...] = ()
        taken_by = ""
        if not is_cand[k]:
            rule_codes = next(closed_codes)
            if rule_codes:
                why_code = "rule"
                said = pair_details(problem, i, j, lang)
                why = _w(
                    "rule",
                    lang,
                    rules="; ".join(
                        f"{describe(c, lang)} [{c}]" + (f" ({said[c]})" if said.get(c) else "")
                        for c in rule_codes
                    ),
                )
            else:
                why_code, why = "pruned", _w("pruned", lang)
        elif j == ctx.from_post[i]:
            why_code = "worth_less"
            why = _w(
                "stay_worth_less",
                lang,
                mine=fmt_value(mine, lang),
                chosen=fmt_value(chosen_value, lang),
            )
        elif ctx.free_after[j] == 0:
            holders = np.flatnonzero((ctx.to_post == j) & (np.arange(ctx.n_people) != i))
            hv = problem.pairs.value[pair_lookup(problem, holders, np.full(holders.shape, j))]
            # The holder this person would displace: the one of lowest value there.
            weakest = int(np.lexsort((nips[holders].astype(str), hv))[0])
            h, theirs = int(holders[weakest]), float(hv[weakest])
            why_code, taken_by = "taken", str(nips[h])
            why = _w(
                "taken", lang, name=names[h], nip=nips[h], theirs=fmt_value(theirs, lang),
                mine=fmt_value(mine, lang),
            )  # fmt: skip
        elif mine <= chosen_value:
            why_code = "worth_less"
            why = _w(
                "worth_less", lang, mine=fmt_value(mine, lang), chosen=fmt_value(chosen_value, lang)
            )
        elif moves_block[i]:
            why_code, why = "max_moves", _w("max_moves", lang)
        elif outflow_block[i] and problem.instance.post_unit[j] != problem.instance.person_unit[i]:
            why_code, why = "unit_outflow", _w("unit_outflow", lang)
        else:
            why_code = "plan_total"
            why = _w(
                "plan_total", lang, mine=fmt_value(mine, lang), chosen=fmt_value(chosen_value, lang)
            )
        (out if is_cand[k] else ruled_out).append(
            Alternative(
                position_id=str(problem.post_id[j]),
                title=str(titles[j]),
                unit=str(units[j]),
                value=mine if np.isfinite(mine) else None,
                is_current=bool(j == ctx.from_post[i]),
                why_code=why_code,
                why=why,
                rule_codes=tuple(rule_codes),
                taken_by=taken_by,
            )
        )
    return out, ruled_out
