"""Vacancy chains and swap cycles: who took whose seat.

Every mover takes a seat in their new post: a seat that was free before the round, or the seat of
someone who left that post. Who took whose seat is a graph in which each mover has at most one
predecessor (the person whose seat they took) and at most one successor (the person who took
theirs); its components are

* **chains** (``R001``, ``R002``, ...): they start at a seat that was free before the round (a
  vacancy) and follow the movers: the vacancy is filled by someone whose post is filled by someone
  else, ... until the last mover's post is left open (``vacancy_left``), was abolished and is now
  empty (``abolished_emptied``), or the last mover had no post before (``placement``);
* **cycles** (``S001``, ...): closed exchanges (a 2-person swap, a 3-cycle, ...), ``cycle``.

Pairing rule with capacity > 1 (where "whose seat" is ambiguous): in each post, the movers in and
the movers out are each sorted by NIP and matched in that order, so movers in take freed seats
first; those left over take seats that were free before. This rule is deterministic and turns a
swap through a pooled post into a cycle rather than two chains.

Chains are numbered in the positions table's order of the vacancy they start from (then by the
first mover's NIP); cycles by the smallest NIP among their members, and each cycle is listed from
that member.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from mutasi_opt.plan.plan_context import IntArray, ObjArray, PlanContext

CHAIN_COLUMNS: tuple[str, ...] = (
    "chain_id", "chain_type", "step", "nip", "name", "from_position_id", "from_unit",
    "to_position_id", "to_unit", "ends_with",
)  # fmt: skip


@dataclass(frozen=True, eq=False)
class Chains:
    """Chains and cycles of a plan.

    Attributes
    ----------
    frame
        ``chains.csv``: one row per mover, grouped by chain in order (:data:`CHAIN_COLUMNS`).
    chain_id
        Per person: the id of their chain or cycle, ``""`` for people who stay.
    took_seat_of
        Per person: index of the person whose seat they took, -1 when they took a seat that was
        free before (or did not move).
    cycle_size
        Per person: the number of people in their cycle, 0 outside cycles.
    """

    frame: pd.DataFrame
    chain_id: ObjArray
    took_seat_of: IntArray
    cycle_size: IntArray


def empty_chains_frame() -> pd.DataFrame:
    """A chains frame with its columns and no rows."""
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in CHAIN_COLUMNS})
    frame["step"] = frame["step"].astype(np.int64)
    return frame


def _match_seats(ctx: PlanContext, nips: ObjArray) -> IntArray:
    """Per person, whose seat they took (-1: a free seat, or not a mover)."""
    took = np.full(ctx.n_people, -1, dtype=np.int64)
    movers = np.flatnonzero(ctx.moved)
    if movers.size == 0:
        return took
    # Movers into and out of every post, each sorted by (post, NIP).
    order = np.lexsort((nips[movers].astype(str), ctx.to_post[movers]))
    ins = movers[order]
    out_movers = movers[ctx.from_post[movers] >= 0]
    order = np.lexsort((nips[out_movers].astype(str), ctx.from_post[out_movers]))
    outs = out_movers[order]
    in_post = ctx.to_post[ins]
    out_post = ctx.from_post[outs]
    # Rank of each mover among the movers of the same post (0, 1, ...).
    in_rank = np.arange(ins.size) - np.searchsorted(in_post, in_post, side="left")
    out_start = np.searchsorted(out_post, in_post, side="left")
    out_end = np.searchsorted(out_post, in_post, side="right")
    matched = in_rank < (out_end - out_start)
    took[ins[matched]] = outs[(out_start + in_rank)[matched]]
    return took


def find_chains(ctx: PlanContext) -> Chains:
    """Chains and cycles of the plan in ``ctx`` (see the module docstring for the rules)."""
    problem = ctx.problem
    emp = problem.tables.employees
    nips = np.asarray(problem.nip, dtype=object)
    names = emp["name"].to_numpy(dtype=object)
    took = _match_seats(ctx, nips)
    successor = np.full(ctx.n_people, -1, dtype=np.int64)
    has_pred = np.flatnonzero(took >= 0)
    successor[took[has_pred]] = has_pred

    chain_id = np.full(ctx.n_people, "", dtype=object)
    cycle_size = np.zeros(ctx.n_people, dtype=np.int64)
    movers = np.flatnonzero(ctx.moved)
    heads = movers[took[movers] < 0]
    head_order = np.lexsort((nips[heads].astype(str), ctx.to_post[heads]))

    sequences: list[tuple[str, str, list[int], str]] = []
    visited = np.zeros(ctx.n_people, dtype=bool)
    for k, head in enumerate(heads[head_order], start=1):
        seq = [int(head)]
        visited[head] = True
        while successor[seq[-1]] >= 0:
            seq.append(int(successor[seq[-1]]))
            visited[seq[-1]] = True
        tail_from = ctx.from_post[seq[-1]]
        if tail_from < 0:
            ends = "placement"
        elif ctx.abolished[tail_from]:
            ends = "abolished_emptied"
        else:
            ends = "vacancy_left"
        sequences.append((f"R{k:03d}", "chain", seq, ends))

    # What is left are closed cycles; list each from its smallest NIP.
    rest = movers[~visited[movers]]
    rest = rest[np.argsort(nips[rest].astype(str), kind="stable")]
    k = 0
    for start in rest:
        if visited[start]:
            continue
        k += 1
        seq = [int(start)]
        visited[start] = True
        while successor[seq[-1]] >= 0 and not visited[successor[seq[-1]]]:
            seq.append(int(successor[seq[-1]]))
            visited[seq[-1]] = True
        sequences.append((f"S{k:03d}", "cycle", seq, "cycle"))
        cycle_size[seq] = len(seq)

    rows: list[tuple[object, ...]] = []
    post_ids = np.asarray(problem.post_id, dtype=object)
    post_units = np.asarray(problem.units, dtype=object)[np.asarray(problem.instance.post_unit)]
    for cid, ctype, seq, ends in sequences:
        chain_id[seq] = cid
        for step, p in enumerate(seq, start=1):
            f, to = ctx.from_post[p], ctx.to_post[p]
            rows.append(
                (
                    cid, ctype, step, nips[p], names[p],
                    post_ids[f] if f >= 0 else "", post_units[f] if f >= 0 else "",
                    post_ids[to], post_units[to], ends,
                )
            )  # fmt: skip
    if rows:
        frame = pd.DataFrame(rows, columns=list(CHAIN_COLUMNS))
        frame["step"] = frame["step"].astype(np.int64)
    else:
        frame = empty_chains_frame()
    return Chains(frame=frame, chain_id=chain_id, took_seat_of=took, cycle_size=cycle_size)
