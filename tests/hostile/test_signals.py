"""Signals: Ctrl-C and SIGTERM stop every phase within a second, print one line, write nothing
(issue 13, items 8 and 11). Real processes, bounded waits."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .kit import cli, hidden, tiny

SLOW = Path(__file__).with_name("slowcli.py")
LINE = "interrupted; nothing was written"
STOP_WITHIN_S = 1.5
"""A second, and some room for a machine busy with other tests."""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _start(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=Path.cwd()
    )


def _wait_for_slow_phase(proc: subprocess.Popen[str]) -> None:
    assert proc.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if "SLOW PHASE" in line:
            return
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"the slow phase never started: {proc.communicate()}")


def _stop(proc: subprocess.Popen[str], *signals: signal.Signals) -> tuple[int, str, float]:
    """Send ``signals`` (0.1 s apart); the exit code, the rest of stderr, seconds to exit."""
    start = time.monotonic()
    for k, sig in enumerate(signals):
        if k:
            time.sleep(0.1)
        proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return proc.returncode, err, time.monotonic() - start


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    """The tiny scenario, with a workbook to write."""
    return tiny(tmp_path, formats=("csv", "xlsx"))


def _slow(mode: str, scenario: Path, out: Path) -> subprocess.Popen[str]:
    proc = _start([sys.executable, str(SLOW), mode, "solve", str(scenario), "--out", str(out)])
    _wait_for_slow_phase(proc)
    return proc


def _nothing_written(out: Path) -> None:
    assert not out.exists()
    assert hidden(out.parent) == []


def test_ctrl_c_while_starting_is_one_line_and_130(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    proc = _start([sys.executable, "-m", "mutasi_opt", "solve", str(scenario), "--out", str(out)])
    time.sleep(0.4)  # loading the solvers
    code, err, _ = _stop(proc, signal.SIGINT)
    assert code == 130, err
    assert err.strip() == LINE
    _nothing_written(out)


def test_ctrl_c_during_the_cp_sat_search_stops_it_at_once(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    code, err, seconds = _stop(_slow("solve", scenario, out), signal.SIGINT)
    assert code == 130, err
    assert err.strip() == LINE
    assert seconds < STOP_WITHIN_S
    _nothing_written(out)


def test_two_presses_during_the_search_are_not_swallowed(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    code, err, seconds = _stop(_slow("solve", scenario, out), signal.SIGINT, signal.SIGINT)
    assert code == 130, err
    assert err.count(LINE) == 1
    assert "Traceback" not in err
    assert seconds < STOP_WITHIN_S
    _nothing_written(out)


def test_sigterm_during_the_search_is_143_and_writes_nothing(
    scenario: Path, tmp_path: Path
) -> None:
    out = tmp_path / "run"
    code, err, seconds = _stop(_slow("solve", scenario, out), signal.SIGTERM)
    assert code == 143, err
    assert err.strip() == LINE
    assert seconds < STOP_WITHIN_S
    _nothing_written(out)


def test_ctrl_c_while_writing_leaves_no_half_folder(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    proc = _slow("write", scenario, out)
    assert any(p.name.startswith(".run.tmp-") for p in tmp_path.iterdir())  # caught mid-write
    code, err, seconds = _stop(proc, signal.SIGINT)
    assert code == 130, err
    assert err.strip() == LINE
    assert seconds < STOP_WITHIN_S
    _nothing_written(out)


def test_sigterm_while_writing_leaves_no_half_folder(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    code, err, _ = _stop(_slow("write", scenario, out), signal.SIGTERM)
    assert code == 143, err
    _nothing_written(out)


def test_sigkill_while_writing_is_cleaned_by_the_next_run(scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    code, _, _ = _stop(_slow("write", scenario, out), signal.SIGKILL)
    assert code == -signal.SIGKILL
    (left,) = hidden(tmp_path)  # what a killed process cannot clean up itself
    assert left.startswith(".run.tmp-")
    result = cli("solve", scenario, "--out", tmp_path / "run2", "--quiet")
    assert result.exit_code == 0, result.output
    assert hidden(tmp_path) == []
    assert not out.exists()
