"""Which seats are held and which are vacant.

Every seat of an abolished post is held, and for each of its holders one vacancy they may take is
kept open (a pelaksana seat open to SMA graduates, or a pengawas seat of the same eselon, in the
same OPD when it has one), so that the baseline round is feasible with everyone else staying. The
other vacancies fall more often on clinical and teaching formations (the shortages a city reports)
and rarely on JPT posts. People not placed are modelled on vacancies of formations, which then
remain open for them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["SeatPlan", "plan_seats"]


@dataclass(frozen=True, slots=True)
class SeatPlan:
    """Who sits where, as post row numbers.

    Attributes
    ----------
    person_post
        One entry per person: the post they hold, or for a person not placed the vacant post their
        profile was drawn for. Holders come in seat order, people not placed last.
    placed
        False for people not placed.
    vacant
        Post row of every vacant seat of an active post (one entry per seat).
    reserved
        Post row of the vacancies kept for holders of abolished posts.
    """

    person_post: np.ndarray
    placed: np.ndarray
    vacant: np.ndarray
    reserved: np.ndarray


def _vacancy_weight(posts: pd.DataFrame) -> np.ndarray:
    kind = posts["kind"].to_numpy()
    weight = np.select(
        [kind == "jpt_pratama", kind == "administrator", kind == "pengawas", kind == "pelaksana"],
        [0.5, 1.0, 1.1, 0.6],
        default=np.where(posts["priority"].to_numpy() >= 4, 1.5, 1.1),
    )
    # The head of Disdukcapil and the Sekda are always in post.
    keep = (
        posts["needs_external_approval"].to_numpy()
        | (posts["title"] == "Sekretaris Daerah").to_numpy()
    )
    return np.where(keep, 0.0, weight)


def _reserve(
    posts: pd.DataFrame, seat_post: np.ndarray, free: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Seat indices kept open for the holders of abolished posts (one each)."""
    abolished = (posts["status"] == "abolished").to_numpy()
    kind = posts["kind"].to_numpy()
    unit = posts["unit"].to_numpy()
    # Class of a post: where a holder of an abolished post of that class can go without promotion.
    cls = np.where(
        kind == "pelaksana",
        np.where(posts["min_education"].to_numpy() == "SMA", "pel_sma", ""),
        np.where(kind == "pengawas", "pengawas_" + posts["max_golongan"].fillna("").to_numpy(), ""),
    )
    seat_cls, seat_unit = cls[seat_post], unit[seat_post]
    taken = np.zeros(len(seat_post), dtype=bool)
    chosen: list[int] = []
    need = pd.DataFrame({"cls": cls, "unit": unit, "n": posts["capacity"].to_numpy()})[abolished]
    summed = need.groupby(["cls", "unit"], sort=True)["n"].sum().reset_index()
    for c, u, n in zip(summed["cls"], summed["unit"], summed["n"].astype(int), strict=True):
        for same_unit in (True, False):
            pool = np.flatnonzero(
                free & ~taken & (seat_cls == c) & ((seat_unit == u) | (not same_unit))
            )
            k = min(int(n), len(pool))
            if k:
                pick = rng.choice(pool, size=k, replace=False)
                taken[pick] = True
                chosen += pick.tolist()
                n -= k
            if n == 0:
                break
        if n:
            raise ValueError(f"no vacancy left for the holders of abolished posts of class {c!r}")
    return np.array(sorted(chosen), dtype=np.int64)


def plan_seats(
    posts: pd.DataFrame, n_people: int, n_unplaced: int, rng: np.random.Generator
) -> SeatPlan:
    """Choose the vacant seats and the posts people not placed are modelled on.

    Parameters
    ----------
    posts
        From :func:`~mutasi_opt.synth.organisation.build_posts`.
    n_people
        Everyone: holders of active and abolished posts and people not placed.
    n_unplaced
        People with no post.
    rng
        Random source.
    """
    seat_post = np.repeat(np.arange(len(posts)), posts["capacity"].to_numpy())
    active = (posts["status"] == "active").to_numpy()[seat_post]
    n_filled = n_people - n_unplaced - int((~active).sum())
    n_vacant = int(active.sum()) - n_filled
    if n_vacant < n_unplaced or n_filled <= 0:
        raise ValueError("the seats do not fit the number of people")
    reserved = _reserve(posts, seat_post, active, rng)
    weight = _vacancy_weight(posts)[seat_post]
    open_ = active & (weight > 0)
    open_[reserved] = False
    # Weighted sampling without replacement: the smallest exponential keys E/w win.
    keys = np.full(len(seat_post), np.inf)
    keys[open_] = rng.exponential(size=int(open_.sum())) / weight[open_]
    rest = n_vacant - len(reserved)
    picked = np.argsort(keys, kind="stable")[:rest]
    vacant = np.zeros(len(seat_post), dtype=bool)
    vacant[reserved] = True
    vacant[picked] = True
    # People not placed: modelled on vacancies of formations that are not kept for anyone.
    formation = posts["kind"].isin(["pelaksana", "fungsional"]).to_numpy()[seat_post]
    spare = vacant & formation
    spare[reserved] = False
    pool = np.flatnonzero(spare)
    if len(pool) < n_unplaced:
        raise ValueError("too few vacancies for the people not placed")
    ghosts = np.sort(rng.choice(pool, size=n_unplaced, replace=False))
    held = np.flatnonzero(~vacant)
    person_post = np.concatenate([seat_post[held], seat_post[ghosts]])
    placed = np.concatenate([np.ones(len(held), bool), np.zeros(n_unplaced, bool)])
    return SeatPlan(person_post, placed, seat_post[vacant], seat_post[reserved])
