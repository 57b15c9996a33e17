"""Wishes and refusals: about 30 % of people rank 1-3 posts or units, about 5 % refuse one.

A wish names a post of the same family and level as the person's own (a teacher wants another
school, a kepala seksi another seksi) or one level up, often in another OPD, or names a whole unit.
Refusals name another unit or post. Holders of abolished posts and people not placed refuse
nothing, so that the vacancies kept for them stay open to them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mutasi_opt.tables.model import PREFERENCE_COLUMNS

__all__ = ["REFUSAL_SHARE", "WISH_SHARE", "build_preferences"]

WISH_SHARE = 0.30
REFUSAL_SHARE = 0.05
_REFUSAL_DRAW = 0.065  # some drawn refusals are dropped (own unit, contradicts a wish)
_WISH_COUNT_P = (0.40, 0.35, 0.25)  # 1, 2, 3 wishes


def _only(mask: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` where ``mask``, ``None`` elsewhere (object array)."""
    out = values.astype(object)
    out[~mask] = None
    return out


def _sample_in_group(
    group_of_draw: np.ndarray, cum: np.ndarray, start: np.ndarray, stop: np.ndarray, u: np.ndarray
) -> np.ndarray:
    """Row (in the sorted order) of a post drawn in each group, weighted by capacity."""
    lo = np.where(start[group_of_draw] > 0, cum[np.maximum(start[group_of_draw] - 1, 0)], 0)
    hi = cum[stop[group_of_draw] - 1]
    target = lo + u * (hi - lo)
    return np.searchsorted(cum, target, side="right")


def build_preferences(
    people: pd.DataFrame, posts: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """The preferences table (``nip, rank, position_id, unit, refuse``)."""
    n = len(people)
    post = people["_post"].to_numpy()
    placed = people["position_id"].notna().to_numpy()
    active = (posts["status"] == "active").to_numpy()
    # Groups of comparable posts: family (guru, perawat, structural, ...) and job level.
    key = posts["_group"].astype(str) + "#" + posts["_level"].astype(str)
    up_key = posts["_group"].astype(str) + "#" + (posts["_level"] + 1).astype(str)
    codes, uniques = pd.factorize(key[active], sort=True)
    act = np.flatnonzero(active)
    order = np.lexsort((act, codes))
    sorted_post = act[order]
    sorted_group = codes[order]
    cum = np.cumsum(posts["capacity"].to_numpy()[sorted_post]).astype(float)
    n_groups = len(uniques)
    start = np.searchsorted(sorted_group, np.arange(n_groups), side="left")
    stop = np.searchsorted(sorted_group, np.arange(n_groups), side="right")
    own_group = pd.Index(uniques).get_indexer(key.to_numpy()[post])
    up_group = pd.Index(uniques).get_indexer(up_key.to_numpy()[post])
    # The own group of a holder of an abolished post may have no active post: use any post.
    fallback = own_group < 0

    wisher = rng.random(n) < WISH_SHARE
    count = rng.choice(3, size=n, p=_WISH_COUNT_P) + 1
    who = np.repeat(np.flatnonzero(wisher), count[wisher])
    rank = np.concatenate([np.arange(1, c + 1) for c in count[wisher]]) if who.size else who
    m = len(who)
    go_up = (rng.random(m) < 0.25) & (up_group[who] >= 0)
    group = np.where(go_up, up_group[who], own_group[who])
    group = np.where(fallback[who], rng.integers(n_groups, size=m), group)
    row = _sample_in_group(group, cum, start, stop, rng.random(m))
    row = np.minimum(row, len(sorted_post) - 1)
    target = sorted_post[row]
    # A wish for one's own post is no wish: take the next post of the group instead.
    same = target == post[who]
    nxt = np.where(row + 1 < stop[group], row + 1, start[group])
    target = np.where(same, sorted_post[nxt], target)
    ids = posts["position_id"].to_numpy()
    units = posts["unit"].to_numpy()
    # A unit wish is for another OPD: redraw the unit once if it is the person's own.
    as_unit = rng.random(m) < 0.35
    redraw = act[rng.integers(len(act), size=m)]
    wish_unit = np.where(units[target] == units[post[who]], units[redraw], units[target])
    wishes = pd.DataFrame(
        {
            "_i": who,
            "rank": rank,
            "position_id": _only(~as_unit, ids[target]),
            "unit": _only(as_unit, wish_unit),
            "refuse": False,
        }
    )
    wishes = wishes[~(same & (target == post[who]))]
    wishes = wishes.drop_duplicates(["_i", "position_id", "unit"], keep="first")
    wishes["rank"] = wishes.groupby("_i").cumcount() + 1

    # Refusals: another unit (mostly) or another post; never by those who must move.
    can_refuse = placed & ~people["_abolished"].to_numpy()
    refuser = np.flatnonzero(can_refuse & (rng.random(n) < _REFUSAL_DRAW))
    r = len(refuser)
    pick = act[rng.integers(len(act), size=r)]
    other_unit = units[pick] != units[post[refuser]]
    refuse_unit = rng.random(r) < 0.7
    refusals = pd.DataFrame(
        {
            "_i": refuser,
            "rank": None,
            "position_id": _only(~refuse_unit, ids[pick]),
            "unit": _only(refuse_unit, units[pick]),
            "refuse": True,
        }
    )[other_unit & (pick != post[refuser])]
    # A refusal never contradicts a wish of the same person (the post, or the unit it is in).
    unit_of = dict(zip(ids, units, strict=True))
    wished_units = {
        (i, u if u is not None else unit_of[p])
        for i, u, p in zip(wishes["_i"], wishes["unit"], wishes["position_id"], strict=True)
    }
    wished_posts = set(zip(wishes["_i"], wishes["position_id"], strict=True))
    clash = np.array(
        [
            (i, u if u is not None else unit_of[p]) in wished_units or (i, p) in wished_posts
            for i, u, p in zip(
                refusals["_i"], refusals["unit"], refusals["position_id"], strict=True
            )
        ],
        dtype=bool,
    )
    refusals = refusals[~clash] if len(clash) else refusals

    frame = pd.concat([wishes, refusals], ignore_index=True)
    frame = frame.sort_values(["_i", "refuse"], kind="stable")
    frame.insert(0, "nip", people["nip"].to_numpy()[frame["_i"].to_numpy()])
    frame["rank"] = frame["rank"].astype("Int64")
    frame["refuse"] = frame["refuse"].astype(bool)
    for col in ("position_id", "unit"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame.reset_index(drop=True)[list(PREFERENCE_COLUMNS)]
