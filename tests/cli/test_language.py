"""The terminal speaks Indonesian by default and English with ``--language en``, the environment
variable, or the scenario's ``output.language`` (mutasi_opt.cli.language)."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner

from mutasi_opt.cli import app
from mutasi_opt.cli import framework_words as fw
from mutasi_opt.cli.language import ENV_VAR, current, from_argv, say, set_current, use
from mutasi_opt.cli.solve import TerminalProgress, _TimeLeft
from mutasi_opt.errors import InputError, InputIssue

GOOD = (Path(__file__).resolve().parents[1] / "data" / "tables" / "good").resolve()
SOLVE_DATA = Path(__file__).resolve().parents[1] / "data" / "solve"
runner = CliRunner()


def scenario(folder: Path, language: str | None = None, **extra: object) -> Path:
    raw = yaml.safe_load((GOOD / "scenario.yaml").read_text(encoding="utf-8"))
    for key, value in list(raw.get("data", {}).items()):
        raw["data"][key] = str((GOOD / value).resolve())
    raw.setdefault("output", {})["dir"] = str(folder / "runs")
    if language is not None:
        raw["output"]["language"] = language
    raw.update(extra)
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def solve_scenario(folder: Path) -> Path:
    """A scenario over tests/data/solve (a round that solves in a moment), CSV outputs only."""
    raw = {
        "name": "tiny",
        "as_of": "2026-12-01",
        "data": {
            name: str(SOLVE_DATA / f"{name}.csv")
            for name in ("employees", "positions", "competencies", "requirements", "preferences")
        },
        "output": {"dir": str(folder / "runs"), "formats": ["csv"]},
    }
    path = folder / "s.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed program in a fresh process (help texts are made when it starts)."""
    full = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    full.update(env or {})
    full["COLUMNS"] = "200"
    return subprocess.run(
        [sys.executable, "-m", "mutasi_opt", *args],
        capture_output=True,
        text=True,
        env=full,
        check=False,
        timeout=120,
    )


# --- choosing the language ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["solve", "s.yaml", "--language", "en"], "en"),
        (["--language=en", "solve"], "en"),
        (["solve", "--", "--language", "en"], None),
        (["solve", "s.yaml"], None),
        (["solve", "--language"], None),
    ],
)
def test_language_is_read_from_anywhere_on_the_command_line(
    argv: list[str], expected: str | None
) -> None:
    assert from_argv(argv) == expected


@pytest.mark.indonesian
def test_the_flag_beats_the_environment_which_beats_the_scenario(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = scenario(tmp_path, "en")
    assert use(None) == "id"
    assert use(None, english) == "en"
    assert current() == "en"
    assert use("id", english) == "id"
    monkeypatch.setenv(ENV_VAR, "id")
    assert use(None, english) == "id"
    assert use("en", english) == "en"
    assert say("ya", "yes") == "yes"


@pytest.mark.indonesian
def test_a_scenario_that_cannot_be_read_leaves_the_default(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("rules: [\n", encoding="utf-8")
    assert use(None, broken) == "id"
    assert use(None, tmp_path / "missing.yaml") == "id"


def test_a_wrong_language_is_one_clear_problem() -> None:
    with pytest.raises(InputError) as caught:
        use("fr")
    (issue,) = caught.value.issues
    assert issue.rule == "bad_value"
    assert (
        issue.text("id")
        == "kolom '--language': --language bernilai id atau en (nilai 'fr') [bad_value]"
    )
    result = runner.invoke(app, ["validate", str(GOOD / "scenario.yaml"), "--language", "fr"])
    assert result.exit_code == 2
    assert "--language is id or en" in result.stderr


# --- messages --------------------------------------------------------------------------------


def test_an_issue_reads_in_either_language() -> None:
    issue = InputIssue(
        "duplicate_nip",
        "NIP appears more than once",
        file="employees.csv",
        row=8,
        column="nip",
        value="197501012000031001",
        message_id="NIP muncul lebih dari sekali",
    )
    assert issue.text("id") == (
        "employees.csv, baris 8, kolom 'nip': NIP muncul lebih dari sekali "
        "(nilai '197501012000031001') [duplicate_nip]"
    )
    assert str(issue) == (
        "employees.csv, row 8, column 'nip': NIP appears more than once "
        "(value '197501012000031001') [duplicate_nip]"
    )
    in_yaml = InputIssue("unknown_key", "unknown key", file="s.yaml", column="rules.x")
    assert in_yaml.text("id").startswith("s.yaml, kunci 'rules.x': unknown key")


@pytest.mark.indonesian
def test_validate_speaks_indonesian_by_default() -> None:
    result = runner.invoke(app, ["validate", str(GOOD / "scenario.yaml")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Skenario 'tiny-good' valid (per 2026-12-01)."
    assert lines[1] == f"  employees                     6 baris {GOOD}/employees.csv"
    assert lines[-1] == "Tidak ada peringatan."


@pytest.mark.indonesian
def test_problems_in_the_input_are_listed_in_indonesian(tmp_path: Path) -> None:
    employees = tmp_path / "employees.csv"
    text = (GOOD / "employees.csv").read_text(encoding="utf-8").splitlines()
    text.append(text[1])  # the first person twice
    employees.write_text("\n".join(text) + "\n", encoding="utf-8")
    path = scenario(tmp_path)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["data"]["employees"] = str(employees)
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    err = result.stderr
    assert re.search(r"^\d+ masalah dalam masukan:$", err, re.MULTILINE), err
    assert f"{employees}, baris {len(text)}, kolom 'nip': " in err
    assert "(nilai '" in err
    assert "in the input" not in err


@pytest.mark.indonesian
def test_solve_summary_line_and_progress_in_indonesian(tmp_path: Path) -> None:
    path = solve_scenario(tmp_path)
    result = runner.invoke(app, ["solve", str(path), "--out", str(tmp_path / "run")])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        r"optimal tujuan=\d+\.\d{4} selisih=0\.00% mutasi=\d+ folder=\S+\n", result.stdout
    ), result.stdout
    english = runner.invoke(
        app, ["solve", str(path), "--out", str(tmp_path / "run2"), "--language", "en"]
    )
    assert english.exit_code == 0, english.output
    assert english.stdout.startswith("optimal objective=")

    # --language on solve also sets the language of what is written (output.language).
    def written_language(run: str) -> str:
        manifest = json.loads((tmp_path / run / "manifest.json").read_text(encoding="utf-8"))
        return str(manifest["scenario"]["output"]["language"])

    assert written_language("run") == "id"
    assert written_language("run2") == "en"


@pytest.mark.indonesian
def test_terminal_progress_names_the_stage_and_shows_gap_and_time_left() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=200)
    with TerminalProgress(console) as progress:
        progress.phase_started("solve")
        progress.solver_time_limit(30.0)
        progress.solver_stage("cpsat")
        progress.solver_update(90.0, 100.0)
        progress.solver_update(None, 99.0)
        task = progress._progress.tasks[0]
        description = task.description
        left = _TimeLeft().render(task).plain
        progress.solver_stage("ties")
        ties = progress._progress.tasks[0].description
        progress.phase_finished("solve", 2.5)
    assert description == (
        "cari rencana terbaik: CP-SAT pada pasangan yang tersisa; terbaik 90,00, batas 99,00, "
        "selisih 10,00 %"
    )
    assert re.fullmatch(r"sisa (29|30) dari 30 detik", left), left
    assert ties.startswith("cari rencana terbaik: aturan seri: paling sedikit mutasi")
    assert "(2,50 detik)" in buffer.getvalue()


def test_terminal_progress_in_english() -> None:
    set_current("en")
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=200)
    with TerminalProgress(console) as progress:
        progress.phase_started("solve")
        progress.solver_stage("lp")
        progress.solver_update(1234.5, None)
        description = progress._progress.tasks[0].description
        progress.phase_finished("solve", 1.0)
    assert description == "solve: LP bound and dual prices; incumbent 1,234.50, bound -"


# --- help, in a fresh process -------------------------------------------------------------------


@pytest.mark.indonesian
def test_help_is_indonesian_by_default_and_english_on_request() -> None:
    indonesian = cli("solve", "--help")
    assert indonesian.returncode == 0, indonesian.stderr
    assert "Rencanakan satu putaran mutasi" in indonesian.stdout
    assert "Opsi" in indonesian.stdout
    assert "batas waktu solver, dalam detik" in indonesian.stdout
    english = cli("solve", "--help", "--language", "en")
    assert "Plan a round" in english.stdout
    assert "Options" in english.stdout
    assert "seconds for the solver" in english.stdout
    by_env = cli("--help", env={ENV_VAR: "en"})
    assert "Competency-matching optimisation" in by_env.stdout
    top = cli("--help")
    assert "Optimasi mutasi ASN" in top.stdout
    for command in (
        "validate",
        "analyze",
        "compare",
        "sweep",
        "batch",
        "sample",
        "explain",
        "import-siasn",
    ):
        assert command in top.stdout


@pytest.mark.indonesian
def test_every_command_help_is_indonesian() -> None:
    """No command keeps an English description or option help in the Indonesian help."""
    english_words = re.compile(r"(?<![-\w])(the|and|of|with|folder to write|show tracebacks)\b")
    for command in (
        "solve",
        "validate",
        "analyze",
        "compare",
        "sweep",
        "batch",
        "sample",
        "explain",
        "import-siasn",
    ):
        out = cli(command, "--help").stdout
        # Usage and --help's own line come from the click inside typer (documented as English).
        body = "\n".join(
            line
            for line in out.splitlines()
            if "Usage:" not in line and "Show this message" not in line
        )
        assert not english_words.search(body), (command, body)


def test_version() -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert re.fullmatch(r"mutasi-opt \S+\n", result.stdout)


def test_framework_words_switch_both_ways() -> None:
    import typer.rich_utils as ru

    fw.speak("id")
    assert ru.OPTIONS_PANEL_TITLE == "Opsi"
    assert ru.RICH_HELP.startswith("Coba ")
    fw.speak("en")
    assert ru.OPTIONS_PANEL_TITLE == "Options"
    assert ru.RICH_HELP.startswith("Try ")
    # Every constant replaced still exists in the pinned typer.
    for name in fw._RICH_CONSTANTS:
        assert hasattr(ru, name), name


@pytest.mark.indonesian
def test_compare_and_its_summary_speak_indonesian(tmp_path: Path) -> None:
    path = solve_scenario(tmp_path)
    for run in ("a", "b"):
        assert runner.invoke(app, ["solve", str(path), "--out", str(tmp_path / run)]).exit_code == 0
    result = runner.invoke(
        app, ["compare", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "c")]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Perbandingan 2 run"
    assert re.match(r"  a\s+optimal\s+mutasi=\d+\s+total_kecocokan=", lines[1]), lines[1]
    assert "pegawai ditempatkan berbeda; inti kokoh:" in result.stdout
    assert lines[-1] == f"perbandingan ditulis ke {tmp_path / 'c'}"
    english = runner.invoke(
        app,
        ["compare", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "d"),
         "--language", "en"],
    )  # fmt: skip
    assert english.stdout.splitlines()[0] == "Comparison of 2 runs"
