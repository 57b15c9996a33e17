"""mutasi-opt: competency-matching optimisation for civil-servant transfers (*mutasi ASN*).

The public API, one call per step of a planning round::

    import mutasi_opt as mo

    scenario, tables = mo.load("scenarios/sibolga-2026.yaml")   # Scenario and its tables
    problem = mo.build_problem(tables, scenario)                 # every candidate pair scored
    needs = mo.needs_analysis(problem)                           # analisis kebutuhan
    result = mo.solve(problem)                                   # the optimal assignment
    plan = mo.make_plan(problem, result, mo.check_plan(problem, result.assignment))
    plan.assignments                                             # one row per pegawai
    mo.write_run_folder(plan, "runs/baseline")                   # CSV, XLSX, Markdown, HTML
    mo.compare_runs(["runs/baseline", "runs/strict"])            # side by side

The panel's loop: rulings (``data.decisions``), a re-plan that changes little, genuinely
different alternatives, and how firm each move is::

    ruled = mo.load_problem("scenarios/sibolga-2026-keputusan-panel.yaml")  # with its rulings
    replan = mo.with_baseline(ruled, result.assignment, max_changes=10)     # or solve(baseline=)
    again = mo.solve(replan, alternatives=3)                     # proven best with <= 10 changes
    again.alternatives                                           # near-optimal, >= d apart
    mo.veto_costs(replan, again).cost                            # value lost per vetoed move
    mo.stability(replan, again.assignment, samples=20).share     # share of perturbed runs kept

The solvers, :func:`check_plan` and the certificates read the round's
:class:`~mutasi_opt.instance.Instance` (``problem.instance``: people, posts, capacities, candidate
pairs with their values, side rules); ``mo.solve`` and ``mo.check_plan`` take a problem or an
instance, e.g. ``mo.solve(mo.instance_from_values(values), settings)`` for a round given as a value
matrix (no tables, so no audit).

``mo.run(scenario_file, out=...)`` does the whole round at once (as ``mutasi-opt solve`` does) and
``mo.run_sweep(sweep_file)`` runs many variants on Dask. Every object has a readable ``repr`` (or
``summary()``) and hands its tables over as :class:`pandas.DataFrame`.

Names are imported on first use, so ``import mutasi_opt`` stays light; importing it configures no
logging and no warnings. ``mutasi_opt.solve`` is the function :func:`mutasi_opt.solve.solve`,
which shares its name with the solver's subpackage: import the subpackage's modules with
``from mutasi_opt.solve.result import Result`` rather than ``import mutasi_opt.solve.result``.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__all__ = [
    "CandidatePairs",
    "CheckReport",
    "Comparison",
    "InputError",
    "InputIssue",
    "Instance",
    "NeedsAnalysis",
    "PersonExplanation",
    "Plan",
    "Problem",
    "Result",
    "RunOutcome",
    "Scenario",
    "Status",
    "SweepResult",
    "Tables",
    "__version__",
    "build_problem",
    "candidate_pairs",
    "check_plan",
    "compare_runs",
    "explain_person",
    "find_alternatives",
    "instance_from_values",
    "load",
    "load_problem",
    "load_run",
    "load_scenario",
    "load_sweep",
    "load_tables",
    "make_plan",
    "needs_analysis",
    "people_frame",
    "read_baseline",
    "run",
    "run_sweep",
    "score_pairs",
    "solve",
    "stability",
    "veto_costs",
    "with_baseline",
    "with_settings",
    "write_needs_analysis",
    "write_run_folder",
]

# Public name -> the module that defines it (imported on first use).
_WHERE: dict[str, str] = {
    "CandidatePairs": "mutasi_opt.instance",
    "CheckReport": "mutasi_opt.check",
    "Comparison": "mutasi_opt.comparison",
    "InputError": "mutasi_opt.errors",
    "InputIssue": "mutasi_opt.errors",
    "Instance": "mutasi_opt.instance",
    "NeedsAnalysis": "mutasi_opt.needs",
    "PersonExplanation": "mutasi_opt.plan",
    "Plan": "mutasi_opt.plan",
    "Problem": "mutasi_opt.problem",
    "Result": "mutasi_opt.solve.result",
    "RunOutcome": "mutasi_opt.pipeline",
    "Scenario": "mutasi_opt.scenario",
    "Status": "mutasi_opt.solve.result",
    "SweepResult": "mutasi_opt.sweep.run",
    "Tables": "mutasi_opt.tables.model",
    "build_problem": "mutasi_opt.problem",
    "candidate_pairs": "mutasi_opt.api",
    "check_plan": "mutasi_opt.check",
    "compare_runs": "mutasi_opt.comparison",
    "explain_person": "mutasi_opt.pipeline",
    "find_alternatives": "mutasi_opt.solve",
    "instance_from_values": "mutasi_opt.solve.instances",
    "load": "mutasi_opt.api",
    "load_problem": "mutasi_opt.api",
    "load_run": "mutasi_opt.pipeline",
    "load_scenario": "mutasi_opt.scenario",
    "load_sweep": "mutasi_opt.sweep",
    "load_tables": "mutasi_opt.tables.read",
    "make_plan": "mutasi_opt.plan",
    "needs_analysis": "mutasi_opt.needs",
    "people_frame": "mutasi_opt.api",
    "read_baseline": "mutasi_opt.pipeline",
    "run": "mutasi_opt.pipeline",
    "run_sweep": "mutasi_opt.sweep.run",
    "score_pairs": "mutasi_opt.api",
    "solve": "mutasi_opt.solve",
    "stability": "mutasi_opt.plan.robustness",
    "veto_costs": "mutasi_opt.plan.firmness",
    "with_baseline": "mutasi_opt.problem",
    "with_settings": "mutasi_opt.api",
    "write_needs_analysis": "mutasi_opt.report",
    "write_run_folder": "mutasi_opt.report",
}

if TYPE_CHECKING:
    from mutasi_opt.api import (
        candidate_pairs,
        load,
        load_problem,
        people_frame,
        score_pairs,
        with_settings,
    )
    from mutasi_opt.check import CheckReport, check_plan
    from mutasi_opt.comparison import Comparison, compare_runs
    from mutasi_opt.errors import InputError, InputIssue
    from mutasi_opt.instance import CandidatePairs, Instance
    from mutasi_opt.needs import NeedsAnalysis, needs_analysis
    from mutasi_opt.pipeline import RunOutcome, explain_person, load_run, read_baseline, run
    from mutasi_opt.plan import PersonExplanation, Plan, make_plan
    from mutasi_opt.plan.firmness import veto_costs
    from mutasi_opt.plan.robustness import stability
    from mutasi_opt.problem import Problem, build_problem, with_baseline
    from mutasi_opt.report import write_needs_analysis, write_run_folder
    from mutasi_opt.scenario import Scenario, load_scenario
    from mutasi_opt.solve import find_alternatives, solve
    from mutasi_opt.solve.instances import instance_from_values
    from mutasi_opt.solve.result import Result, Status
    from mutasi_opt.sweep import load_sweep
    from mutasi_opt.sweep.run import SweepResult, run_sweep
    from mutasi_opt.tables.model import Tables
    from mutasi_opt.tables.read import load_tables

    __version__: str


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562) and keep it in the package namespace."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("mutasi-opt")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            value = "0+unknown"
    elif name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
    else:
        raise AttributeError(f"module 'mutasi_opt' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """This package's module type: ``solve`` stays the function when the subpackage loads."""

    def __setattr__(self, name: str, value: Any) -> None:
        # The import system binds every subpackage on its parent once it is first imported
        # (``import mutasi_opt.plan`` loads ``mutasi_opt.solve``, ...). ``mutasi_opt.solve`` is the
        # public function instead; module-level ``__getattr__`` supplies it on first use.
        if name == "solve" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
