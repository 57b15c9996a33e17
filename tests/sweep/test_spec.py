"""The sweep file: validation, points and their names, the points' scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutasi_opt.errors import InputError
from mutasi_opt.sweep import load_sweep
from mutasi_opt.sweep.spec import point_name, value_text

TINY = Path(__file__).parent / "data" / "tiny" / "scenario.yaml"


def write_sweep(folder: Path, body: str, name: str = "sweep.yaml") -> Path:
    """A sweep file in ``folder`` whose base is the tiny scenario."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"base: {TINY}\n{body}", encoding="utf-8")
    return path


def test_grid_product_in_order_then_cases(tmp_path: Path) -> None:
    spec = load_sweep(
        write_sweep(
            tmp_path,
            "grid:\n  weights.move_cost: [0.0, 0.05]\n  rules.allow_promotion: [true, false]\n"
            "cases:\n  - name: cap ten\n    set: {rules.max_moves: 10}\n"
            "  - set: {solver.backend: cpsat}\n",
        )
    )
    names = [p.name for p in spec.points()]
    assert names == [
        "p001-weights.move_cost=0.0,rules.allow_promotion=true",
        "p002-weights.move_cost=0.0,rules.allow_promotion=false",
        "p003-weights.move_cost=0.05,rules.allow_promotion=true",
        "p004-weights.move_cost=0.05,rules.allow_promotion=false",
        "p005-cap_ten",
        "p006-solver.backend=cpsat",
    ]
    assert spec.points()[4].settings == {"rules.max_moves": 10}
    assert spec.points()[4].case == "cap ten"
    assert spec.varied_keys() == [
        "weights.move_cost",
        "rules.allow_promotion",
        "rules.max_moves",
        "solver.backend",
    ]


def test_defaults_name_and_out_from_the_file(tmp_path: Path) -> None:
    spec = load_sweep(write_sweep(tmp_path, "grid: {weights.fit: [1]}\n", name="cost.yaml"))
    assert spec.label == "cost"
    assert spec.out_dir() == tmp_path / "runs" / "cost"
    assert spec.out_dir(tmp_path / "elsewhere") == tmp_path / "elsewhere" / "cost"
    assert spec.base == TINY
    named = load_sweep(write_sweep(tmp_path, "name: x\nout: out/here\ngrid: {weights.fit: [1]}\n"))
    assert named.out_dir(tmp_path / "elsewhere") == tmp_path / "out" / "here"


def test_point_scenarios_set_the_keys_and_the_name(tmp_path: Path) -> None:
    spec = load_sweep(write_sweep(tmp_path, "grid:\n  weights.move_cost: [0.0, 0.2]\n"))
    pairs = spec.scenarios()
    assert [ps.scenario.weights.move_cost for ps in pairs] == [0.0, 0.2]
    assert [ps.scenario.name for ps in pairs] == ["tiny-p001", "tiny-p002"]
    # Everything else is the base's, paths included.
    assert pairs[0].scenario.data.employees == TINY.parent / "employees.csv"
    assert pairs[1].scenario.solver.workers == 1


def test_relative_data_paths_in_values_follow_the_sweep_file(tmp_path: Path) -> None:
    spec = load_sweep(write_sweep(tmp_path, "cases:\n  - set: {data.scores: my/scores.csv}\n"))
    assert spec.points()[0].settings == {"data.scores": str(tmp_path / "my" / "scores.csv")}


def test_unknown_and_bad_keys_named_all_at_once(tmp_path: Path) -> None:
    path = write_sweep(
        tmp_path,
        "grid:\n  weights.move_cots: [0.1]\n  weights.fit: [-1, 1, -1]\n"
        "cases:\n  - set: {rules.nothing.deeper: 1}\n  - set: {weights.move_cots: 2}\n",
    )
    with pytest.raises(InputError) as info:
        load_sweep(path).scenarios()
    found = [(i.rule, i.column, i.value) for i in info.value.issues]
    # Each unknown key once; the bad value once although two points have it.
    assert found == [
        ("unknown_key", "grid.weights.move_cots", None),
        ("bad_value", "grid.weights.fit", "-1"),
        ("unknown_key", "cases[0].set.rules.nothing.deeper", None),
    ]
    assert all(i.file == str(path) for i in info.value.issues)
    assert info.value.issues[0].message == "not a key of the scenario (check the spelling)"
    assert info.value.issues[1].message.endswith(
        ", in point p001-weights.move_cots=0.1,weights.fit=-1"
    )


def test_bad_value_named_with_its_key(tmp_path: Path) -> None:
    path = write_sweep(tmp_path, "grid:\n  weights.fit: [1, -1]\n")
    with pytest.raises(InputError) as info:
        load_sweep(path).scenarios()
    (issue,) = info.value.issues
    assert (issue.rule, issue.column, issue.value) == ("bad_value", "grid.weights.fit", "-1")
    assert issue.message.endswith(", in point p002-weights.fit=-1")
    assert str(issue).startswith(f"{path}, key 'grid.weights.fit': ")


@pytest.mark.parametrize(
    ("body", "column", "message"),
    [
        ("grid: {}\n", None, "a sweep needs a grid or cases"),
        ("grid: {weights.fit: []}\n", "grid", "weights.fit: give at least one value"),
        ("grid: {name: [a]}\n", "grid", "'name' cannot be varied: the sweep sets it for every point"),
        ("grid: {'weights..fit': [1]}\n", "grid", "'weights..fit' is not a dotted scenario key"),
        ("grids: {weights.fit: [1]}\n", "grids", "unknown key of a sweep file (check the spelling)"),
        ("cases: [{set: {}}]\n", "cases.0.set", "a case sets at least one key"),
    ],
)  # fmt: skip
def test_malformed_sweep_files(tmp_path: Path, body: str, column: str | None, message: str) -> None:
    with pytest.raises(InputError) as info:
        load_sweep(write_sweep(tmp_path, body)).scenarios()
    issue = info.value.issues[0]
    assert issue.column == column
    assert issue.message.startswith(message)


def test_missing_base_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("grid: {weights.fit: [1]}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_sweep(path)
    assert [(i.rule, i.column) for i in info.value.issues] == [("missing_key", "base")]
    with pytest.raises(InputError, match="sweep file does not exist"):
        load_sweep(tmp_path / "none.yaml")


def test_point_names_are_safe_and_bounded() -> None:
    assert value_text(None) == "null"
    assert value_text([1, 2]) == "[1,2]"
    assert value_text({"b": 1, "a": "x"}) == '{"a":"x","b":1}'
    assert point_name(7, 3, {"output.dir": "a/b c"}) == "p007-output.dir=a_b_c"
    assert point_name(1, 4, {"k": "x" * 300}).startswith("p0001-k=xxx")
    assert len(point_name(1, 4, {"k": "x" * 300})) == 100
    assert point_name(12, 3, {}, case="../../etc") == "p012-etc"
