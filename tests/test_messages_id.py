"""Every problem in the input is told in Indonesian too: each ``InputIssue`` has a ``message_id``.

The terminal speaks Indonesian by default, so an issue without ``message_id`` prints English to an
Indonesian reader. Two kinds of checks:

- through the public loading paths (tables, scenarios, sweeps, run folders, output folders,
  rulings), a representative set of bad inputs, each issue checked for Indonesian words with the
  same dynamic parts;
- a static check over ``src/mutasi_opt`` (parsed with :mod:`ast`, nothing imported): every
  ``InputIssue(...)`` and every ``IssueCollector.error``/``.warn`` call passes ``message_id=``, and
  the helpers that build issues from a message take its Indonesian counterpart. A new site that
  forgets it fails here.

``errors.py``, ``pipeline.py`` and ``cli/`` are another engineer's and are left out of the static
check.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import json
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.scenario import SolverSettings, load_scenario
from mutasi_opt.tables.read import read_tables
from mutasi_opt.validation_text import pydantic_message_id

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "mutasi_opt"
DATA = ROOT / "tests" / "data" / "tables"
GOOD = DATA / "good"
TABLES = (
    "employees",
    "positions",
    "competencies",
    "requirements",
    "competency_dictionary",
    "preferences",
    "scores",
)
MINIMAL = "name: x\ndata:\n  employees: e.csv\n  positions: p.csv\n"
WORDS = re.compile(r"[^\W\d_]{3,}")
"""A message with a word of three letters or more is words, not only a value or a code."""


# ------------------------------------------------------------------------------------------------
# Helpers


def assert_indonesian(issues: Iterable[InputIssue]) -> list[InputIssue]:
    """Every issue has Indonesian words that differ from its English ones, and shows them."""
    found = list(issues)
    assert found, "expected at least one problem"
    for issue in found:
        assert issue.message_id, f"no message_id: [{issue.rule}] {issue.message!r}"
        if WORDS.search(issue.message):
            assert issue.message_id != issue.message, f"not translated: {issue.message!r}"
        assert issue.message_id in issue.text("id")
        assert issue.message in issue.text("en")
    return found


def problems(call: Callable[[], Any]) -> list[InputIssue]:
    """The errors and warnings ``call`` raises, or the warnings of what it returns."""
    try:
        result = call()
    except InputError as exc:
        return [*exc.issues, *exc.warnings]
    return list(getattr(result, "warnings", ()))


def words_id(issue: InputIssue) -> str:
    """The issue's Indonesian words (there must be some)."""
    assert issue.message_id is not None, issue
    return issue.message_id


def by_rule(issues: Iterable[InputIssue], rule: str) -> InputIssue:
    """The first issue of ``rule``."""
    found = [i for i in issues if i.rule == rule]
    assert found, f"no {rule} issue"
    return found[0]


def good_copy(folder: Path) -> dict[str, Path]:
    """The tiny good CSV set copied to ``folder`` (to spoil one file of it)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for table in TABLES:
        out[table] = folder / f"{table}.csv"
        shutil.copy(GOOD / f"{table}.csv", out[table])
    return out


def rewrite(path: Path, change: Callable[[str], str]) -> None:
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------------
# Tables: every named broken and warning case of tests/data/tables


def _case_paths(group: str, name: str) -> dict[str, Path]:
    folder = DATA / group / name
    return {
        t: (folder / f"{t}.csv" if (folder / f"{t}.csv").exists() else GOOD / f"{t}.csv")
        for t in TABLES
    }


@pytest.mark.parametrize("case", sorted(p.name for p in (DATA / "broken").iterdir()))
def test_every_broken_table_case_is_told_in_indonesian(case: str) -> None:
    with pytest.raises(InputError) as caught:
        read_tables(_case_paths("broken", case))
    assert_indonesian([*caught.value.issues, *caught.value.warnings])


@pytest.mark.parametrize("case", sorted(p.name for p in (DATA / "warnings").iterdir()))
def test_every_table_warning_is_told_in_indonesian(case: str) -> None:
    assert_indonesian(read_tables(_case_paths("warnings", case)).warnings)


def test_a_missing_column_suggests_the_near_header_in_indonesian(tmp_path: Path) -> None:
    paths = good_copy(tmp_path)
    rewrite(paths["employees"], lambda t: t.replace(",golongan,", ",golongn,", 1))
    issue = by_rule(assert_indonesian(problems(lambda: read_tables(paths))), "missing_column")
    assert "did you mean 'golongn'" in issue.message
    assert words_id(issue).startswith("kolom wajib 'golongan' tidak ada; maksudnya 'golongn'")


def _spoil_employees(text: str) -> str:
    lines = text.splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    name, tmt = header.index("name"), header.index("tmt_jabatan")
    rows[0][name] = "Budi\x07"  # control character
    rows[1][name] = '"Siti\nRahmawati"'  # a line break inside the cell
    rows[2][tmt] = "2031-01-01"  # after as_of
    rows[3][tmt] = "1960-01-01"  # before birth
    header.append("catatan")  # unused
    return "\n".join(",".join(r) for r in [header, *[[*r, ""] for r in rows]]) + "\n"


def test_cell_and_date_problems_are_told_in_indonesian(tmp_path: Path) -> None:
    paths = good_copy(tmp_path)
    rewrite(paths["employees"], _spoil_employees)
    found = assert_indonesian(problems(lambda: read_tables(paths, as_of=dt.date(2026, 12, 1))))
    rules = {i.rule for i in found}
    assert {"control_character", "line_break_in_cell", "unused_column"} <= rules
    assert {"tmt_after_as_of", "tmt_before_birth"} <= rules
    after = by_rule(found, "tmt_after_as_of")
    assert "2026-12-01" in words_id(after)


def test_positions_preferences_and_units_in_indonesian(tmp_path: Path) -> None:
    paths = good_copy(tmp_path)
    rewrite(paths["positions"], lambda t: t.replace("P05,Kecamatan", "P05,kecamatan", 1)
            .replace("P02,Sekretaris Dinas Komunikasi dan Informatika,Dinas Kominfo",
                     "P02,Sekretaris Dinas Komunikasi dan Informatika,DINAS KOMINFO", 1))  # fmt: skip
    rewrite(
        paths["preferences"],
        lambda t: (
            t + "199505052019032004,,P06,,false\n"
            "199505052019032004,,,disdukcapil,true\n"
            "199505052019032004,3,P03,Disdukcapil,false\n"
        ),
    )
    found = assert_indonesian(problems(lambda: read_tables(paths)))
    assert {"missing_rank", "preference_target", "unit_spellings"} <= {i.rule for i in found}


def test_file_level_problems_are_told_in_indonesian(tmp_path: Path) -> None:
    paths = good_copy(tmp_path)
    paths["employees"].write_bytes(b"PK\x03\x04 not a csv")
    paths["positions"].write_bytes(b"position_id,title\nP01,\x81\x8d\x8f\x90\x9d\n")
    paths["scores"].write_text("nip,position_id,score\n1,\x00,2\n", encoding="utf-8")
    paths["preferences"] = tmp_path / "preferences.ods"
    paths["preferences"].write_bytes(b"x")
    paths["requirements"] = tmp_path / "nowhere.csv"
    found = assert_indonesian(problems(lambda: read_tables(paths)))
    assert {"workbook_named_csv", "unknown_encoding", "control_character"} <= {
        i.rule for i in found
    }
    assert {"unsupported_format", "file_not_found"} <= {i.rule for i in found}


def test_workbook_problems_are_told_in_indonesian(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "employees"
    sheet.append(["nip", "name"])
    sheet.append(["197501012000031001", "=1+1"])  # a formula without a computed value
    book.create_sheet("positions")  # empty
    book.save(tmp_path / "book.xlsx")
    found = assert_indonesian(problems(lambda: read_tables({}, workbook=tmp_path / "book.xlsx")))
    assert {"formula_without_value", "empty_file"} <= {i.rule for i in found}
    protected = ROOT / "tests" / "data" / "hostile" / "password_protected.xlsx"
    assert_indonesian(problems(lambda: read_tables({}, workbook=protected)))
    assert_indonesian(problems(lambda: read_tables({}, workbook=tmp_path / "none.xlsx")))


def test_decisions_and_skp_history_are_told_in_indonesian(tmp_path: Path) -> None:
    paths: dict[str, Path] = dict(good_copy(tmp_path))
    paths["decisions"] = write(
        tmp_path / "decisions.csv",
        "nip,position_id,decision,note,override\n"
        "197501012000031001,,forbid,,true\n"  # forbid without a post, with override
        "199999999999999999,P02,assign,,false\n"  # unknown NIP
        "198203152006042002,P99,assign,,false\n"  # unknown post
        "199001202015031003,P04,keep,,false\n"  # keep elsewhere
        "199212122020122006,,keep,,false\n"  # keep without a post
        "199505052019032004,P06,assign,,false\n"
        "199505052019032004,P07,assign,,false\n"  # a second placement
        "198807082010011005,Disdukcapil,forbid,,false\n"
        "198807082010011005,P06,assign,,false\n"  # placed in a unit it forbids
        "198807082010011005,P01,decide,,false\n",  # unknown decision
    )
    paths["skp_history"] = write(
        tmp_path / "skp.csv",
        "nip,year,predikat\n"
        "197501012000031001,2025,Baik\n"
        "197501012000031001,2025,Baik\n"
        "199999999999999999,2025,Baik\n"
        "198203152006042002,2024,Cukup\n",
    )
    found = assert_indonesian(problems(lambda: read_tables(paths)))
    rules = {i.rule for i in found}
    assert {"missing_value", "override_not_allowed", "unknown_nip", "unknown_position"} <= rules
    assert {"keep_other_post", "keep_not_placed", "conflicting_decisions"} <= rules
    assert {"unknown_decision", "duplicate_skp_year"} <= rules


# ------------------------------------------------------------------------------------------------
# Scenario files


SCENARIOS = {
    "unknown_key": MINIMAL + "rules:\n  min_tenur_months: 12\n",
    "missing_key": "data:\n  employees: e.csv\n  positions: p.csv\n",
    "needs_positions": "name: x\ndata:\n  employees: e.csv\n",
    "impossible_date": MINIMAL + "as_of: 2026-13-01\n",
    "not_a_date": MINIMAL + "as_of: tomorrow\n",
    "literal": MINIMAL + "rules:\n  rank_range: medium\n",
    "le": MINIMAL + "rules:\n  max_unit_outflow_share: 1.5\n",
    "ge": MINIMAL + "weights:\n  fit: -1\n",
    "gt": MINIMAL + "solver:\n  time_limit_s: 0\n",
    "float": MINIMAL + "solver:\n  time_limit_s: abc\n",
    "int": MINIMAL + "rules:\n  min_tenure_months: dua tahun\n",
    "fraction": MINIMAL + "rules:\n  min_tenure_months: 1.5\n",
    "bool": MINIMAL + "rules:\n  allow_promotion: maybe\n",
    "section": MINIMAL + "solver: 5\n",
    "list": MINIMAL + "rules:\n  movable_asn_types: 5\n",
    "list_item": MINIMAL + "weights:\n  fit: [1, 1]\n",
    "freeze_window": MINIMAL
    + "rules:\n  freeze_windows:\n    - {from: 2026-06-01, to: 2026-01-01}\n",
    "tenure_window": MINIMAL + "rules:\n  min_tenure_months: 30\n  max_tenure_months: 20\n",
    "folder_name": MINIMAL.replace("name: x", "name: a/b"),
    "empty_name": MINIMAL.replace("name: x", "name: ''"),
    "control_character": MINIMAL + 'description: "Kota\\a"\n',
    "key_twice": MINIMAL + "rules:\n  max_moves: 1\n  max_moves: 2\n",
    "yaml_syntax": MINIMAL + "rules:\n  max_moves: [1, 2\n",
    "alias_loop": MINIMAL + "description: &d [*d]\n",
    "not_mapping": "- a\n- b\n",
    "stray_source": MINIMAL + "source: elsewhere.yaml\n",
}


@pytest.mark.parametrize("case", sorted(SCENARIOS))
def test_scenario_problems_are_told_in_indonesian(tmp_path: Path, case: str) -> None:
    path = write(tmp_path / "s.yaml", SCENARIOS[case])
    assert_indonesian(problems(lambda: load_scenario(path)))


def test_scenario_messages_keep_their_numbers_and_names(tmp_path: Path) -> None:
    def one(text: str) -> InputIssue:
        [issue] = problems(lambda: load_scenario(write(tmp_path / "s.yaml", text)))
        return issue

    assert one(SCENARIOS["le"]).message_id == "nilai paling besar 1"
    assert one(SCENARIOS["ge"]).message_id == "nilai paling kecil 0"
    assert one(SCENARIOS["literal"]).message_id == (
        "nilai harus salah satu dari 'hard', 'soft' atau 'off'"
    )
    assert one(SCENARIOS["unknown_key"]).message_id == "kunci tidak dikenal (periksa ejaannya)"
    assert one(SCENARIOS["tenure_window"]).message_id == (
        "max_tenure_months (20) lebih kecil dari min_tenure_months (30)"
    )
    assert one(SCENARIOS["key_twice"]).message_id == (
        "bukan YAML yang sah: kunci 'max_moves' ditulis dua kali: di baris 6 dan lagi di baris 7"
    )
    assert "memuat /" in words_id(one(SCENARIOS["folder_name"]))


def test_scenario_file_problems_are_told_in_indonesian(tmp_path: Path) -> None:
    assert_indonesian(problems(lambda: load_scenario(tmp_path / "nothing.yaml")))
    latin = tmp_path / "latin.yaml"
    latin.write_bytes((MINIMAL + "description: Kota \x81\n").encode("latin-1"))
    assert_indonesian(problems(lambda: load_scenario(latin)))
    write(tmp_path / "a.yaml", MINIMAL + "extends: b.yaml\n")
    write(tmp_path / "b.yaml", MINIMAL + "extends: a.yaml\n")
    [cycle] = assert_indonesian(problems(lambda: load_scenario(tmp_path / "a.yaml")))
    assert cycle.rule == "extends_cycle"


def test_pydantic_types_without_words_fall_back_to_english() -> None:
    assert pydantic_message_id({"type": "no_such_type", "msg": "x"}) is None
    assert pydantic_message_id({"type": "value_error", "ctx": {"error": ValueError("x")}}) is None


# ------------------------------------------------------------------------------------------------
# Sweep files


TINY = ROOT / "tests" / "sweep" / "data" / "tiny" / "scenario.yaml"

SWEEPS = {
    "unknown_key": f"base: {TINY}\ngrd: {{weights.fit: [1]}}\n",
    "missing_base": "grid: {weights.fit: [1]}\n",
    "not_dotted": f"base: {TINY}\ngrid: {{'weights..fit': [1]}}\n",
    "fixed_key": f"base: {TINY}\ngrid: {{name: [a]}}\n",
    "no_values": f"base: {TINY}\ngrid: {{weights.fit: []}}\n",
    "empty_case": f"base: {TINY}\ncases:\n  - set: {{}}\n",
    "not_mapping": "- a\n",
    "yaml_syntax": f"base: {TINY}\ngrid: [1\n",
    "key_twice": f"base: {TINY}\ngrid: {{weights.fit: [1]}}\ngrid: {{weights.fit: [2]}}\n",
}


@pytest.mark.parametrize("case", sorted(SWEEPS))
def test_sweep_file_problems_are_told_in_indonesian(tmp_path: Path, case: str) -> None:
    from mutasi_opt.sweep import load_sweep

    path = write(tmp_path / "sweep.yaml", SWEEPS[case])
    assert_indonesian(problems(lambda: load_sweep(path)))


def test_sweep_point_problems_are_told_in_indonesian(tmp_path: Path) -> None:
    from mutasi_opt.sweep import load_sweep

    assert_indonesian(problems(lambda: load_sweep(tmp_path / "none.yaml")))
    spec = load_sweep(
        write(
            tmp_path / "sweep.yaml",
            f"base: {TINY}\ngrid: {{weights.nope: [1], weights.fit: [-1]}}\n",
        )
    )
    found = assert_indonesian(problems(spec.scenarios))
    bad = by_rule(found, "bad_value")
    assert words_id(bad).startswith("nilai paling kecil 0, pada titik")
    empty = load_sweep(write(tmp_path / "empty.yaml", f"base: {TINY}\n"))
    assert_indonesian(problems(empty.scenarios))


def test_sweep_run_refusals_are_told_in_indonesian(tmp_path: Path) -> None:
    from mutasi_opt.sweep.run import run_sweep

    path = write(tmp_path / "sweep.yaml", f"base: {TINY}\ngrid: {{weights.fit: [1]}}\n")
    assert_indonesian(problems(lambda: run_sweep(path, workers=0)))
    target = write(tmp_path / "a-file", "x")
    assert_indonesian(problems(lambda: run_sweep(path, workers=1, out=target)))


# ------------------------------------------------------------------------------------------------
# Rounds built from tables (rule context, rulings, backends, the notebook API)


def test_round_building_problems_are_told_in_indonesian() -> None:
    from mutasi_opt.api import score_pairs, with_settings
    from mutasi_opt.solve.dispatch import choose_backend
    from scoring.builders import build, make_nip, make_scenario, make_tables

    twice = make_tables([{"nip": make_nip(1)}, {"nip": make_nip(1)}], [{}, {}])
    assert_indonesian(problems(lambda: build(twice)))
    labels = make_tables([{"performance": "Luar Biasa"}], [{"kind": "ketua"}])
    assert_indonesian(problems(lambda: build(labels)))
    odd = make_tables(
        [{"position_id": "J1", "potential": None}, {"position_id": "J2"}],
        [{}, {}],
        requirements=[("J2", "M.01", 3)],
        preferences=[{"nip": make_nip(9), "position_id": "J1", "rank": 1}],
        scores=[(make_nip(9), "J1", 50.0)],
    )
    found = assert_indonesian(problems(lambda: build(odd)))
    assert {"missing_potential", "preference_skipped", "score_skipped"} <= {i.rule for i in found}
    problem = build(make_tables([{"position_id": "J1"}], [{}, {}]), rules={"max_moves": 1})
    flow = SolverSettings(backend="flow")
    assert_indonesian(problems(lambda: choose_backend(problem.instance, flow)))
    assert_indonesian(problems(lambda: with_settings(make_scenario(), {"weights.nope": 1})))
    assert_indonesian(problems(lambda: score_pairs(problem, ["199999999999999999"])))


def test_rulings_against_the_rules_are_told_in_indonesian() -> None:
    import pandas as pd

    from mutasi_opt.tables.model import DECISION_COLUMNS
    from scoring.builders import build, make_nip, make_tables

    def decisions(rows: list[dict[str, Any]]) -> pd.DataFrame:
        full = [{"position_id": None, "note": None, "override": False, **r} for r in rows]
        frame = pd.DataFrame(
            {c: pd.Series([r.get(c) for r in full], dtype=object) for c in DECISION_COLUMNS}
        )
        frame["override"] = frame["override"].astype(bool)
        return frame

    tables = make_tables(
        [{"position_id": "J1", "education": "SMA"}, {"position_id": "J2"}, {"position_id": None}],
        [
            {"position_id": "J1"},
            {"position_id": "J2"},
            {"position_id": "J3", "min_education": "S1"},
        ],
    )
    breaks = [{"nip": make_nip(1), "position_id": "J3", "decision": "assign"}]
    [issue] = assert_indonesian(
        problems(lambda: build(dataclasses.replace(tables, decisions=decisions(breaks))))
    )
    assert issue.rule == "ruling_breaks_rule"
    assert "education" in words_id(issue)
    crowd = [{"nip": make_nip(k), "position_id": "J2", "decision": "assign"} for k in (2, 3)]
    assert_indonesian(
        problems(lambda: build(dataclasses.replace(tables, decisions=decisions(crowd))))
    )
    by_hand = [
        {"nip": "199999999999999999", "decision": "keep"},
        {"nip": make_nip(3), "decision": "keep"},
        {"nip": make_nip(2), "position_id": "J9", "decision": "assign"},
    ]
    found = assert_indonesian(
        problems(lambda: build(dataclasses.replace(tables, decisions=decisions(by_hand))))
    )
    assert {i.rule for i in found} == {"unknown_nip", "keep_not_placed", "unknown_position"}


# ------------------------------------------------------------------------------------------------
# Run folders, comparisons and output folders


def _run(folder: Path, summary: Any, assignments: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = summary if isinstance(summary, str) else json.dumps(summary)
    (folder / "summary.json").write_text(text, encoding="utf-8")
    if assignments is not None:
        (folder / "assignments.csv").write_text(assignments, encoding="utf-8")
    return folder


def test_run_folder_problems_are_told_in_indonesian(tmp_path: Path) -> None:
    from mutasi_opt.comparison import compare_runs, read_run_folder

    header = "nip,name,from_position_id,from_title,from_unit,to_position_id,to_title,to_unit,moved,move_type\n"
    row = "1,A,P1,T,U,P2,T,U,maybe,move\n"
    cases = [
        tmp_path / "nowhere",
        _run(tmp_path / "not-json", "{"),
        _run(tmp_path / "twice", '{"status": "optimal", "status": "feasible"}'),
        _run(tmp_path / "list", "[]"),
        _run(tmp_path / "bad", {"status": "done", "objective": "x", "kpis": 5, "timings": []}),
        _run(tmp_path / "no-assignments", {"status": "optimal"}),
        _run(tmp_path / "empty-assignments", {"status": "optimal"}, ""),
        _run(tmp_path / "few-columns", {"status": "optimal"}, "nip\n1\n"),
        _run(tmp_path / "bad-rows", {"status": "optimal"}, header + row + row),
    ]
    for folder in cases:
        assert_indonesian(problems(lambda folder=folder: read_run_folder(folder)))
    good = _run(tmp_path / "good", {"status": "infeasible"})
    assert_indonesian(problems(lambda: compare_runs([])))
    assert_indonesian(problems(lambda: compare_runs([good, good])))
    assert_indonesian(problems(lambda: compare_runs([good], labels=["a", "b"])))


def test_output_folder_refusals_are_told_in_indonesian(tmp_path: Path) -> None:
    from mutasi_opt.outfolder import check_target

    a_file = write(tmp_path / "a-file", "x")
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    assert_indonesian(problems(lambda: check_target(a_file, force=False)))
    assert_indonesian(problems(lambda: check_target(foreign, force=False)))
    assert_indonesian(problems(lambda: check_target(foreign, force=True)))
    assert_indonesian(problems(lambda: check_target(a_file / "below", force=False)))


def test_sample_folder_refusals_are_told_in_indonesian(tmp_path: Path) -> None:
    from mutasi_opt.synth.write import _check_target

    assert_indonesian(problems(lambda: _check_target(write(tmp_path / "f", "x"), force=False)))
    write(tmp_path / "full" / "x.txt", "x")
    assert_indonesian(problems(lambda: _check_target(tmp_path / "full", force=False)))


# ------------------------------------------------------------------------------------------------
# The terminal, in its default language


@pytest.mark.indonesian
def test_validate_prints_the_indonesian_words(tmp_path: Path) -> None:
    from hostile.kit import cli, edit_cell, tiny

    scenario = tiny(tmp_path)
    edit_cell(tmp_path / "data" / "employees.csv", 2, "golongan", "III/x")
    result = cli("validate", scenario)
    assert result.exit_code == 2
    assert "golongan tidak dikenal (seharusnya I/a…I/d" in result.stderr
    assert "unknown golongan" not in result.stderr


# ------------------------------------------------------------------------------------------------
# Static: every site gives message_id


SKIPPED = ("errors.py", "pipeline.py", "cli")
"""Another engineer's files (their sites are listed in the report that added this test)."""

HELPERS: dict[str, tuple[str, str]] = {
    # helper -> (its module, the parameter with the Indonesian words)
    "_flag": ("tables/checks.py", "message_id"),
    "_unknown": ("tables/checks.py", "message_id"),
    "_duplicates": ("tables/checks.py", "what_id"),
    "flag": ("tables/parse.py", "message_id"),
    "report": ("tables/parse.py", "message_id"),
    "integer": ("tables/parse.py", "what_id"),
    "number": ("tables/parse.py", "what_id"),
    "choice": ("tables/parse.py", "what_id"),
    "_out_of_range": ("tables/parse.py", "what_id"),
    "_choice": ("tables/schema.py", "what_id"),
    "ruling_issue": ("rules/ruling_table.py", "message_id"),
    "_refuse": ("outfolder.py", "message_id"),
    "_bad": ("comparison.py", "message_id"),
    "bad": ("comparison.py", "message_id"),
}
"""Helpers that build issues from a message: each takes its Indonesian counterpart as a required
parameter (mypy then refuses a call that leaves it out)."""

NOT_COLLECTORS = frozenset({"logger", "log", "logging", "warnings"})
"""Receivers of ``.error``/``.warn`` that are not an IssueCollector."""


def _sources() -> list[Path]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if rel.parts[0] in SKIPPED:
            continue
        out.append(path)
    return out


def _missing_message_id(path: Path, root: Path = SRC) -> list[str]:
    """``file:line`` (relative to ``root``) of each InputIssue or collector call in ``path``
    without ``message_id=`` (or with ``message_id=None``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    wrong = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name == "InputIssue":
            what = "InputIssue(...)"
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in ("error", "warn")
            and ast.unparse(func.value).split(".")[-1] not in NOT_COLLECTORS
        ):
            what = f"{ast.unparse(func)}(...)"
        else:
            continue
        given = {k.arg: k.value for k in node.keywords}
        value = given.get("message_id")
        if value is None or (isinstance(value, ast.Constant) and value.value is None):
            wrong.append(f"{path.relative_to(root)}:{node.lineno}: {what} without message_id=")
    return wrong


def test_the_static_check_finds_a_forgotten_site(tmp_path: Path) -> None:
    sources = _sources()
    assert SRC / "tables" / "source.py" in sources
    assert SRC / "pipeline.py" not in sources
    assert not any("cli" in p.relative_to(SRC).parts for p in sources)
    bad = write(
        tmp_path / "bad.py",
        "def f(issues, ctx):\n"
        "    issues.error('rule', 'message', file='x')\n"
        "    ctx.issues.warn('rule', 'message', message_id='kata')\n"
        "    logger.error('not an issue')\n"
        "    return errors.InputIssue('r', 'm', message_id=None)\n",
    )
    assert [line.split(": ", 1)[0] for line in _missing_message_id(bad, tmp_path)] == [
        "bad.py:2",
        "bad.py:5",
    ]


def test_every_issue_site_gives_message_id() -> None:
    wrong = [line for path in _sources() for line in _missing_message_id(path)]
    assert not wrong, "InputIssue sites without Indonesian words:\n" + "\n".join(wrong)


def test_the_helpers_take_the_indonesian_words() -> None:
    for name, (module, parameter) in HELPERS.items():
        tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
        defs = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == name
        ]
        assert defs, f"{module}: no function {name}"
        for d in defs:
            args = d.args
            params = {a.arg: a for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
            assert parameter in params, f"{module}: {name} takes no {parameter}"
            # Required: no default for it.
            positional = [*args.posonlyargs, *args.args]
            if params[parameter] in positional:
                k = positional.index(params[parameter])
                assert k < len(positional) - len(args.defaults), (
                    f"{name}: {parameter} has a default"
                )
            else:
                k = args.kwonlyargs.index(params[parameter])
                assert args.kw_defaults[k] is None, f"{name}: {parameter} has a default"


def test_validators_raise_their_refusals_in_both_languages() -> None:
    for module in ("scenario.py", "sweep/spec.py"):
        tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
        plain = [
            n.lineno
            for n in ast.walk(tree)
            if isinstance(n, ast.Raise)
            and isinstance(n.exc, ast.Call)
            and isinstance(n.exc.func, ast.Name)
            and n.exc.func.id == "ValueError"
        ]
        assert not plain, f"{module}: ValueError without Indonesian words at lines {plain}"
