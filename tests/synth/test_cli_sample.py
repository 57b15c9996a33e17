"""``mutasi-opt sample`` on the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mutasi_opt.cli import app

runner = CliRunner()


def test_sample_writes_the_folder_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "s"
    result = runner.invoke(
        app, ["sample", "--out", str(out), "-n", "300", "--seed", "5", "--no-xlsx"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote a synthetic Kota Sibolga to {out}: 300 people, ")
    assert {f.name for f in out.iterdir()} == {
        "employees.csv", "positions.csv", "competencies.csv", "requirements.csv",
        "competency_dictionary.csv", "preferences.csv", "scenario.yaml", "README.md",
        ".mutasi-opt.json",
    }  # fmt: skip
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "`mutasi-opt sample --employees 300 --seed 5 --as-of 2026-12-01`" in readme
    validated = runner.invoke(app, ["validate", str(out / "scenario.yaml")])
    assert validated.exit_code == 0, validated.output


def test_sample_refuses_a_non_empty_folder_with_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "s"
    args = ["sample", "--out", str(out), "-n", "100", "--no-xlsx"]
    assert runner.invoke(app, args).exit_code == 0
    before = (out / "employees.csv").read_bytes()
    again = runner.invoke(app, [*args, "--seed", "9"])
    assert again.exit_code == 2
    assert "folder is not empty; choose another or use --force to replace it" in again.stderr
    assert (out / "employees.csv").read_bytes() == before
    forced = runner.invoke(app, [*args, "--seed", "9", "--force"])
    assert forced.exit_code == 0
    assert (out / "employees.csv").read_bytes() != before


def test_sample_rejects_bad_arguments(tmp_path: Path) -> None:
    out = str(tmp_path / "s")
    assert runner.invoke(app, ["sample", "--out", out, "-n", "99"]).exit_code == 2
    bad_date = runner.invoke(app, ["sample", "--out", out, "--as-of", "2026-13-01"])
    assert bad_date.exit_code == 2
    assert "is not a date (YYYY-MM-DD)" in bad_date.stderr
    assert runner.invoke(app, ["sample", "-n", "300"]).exit_code == 2  # --out is required
    assert not Path(out).exists()
