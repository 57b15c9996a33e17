"""``mutasi-opt batch``: one round per agency on Dask, resumable, one summary table."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from mutasi_opt.cli import app
from mutasi_opt.errors import InputError
from mutasi_opt.sweep.agencies import BATCH_COLUMNS, load_batch, run_batch

TINY = Path(__file__).parent / "data" / "tiny"
runner = CliRunner()


def agency(root: Path, name: str, **solver: object) -> Path:
    """A copy of the tiny round as one agency's data folder, its scenario named ``name``."""
    folder = root / name
    shutil.copytree(TINY, folder)
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    text = text.replace("name: tiny", f"name: {name}")
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    return folder / "scenario.yaml"


def batch_file(root: Path, body: str) -> Path:
    path = root / "agencies.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def three(tmp_path: Path) -> Path:
    for name in ("kota-a", "kota-b", "kab-c"):
        agency(tmp_path / "data", name)
    return batch_file(
        tmp_path,
        "name: nasional\nagencies:\n  - data/kota-*/scenario.yaml\n"
        "  - {path: data/kab-c/scenario.yaml, name: kabupaten-c}\n"
        "set:\n  weights.move_cost: 0.0\nout: runs/nasional\n",
    )


def test_agencies_are_the_globbed_scenarios_named_and_set(three: Path) -> None:
    spec = load_batch(three)
    points = spec.scenarios()
    assert [p.point.name for p in points] == ["kota-a", "kota-b", "kabupaten-c"]
    assert all(p.scenario.weights.move_cost == 0.0 for p in points)
    assert spec.out_dir() == (three.parent / "runs" / "nasional").absolute()


def test_every_problem_of_a_batch_file_at_once(tmp_path: Path) -> None:
    agency(tmp_path / "data", "kota-a")
    agency(tmp_path / "data2", "kota-a")
    path = batch_file(
        tmp_path,
        "agencies:\n  - data/kota-a/scenario.yaml\n  - data2/kota-a/scenario.yaml\n"
        "  - nowhere/*/scenario.yaml\nset:\n  weights.no_such_weight: 1\n",
    )
    with pytest.raises(InputError) as caught:
        load_batch(path).scenarios()
    rules = sorted(i.rule for i in caught.value.issues)
    assert rules == ["file_not_found"], rules  # files first: nothing else is read without them
    path.write_text(
        "agencies:\n  - data/kota-a/scenario.yaml\n  - data2/kota-a/scenario.yaml\n"
        "set:\n  weights.no_such_weight: 1\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_batch(path).scenarios()
    rules = sorted(i.rule for i in caught.value.issues)
    assert rules == ["duplicate_agency", "unknown_key"], rules
    path.write_text("agencies: []\nextra: 1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_batch(path)
    assert sorted(i.rule for i in caught.value.issues) == ["bad_value", "unknown_key"]


def test_cli_reports_a_bad_batch_file_with_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    path = batch_file(tmp_path, "agencies:\n  - missing/scenario.yaml\nout: out\n")
    result = runner.invoke(app, ["batch", str(path)])
    assert result.exit_code == 2
    assert "no scenario file matches" in result.stderr
    assert not (tmp_path / "out").exists()


def test_batch_runs_every_agency_writes_one_table_and_resumes(three: Path) -> None:
    result = run_batch(three, workers=2)
    table = pd.read_csv(result.csv, dtype={"agency": str})
    assert list(table.columns) == list(BATCH_COLUMNS)
    assert list(table["agency"]) == ["kota-a", "kota-b", "kabupaten-c"]
    assert set(table["status"]) == {"optimal"}
    for row in table.itertuples():
        summary = json.loads((result.out_dir / row.run_dir / "summary.json").read_text())
        assert row.people == summary["counts"]["people"] == 4
        assert row.moves == summary["counts"]["moves"]
        assert row.objective == pytest.approx(summary["objective"])
        assert row.peak_memory_mb > 0
    assert not table["skipped"].any()
    again = run_batch(three, workers=2)
    assert all(p.skipped for p in again.points)
    assert again.cluster == ""
    # A changed agency runs again; the others stay done.
    text = three.read_text(encoding="utf-8").replace("move_cost: 0.0", "move_cost: 0.5")
    three.write_text(text, encoding="utf-8")
    third = run_batch(three, workers=1)
    assert [p.skipped for p in third.points] == [False, False, False]


@pytest.fixture
def real_cluster(tmp_path: Path) -> Iterator[str]:
    """A scheduler and two worker processes started as an administrator would, with the
    ``dask`` command line."""
    file = tmp_path / "scheduler.json"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    common = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "dask", "scheduler", "--scheduler-file", str(file),
         "--host", "127.0.0.1", "--port", "0", "--dashboard-address", "127.0.0.1:0"],
        **common,  # type: ignore[call-overload]
    )  # fmt: skip
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        worker = subprocess.Popen(
            [sys.executable, "-m", "dask", "worker", "--scheduler-file", str(file),
             "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
            **common,  # type: ignore[call-overload]
        )  # fmt: skip
        address = json.loads(file.read_text(encoding="utf-8"))["address"]
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()


def test_batch_on_a_cluster_of_dask_worker_processes(three: Path, real_cluster: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mutasi_opt", "batch", str(three), "--scheduler", real_cluster,
         "--language", "en"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"on Dask scheduler {real_cluster} (2 workers)" in result.stdout
    table = pd.read_csv(three.parent / "runs" / "nasional" / "batch.csv")
    assert list(table["status"]) == ["optimal"] * 3
    # The runs happened in the worker processes, not in the command's.
    assert table["peak_memory_mb"].notna().all()
