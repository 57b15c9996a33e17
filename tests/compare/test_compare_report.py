"""The comparison folder: files, CSV content, self-contained HTML, workbook, determinism."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from mutasi_opt.comparison import Comparison, compare_runs
from mutasi_opt.outfolder import MARKER
from mutasi_opt.report.atomic import OutputExistsError
from mutasi_opt.report.compare_report import (
    COMPARISON_FILES,
    MAX_ROWS,
    chart_labels,
    write_comparison,
)

from .builders import NIPS, PEOPLE, kpis, write_run

ANDI, BUDI, CITRA, DEDI = NIPS
CREATED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def make_comparison(tmp_path: Path) -> Comparison:
    """Two plans (Budi and Citra placed differently, Andi's move in both) and an infeasible run."""
    a = write_run(tmp_path / "runs" / "baseline", {ANDI: "P-05", CITRA: "P-02"}, kpi=kpis(2, 3.5))
    b = write_run(
        tmp_path / "runs" / "minat", {ANDI: "P-05", BUDI: "P-03", CITRA: "P-04"}, kpi=kpis(3, 3.75)
    )
    c = write_run(tmp_path / "runs" / "ketat", None, status="infeasible", kpi={"people": 4})
    return compare_runs([a, b, c])


@pytest.fixture
def comparison(tmp_path: Path) -> Comparison:
    """See :func:`make_comparison`."""
    return make_comparison(tmp_path)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The comparison folder of :func:`make_comparison`, all formats, written once (read only)."""
    root = tmp_path_factory.mktemp("cmp")
    return write_comparison(make_comparison(root), root / "cmp", created_at=CREATED)


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_every_file_written(written: Path) -> None:
    out = written
    assert sorted(p.name for p in out.iterdir()) == sorted([*COMPARISON_FILES, MARKER])


def test_csvs_hold_the_frames(written: Path) -> None:
    out = written
    diff = read_csv(out / "person_diff.csv")
    assert diff["nip"].tolist() == [BUDI, CITRA]  # NIPs stay text, every digit kept
    assert diff["minat.to_position_id"].tolist() == ["P-03", "P-04"]
    kpi = read_csv(out / "kpis.csv")
    assert kpi["run"].tolist() == ["baseline", "minat", "ketat"]
    assert kpi["moves"].tolist() == ["2", "3", ""]
    assert kpi["moves_by_type.rotasi"].tolist() == ["2", "3", ""]
    assert kpi["status"].tolist() == ["optimal", "optimal", "infeasible"]
    core = read_csv(out / "robust_core.csv")
    assert core[["nip", "to_position_id"]].values.tolist() == [[ANDI, "P-05"]]


def test_html_is_self_contained_with_charts_and_tables(written: Path) -> None:
    out = written
    html = (out / "comparison.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://", html)
    assert not re.search(r"<(script|link|img)[^>]*\bsrc=\"(?!data:)", html)
    assert html.count("<svg") == 2  # KPI bars, fit against moves
    for key in ("runs", "kpis", "tradeoff", "core", "diff"):
        assert f'<section id="{key}">' in html
    assert "Inti robust: mutasi yang sama di semua skenario" in html
    assert f"<td>{ANDI}</td>" in html
    # Titles beside the post ids.
    assert "Perawat Terampil, P-03 (Dinas Kesehatan) · Rotasi" in html
    assert "ketat tidak menghasilkan rencana (Tidak layak)" in html


def test_markdown_names_the_charts_and_lists_the_differences(written: Path) -> None:
    out = written
    md = (out / "comparison.md").read_text(encoding="utf-8")
    assert md.startswith("# Perbandingan Skenario Mutasi\n")
    assert "*(Kecocokan rata-rata terhadap jumlah mutasi: comparison.html)*" in md
    here = "Pengadministrasi Umum, P-02 (Dinas Pendidikan)"
    budi = f"| {BUDI} | {PEOPLE[BUDI][0]} | {here} | 1 | {here} |"
    assert budi in md
    assert "| Mutasi | 2 | 3 | – |" in md


def test_english_report(comparison: Comparison, tmp_path: Path) -> None:
    out = write_comparison(
        comparison, tmp_path / "cmp", created_at=CREATED, language="en", formats=["md"]
    )
    md = (out / "comparison.md").read_text(encoding="utf-8")
    assert md.startswith("# Comparison of Transfer Scenarios\n")
    assert "## Robust core: moves every run makes" in md
    assert "| Moves | 2 | 3 | – |" in md


def test_workbook_sheets_and_text_nips(comparison: Comparison, tmp_path: Path) -> None:
    out = write_comparison(comparison, tmp_path / "cmp", created_at=CREATED, formats=["xlsx"])
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "comparison.xlsx"]
    wb = load_workbook(out / "comparison.xlsx")
    assert wb.sheetnames == ["Ringkasan", "KPI", "Perbedaan", "Inti"]
    diff = wb["Perbedaan"]
    assert [diff.cell(row=r, column=1).value for r in (2, 3)] == [BUDI, CITRA]
    kpi = wb["KPI"]
    headers = [c.value for c in kpi[1]]
    moves = headers.index("Mutasi") + 1
    assert [kpi.cell(row=r, column=moves).value for r in (2, 3, 4)] == [2, 3, None]


def test_same_input_same_bytes(comparison: Comparison, tmp_path: Path) -> None:
    one = write_comparison(comparison, tmp_path / "one", created_at=CREATED)
    two = write_comparison(comparison, tmp_path / "two", created_at=CREATED)
    for name in (
        "kpis.csv",
        "person_diff.csv",
        "robust_core.csv",
        "comparison.md",
        "comparison.html",
    ):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_existing_folder_needs_force(comparison: Comparison, tmp_path: Path) -> None:
    target = tmp_path / "cmp"
    write_comparison(comparison, target, created_at=CREATED, formats=["csv", "md"])
    with pytest.raises(OutputExistsError):
        write_comparison(comparison, target, formats=["csv"])
    write_comparison(comparison, target, force=True, formats=["csv"])
    assert not (target / "comparison.md").exists()
    assert (target / "kpis.csv").is_file()


def test_long_person_table_is_cut_in_the_report(tmp_path: Path) -> None:
    # 120 people all moving differently in two runs: the report shows 100, the CSV all.
    roster = {f"19800101200501{i:04d}": (f"Pegawai {i}", "P-01") for i in range(120)}
    nips = sorted(roster)
    a = write_run(tmp_path / "a", dict.fromkeys(nips, "P-02"), people=nips, roster=roster)
    b = write_run(tmp_path / "b", dict.fromkeys(nips, "P-03"), people=nips, roster=roster)
    out = write_comparison(
        compare_runs([a, b]), tmp_path / "cmp", created_at=CREATED, formats=["csv", "md"]
    )
    assert len(read_csv(out / "person_diff.csv")) == 120
    md = (out / "comparison.md").read_text(encoding="utf-8")
    assert f"Menampilkan {MAX_ROWS} dari 120 baris; data lengkap ada di person_diff.csv." in md


@pytest.mark.parametrize(
    ("labels", "short", "shared"),
    [
        (["p001-weights.move_cost=0.0", "p002-weights.move_cost=0.2"], ["0.0", "0.2"], "weights.move_cost="),
        (["sibolga-2026-baseline", "sibolga-2026-rotasi-ketat"], ["baseline", "rotasi-ketat"], "sibolga-2026-"),
        (["baseline", "minat"], ["baseline", "minat"], ""),
        (["p001-a", "p002-a"], ["p001-a", "p002-a"], ""),  # the ids are all that differ
        (["x/run", "y/run"], ["x/run", "y/run"], ""),
    ],
)  # fmt: skip
def test_chart_labels_drop_what_all_runs_share(
    labels: list[str], short: list[str], shared: str
) -> None:
    assert chart_labels(labels) == (short, shared)
