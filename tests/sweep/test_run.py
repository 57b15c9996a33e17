"""run_sweep on Dask: three points on a LocalCluster, a failing point, resume, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from mutasi_opt.sweep import SweepResult, run_sweep

from .conftest import needs_pipeline, write_sweep

# Three points: a free change of post (all four swap), a change costing more than its gain in fit
# (1/3: nobody moves), and a must-fill post that nobody may take (infeasible).
THREE = (
    "name: tiny-sweep\n"
    "grid:\n  weights.move_cost: [0.0, 0.5]\n"
    "cases:\n  - name: fill B3\n    set: {rules.must_fill_min_priority: 5}\n"
)
NAMES = ["p001-weights.move_cost=0.0", "p002-weights.move_cost=0.5", "p003-fill_B3"]

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
    assert moves_cost == [0.0, 0.5, 0.1]  # the third point keeps the default


def test_failing_point_reported_while_the_others_finish(swept: SweepResult) -> None:
    assert [p.status for p in swept.points][:2] == ["optimal", "optimal"]
    bad = swept.points[2]
    assert bad.status == "infeasible"
    assert bad.error == "post B3 must be filled (priority 5) but no one may take it"
    summary = json.loads((bad.run_dir / "summary.json").read_text(encoding="utf-8"))
    assert summary["conflicts"][0]["message"] == bad.error
    assert [p.ok for p in swept.failed] == [False]


def test_sweep_csv_one_row_per_point(swept: SweepResult) -> None:
    table = read(swept.csv)
    assert table["point"].tolist() == NAMES
    assert list(table.columns[:8]) == [
        "point", "status", "error", "skipped", "seconds", "run_dir",
        "weights.move_cost", "rules.must_fill_min_priority",
    ]  # fmt: skip
    assert table["weights.move_cost"].tolist() == ["0.0", "0.5", "0.1"]
    assert table["rules.must_fill_min_priority"].tolist() == ["null", "null", "5"]
    assert table["status"].tolist() == ["optimal", "optimal", "infeasible"]
    assert table["skipped"].tolist() == ["false", "false", "false"]
    # Hand computed: a swap raises each fit from 2/3 to 1, worth a move at 0 but not at 0.5.
    assert table["moves"].tolist() == ["4", "0", ""]
    assert table["moves_by_type.rotasi"].tolist() == ["4", "0", ""]
    assert table["total_fit"].tolist() == ["4", "2.6667", ""]


def test_comparison_report_over_every_point(swept: SweepResult) -> None:
    assert swept.report_dir == swept.out_dir / "comparison"
    kpis = read(swept.out_dir / "comparison" / "kpis.csv")
    assert kpis["run"].tolist() == NAMES
    assert (swept.out_dir / "comparison" / "comparison.html").is_file()
    assert swept.comparison is not None
    assert swept.comparison.planned_labels == tuple(NAMES[:2])


def test_every_person_placed_differently_and_no_robust_core(swept: SweepResult) -> None:
    assert swept.comparison is not None
    assert len(swept.comparison.person_diff) == 4
    assert swept.comparison.person_diff["runs_moved"].tolist() == [1, 1, 1, 1]
    assert swept.comparison.robust_core.empty


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
