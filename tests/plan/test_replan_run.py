"""The re-plan from the command line: a round, the panel's rulings, a re-plan with a change cap.

On a synthetic round of 150 people (``mutasi-opt sample``): the first plan, three rulings chosen
from it, ``solve --baseline RUN --max-changes N``, and ``compare`` of the two runs. The re-plan's
optimum under the cap is checked against the exact MILP of :mod:`solve.milp` (written from the
model's definition), and ``compare`` must list exactly the people placed differently.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from mutasi_opt.api import load_problem
from mutasi_opt.cli import app
from mutasi_opt.comparison import compare_runs
from mutasi_opt.pipeline import read_baseline
from mutasi_opt.problem import with_baseline
from mutasi_opt.synth import generate_sample, write_sample
from solve.milp import milp_solve

runner = CliRunner()


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The sample, its first run, and a panel scenario with three rulings on that run."""
    root = tmp_path_factory.mktemp("loop")
    write_sample(generate_sample(150, seed=7), root / "data", xlsx=False)
    scenario = root / "data" / "scenario.yaml"
    raw = yaml.safe_load(scenario.read_text(encoding="utf-8"))
    raw["output"] = {**raw.get("output", {}), "formats": ["csv"], "frontier_solves": 0}
    scenario.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    first = root / "run1"
    result = runner.invoke(app, ["solve", str(scenario), "--out", str(first), "--quiet"])
    assert result.exit_code == 0, result.output
    plan = pd.read_csv(first / "assignments.csv", dtype=str, keep_default_na=False)
    movers = plan[plan["moved"] == "true"]
    problem = load_problem(scenario)
    # Keep the first mover where they are; forbid the second mover's new post; assign a stayer to
    # another of their candidate posts.
    rows = [
        {"nip": movers["nip"].iloc[0], "position_id": "", "decision": "keep", "note": "tetap"},
        {"nip": movers["nip"].iloc[1], "position_id": movers["to_position_id"].iloc[1],
         "decision": "forbid", "note": "bukan jabatan ini"},
    ]  # fmt: skip
    pairs = problem.pairs
    for i in np.flatnonzero((plan["moved"] == "false").to_numpy()).tolist():
        options = [j for j in pairs.post[pairs.ptr[i] : pairs.ptr[i + 1]].tolist()
                   if j != problem.instance.current_post[i]]  # fmt: skip
        if options:
            rows.append({"nip": str(problem.nip[i]), "position_id": str(problem.post_id[options[0]]),
                         "decision": "assign", "note": "usul OPD"})  # fmt: skip
            break
    pd.DataFrame(rows).to_csv(root / "data" / "decisions.csv", index=False)
    raw["name"] = "panel"
    raw["data"]["decisions"] = "decisions.csv"
    panel = root / "data" / "panel.yaml"
    panel.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return {"root": root, "first": first, "panel": panel, "rows": rows}


@pytest.mark.parametrize("cap", [2, 3, 4, 8, 100])
def test_the_replan_is_the_milp_optimum_under_the_cap_and_compare_lists_its_changes(
    loop: dict[str, Any], cap: int
) -> None:
    out = loop["root"] / f"run-cap{cap}"
    result = runner.invoke(app, ["solve", str(loop["panel"]), "--baseline", str(loop["first"]),
                                 "--max-changes", str(cap), "--out", str(out), "--quiet"])  # fmt: skip
    problem = with_baseline(load_problem(loop["panel"]), read_baseline(loop["first"]), cap)
    oracle = milp_solve(problem.instance)
    if oracle.objective is None:
        assert result.exit_code == 3, result.output
        return
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "optimal"
    assert summary["proof"]["verified"] is True
    proof = json.loads((out / "proof.json").read_text(encoding="utf-8"))
    assert proof["exact"]["objective_int"] == oracle.objective
    changes = summary["baseline"]["changes"]
    assert changes <= cap
    assert summary["kpis"]["changes_from_baseline"] == changes
    assert summary["rulings"] == {"keep": 1, "forbid": 1, "assign": 1, "overridden": []}
    comparison = compare_runs([loop["first"], out])
    before = pd.read_csv(loop["first"] / "assignments.csv", dtype=str).set_index("nip")
    after = pd.read_csv(out / "assignments.csv", dtype=str).set_index("nip")
    differ = set(
        after.index[after["to_position_id"] != before["to_position_id"].reindex(after.index)]
    )
    assert set(comparison.person_diff["nip"]) == differ
    assert len(differ) == changes
    # Every ruling is followed and quoted.
    for row in loop["rows"]:
        line = after.loc[row["nip"]]
        assert row["note"] in line["reason"]
        if row["decision"] == "keep":
            assert line["to_position_id"] == line["from_position_id"]
        if row["decision"] == "assign":
            assert line["to_position_id"] == row["position_id"]
        if row["decision"] == "forbid":
            assert line["to_position_id"] != row["position_id"]


def test_without_a_cap_the_distance_is_reported(loop: dict[str, Any]) -> None:
    out = loop["root"] / "run-free"
    result = runner.invoke(app, ["solve", str(loop["panel"]), "--baseline", str(loop["first"]),
                                 "--out", str(out), "--quiet"])  # fmt: skip
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["baseline"]["max_changes"] is None
    assert summary["baseline"]["changes"] >= 1


def test_max_changes_needs_a_baseline_and_a_baseline_must_be_a_run(loop: dict[str, Any]) -> None:
    result = runner.invoke(app, ["solve", str(loop["panel"]), "--max-changes", "3"])
    assert result.exit_code == 2
    assert "--baseline" in result.output
    result = runner.invoke(app, ["solve", str(loop["panel"]), "--baseline", str(loop["root"])])
    assert result.exit_code == 2


def test_the_baseline_reads_back_the_plan(loop: dict[str, Any]) -> None:
    plan = read_baseline(loop["first"])
    frame = pd.read_csv(Path(loop["first"]) / "assignments.csv", dtype=str)
    assert plan == dict(zip(frame["nip"], frame["to_position_id"], strict=True))


def test_alternatives_are_written_distinct_and_within_the_gap(loop: dict[str, Any]) -> None:
    out = loop["root"] / "run-alternatives"
    result = runner.invoke(app, ["solve", str(loop["panel"]), "--baseline", str(loop["first"]),
                                 "--alternatives", "2", "--out", str(out), "--quiet"])  # fmt: skip
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    note = summary["alternatives"]
    assert note["found"] == 2
    table = pd.read_csv(out / "alternatives" / "alternatives.csv")
    assert len(table) == 1 + note["found"]
    assert table["plan"].tolist()[0] == "plan-0"
    plans = [pd.read_csv(out / "assignments.csv", dtype=str).set_index("nip")["to_position_id"]]
    for k in range(1, note["found"] + 1):
        folder = out / "alternatives" / f"plan-{k}"
        alt = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        assert alt["status"] == "optimal"
        assert alt["proof"]["verified"] is True
        assert alt["alternative"]["plan"] == f"plan-{k}"
        assert alt["objective"] >= note["value_floor"] - 1e-6
        assert alt["objective"] <= summary["objective"] + 1e-9
        posts = pd.read_csv(folder / "assignments.csv", dtype=str).set_index("nip")[
            "to_position_id"
        ]
        assert all(int((posts != p).sum()) >= note["min_difference"] for p in plans)
        plans.append(posts)
    differences = pd.read_csv(out / "alternatives" / "differences.csv", dtype=str)
    stacked = pd.concat(plans, axis=1)
    assert set(differences["nip"]) == set(stacked.index[stacked.nunique(axis=1) > 1])
