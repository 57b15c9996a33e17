"""The terminal display of ``mutasi-opt sweep``: a bar counting points, one line per point."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from mutasi_opt.cli.sweep import SweepDisplay
from mutasi_opt.sweep import PointResult


def test_display_counts_points_done() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100, color_system=None)
    with SweepDisplay(console) as display:
        display.sweep_started(3, 1)
        display.point_finished(PointResult("p001-a=1", Path("x"), "optimal", skipped=True))
        display.cluster_ready("LocalCluster with 2 worker processes")
        display.point_finished(PointResult("p002-a=2", Path("y"), "infeasible", "no seat"))
        display.point_finished(PointResult("p003-a=3", Path("z"), "error", "KeyError: 'x'"))
        task = display._progress.tasks[0]
        assert (task.completed, task.total) == (3, 3)
    text = buffer.getvalue()
    for line in (
        "1 of 3 points finished before",
        "p001-a=1: optimal, skipped (done)",
        "running on LocalCluster with 2 worker processes",
        "p002-a=2: infeasible: no seat",
        "p003-a=3: error: KeyError: 'x'",
    ):
        assert line in text
    assert "3/3" in text
