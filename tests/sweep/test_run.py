"""run_sweep on Dask: three points on a LocalCluster, a failing point, resume, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from mutasi_opt.sweep import SweepResult, run_sweep

from .conftest import needs_pipeline, write_sweep

# Three points: two that plan, one whose rules cannot all hold (Maya has no post and must be
# placed, but no move at all is allowed).
THREE = (
    "name: tiny-sweep\n"
    "grid:\n  weights.move_cost: [0.0, 0.2]\n"
    "cases:\n  - name: no-moves\n    set: {rules.max_moves: 0}\n"
)
NAMES = ["p001-weights.move_cost=0.0", "p002-weights.move_cost=0.2", "p003-no-moves"]

pytestmark = needs_pipeline


@pytest.fixture(scope="module")
def swept(tmp_path_factory: pytest.TempPathFactory) -> SweepResult:
    """The three-point sweep run once on its own LocalCluster of two worker processes."""
    root = tmp_path_factory.mktemp("sweep")
    return run_sweep(write_sweep(root, THREE), workers=2, out=root / "out")


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_three_points_three_run_folders(swept: SweepResult) -> None:
    assert swept.cluster == "LocalCluster with 2 worker processes"
    assert [p.name for p in swept.points] == NAMES
    for name in NAMES:
        assert (swept.out_dir / name / "summary.json").is_file()
        assert (swept.out_dir / name / "manifest.json").is_file()
    moves_cost = [
        json.loads((swept.out_dir / n / "manifest.json").read_text())["scenario"]["weights"][
            "move_cost"
        ]
        for n in NAMES
    ]
    assert moves_cost == [0.0, 0.2, 0.05]


def test_failing_point_reported_while_the_others_finish(swept: SweepResult) -> None:
    assert [p.status for p in swept.points][:2] == ["optimal", "optimal"]
    bad = swept.points[2]
    assert bad.status == "infeasible"
    summary = json.loads((bad.run_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["conflicts"]
    assert bad.error.startswith(summary["conflicts"][0]["message"])
    assert [p.ok for p in swept.failed] == [False]


def test_sweep_csv_one_row_per_point(swept: SweepResult) -> None:
    table = read(swept.csv)
    assert table["point"].tolist() == NAMES
    assert list(table.columns[:8]) == [
        "point", "status", "error", "skipped", "seconds", "run_dir",
        "weights.move_cost", "rules.max_moves",
    ]  # fmt: skip
    assert table["weights.move_cost"].tolist() == ["0.0", "0.2", "0.05"]
    assert table["rules.max_moves"].tolist() == ["null", "null", "0"]
    assert table["status"].tolist() == ["optimal", "optimal", "infeasible"]
    assert table["skipped"].tolist() == ["false", "false", "false"]
    summaries = [json.loads((swept.out_dir / n / "summary.json").read_text()) for n in NAMES]
    assert table["moves"].tolist()[:2] == [str(s["kpis"]["moves"]) for s in summaries[:2]]
    assert table["moves_by_type.rotasi"].tolist()[:2] == [
        str(s["kpis"]["moves_by_type"]["rotasi"]) for s in summaries[:2]
    ]


def test_comparison_report_over_every_point(swept: SweepResult) -> None:
    assert swept.report_dir == swept.out_dir / "comparison"
    kpis = read(swept.out_dir / "comparison" / "kpis.csv")
    assert kpis["run"].tolist() == NAMES
    assert (swept.out_dir / "comparison" / "comparison.html").is_file()
    assert swept.comparison is not None
    assert swept.comparison.planned_labels == tuple(NAMES[:2])


def test_moving_costs_more_never_means_more_moves(swept: SweepResult) -> None:
    moves = [int(m) for m in read(swept.csv)["moves"].tolist()[:2]]
    assert moves[1] <= moves[0]


def test_resume_skips_finished_points(
    swept: SweepResult, tmp_path: Path, scheduler_address: str
) -> None:
    out = tmp_path / "out"
    shutil.copytree(swept.out_dir, out)
    spec = write_sweep(tmp_path, THREE)
    again = run_sweep(spec, out=out, scheduler=scheduler_address)
    assert [p.skipped for p in again.points] == [True, True, True]
    assert again.cluster == ""  # nothing to run: no cluster at all
    assert [p.status for p in again.points] == ["optimal", "optimal", "infeasible"]
    assert again.points[2].error == swept.points[2].error
    # A lost folder and a point whose scenario changed are run again; the rest is skipped.
    shutil.rmtree(out / NAMES[0])
    manifest = out / NAMES[1] / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["scenario"]["weights"]["fit"] = 0.5
    manifest.write_text(json.dumps(data), encoding="utf-8")
    third = run_sweep(spec, out=out, scheduler=scheduler_address)
    assert [p.skipped for p in third.points] == [False, False, True]
    assert third.cluster.startswith(f"Dask scheduler {scheduler_address}")
    assert read(out / "sweep.csv")["skipped"].tolist() == ["false", "false", "true"]
    rerun = json.loads(manifest.read_text(encoding="utf-8"))["scenario"]["weights"]["fit"]
    assert rerun == 1.0


def test_point_raising_is_reported_and_the_others_finish(
    tmp_path: Path, scheduler_address: str
) -> None:
    spec = write_sweep(
        tmp_path,
        "grid:\n  weights.move_cost: [0.1]\n"
        "cases:\n  - name: lost table\n    set: {data.preferences: missing.csv}\n",
    )
    result = run_sweep(spec, out=tmp_path / "out", scheduler=scheduler_address)
    ok, bad = result.points
    assert ok.status == "optimal"
    assert bad.status == "error"
    assert bad.error.startswith("InputError: 1 problem in the input:; ")
    assert "does not exist" in bad.error
    assert "Traceback" in bad.detail
    table = read(tmp_path / "out" / "sweep.csv")
    assert table["status"].tolist() == ["optimal", "error"]
    assert table["moves"].tolist()[1] == ""
    assert result.comparison is not None
    assert result.comparison.labels == ("p001-weights.move_cost=0.1",)
