"""Objectives: the value of the plan, then (second stage) people kept in place at equal value."""

from __future__ import annotations

from ortools.sat.python import cp_model

from mutasi_opt.arrays import Int64Array
from mutasi_opt.instance import Instance
from mutasi_opt.solve.cpsat.variables import Variables

__all__ = [
    "fixed_part",
    "keep_value_maximise_stayers",
    "maximise_stayers",
    "maximise_value",
    "value_expr",
]


def value_expr(variables: Variables, weights: Int64Array) -> cp_model.LinearExpr:
    """``sum weights x`` over the open pairs (the fixed pairs add :func:`fixed_part`)."""
    return cp_model.LinearExpr.weighted_sum(variables.x, weights[variables.pair].tolist())


def fixed_part(variables: Variables, weights: Int64Array) -> int:
    """The weight of the fixed pairs (a constant of every plan of the model)."""
    return int(weights[variables.fixed].sum())


def maximise_value(model: cp_model.CpModel, variables: Variables, weights: Int64Array) -> None:
    """Maximise ``sum weights x`` (the integer values every solver optimises)."""
    model.maximize(value_expr(variables, weights))


def keep_value_maximise_stayers(
    model: cp_model.CpModel,
    instance: Instance,
    variables: Variables,
    weights: Int64Array,
    target: int,
) -> None:
    """Keep ``sum weights >= target`` and maximise the people who stay (the tie rule, stage 2)."""
    model.add(value_expr(variables, weights) >= target - fixed_part(variables, weights))
    maximise_stayers(model, instance, variables)


def maximise_stayers(model: cp_model.CpModel, instance: Instance, variables: Variables) -> None:
    """Maximise the people kept in their current post (a re-plan: their baseline post)."""
    stays = instance.kept_pairs()[variables.pair].tolist()
    model.maximize(
        cp_model.LinearExpr.sum([x for x, s in zip(variables.x, stays, strict=True) if s])
    )
