"""Decision variables: one boolean per kept candidate pair, and the pairs fixed in advance.

A person left with a single kept pair needs no variable: the pair is *fixed* (a constant 1) and
its effect on capacities, must-fill posts and side rules is subtracted from their right-hand
sides. That keeps the model to the people whose post is still open.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.sat.python import cp_model

from mutasi_opt.instance import Instance
from mutasi_opt.solve.side_rows import Index

__all__ = ["Variables", "make_variables"]


@dataclass(eq=False)
class Variables:
    """Booleans of the open pairs and the fixed pairs.

    Attributes
    ----------
    pair
        Pair indices (into ``instance.pairs``) that have a variable, sorted.
    x
        ``x[k]`` is the boolean of ``pair[k]``.
    fixed
        Pair indices fixed to 1 (one per person with a single kept pair).
    first_index
        Proto index of ``x[0]``; the booleans are consecutive.
    """

    pair: Index
    x: list[cp_model.IntVar]
    fixed: Index
    first_index: int

    def groups(
        self, key: npt.NDArray[np.integer], where: Index | None = None
    ) -> tuple[list[int], list[list[cp_model.IntVar]]]:
        """Variables grouped by ``key``: (distinct keys, the variables of each).

        ``key`` has one entry per variable, or per position in ``where`` when given.
        """
        pos = np.arange(len(self.x)) if where is None else np.asarray(where)
        if pos.size == 0:
            return [], []
        order = np.argsort(key, kind="stable")
        sorted_key, sorted_pos = key[order], pos[order].tolist()
        cut = np.flatnonzero(sorted_key[1:] != sorted_key[:-1]) + 1
        starts, ends = np.r_[0, cut].tolist(), np.r_[cut, key.size].tolist()
        xs = self.x
        return (
            sorted_key[starts].tolist(),
            [[xs[k] for k in sorted_pos[a:b]] for a, b in zip(starts, ends, strict=True)],
        )


def make_variables(model: cp_model.CpModel, instance: Instance, kept: Index) -> Variables:
    """A boolean per kept pair of every person with two or more kept pairs.

    Parameters
    ----------
    model
        The CP-SAT model to add them to.
    instance
        The round.
    kept
        Sorted pair indices that may be part of the plan.
    """
    person = instance.pairs.person[kept]
    per_person = np.bincount(person, minlength=instance.n_people)
    single = per_person[person] == 1
    fixed = kept[single]
    open_pairs = kept[~single]
    first = len(model.proto.variables)
    x = [model.new_bool_var("") for _ in range(open_pairs.size)]
    return Variables(pair=open_pairs, x=x, fixed=fixed, first_index=first)
