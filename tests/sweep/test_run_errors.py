"""run_sweep refuses to start: a bad key in the grid, a scheduler that cannot be reached."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutasi_opt.errors import InputError
from mutasi_opt.sweep import SweepError, run_sweep
from mutasi_opt.sweep import run as sweep_run

from .conftest import write_sweep


def test_bad_key_stops_the_sweep_before_anything_runs(tmp_path: Path) -> None:
    spec = write_sweep(tmp_path, "grid:\n  weights.move_cots: [0.1, 0.2]\n")
    with pytest.raises(InputError) as info:
        run_sweep(spec, out=tmp_path / "out")
    assert [i.column for i in info.value.issues] == ["grid.weights.move_cots"]
    assert not (tmp_path / "out").exists()


def test_unreachable_scheduler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sweep_run, "CONNECT_TIMEOUT", "0.5s")
    spec = write_sweep(tmp_path, "grid:\n  weights.move_cost: [0.1]\n")
    with pytest.raises(
        SweepError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    ):
        run_sweep(spec, out=tmp_path / "out", scheduler="tcp://127.0.0.1:9")


def test_local_cluster_sized_by_cores_and_solver_workers() -> None:
    assert sweep_run.default_workers(2, cores=8) == 4
    assert sweep_run.default_workers(2, cores=2) == 1
    assert sweep_run.default_workers(4, cores=2) == 1  # never fewer than one
    assert sweep_run.default_workers(1, cores=3) == 3


def test_workers_below_one_is_an_input_error(tmp_path: Path) -> None:
    spec = write_sweep(tmp_path, "grid:\n  weights.move_cost: [0.1]\n")
    with pytest.raises(InputError, match="--workers must be 1 or more"):
        run_sweep(spec, workers=0, out=tmp_path / "out")
