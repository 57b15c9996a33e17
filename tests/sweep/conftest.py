"""Fixtures of the sweep tests: the tiny scenario, sweep files, a Dask scheduler to connect to."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

TINY = Path(__file__).parent / "data" / "tiny" / "scenario.yaml"


def pipeline_ready() -> bool:
    """True once the solver and the checker exist (the pipeline can plan a round)."""
    return hasattr(importlib.import_module("mutasi_opt.solve"), "solve") and (
        importlib.util.find_spec("mutasi_opt.check") is not None
    )


needs_pipeline = pytest.mark.skipif(
    not pipeline_ready(), reason="mutasi_opt.solve.solve / mutasi_opt.check not there yet"
)


def write_sweep(folder: Path, body: str, name: str = "sweep.yaml") -> Path:
    """A sweep file in ``folder`` over the tiny scenario."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"base: {TINY}\n{body}", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def scheduler_address() -> Iterator[str]:
    """The address of a two-worker Dask cluster, as an analyst's ``--scheduler`` would give.

    In-process workers (threads) start in no time and share the test process's imports; the
    sweep reaches them through the address exactly as it reaches a ``dask scheduler`` started
    by hand.
    """
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
        # The scheduler serves HTTP (health, metrics) even without a dashboard, on 8787
        # unless told otherwise: a free port, so that a second cluster never warns.
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address
