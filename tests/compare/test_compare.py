"""compare_runs on hand-made run folders with known differences."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from mutasi_opt.comparison import compare_runs, flatten_kpis
from mutasi_opt.errors import InputError

from .builders import NIPS, kpis, write_run

ANDI, BUDI, CITRA, DEDI = NIPS


@pytest.fixture
def two_runs(tmp_path: Path) -> tuple[Path, Path]:
    """Run a: Andi -> P-05, Citra -> P-02. Run b: Andi -> P-05, Budi -> P-03, Citra -> P-04."""
    a = write_run(tmp_path / "a", {ANDI: "P-05", CITRA: "P-02"}, kpi=kpis(2, 3.5))
    b = write_run(tmp_path / "b", {ANDI: "P-05", BUDI: "P-03", CITRA: "P-04"}, kpi=kpis(3, 3.75))
    return a, b


def test_person_diff_is_exactly_the_people_placed_differently(two_runs: tuple[Path, Path]) -> None:
    cmp = compare_runs(two_runs)
    diff = cmp.person_diff
    assert diff["nip"].tolist() == sorted([BUDI, CITRA])
    assert list(diff.columns) == [
        "nip", "name", "from_position_id", "from_title", "from_unit", "runs_moved",
        "a.to_position_id", "a.to_title", "a.to_unit", "a.move_type",
        "b.to_position_id", "b.to_title", "b.to_unit", "b.move_type",
    ]  # fmt: skip
    budi = diff.set_index("nip").loc[BUDI]
    assert (budi["a.to_position_id"], budi["b.to_position_id"]) == ("P-02", "P-03")
    assert (budi["a.move_type"], budi["b.move_type"]) == ("stay", "rotasi")
    assert budi["b.to_unit"] == "Dinas Kesehatan"
    assert (budi["from_title"], budi["b.to_title"]) == ("Pengadministrasi Umum", "Perawat Terampil")
    assert diff.set_index("nip")["runs_moved"].to_dict() == {BUDI: 1, CITRA: 2}


def test_robust_core_is_the_moves_made_in_every_run(two_runs: tuple[Path, Path]) -> None:
    core = compare_runs(two_runs).robust_core
    # Citra moves in both runs but to different posts: not in the core. Dedi never moves.
    assert core.to_dict("records") == [
        {
            "nip": ANDI,
            "name": "Andi Siregar",
            "from_position_id": "P-01",
            "from_title": "Guru Ahli Muda",
            "from_unit": "Dinas Pendidikan",
            "to_position_id": "P-05",
            "to_title": "Pengelola Keuangan",
            "to_unit": "Dinas Kesehatan",
            "move_type": "rotasi",
        }
    ]


def test_identical_runs_differ_in_nobody(tmp_path: Path) -> None:
    a = write_run(tmp_path / "x" / "run", {BUDI: "P-05"})
    b = write_run(tmp_path / "y" / "run", {BUDI: "P-05"})
    cmp = compare_runs([a, b])
    assert cmp.person_diff.empty
    assert cmp.robust_core["nip"].tolist() == [BUDI]
    # Same folder name: labels get their parent to stay unique.
    assert cmp.labels == ("x/run", "y/run")


def test_kpis_one_row_per_run_with_flattened_columns(two_runs: tuple[Path, Path]) -> None:
    frame = compare_runs(two_runs).kpis
    assert frame["run"].tolist() == ["a", "b"]
    assert frame["moves"].tolist() == [2, 3]
    assert frame["total_fit"].tolist() == [3.5, 3.75]
    assert frame["moves_by_type.rotasi"].tolist() == [2, 3]
    assert frame["vacancies_filled_by_priority.5.open_before"].tolist() == [1, 1]
    assert frame["fairness.gender.L.moves"].tolist() == [2, 3]
    assert frame["unit_flows.units_with_moves"].tolist() == [2, 2]
    assert frame["unit_flows.units_losing_staff"].tolist() == [1, 1]
    assert frame["time_s"].tolist() == [1.75, 1.75]  # top-level phases only
    assert list(frame.columns[:4]) == ["run", "path", "scenario", "status"]
    assert not any(c.startswith("unit_flows.Dinas") for c in frame.columns)


def test_flatten_kpis_keeps_none_and_summarises_flows() -> None:
    flat = flatten_kpis(kpis(1, 2.0))
    assert flat["wishes_honoured_share"] is None
    assert flat["vacancies_filled_by_priority.3.filled"] == 1
    assert flat["fairness.gender.P.staff_share"] == 0.25
    assert flat["unit_flows.max_moves_in"] == 1
    assert flat["unit_flows.max_moves_out"] == 1
    assert flat["unit_flows.units_gaining_staff"] == 1
    assert "unit_flows" not in flat
    assert "fairness" not in flat


def test_run_without_plan_is_left_out_of_person_frames(
    tmp_path: Path, two_runs: tuple[Path, Path]
) -> None:
    bad = write_run(tmp_path / "c", None, status="infeasible", kpi={"people": 4})
    cmp = compare_runs([*two_runs, bad])
    assert cmp.kpis["status"].tolist() == ["optimal", "optimal", "infeasible"]
    assert cmp.planned_labels == ("a", "b")
    assert cmp.person_diff["nip"].tolist() == sorted([BUDI, CITRA])
    assert not any(c.startswith("c.") for c in cmp.person_diff.columns)
    assert cmp.robust_core["nip"].tolist() == [ANDI]
    assert cmp.notes == (
        "c has no plan (infeasible); it is left out of the person-level comparison",
    )
    assert pd.isna(cmp.kpis.loc[2, "moves"])


def test_person_missing_from_a_run_differs(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", {})
    b = write_run(tmp_path / "b", {}, people=NIPS[:3])
    diff = compare_runs([a, b]).person_diff
    assert diff["nip"].tolist() == [DEDI]
    assert pd.isna(diff.loc[0, "b.to_position_id"])
    assert diff.loc[0, "a.to_position_id"] == "P-04"


def test_core_share_and_summary(two_runs: tuple[Path, Path]) -> None:
    cmp = compare_runs(two_runs)
    assert cmp.core_share() == {"a": 0.5, "b": 0.3333}
    text = repr(cmp)
    assert text.splitlines()[0] == "Comparison of 2 runs"
    assert "a  optimal      moves=2     total_fit=3.50" in text
    assert "2 people placed differently; robust core: 1 moves" in text


def test_every_problem_reported_at_once(tmp_path: Path, two_runs: tuple[Path, Path]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError) as info:
        compare_runs([two_runs[0], two_runs[0], tmp_path / "nope", empty])
    rules = [(i.rule, Path(i.file or "").name) for i in info.value.issues]
    assert rules == [
        ("duplicate_run", "a"),
        ("not_a_run", "nope"),
        ("not_a_run", "summary.json"),
    ]


def test_missing_assignments_of_a_planned_run(tmp_path: Path) -> None:
    run = write_run(tmp_path / "a", {})
    (run / "assignments.csv").unlink()
    with pytest.raises(InputError, match=r"assignments\.csv") as info:
        compare_runs([run])
    assert info.value.issues[0].rule == "not_a_run"


def test_labels_given(two_runs: tuple[Path, Path]) -> None:
    cmp = compare_runs(two_runs, labels=["baseline", "variant"])
    assert cmp.kpis["run"].tolist() == ["baseline", "variant"]
    assert "variant.to_position_id" in cmp.person_diff.columns
    with pytest.raises(InputError, match="one unique label per run"):
        compare_runs(two_runs, labels=["x", "x"])
