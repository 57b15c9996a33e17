"""Disk: an output folder that cannot be written is refused before the solve; a disk that fills up
while writing leaves nothing; temporary folders of killed runs are cleaned by the next run, and
nothing else is ever removed (issue 13, items 8 and 12)."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import mutasi_opt.pipeline as pipeline
import mutasi_opt.report as report
from mutasi_opt.outfolder import MARKER, clean_stale_temporaries

from .kit import cli, hidden, tiny


def _dead_pid() -> int:
    """The id of a process that has ended."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def _solver_must_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("the solver ran although the output cannot be written")

    monkeypatch.setattr(pipeline, "solve", boom)


def test_an_output_below_a_file_is_refused_before_the_solve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = tiny(tmp_path)
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    _solver_must_not_run(monkeypatch)
    result = cli("solve", scenario, "--out", tmp_path / "afile" / "run", "--quiet")
    assert result.exit_code == 2
    assert "[output_not_writable]" in result.stderr
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


def test_a_read_only_file_system_is_refused_before_the_solve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not Path("/proc/self").is_dir():
        pytest.skip("needs /proc")
    scenario = tiny(tmp_path)
    _solver_must_not_run(monkeypatch)
    result = cli("solve", scenario, "--out", "/proc/mutasi-opt-run", "--quiet")
    assert result.exit_code == 2
    assert "[output_not_writable]" in result.stderr
    assert "nothing was written" in result.stderr


def test_a_full_disk_is_refused_before_the_solve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = tiny(tmp_path)
    real_fsync = os.fsync

    def full(fd: int) -> None:
        # Where a full disk shows: when the probe's bytes are forced out to it.
        if Path(f"/proc/self/fd/{fd}").resolve().name.startswith(".mutasi-opt-probe-"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc")
    monkeypatch.setattr(os, "fsync", full)
    _solver_must_not_run(monkeypatch)
    result = cli("solve", scenario, "--out", tmp_path / "runs" / "r1", "--quiet")
    assert result.exit_code == 2
    assert "[output_not_writable]" in result.stderr
    assert "No space left on device" in result.stderr
    assert "nothing was written" in result.stderr
    assert not (tmp_path / "runs").exists()
    assert hidden(tmp_path) == []  # the probe file is gone too


def test_a_folder_without_write_permission_is_refused_before_the_solve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = tiny(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self.parent == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)  # root ignores chmod: refuse as the OS would
    _solver_must_not_run(monkeypatch)
    result = cli("solve", scenario, "--out", locked / "run", "--quiet")
    assert result.exit_code == 2
    assert "Permission denied" in result.stderr
    assert list(locked.iterdir()) == []


def test_a_full_disk_while_writing_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = tiny(tmp_path)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report, "write_json", full)
    result = cli("solve", scenario, "--out", tmp_path / "run", "--quiet")
    assert result.exit_code == 2
    assert "could not be written (No space left on device); nothing was written" in result.stderr
    assert not (tmp_path / "run").exists()
    assert hidden(tmp_path) == []


def test_a_full_disk_while_replacing_keeps_the_old_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = tiny(tmp_path)
    out = tmp_path / "run"
    assert cli("solve", scenario, "--out", out, "--quiet").exit_code == 0
    before = (out / "summary.json").read_bytes()

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report, "write_json", full)
    result = cli("solve", scenario, "--out", out, "--force", "--quiet")
    assert result.exit_code == 2
    assert (out / "summary.json").read_bytes() == before
    assert hidden(tmp_path) == []


def _leftover(parent: Path, name: str, pid: int, *, host: str | None = None) -> Path:
    """A temporary folder as a killed write leaves it."""
    tmp = parent / f".{name}.tmp-{pid}"
    tmp.mkdir(parents=True)
    marker = {"written_by": "mutasi-opt", "kind": "partial", "host": host or socket.gethostname(),
              "pid": pid}  # fmt: skip
    (tmp / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    (tmp / "assignments.csv").write_text("nip\n", encoding="utf-8")
    return tmp


def test_the_next_run_removes_a_temporary_folder_of_a_killed_run(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    stale = _leftover(tmp_path / "runs", "tiny-old", _dead_pid())
    result = cli("solve", scenario, "--out", tmp_path / "runs" / "new", "--quiet")
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert hidden(tmp_path / "runs") == []


def test_a_temporary_folder_of_a_running_process_is_kept(tmp_path: Path) -> None:
    alive = _leftover(tmp_path, "busy", os.getppid())
    assert clean_stale_temporaries(tmp_path) == []
    assert alive.is_dir()


def test_a_temporary_folder_of_another_machine_is_kept(tmp_path: Path) -> None:
    other = _leftover(tmp_path, "shared", _dead_pid(), host="another-machine")
    assert clean_stale_temporaries(tmp_path) == []
    assert other.is_dir()


def test_a_hidden_folder_mutasi_opt_did_not_make_is_never_removed(tmp_path: Path) -> None:
    lookalike = tmp_path / f".thesis.tmp-{_dead_pid()}"
    lookalike.mkdir()
    (lookalike / "bab1.docx").write_bytes(b"mine")
    assert clean_stale_temporaries(tmp_path) == []
    assert (lookalike / "bab1.docx").read_bytes() == b"mine"


def test_an_old_run_caught_mid_replacement_is_put_back(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    out = tmp_path / "runs" / "r1"
    assert cli("solve", scenario, "--out", out, "--quiet").exit_code == 0
    # Killed between moving the old folder aside and moving the new one in.
    moved = out.parent / f".r1.old-{_dead_pid()}"
    out.rename(moved)
    assert clean_stale_temporaries(out.parent) == [moved]
    assert (out / "summary.json").is_file()
    assert hidden(out.parent) == []


def test_a_sweep_into_a_folder_that_cannot_be_written_is_refused_before_any_point(
    tmp_path: Path,
) -> None:
    scenario = tiny(tmp_path)
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text(
        f"base: {scenario.name}\ngrid:\n  weights.move_cost: [0, 0.1]\n", encoding="utf-8"
    )
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = cli("sweep", sweep, "--out", tmp_path / "afile" / "sweep", "--quiet")
    assert result.exit_code == 2
    assert "[output_not_writable]" in result.stderr
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"
    assert not (tmp_path / "runs").exists()
