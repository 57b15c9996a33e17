"""Sweeps: many variants of a scenario at once, each a full run folder, on Dask.

:func:`load_sweep` reads a sweep file (:class:`SweepSpec`); :func:`run_sweep` runs its points on a
``dask.distributed`` cluster (a local one sized to the machine, or the scheduler at an address),
skips points already finished, and writes ``sweep.csv`` and a comparison report of every point.
"""

from __future__ import annotations

from mutasi_opt.sweep.run import PointResult, SweepError, SweepResult, run_sweep
from mutasi_opt.sweep.spec import Case, Point, PointScenario, SweepSpec, load_sweep

__all__ = [
    "Case",
    "Point",
    "PointResult",
    "PointScenario",
    "SweepError",
    "SweepResult",
    "SweepSpec",
    "load_sweep",
    "run_sweep",
]
