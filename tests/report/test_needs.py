"""The needs analysis on a hand-computable data set (tests/report/data/needs_small).

The data, worked out by hand (as_of 2026-12-01, tenure 24-60 months, horizon 12 months):

=========  ====  ===========  ===========  ======  ======  =====  =========================
person     post  tmt_jabatan  born         M.01    M.02    JPM    9-box (perf, potential)
=========  ====  ===========  ===========  ======  ======  =====  =========================
Andi       K1    2019-01-01   1975-03-10   3 / 3   2 / 3   83.3   8 (Baik, tinggi)
Butet      K2    2023-06-01   1969-05-20   2 / 2   2 / 2   100    4 (Sangat Baik, rendah)
Citra      K2    2024-01-01   1990-02-02   1 / 2   2 / 2   75     3 (Butuh Perbaikan, menengah)
Dedi       C1    2020-12-01   1972-12-01   3 / 4   2 / 4   62.5   0 (no potential)
Eka        C3    2025-01-01   1995-07-07   3 / 2   2 / 2   125    5 (Baik, menengah)
Fajar      -     -            1992-01-01   3       3       -      8 (not placed)
=========  ====  ===========  ===========  ======  ======  =====  =========================

Tenure: Andi 95 months (7 years 11 months), Dedi 72: both past 60. Butet reaches 58 (BUP of a
pelaksana) on 2027-05-20: 690 months old against 696, 6 months to go, retiring on 2027-06-01.
Vacancies: K3 (priority 5, capacity 1, nobody) and C2 (priority 2); K2 holds 2 of 2; C4 is
abolished and ignored. C2 asks for S3, which nobody has: no candidate. Everyone lists the
qualification Analis Kebijakan (the family of K3), so the profession rule closes nothing here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from mutasi_opt.needs import NEEDS_COLUMNS, NeedsAnalysis, needs_analysis
from mutasi_opt.outfolder import MARKER
from mutasi_opt.problem import Problem, build_problem
from mutasi_opt.report import write_needs_analysis
from mutasi_opt.scenario import load_scenario, scenario_from_dict
from mutasi_opt.tables.read import load_tables

from .conftest import CREATED

DATA = Path(__file__).parent / "data" / "needs_small"
ANDI, BUTET, CITRA, DEDI, EKA = (
    "197503102000031001",
    "196905201990032002",
    "199002022015031003",
    "197212011998031004",
    "199507072020122005",
)
DINKES, KEC = "Dinas Kesehatan", "Kecamatan Sibolga Utara"


def _problem(language: str = "id", **rules: object) -> Problem:
    scenario = load_scenario(DATA / "scenario.yaml")
    if language != "id" or rules:
        raw = scenario.to_dict()
        raw["output"]["language"] = language
        raw["rules"].update(rules)
        scenario = scenario_from_dict(raw, source=scenario.source)
    return build_problem(load_tables(scenario), scenario)


@pytest.fixture(scope="module")
def problem() -> Problem:
    """The small problem, Indonesian."""
    return _problem()


@pytest.fixture(scope="module")
def analysis(problem: Problem) -> NeedsAnalysis:
    """Its needs analysis."""
    return needs_analysis(problem)


def test_every_frame_has_its_columns(analysis: NeedsAnalysis) -> None:
    for name, frame in analysis.frames().items():
        assert list(frame.columns) == list(NEEDS_COLUMNS[name]), name


def test_vacancies(analysis: NeedsAnalysis) -> None:
    vac = analysis.vacancies
    assert vac["position_id"].tolist() == ["K3", "C2"]
    assert vac["priority"].tolist() == [5, 2]
    assert vac["free_seats"].tolist() == [1, 1]
    assert vac["holders"].tolist() == [0, 0]
    assert analysis.vacancies_by_unit.to_dict("records") == [
        {"unit": DINKES, "kind": "fungsional", "priority": 5, "posts": 1, "free_seats": 1},
        {"unit": KEC, "kind": "pengawas", "priority": 2, "posts": 1, "free_seats": 1},
    ]
    assert analysis.posts == 6  # C4 is abolished


def test_poor_match_is_the_lowest_category(analysis: NeedsAnalysis) -> None:
    poor = analysis.poor_match
    assert poor["nip"].tolist() == [DEDI, CITRA]
    assert poor["jpm"].tolist() == pytest.approx([62.5, 75.0])
    assert poor["jpm_category"].tolist() == ["Kurang Optimal"] * 2
    assert poor["nine_box"].tolist() == [0, 3]
    assert analysis.jpm_categories == {"Optimal": 2, "Cukup Optimal": 1, "Kurang Optimal": 2}
    assert analysis.jpm_no_data == 0


def test_selection_scheme_moves_the_cuts(analysis: NeedsAnalysis) -> None:
    # The same data under the selection cuts (80/68): 62.5 is Kurang Memenuhi Syarat, 75 is not.
    raw = load_scenario(DATA / "scenario.yaml").to_dict()
    raw["scoring"]["jpm_categories"] = "selection"
    sel = scenario_from_dict(raw, source=DATA / "scenario.yaml")
    selected = needs_analysis(build_problem(load_tables(sel), sel))
    assert selected.poor_match["nip"].tolist() == [DEDI]
    assert selected.poor_match["jpm_category"].tolist() == ["Kurang Memenuhi Syarat"]
    assert analysis.poor_match["nip"].tolist() == [DEDI, CITRA]


def test_overdue_and_retiring(analysis: NeedsAnalysis) -> None:
    overdue = analysis.overdue
    assert overdue["nip"].tolist() == [ANDI, DEDI]
    assert overdue["tenure_months"].tolist() == [95, 72]
    assert overdue["max_tenure_months"].tolist() == [60, 60]
    retiring = analysis.retiring
    assert retiring["nip"].tolist() == [BUTET]
    assert retiring["months_to_retirement"].tolist() == [6]
    assert retiring["bup_age"].tolist() == [58]
    assert retiring["retirement_date"].tolist() == [pd.Timestamp("2027-06-01")]


def test_no_maximum_tenure_means_nobody_is_overdue() -> None:
    analysis = needs_analysis(_problem(max_tenure_months=None))
    assert analysis.overdue.empty
    assert list(analysis.overdue.columns) == list(NEEDS_COLUMNS["overdue"])


def test_longer_horizon_catches_more_people() -> None:
    # Dedi: 648 months old, BUP of an administrator 58 years = 696: 48 months to go.
    analysis = needs_analysis(_problem(retirement_horizon_months=48))
    assert analysis.retiring["nip"].tolist() == [BUTET, DEDI]
    assert analysis.retiring["months_to_retirement"].tolist() == [6, 48]


def test_competency_gaps_per_unit(analysis: NeedsAnalysis) -> None:
    gaps = analysis.competency_gaps.set_index(["unit", "competency"])
    # Dinas Kesehatan M.01: required 3, 2, 2; levels 3, 2, 1 -> shortfalls 0, 0, -1.
    row = gaps.loc[(DINKES, "M.01")]
    assert row["holders"] == 3
    assert row["required_mean"] == pytest.approx(7 / 3)
    assert row["level_mean"] == pytest.approx(2.0)
    assert row["gap_mean"] == pytest.approx(-1 / 3)
    assert row["below_share"] == pytest.approx(1 / 3)
    assert row["competency_name"] == "Integritas"
    # Kecamatan M.01: Dedi 3 of 4 (-1), Eka 3 of 2 (+1 is capped at 0) -> mean -0.5, not 0.
    row = gaps.loc[(KEC, "M.01")]
    assert (row["required_mean"], row["level_mean"]) == pytest.approx((3.0, 3.0))
    assert row["gap_mean"] == pytest.approx(-0.5)
    assert row["below_share"] == pytest.approx(0.5)
    assert gaps.loc[(KEC, "M.02"), "gap_mean"] == pytest.approx(-1.0)
    matrix = analysis.gap_matrix()
    assert matrix.index.tolist() == [DINKES, KEC]
    assert matrix.columns.tolist() == ["M.01", "M.02"]
    assert matrix.to_numpy() == pytest.approx(np.array([[-1 / 3, -1 / 3], [-0.5, -1.0]]))


def test_nine_box_per_unit(analysis: NeedsAnalysis) -> None:
    boxes = analysis.nine_box_by_unit.set_index("unit")
    assert boxes.loc[DINKES, ["people", "box_3", "box_4", "box_8", "no_data"]].tolist() == [
        3,
        1,
        1,
        1,
        0,
    ]
    assert boxes.loc[KEC, ["people", "box_5", "no_data"]].tolist() == [2, 1, 1]
    # Every person placed is counted once; Fajar (not placed) is in no unit.
    assert int(boxes.drop(columns="people").to_numpy().sum()) == 5


def test_posts_without_candidates_match_the_candidate_pairs(
    analysis: NeedsAnalysis, problem: Problem
) -> None:
    # Oracle: a post is listed when no pair names it except its holders' current pairs.
    pairs = problem.pairs
    wanted = set()
    for j in range(problem.n_posts):
        others = [k for k in range(len(pairs)) if pairs.post[k] == j and not pairs.is_current[k]]
        status = problem.tables.positions["status"].iloc[j]
        if not others and status != "abolished":
            wanted.add(problem.post_id[j])
    assert set(analysis.no_candidate["position_id"]) == wanted
    assert "C2" in wanted  # needs S3
    assert analysis.no_candidate["position_id"].iloc[0] == "C2"  # vacant posts first


def test_people_without_competency_data_have_no_jpm(tmp_path: Path) -> None:
    for name in ("employees.csv", "positions.csv", "requirements.csv"):
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    levels = (DATA / "competencies.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "competencies.csv").write_text(
        "\n".join(line for line in levels if not line.startswith(DEDI)) + "\n", encoding="utf-8"
    )
    (tmp_path / "scenario.yaml").write_bytes((DATA / "scenario.yaml").read_bytes())
    scenario = load_scenario(tmp_path / "scenario.yaml")
    analysis = needs_analysis(build_problem(load_tables(scenario), scenario))
    assert analysis.poor_match["nip"].tolist() == [CITRA]
    assert analysis.jpm_no_data == 1
    assert analysis.summary()["jpm_no_data"] == 1


def test_summary(analysis: NeedsAnalysis) -> None:
    assert analysis.summary() == {
        "scenario": "needs-small",
        "as_of": "2026-12-01",
        "people": 6,
        "posts": 6,
        "units": 2,
        "vacant_posts": 2,
        "free_seats": 2,
        "poor_match": 2,
        "overdue": 2,
        "retiring": 1,
        "no_candidate": len(analysis.no_candidate),
        "no_candidate_vacant": 1,
        "jpm_categories": {"Optimal": 2, "Cukup Optimal": 1, "Kurang Optimal": 2},
        "jpm_no_data": 0,
    }


def test_needs_files(analysis: NeedsAnalysis, tmp_path: Path) -> None:
    out = write_needs_analysis(analysis, tmp_path / "needs", created_at=CREATED)
    assert {p.name for p in out.iterdir()} == {"needs.xlsx", "needs.md", "needs.html", MARKER}
    wb = openpyxl.load_workbook(out / "needs.xlsx")
    assert wb.sheetnames == [
        "Ringkasan", "Lowongan", "Daftar Lowongan", "JPM Kurang Optimal", "Masa Jabatan",
        "Pensiun", "Kesenjangan Kompetensi", "9-Box OPD", "Tanpa Kandidat",
    ]  # fmt: skip
    assert wb["JPM Kurang Optimal"]["A2"].value == DEDI
    assert wb["JPM Kurang Optimal"]["A2"].data_type == "s"
    assert wb["Pensiun"].max_row == 2
    html = (out / "needs.html").read_text(encoding="utf-8")
    assert "<h1>Analisis Kebutuhan Mutasi</h1>" in html
    assert html.count("<svg") == 3  # vacancies, competency gaps, 9-box per OPD
    assert "http" not in html
    assert "Dedi Hutagalung" in html
    md = (out / "needs.md").read_text(encoding="utf-8")
    for heading in (
        "## Lowongan menurut OPD, jenis dan prioritas",
        "## Pemangku jabatan dengan JPM Kurang Optimal",
        "## Pegawai melewati masa jabatan maksimum",
        "## Pegawai pensiun dalam horizon",
        "## Kesenjangan kompetensi per OPD",
        "## Sebaran 9-box per OPD",
        "## Jabatan tanpa kandidat yang memenuhi syarat",
    ):
        assert heading in md
    assert "| Dinas Kesehatan | -0,33 | -0,33 |" in md


def test_needs_in_english(tmp_path: Path) -> None:
    analysis = needs_analysis(_problem("en"))
    out = write_needs_analysis(analysis, tmp_path / "needs", created_at=CREATED)
    md = (out / "needs.md").read_text(encoding="utf-8")
    assert md.startswith("# Transfer Needs Analysis\n")
    assert "## People past the maximum tenure" in md
    assert "| Dinas Kesehatan | -0.33 | -0.33 |" in md
    wb = openpyxl.load_workbook(out / "needs.xlsx", read_only=True)
    assert wb.sheetnames[0] == "Summary"
