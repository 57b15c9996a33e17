"""``mutasi_opt.aside``: work run in a forked child gives the answer run here would give."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from mutasi_opt import pipeline
from mutasi_opt.aside import Aside, can_fork

FORK = pytest.mark.skipif(not can_fork(), reason="needs fork and two cores")
DATA = Path(__file__).resolve().parent / "data" / "solve"


def _tiny_scenario(folder: Path) -> Path:
    tables = ("employees", "positions", "competencies", "requirements", "preferences")
    raw = {
        "name": "tiny",
        "as_of": "2026-12-01",
        "data": {name: str(DATA / f"{name}.csv") for name in tables},
        "output": {"dir": str(folder / "runs"), "formats": ["csv"]},
    }
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def _child_pid(_: int) -> int:
    return os.getpid()


def _fails(message: str) -> int:
    raise ValueError(message)


def _dies(_: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def _big(n: int) -> np.ndarray:
    return np.arange(n, dtype=np.int64) * 3


@FORK
def test_the_answer_comes_from_a_child_and_equals_the_work_done_here() -> None:
    values = np.arange(1_000_000)
    aside = Aside(_big, values.size)
    assert aside.forked
    np.testing.assert_array_equal(aside.result(), _big(values.size))
    assert Aside(_child_pid, 0).result() != os.getpid()  # it really ran elsewhere


def test_without_parallel_the_work_runs_here_when_asked() -> None:
    aside = Aside(_child_pid, 0, parallel=False)
    assert not aside.forked
    assert aside.result() == os.getpid()
    assert aside.result() == os.getpid()  # asked twice, computed once


@FORK
def test_an_error_in_the_child_is_raised_here_with_its_traceback() -> None:
    aside = Aside(_fails, "no plan")
    with pytest.raises(ValueError, match="no plan") as info:
        aside.result()
    assert any("_fails" in note for note in getattr(info.value, "__notes__", []))


@FORK
def test_a_child_killed_without_an_answer_is_replaced_by_the_work_here(tmp_path: Path) -> None:
    # The child kills itself; here the same function would too, so it is swapped for the check.
    aside = Aside(_dies, 0)
    aside._fn = _child_pid  # what runs here once the child is gone
    assert aside.result() == os.getpid()


@FORK
def test_cancel_stops_the_child_and_leaves_no_process() -> None:
    aside = Aside(time.sleep, 30)
    process = aside._process
    aside.cancel()
    assert process is not None
    assert not process.is_alive()
    aside.cancel()  # twice is harmless


@FORK
def test_a_run_with_the_frontier_aside_writes_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = _tiny_scenario(tmp_path)
    here = pipeline.run(scenario, out=tmp_path / "here")
    monkeypatch.setattr(pipeline, "FRONTIER_ASIDE_MIN_PAIRS", 0)
    forked = pipeline.run(scenario, out=tmp_path / "forked")
    assert not here.plan.frontier.empty
    pd.testing.assert_frame_equal(here.plan.frontier, forked.plan.frontier)
    for name in ("assignments.csv", "frontier.csv", "vacancies.csv", "shortlist.csv"):
        assert (tmp_path / "here" / name).read_bytes() == (tmp_path / "forked" / name).read_bytes()
    assert forked.timings["frontier"] >= 0
