"""What the reports read from a plan (the ``Plan`` contract of :mod:`mutasi_opt.plan`).

The reports depend on this shape only, not on the plan module, so that the planner never has to
import the reports and a notebook can render a hand-made plan.
"""

from __future__ import annotations

from typing import Any, Protocol

import pandas as pd

from mutasi_opt.problem import Problem
from mutasi_opt.solve.result import Result

__all__ = ["PlanLike"]


class PlanLike(Protocol):
    """A plan: the problem, the solver's result, the frames of the run folder, KPIs.

    ``assignments``, ``vacancies``, ``chains``, ``development`` and ``frontier`` hold the columns of
    :mod:`mutasi_opt.report.columns`; for an infeasible or timed-out run they are empty frames with
    those columns. ``summary()`` is the body of ``summary.json``.
    """

    @property
    def problem(self) -> Problem: ...

    @property
    def result(self) -> Result: ...

    @property
    def language(self) -> str: ...

    @property
    def assignments(self) -> pd.DataFrame: ...

    @property
    def vacancies(self) -> pd.DataFrame: ...

    @property
    def chains(self) -> pd.DataFrame: ...

    @property
    def development(self) -> pd.DataFrame: ...

    @property
    def kpis(self) -> dict[str, Any]: ...

    @property
    def frontier(self) -> pd.DataFrame: ...

    @property
    def shortlist(self) -> pd.DataFrame: ...

    def summary(self) -> dict[str, Any]: ...
