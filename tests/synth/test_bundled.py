"""The bundled Kota Sibolga data and scenarios (issue 2, item 7)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from mutasi_opt.cli import app
from mutasi_opt.scenario import Rules, Scenario, SolverSettings, Weights, load_scenario
from mutasi_opt.synth import WORKBOOK_NAME, SampleData
from mutasi_opt.synth.write import csv_text
from mutasi_opt.tables.read import load_tables, read_tables

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "samples" / "sibolga"
SCENARIOS = ROOT / "scenarios"


@pytest.fixture(scope="module")
def baseline() -> Scenario:
    """The baseline scenario as loaded."""
    return load_scenario(SCENARIOS / "sibolga-2026.yaml")


def test_bundled_csvs_are_the_generator_output(sibolga: SampleData) -> None:
    """Regenerate with `mutasi-opt sample --out data/samples/sibolga --force` when this fails."""
    for name, frame in sibolga.tables().items():
        assert (DATA / f"{name}.csv").read_text(encoding="utf-8") == csv_text(frame), name


def test_bundled_workbook_has_every_sheet_and_the_same_people(sibolga: SampleData) -> None:
    from openpyxl import load_workbook

    book = load_workbook(DATA / WORKBOOK_NAME, read_only=True)
    try:
        assert book.sheetnames == list(sibolga.tables())
        rows = list(book["employees"].iter_rows(values_only=True))
    finally:
        book.close()
    assert list(rows[0]) == list(sibolga.employees.columns)
    assert [r[0] for r in rows[1:]] == sibolga.employees["nip"].tolist()
    assert [r[2] for r in rows[1:]] == sibolga.employees["position_id"].tolist()
    assert (DATA / WORKBOOK_NAME).stat().st_size < 2_000_000


@pytest.mark.slow
def test_bundled_workbook_holds_the_same_tables(sibolga: SampleData) -> None:
    loaded = read_tables({}, workbook=DATA / WORKBOOK_NAME)
    expected = sibolga.to_tables()
    for name in sibolga.tables():
        pd.testing.assert_frame_equal(getattr(loaded, name), getattr(expected, name))


def test_baseline_reads_the_bundled_tables_with_the_defaults(baseline: Scenario) -> None:
    assert baseline.name == "sibolga-2026-baseline"
    assert baseline.as_of.isoformat() == "2026-12-01"
    assert baseline.extends is None
    assert baseline.data.employees == DATA / "employees.csv"
    assert baseline.data.preferences == DATA / "preferences.csv"
    assert baseline.rules == Rules()
    assert baseline.weights == Weights()
    assert baseline.solver == SolverSettings()
    assert baseline.output.dir == ROOT / "runs"
    tables = load_tables(baseline)  # raises on any error
    assert len(tables.employees) == 2500
    # Only the documented warnings; the sample writes asn_type (PNS, CPNS, PPPK).
    assert {w.rule for w in tables.warnings} == {"no_competency_data", "no_requirements"}
    assert set(tables.employees["asn_type"]) == {"PNS", "CPNS", "PPPK"}


@pytest.mark.parametrize(
    ("file", "name", "changes"),
    [
        ("sibolga-2026-rotasi-ketat.yaml", "sibolga-2026-rotasi-ketat",
         {("weights", "overdue"): 0.3}),
        ("sibolga-2026-utamakan-minat.yaml", "sibolga-2026-utamakan-minat",
         {("weights", "preference"): 1.0}),
        ("sibolga-2026-minim-gangguan.yaml", "sibolga-2026-minim-gangguan",
         {("rules", "max_moves"): 125, ("rules", "max_unit_outflow_share"): 0.2,
          ("weights", "move_cost"): 0.15}),
    ],
)  # fmt: skip
def test_variants_extend_the_baseline_and_change_only_their_keys(
    baseline: Scenario, file: str, name: str, changes: dict[tuple[str, str], object]
) -> None:
    variant = load_scenario(SCENARIOS / file)
    assert variant.name == name
    assert variant.extends == SCENARIOS / "sibolga-2026.yaml"
    expected = baseline.to_dict()
    for (section, key), value in changes.items():
        assert expected[section][key] != value
        expected[section][key] = value
    got = variant.to_dict()
    got["name"], got["description"], got["extends"] = (
        expected["name"],
        expected["description"],
        expected["extends"],
    )
    assert got == expected


def test_max_moves_of_least_disruption_is_five_percent_of_people(baseline: Scenario) -> None:
    variant = load_scenario(SCENARIOS / "sibolga-2026-minim-gangguan.yaml")
    assert variant.rules.max_moves == round(0.05 * 2500)


def test_validate_accepts_the_baseline() -> None:
    result = CliRunner().invoke(app, ["validate", str(SCENARIOS / "sibolga-2026.yaml")])
    assert result.exit_code == 0, result.output
    assert "Scenario 'sibolga-2026-baseline' is valid (as of 2026-12-01)." in result.stdout
