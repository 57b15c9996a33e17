"""One OPD spelled several ways is one unit (issue 13, item 12): spellings of ``positions.unit``
that differ only in case or white space are read as one unit, under its most frequent spelling, with
a ``unit_spellings`` warning naming every spelling and its rows; a preference naming the unit in
another such spelling is about that unit (``unit_spelling`` warning). The same in ``validate`` and
``solve``, and the independent audit agrees (a disagreement would fail ``solve``)."""

from __future__ import annotations

import csv
from pathlib import Path

import mutasi_opt as mo

from .kit import cli, edit_cell, hidden, tiny

KOMINFO = ("Dinas Kominfo", "Disdukcapil")
EKA = "198405052009011005"  # in P06 (Disdukcapil); preferences.csv row 3 refuses Dinas Kominfo


def _spelled_three_ways(folder: Path) -> Path:
    """The tiny scenario with Dinas Kominfo (rows 2, 3, 6, 8, 9) written three ways."""
    scenario = tiny(folder)
    positions = folder / "data" / "positions.csv"
    edit_cell(positions, 6, "unit", "dinas kominfo")  # P05
    edit_cell(positions, 8, "unit", "Dinas  Kominfo ")  # P07: a double space, a trailing one
    edit_cell(positions, 9, "unit", "Dinas\u00a0Kominfo")  # P08: a non-breaking space
    return scenario


def _column(path: Path, name: str) -> set[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row[name] for row in csv.DictReader(handle)}


def test_one_unit_spelled_three_ways_is_one_unit_with_a_warning(tmp_path: Path) -> None:
    scenario = _spelled_three_ways(tmp_path)
    validated = cli("validate", scenario)
    assert validated.exit_code == 0, validated.output
    out = validated.stdout
    # Every spelling as written (a non-breaking space shown as such), its rows, and the name.
    assert (
        "positions.csv, row 6, column 'unit': one unit written 4 ways: 'Dinas Kominfo' "
        "(rows 2, 3), 'dinas kominfo' (row 6), 'Dinas  Kominfo' (row 8), 'Dinas\\xa0Kominfo' "
        "(row 9); read as 'Dinas Kominfo'"
    ) in out
    assert "[unit_spellings]" in out
    assert out.count("[unit_spellings]") == 1
    solved = cli("solve", scenario, "--out", tmp_path / "run", "--quiet")
    assert solved.exit_code == 0, solved.output
    run = tmp_path / "run"
    assignments = run / "assignments.csv"
    units = _column(assignments, "from_unit") | _column(assignments, "to_unit")
    assert units == set(KOMINFO)
    assert _column(run / "vacancies.csv", "unit") <= set(KOMINFO)
    assert hidden(tmp_path) == []


def test_the_most_frequent_spelling_names_the_unit(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    positions = tmp_path / "data" / "positions.csv"
    edit_cell(positions, 4, "unit", "DISDUKCAPIL")  # P03
    edit_cell(positions, 5, "unit", "DISDUKCAPIL")  # P04; P06 keeps 'Disdukcapil'
    result = cli("validate", scenario)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "one unit written 2 ways: 'DISDUKCAPIL' (rows 4, 5), 'Disdukcapil' (row 7); " in out
    assert "read as 'DISDUKCAPIL'" in out
    assert "positions.csv, row 7, column 'unit'" in out


def test_a_tie_between_spellings_goes_to_the_first_written(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    edit_cell(tmp_path / "data" / "positions.csv", 5, "unit", "DISDUKCAPIL")  # P04 alone
    edit_cell(tmp_path / "data" / "positions.csv", 7, "unit", "DISDUKCAPIL")  # and P06
    edit_cell(tmp_path / "data" / "positions.csv", 4, "unit", "disdukcapil")  # P03 first
    edit_cell(tmp_path / "data" / "positions.csv", 2, "unit", "Disdukcapil")  # then P01
    edit_cell(tmp_path / "data" / "positions.csv", 3, "unit", "Disdukcapil")  # and P02
    # Disdukcapil: rows 2, 3; DISDUKCAPIL: rows 5, 7; disdukcapil: row 4. A tie of two.
    problem = mo.load_problem(scenario)
    assert set(problem.tables.positions["unit"]) == {"Disdukcapil", "Dinas Kominfo"}


def test_a_refusal_naming_a_unit_spelled_differently_still_binds(tmp_path: Path) -> None:
    scenario = _spelled_three_ways(tmp_path)
    edit_cell(tmp_path / "data" / "preferences.csv", 3, "unit", "DINAS  KOMINFO")
    validated = cli("validate", scenario)
    assert validated.exit_code == 0, validated.output  # was: exit 2, [unknown_unit]
    out = validated.stdout
    assert "preferences.csv, row 3, column 'unit'" in out
    assert "[unit_spelling]" in out
    assert (
        "unit is read as 'Dinas Kominfo', as the positions table writes it "
        "(value 'DINAS  KOMINFO') [unit_spelling]"
    ) in out
    pairs = mo.candidate_pairs(mo.load_problem(scenario), EKA)
    # P05, P07, P08 were spelled apart from the refused unit: the refusal covers them all.
    assert set(pairs["unit"]) == {"Disdukcapil"}
    solved = cli("solve", scenario, "--out", tmp_path / "run", "--quiet")
    assert solved.exit_code == 0, solved.output  # the audit agrees with the engine
    with (tmp_path / "run" / "assignments.csv").open(encoding="utf-8", newline="") as handle:
        eka = next(row for row in csv.DictReader(handle) if row["nip"] == EKA)
    assert eka["to_unit"] == "Disdukcapil"


def test_a_wish_for_a_unit_spelled_differently_counts(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    prefs = tmp_path / "data" / "preferences.csv"
    with prefs.open("a", encoding="utf-8", newline="") as handle:
        handle.write("198506062010012006,1,,dinas   kominfo ,false\n")  # Fitri, in P08 (Kominfo)
    result = cli("validate", scenario)
    assert result.exit_code == 0, result.output
    assert "[unit_spelling]" in result.stdout
    pairs = mo.candidate_pairs(mo.load_problem(scenario), "198506062010012006")
    kominfo = pairs.loc[pairs["unit"] == "Dinas Kominfo", "preference"]
    assert len(kominfo) > 0
    assert (kominfo == 1.0).all()


def test_units_that_differ_in_more_than_case_and_spaces_stay_apart(tmp_path: Path) -> None:
    scenario = tiny(tmp_path)
    edit_cell(tmp_path / "data" / "positions.csv", 6, "unit", "Dinas Kominfo.")  # P05
    result = cli("validate", scenario)
    assert result.exit_code == 0, result.output
    assert "unit_spelling" not in result.stdout
    problem = mo.load_problem(scenario)
    assert set(problem.tables.positions["unit"]) == {"Dinas Kominfo", "Dinas Kominfo.",
                                                     "Disdukcapil"}  # fmt: skip
