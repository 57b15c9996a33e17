"""Scenario and sweep files: keys twice, YAML 1.1 words, alias bombs, names that are paths
(issue 13, items 4, 5, 7 and 9). Nothing is written in any case that fails."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mutasi_opt.errors import InputError
from mutasi_opt.scenario import load_scenario
from mutasi_opt.yamlio import MAX_NODES

from .kit import cli, tiny

HEAD = "name: tiny\nas_of: 2026-12-01\ndata:\n  employees: data/employees.csv\n  positions: data/positions.csv\n"


def _scenario(tmp_path: Path, text: str) -> Path:
    tiny(tmp_path)  # the tables
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path: Path) -> str:
    """validate and solve both exit 2, nothing is written; validate's stderr."""
    validated = cli("validate", path)
    solved = cli("solve", path, "--quiet")
    assert (validated.exit_code, solved.exit_code) == (2, 2), validated.output
    assert not (path.parent / "runs").exists()
    assert "Traceback" not in validated.output + solved.output
    return validated.stderr


def test_a_section_written_twice_names_the_key_and_both_lines(tmp_path: Path) -> None:
    text = HEAD + "rules:\n  max_moves: 5\nweights:\n  fit: 1\nrules:\n  min_tenure_months: 12\n"
    stderr = _refused(_scenario(tmp_path, text))
    assert "row 10" in stderr
    assert "key 'rules' is written twice: on line 6 and again on line 10" in stderr


def test_a_nested_key_written_twice_is_refused(tmp_path: Path) -> None:
    text = HEAD + "rules:\n  max_moves: 5\n  max_moves: 50\n"
    stderr = _refused(_scenario(tmp_path, text))
    assert "key 'max_moves' is written twice: on line 7 and again on line 8" in stderr


def test_a_key_twice_inside_a_freeze_window_is_refused(tmp_path: Path) -> None:
    text = (
        HEAD
        + "rules:\n  freeze_windows:\n    - from: 2026-01-01\n      from: 2026-02-01\n      to: 2026-03-01\n"
    )
    stderr = _refused(_scenario(tmp_path, text))
    assert "key 'from' is written twice: on line 8 and again on line 9" in stderr


def test_a_key_twice_in_a_base_scenario_names_the_base(tmp_path: Path) -> None:
    base = _scenario(tmp_path, HEAD + "output:\n  dir: a\noutput:\n  dir: b\n")
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: {base.name}\nname: child\n", encoding="utf-8")
    stderr = _refused(child)
    assert f"{base}" in stderr
    assert "key 'output' is written twice" in stderr


def test_a_key_twice_in_a_sweep_file_is_refused(tmp_path: Path) -> None:
    base = _scenario(tmp_path, HEAD)
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text(
        f"base: {base.name}\ngrid:\n  weights.move_cost: [0, 0.1]\ngrid:\n  weights.fit: [1]\n",
        encoding="utf-8",
    )
    result = cli("sweep", sweep, "--quiet")
    assert result.exit_code == 2
    assert "key 'grid' is written twice: on line 2 and again on line 4" in result.stderr
    assert not (tmp_path / "runs").exists()


@pytest.mark.parametrize("word", ["off", "Off", "OFF"])
def test_off_is_read_as_the_word_off(tmp_path: Path, word: str) -> None:
    text = HEAD + f"rules:\n  rank_range: {word.lower()}\n  education: {word.lower()}\n"
    rules = load_scenario(_scenario(tmp_path, text)).rules
    assert (rules.rank_range, rules.education) == ("off", "off")


@pytest.mark.parametrize("word", ["on", "yes", "no", "y", "n"])
def test_yaml_1_1_booleans_stay_words(tmp_path: Path, word: str) -> None:
    text = HEAD + f"description: {word}\n"
    assert load_scenario(_scenario(tmp_path, text)).description == word


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k, name in enumerate("bcdefgh"):
        prev = "abcdefg"[k]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = HEAD + "\n".join(lines) + "\ndescription: *h\n"
    path = _scenario(tmp_path, text)
    start = time.perf_counter()
    with pytest.raises(InputError) as err:
        load_scenario(path)
    assert time.perf_counter() - start < 2.0
    (issue,) = err.value.issues
    assert f"more than {MAX_NODES:,} values" in issue.message
    assert len(str(err.value)) < 500
    assert "lol" not in _refused(path)


def test_an_alias_that_holds_itself_is_refused(tmp_path: Path) -> None:
    stderr = _refused(_scenario(tmp_path, HEAD + "description: &d [*d]\n"))
    assert "an alias refers to the value that holds it" in stderr


def test_a_long_value_in_a_message_is_cut_short(tmp_path: Path) -> None:
    text = HEAD + "weights:\n  fit: [" + ", ".join(["1"] * 2_000) + "]\n"
    stderr = _refused(_scenario(tmp_path, text))
    assert "..." in stderr
    assert len(stderr) < 2_000


def test_a_very_deep_document_is_refused(tmp_path: Path) -> None:
    stderr = _refused(_scenario(tmp_path, HEAD + "description: " + "[" * 700 + "]" * 700 + "\n"))
    assert "[yaml_syntax]" in stderr


def test_a_huge_scenario_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    stderr = _refused(_scenario(tmp_path, HEAD + "#" * (5 << 20) + "\n"))
    assert "[scenario_too_large]" in stderr


def test_a_python_tag_builds_nothing(tmp_path: Path) -> None:
    text = HEAD + "description: !!python/object/apply:os.system ['touch pwned']\n"
    stderr = _refused(_scenario(tmp_path, text))
    assert "[yaml_syntax]" in stderr
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../../../escaped", "holds /"),
        ("/tmp/absolute", "holds /"),
        ("mutasi 2026/2027", "holds /"),
        ("..\\..\\win", "which a folder name may not"),
        (".hidden", "starts with a dot"),
        ("'..'", "starts with a dot"),
        ("NUL", "device name"),
        ("'Tahap 1: Guru'", "holds :"),
        ('"a\\x0bb"', "control character"),
        ("'" + "x" * 101 + "'", "longer than 100"),
    ],
)
def test_a_scenario_name_that_is_not_one_folder_name_is_refused(
    tmp_path: Path, name: str, words: str
) -> None:
    text = HEAD.replace("name: tiny", f"name: {name}")
    stderr = _refused(_scenario(tmp_path, text))
    assert "key 'name'" in stderr
    assert "becomes its run folder's name" in stderr
    assert words in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "s.yaml", "scenario.yaml"]


def test_a_safe_name_with_spaces_writes_inside_output_dir(tmp_path: Path) -> None:
    path = _scenario(
        tmp_path,
        HEAD.replace("name: tiny", "name: mutasi 2026-2027")
        + "output:\n  dir: runs\n  formats: [csv]\n",
    )
    result = cli("solve", path, "--quiet")
    assert result.exit_code == 0, result.output
    (run,) = (tmp_path / "runs").iterdir()
    assert run.name.startswith("mutasi 2026-2027-")
    assert (run / "summary.json").is_file()


def test_a_control_character_in_the_description_is_refused(tmp_path: Path) -> None:
    stderr = _refused(_scenario(tmp_path, HEAD + 'description: "a\\x1bb"\n'))
    assert "key 'description'" in stderr
    assert "U+001B" in stderr
