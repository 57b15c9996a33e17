"""Running many small tasks on Dask, like the points of a sweep (the robustness samples).

:func:`dask_mapper` gives a :data:`~mutasi_opt.plan.robustness.Mapper` that submits every task
to a Dask cluster (a ``LocalCluster`` of worker processes, one per core, as a sweep starts one, or
the scheduler whose address is given) and returns the results in the order of the tasks, so that
the outcome does not depend on which worker finished first. The tasks' shared inputs (the tables
and the scenario) are sent to the workers once.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["dask_mapper"]

CONNECT_TIMEOUT = "15s"
"""How long to try to reach a scheduler given by address."""


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def dask_mapper(
    scheduler: str | None = None, workers: int | None = None
) -> Callable[[Callable[..., Any], Sequence[tuple[Any, ...]]], list[Any]]:
    """A mapper that runs each ``fn(*args)`` on Dask and returns the results in order.

    Parameters
    ----------
    scheduler
        Address of a running Dask scheduler (``tcp://host:8786``); ``None``: a ``LocalCluster``
        started for the call and closed after.
    workers
        Worker processes of the local cluster (default: one per core, at most one per task; each
        task solves with one CP-SAT worker).
    """

    def run(fn: Callable[..., Any], items: Sequence[tuple[Any, ...]]) -> list[Any]:
        from distributed import Client, LocalCluster

        if not items:
            return []
        if scheduler is not None:
            with Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False) as client:
                return _submit(client, fn, items)
        count = workers if workers is not None else min(len(items), _cores())
        # Worker processes, one thread each (a solve holds the GIL in pandas), as a sweep's.
        with (
            LocalCluster(
                n_workers=max(1, count),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster, set_as_default=False) as client,
        ):
            return _submit(client, fn, items)

    return run


def _submit(client: Any, fn: Callable[..., Any], items: Sequence[tuple[Any, ...]]) -> list[Any]:
    """Every task on ``client``; the first two arguments, shared by all, scattered once."""
    first = items[0]
    shared = [client.scatter(a, broadcast=True) for a in first[:2]]
    futures = [
        client.submit(fn, *shared, *args[2:], pure=False)
        if args[0] is first[0] and args[1] is first[1]
        else client.submit(fn, *args, pure=False)
        for args in items
    ]
    return list(client.gather(futures))
