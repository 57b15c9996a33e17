"""compare: what differs between the scenarios' settings, objectives marked not comparable when
the weights differ, and no bar of a figure that is the same in every run."""

from __future__ import annotations

from pathlib import Path

from mutasi_opt.comparison import compare_runs
from mutasi_opt.report import write_run_folder
from mutasi_opt.report.compare_report import differing_settings, kpi_bars, write_comparison
from mutasi_opt.scenario import scenario_from_dict

from .builders import make_plan
from .conftest import CREATED


def _run(tmp_path: Path, name: str, move_cost: float) -> Path:
    plan = make_plan(tmp_path / f"in-{name}")
    raw = plan.problem.scenario.to_dict()
    raw["weights"]["move_cost"] = move_cost
    plan.problem.scenario = scenario_from_dict(raw, source=plan.problem.scenario.source)
    return write_run_folder(plan, tmp_path / name, formats=["csv"], created_at=CREATED)


def test_settings_that_differ_and_objectives_not_comparable(tmp_path: Path) -> None:
    cmp = compare_runs([_run(tmp_path, "a", 0.1), _run(tmp_path, "b", 0.4)])
    assert differing_settings(cmp) == ["weights.move_cost"]
    out = write_comparison(cmp, tmp_path / "cmp", formats=["md"], created_at=CREATED)
    md = (out / "comparison.md").read_text(encoding="utf-8")
    assert "## Pengaturan yang berbeda antar-skenario" in md
    assert "| Biaya setiap perpindahan | 0,10 | 0,40 | weights.move_cost |" in md
    assert "Nilai tujuan (tidak sebanding: bobot berbeda)" in md
    # The two runs have the same figures: no bar chart of any of them.
    assert kpi_bars(cmp, "id") is None


def test_same_settings_say_so(tmp_path: Path) -> None:
    cmp = compare_runs([_run(tmp_path, "a", 0.1), _run(tmp_path, "b", 0.1)])
    assert differing_settings(cmp) == []
    out = write_comparison(cmp, tmp_path / "cmp", formats=["md"], created_at=CREATED)
    md = (out / "comparison.md").read_text(encoding="utf-8")
    assert "Semua skenario memakai aturan, bobot dan pengaturan penilaian yang sama." in md
    assert "tidak sebanding" not in md
