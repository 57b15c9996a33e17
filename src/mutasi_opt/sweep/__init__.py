"""Sweeps and batches: many rounds at once, each a full run folder, on Dask.

:func:`load_sweep` reads a sweep file (:class:`SweepSpec`: variants of one scenario);
:func:`run_sweep` runs its points on a ``dask.distributed`` cluster (a local one sized to the
machine, or the scheduler at an address), skips points already finished, and writes ``sweep.csv``
and a comparison report of every point. :func:`load_batch` and :func:`run_batch` do the same for
many agencies, each its own scenario and tables (:class:`BatchSpec`), and write ``batch.csv``.
"""

from __future__ import annotations

from mutasi_opt.sweep.agencies import BatchResult, BatchSpec, load_batch, run_batch
from mutasi_opt.sweep.run import PointResult, SweepError, SweepResult, run_sweep
from mutasi_opt.sweep.spec import Case, Point, PointScenario, SweepSpec, load_sweep

__all__ = [
    "BatchResult",
    "BatchSpec",
    "Case",
    "Point",
    "PointResult",
    "PointScenario",
    "SweepError",
    "SweepResult",
    "SweepSpec",
    "load_batch",
    "load_sweep",
    "run_batch",
    "run_sweep",
]
