"""The decisions table (``data.decisions``): the panel's rulings on a plan.

One row per ruling, columns ``nip``, ``position_id``, ``decision``, ``note``, ``override``:

``keep``
    the person stays in their current post (``position_id`` empty, or that post);
``forbid``
    the person never takes this post, or any post of this unit when ``position_id`` names a unit
    (a post id is looked up first, then a unit name);
``assign``
    the person takes exactly this post, even against a soft rule (whose penalty stays in the
    value). A hard rule the ruling breaks is an error naming the rule, unless ``override`` is
    true: then the plan follows the ruling and the run lists it (``summary.json``,
    ``rulings.csv``, the reports).

``note`` is free text quoted in the person's reason. Decisions are read in Indonesian too
(``tetap``/``pertahankan`` = keep, ``larang``/``tolak`` = forbid, ``tetapkan``/``tempatkan`` =
assign), case- and separator-insensitively.

This module holds the row checks that need the other tables (:func:`decision_rows`, run by the
readers after the other cross-table checks); the words are in
:mod:`mutasi_opt.tables.decision_words`. What a ruling
does to the round is :mod:`mutasi_opt.rules.rulings`.
"""

from __future__ import annotations

import numpy as np

from mutasi_opt.tables.checks import Context, _flag, _known_nips, _present
from mutasi_opt.tables.schema import ParsedTable

__all__ = ["decision_rows"]


def decision_rows(ctx: Context) -> None:
    """Each ruling names a known person and a known post (or, to forbid, a unit); ``assign`` and
    ``forbid`` name one; ``keep`` names none or the person's current post; ``override`` only on
    ``keep`` and ``assign``; one ``keep`` or ``assign`` per person; no ruling contradicts another.

    Also records each row's spreadsheet row in a ``row`` column, so that later checks (a hard rule
    an ``assign`` breaks, posts over capacity) can name it.
    """
    t = ctx.tables.get("decisions")
    if t is None:
        return
    t.frame["row"] = t.rows
    e = ctx.referable("employees", "nip")
    p = ctx.referable("positions", "position_id")
    frame = t.frame
    decision = frame["decision"].to_numpy(dtype=object)
    has_post = _present(t, "position_id")
    ok_nip = t.ok("nip") & _present(t, "nip")
    ok_decision = t.ok("decision") & _present(t, "decision")
    needs_target = ok_decision & np.isin(decision, ["forbid", "assign"])
    _flag(ctx, t, needs_target & ~has_post & t.ok("position_id"), "missing_value",
          "forbid and assign need a position_id (forbid: or a unit)",
          "forbid dan assign memerlukan position_id (forbid: atau unit)", "position_id")  # fmt: skip
    override = frame["override"].to_numpy(dtype=object) == True  # noqa: E712 (None: False)
    _flag(ctx, t, override & (decision == "forbid"), "override_not_allowed",
          "override applies to keep and assign (a forbid breaks no rule)",
          "override berlaku untuk keep dan assign (forbid tidak melanggar aturan apa pun)",
          "override")  # fmt: skip
    known_nip = np.ones(len(frame), dtype=bool)
    if e is not None:
        known_nip = frame["nip"].isin(_known_nips(e)).to_numpy()
        _flag(ctx, t, ok_nip & ~known_nip, "unknown_nip", "no employee with this NIP",
              "tidak ada pegawai dengan NIP ini", "nip")  # fmt: skip
    if p is None:
        return
    posts = set(p.frame["position_id"].dropna())
    units = set(p.frame["unit"].dropna()) if p.has("unit") else set()
    target = frame["position_id"]
    is_post = target.isin(posts).to_numpy()
    is_unit = target.isin(units).to_numpy() & ~is_post
    usable = ok_decision & has_post & t.ok("position_id")
    _flag(ctx, t, usable & (decision != "forbid") & ~is_post, "unknown_position",
          "no post with this position_id in the positions table",
          "tidak ada jabatan dengan position_id ini di tabel positions", "position_id")  # fmt: skip
    _flag(ctx, t, usable & (decision == "forbid") & ~is_post & ~is_unit, "unknown_position",
          "names no post and no unit of the positions table",
          "tidak menyebut jabatan maupun unit mana pun di tabel positions", "position_id")  # fmt: skip
    if e is None:
        return
    held = dict(zip(e.frame["nip"], e.frame["position_id"], strict=True))
    unit_of = dict(zip(p.frame["position_id"], p.frame["unit"], strict=True)) if units else {}
    current = frame["nip"].map(held).to_numpy(dtype=object)
    placed = np.array([isinstance(c, str) for c in current.tolist()], dtype=bool)
    keep = ok_decision & (decision == "keep") & ok_nip & known_nip
    _flag(ctx, t, keep & ~placed, "keep_not_placed",
          "keep means staying in the current post, and this person has none (use assign)",
          "keep berarti tetap di jabatan sekarang, dan orang ini tidak memegang jabatan "
          "(pakai assign)", "nip")  # fmt: skip
    other = keep & placed & has_post & (target.to_numpy(dtype=object) != current)
    _flag(ctx, t, other, "keep_other_post",
          "keep means staying in the current post; to place the person elsewhere use assign",
          "keep berarti tetap di jabatan sekarang; untuk menempatkan orang itu di tempat lain "
          "pakai assign", "position_id")  # fmt: skip
    _contradictions(ctx, t, decision, current, is_post, is_unit, unit_of, ok_nip & ok_decision)


def _contradictions(
    ctx: Context,
    t: ParsedTable,
    decision: np.ndarray,
    current: np.ndarray,
    is_post: np.ndarray,
    is_unit: np.ndarray,
    unit_of: dict[str, str],
    usable: np.ndarray,
) -> None:
    """Two placing rulings for one person, or a placement the person's own forbid rules out."""
    frame = t.frame
    nips = frame["nip"].to_numpy(dtype=object)
    targets = frame["position_id"].to_numpy(dtype=object)
    # Where each placing ruling puts the person: the current post (keep) or the post (assign).
    places = np.where(decision == "keep", current, targets)
    placing = usable & np.isin(decision, ["keep", "assign"])
    first: dict[str, int] = {}
    twice = np.zeros(len(frame), dtype=bool)
    for k in np.flatnonzero(placing).tolist():
        if nips[k] in first and places[k] != places[first[nips[k]]]:
            twice[k] = True
        first.setdefault(nips[k], k)
    _flag(ctx, t, twice, "conflicting_decisions",
          lambda k: f"this person already has a keep or assign ruling (row {int(t.rows[first[nips[k]]])})",
          lambda k: "orang ini sudah memiliki putusan keep atau assign "
          f"(baris {int(t.rows[first[nips[k]]])})", "decision")  # fmt: skip
    forbidden: dict[str, list[tuple[str, int]]] = {}
    for k in np.flatnonzero(usable & (decision == "forbid") & (is_post | is_unit)).tolist():
        forbidden.setdefault(nips[k], []).append((str(targets[k]), k))
    clash = np.zeros(len(frame), dtype=bool)
    row_of: dict[int, int] = {}
    for k in np.flatnonzero(placing).tolist():
        where = places[k]
        if not isinstance(where, str):
            continue
        for name, row in forbidden.get(nips[k], []):
            if name == where or name == unit_of.get(where):
                clash[k] = True
                row_of[k] = int(t.rows[row])
    _flag(ctx, t, clash, "conflicting_decisions",
          lambda k: f"this post is forbidden to the person by row {row_of[k]}",
          lambda k: f"jabatan ini dilarang untuk orang itu oleh baris {row_of[k]}",
          "decision")  # fmt: skip
