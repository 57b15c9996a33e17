"""The public API of ``mutasi_opt``: names, docstrings, a light import, reprs, the notebook helpers.

Hand-computed values are on tests/data/solve (six people, eight posts, two OPDs), planned at
2026-12-01 with the default rules and weights: ``value = p_j (fit + 0.2 perf + 0.1 pot)
+ 0.3 pref - 0.05 [moved]`` with ``p_j = priority / 3``, Baik = 0.75, menengah = 0.5.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutasi_opt as mo
from mutasi_opt.errors import InputError

DATA = Path(__file__).resolve().parent / "data" / "solve"
CITRA = "198203032007012003"  # P04 (Disdukcapil); M.01 2, M.03 1; first wish P03
DEDI = "198304042008011004"  # P05, 17 months in post: stays (min_tenure)
EKA = "198405052009011005"  # P06; refuses every post of Dinas Kominfo


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scenario over tests/data/solve with every default rule and weight."""
    folder = tmp_path_factory.mktemp("api")
    path = folder / "scenario.yaml"
    tables = ("employees", "positions", "competencies", "requirements", "preferences")
    lines = ["name: tiny-api", "as_of: 2026-12-01", "data:"]
    lines += [f"  {t}: {DATA / (t + '.csv')}" for t in tables]
    lines += ["output:", f"  dir: {folder / 'runs'}", "  formats: [csv]"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def problem(scenario_file: Path) -> mo.Problem:
    """The problem of the tiny scenario."""
    return mo.load_problem(scenario_file)


# --- names ------------------------------------------------------------------------------------


def test_every_public_name_imports_and_has_a_docstring() -> None:
    missing = []
    for name in mo.__all__:
        value = getattr(mo, name)
        if name == "__version__":
            assert isinstance(value, str)
            assert value
            continue
        if not (value.__doc__ or "").strip():
            missing.append(name)
    assert missing == []


def test_all_is_sorted_unique_and_star_import_gives_exactly_it() -> None:
    assert len(set(mo.__all__)) == len(mo.__all__)
    namespace: dict[str, object] = {}
    exec("from mutasi_opt import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(mo.__all__)


def test_api_functions_have_numpydoc_sections_and_examples() -> None:
    for name in ("load", "load_problem", "with_settings", "people_frame", "candidate_pairs"):
        doc = getattr(mo, name).__doc__
        assert "Returns\n    -------" in doc, name
        assert "Examples\n    --------" in doc, name


def test_dir_lists_the_public_names_and_unknown_names_raise() -> None:
    assert set(mo.__all__) <= set(dir(mo))
    with pytest.raises(AttributeError, match="module 'mutasi_opt' has no attribute 'solver'"):
        _ = mo.solver  # type: ignore[attr-defined]


def _python(code: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout)


def test_import_is_light_and_configures_no_logging_or_warnings() -> None:
    out = _python(
        """
        import json, logging, sys, warnings
        filters = list(warnings.filters)
        handlers = list(logging.getLogger().handlers)
        level = logging.getLogger().level
        import mutasi_opt
        heavy = ("pandas", "numpy", "ortools", "scipy", "matplotlib", "distributed", "pydantic")
        print(json.dumps({
            "heavy": [m for m in heavy if m in sys.modules],
            "filters": warnings.filters == filters,
            "handlers": logging.getLogger().handlers == handlers,
            "level": logging.getLogger().level == level,
        }))
        """
    )
    assert out == {"heavy": [], "filters": True, "handlers": True, "level": True}


def test_solve_is_the_function_whichever_module_is_imported_first() -> None:
    # The subpackage mutasi_opt.solve shares the function's name; importing one of its modules
    # first must not leave the package attribute pointing at the subpackage.
    out = _python(
        """
        import importlib, json
        import mutasi_opt.solve.flow      # loads the subpackage mutasi_opt.solve first
        import mutasi_opt
        from mutasi_opt import solve
        from mutasi_opt.solve.result import Status
        print(json.dumps({
            "attribute": type(mutasi_opt.solve).__name__,
            "imported": type(solve).__name__,
            "same": solve is mutasi_opt.solve,
            "module": solve.__module__,
            "subpackage": type(importlib.import_module("mutasi_opt.solve")).__name__,
            "status": Status.OPTIMAL.value,
        }))
        """
    )
    assert out == {
        "attribute": "function",
        "imported": "function",
        "same": True,
        "module": "mutasi_opt.solve.dispatch",
        "subpackage": "module",
        "status": "optimal",
    }


# --- load and the frames ----------------------------------------------------------------------


def test_load_returns_the_scenario_and_its_tables(scenario_file: Path) -> None:
    scenario, tables = mo.load(scenario_file)
    assert scenario.name == "tiny-api"
    assert repr(tables) == (
        "Tables(employees=6, positions=8, competencies=14, requirements=13, "
        "competency_dictionary=9, preferences=2, scores=0, warnings=2)"
    )
    same, _ = mo.load(scenario)  # a loaded scenario is taken as it is
    assert same is scenario


def test_problem_repr(problem: mo.Problem) -> None:
    assert repr(problem) == "Problem(people=6, posts=8, units=2, pairs=27, side_rules=False)"


def test_people_frame_by_hand(problem: mo.Problem) -> None:
    people = mo.people_frame(problem)
    assert list(people.columns) == list(mo.api.PEOPLE_COLUMNS)
    assert people["nip"].tolist() == list(problem.nip)
    ani = people.iloc[0]
    # P02 requires M.01 2, M.03 2; Ani has 3 and 3: JPM 6/4, capped fit 4/4.
    assert ani["position_id"] == "P02"
    assert ani["unit"] == "Dinas Kominfo"
    assert ani["jpm"] == 150.0
    assert ani["jpm_category"] == "Optimal"
    assert ani["fit"] == 1.0
    # TMT 2020-01-06 to 2026-12-01: 82 whole months; born 1980-01-01 (NIP): 46 years.
    assert ani["tenure_months"] == 82.0
    assert ani["age_years"] == 46.0
    assert ani["nine_box"] == 5  # Baik (meets) x menengah
    # P05 requires nothing: JPM unknown, fit 0; Dedi is held by min_tenure: one candidate.
    dedi = people.set_index("nip").loc[DEDI]
    assert math.isnan(dedi["jpm"])
    assert dedi["jpm_category"] is None
    assert dedi["fit"] == 0.0
    assert dedi["candidate_posts"] == 1
    assert people["nine_box"].tolist() == [5, 9, 5, 5, 2, 5]


def test_people_frame_jpm_is_unknown_without_competency_data(problem: mo.Problem) -> None:
    levels = problem.context.levels.copy()
    levels[0] = 0
    import dataclasses

    context = dataclasses.replace(problem.context, levels=levels)
    people = mo.people_frame(dataclasses.replace(problem, context=context))
    assert math.isnan(people["jpm"].iloc[0])
    assert people["jpm_category"].iloc[0] is None
    assert people["jpm"].iloc[1] == 125.0


def test_score_pairs_one_person_against_every_post(problem: mo.Problem) -> None:
    frame = mo.score_pairs(problem, CITRA)
    assert frame["position_id"].tolist() == [f"P0{k}" for k in range(1, 9)]
    by_post = frame.set_index("position_id")
    # P03 (priority 3): fit (2 + 0) / 4, her first wish: 0.5 + 0.15 + 0.05 + 0.2 - 0.1. Her fit
    # in her own P04 is 1 and P03 is held by Budi: no_fit_loss closes it, yet it is rated.
    assert by_post.loc["P03", "fit"] == 0.5
    assert by_post.loc["P03", "preference"] == 1.0
    assert by_post.loc["P03", "value"] == pytest.approx(0.8)
    assert by_post.loc["P03", "excluded_by"] == "no_fit_loss"
    # P01 (pengawas, priority 5, vacant): fit 3 / 9, a promotion she qualifies for; a fall in fit
    # into a vacancy of priority >= 4 is allowed.
    assert by_post.loc["P01", "value"] == pytest.approx(5 / 3 * (1 / 3 + 0.2) - 0.1)
    # Her own post: no move cost.
    assert bool(by_post.loc["P04", "is_current"])
    assert by_post.loc["P04", "value"] == pytest.approx(1.2)
    # Open: her post, P06 (fit 1 too), and the vacancies P01 (priority 5) and P07 (priority 4).
    assert by_post.index[by_post["candidate"]].tolist() == ["P01", "P04", "P06", "P07"]
    assert (by_post.loc[by_post["candidate"], "excluded_by"] == "").all()


def test_score_pairs_names_the_rules_that_close_a_pair(problem: mo.Problem) -> None:
    frame = mo.score_pairs(problem, [EKA, DEDI], "P02")
    assert frame["nip"].tolist() == [EKA, DEDI]
    # Eka refuses Dinas Kominfo, and her fit would fall from 1 (P06) to 1/4 in P02, held by Ani.
    assert frame["excluded_by"].tolist() == ["refusal, no_fit_loss", "min_tenure"]
    assert frame["candidate"].tolist() == [False, False]
    # Eka: fit (1 + 0) / 4, potential rendah, past the maximum tenure (weights.overdue 0.05);
    # Dedi: fit (2 + 0) / 4.
    np.testing.assert_allclose(frame["value"], [0.25 + 0.15 - 0.1 + 0.05, 0.5 + 0.15 + 0.05 - 0.1])


def test_score_pairs_pairwise_and_errors(problem: mo.Problem) -> None:
    frame = mo.score_pairs(problem, [CITRA, EKA], ["P03", "P06"])
    assert list(zip(frame["nip"], frame["position_id"], strict=True)) == [
        (CITRA, "P03"),
        (EKA, "P06"),
    ]
    with pytest.raises(InputError) as err:
        mo.score_pairs(problem, ["123", CITRA, "123"], ["P99", "P01", "P01"])
    assert [str(i) for i in err.value.issues] == [
        "column 'nip': not in the employees table (value '123') [unknown_nip]"
    ]
    with pytest.raises(InputError, match=r"value 'P99'\) \[unknown_position_id\]"):
        mo.score_pairs(problem, CITRA, ["P01", "P99"])
    with pytest.raises(ValueError, match="2 NIPs and 3 posts"):
        mo.score_pairs(problem, [CITRA, EKA], ["P01", "P02", "P03"])


def test_candidate_pairs_are_the_problems_pairs(problem: mo.Problem) -> None:
    every = mo.candidate_pairs(problem)
    assert list(every.columns) == list(mo.api.PAIR_COLUMNS)
    assert len(every) == len(problem.pairs) == 27
    np.testing.assert_array_equal(every["value"], problem.pairs.value)
    eka = mo.candidate_pairs(problem, EKA)
    # Eka refuses Dinas Kominfo, and every Disdukcapil post but her own lowers her fit (1 in P06):
    # she can only stay.
    assert eka["position_id"].tolist() == ["P06"]
    assert eka["is_current"].tolist() == [True]
    both = mo.candidate_pairs(problem, [EKA, DEDI])
    assert both["nip"].value_counts().to_dict() == {EKA: 1, DEDI: 1}
    pd.testing.assert_frame_equal(
        mo.candidate_pairs(problem, CITRA).reset_index(drop=True),
        mo.score_pairs(problem, CITRA)
        .loc[lambda f: f["candidate"], list(mo.api.PAIR_COLUMNS)]
        .reset_index(drop=True),
    )


# --- variants ---------------------------------------------------------------------------------


def test_with_settings_changes_a_copy(scenario_file: Path) -> None:
    base = mo.load_scenario(scenario_file)
    strict = mo.with_settings(
        base, {"rules.max_moves": 2, "weights.move_cost": 0.2}, name="tiny-strict"
    )
    assert (strict.name, strict.rules.max_moves, strict.weights.move_cost) == (
        "tiny-strict",
        2,
        0.2,
    )
    assert (base.name, base.rules.max_moves, base.weights.move_cost) == ("tiny-api", None, 0.1)
    assert strict.data == base.data
    assert strict.source == base.source
    assert mo.with_settings(base, {"solver.seed": 3}).name == "tiny-api"


def test_with_settings_names_every_bad_key_and_value(scenario_file: Path) -> None:
    base = mo.load_scenario(scenario_file)
    with pytest.raises(InputError) as err:
        mo.with_settings(base, {"rules.max_move": 2, "weight.fit": 1.0})
    assert [(i.rule, i.column) for i in err.value.issues] == [
        ("unknown_key", "rules.max_move"),
        ("unknown_key", "weight.fit"),
    ]
    with pytest.raises(InputError) as err:
        mo.with_settings(base, {"rules.rank_range": "sometimes"})
    assert [(i.rule, i.column) for i in err.value.issues] == [("bad_value", "rules.rank_range")]


# --- reprs of what a notebook touches ---------------------------------------------------------


@pytest.fixture(scope="module")
def plan(problem: mo.Problem) -> mo.Plan:
    """The tiny round solved, checked and planned (reasons in English)."""
    result = mo.solve(problem)
    return mo.make_plan(problem, result, mo.check_plan(problem, result.assignment), language="en")


def test_reprs_are_one_short_line(problem: mo.Problem, plan: mo.Plan) -> None:
    needs = mo.needs_analysis(problem)
    assert repr(needs) == (
        "NeedsAnalysis(scenario=tiny-api, as_of=2026-12-01, people=6, posts=8, units=2, "
        "vacant_posts=2, free_seats=2, poor_match=0, overdue=4, retiring=0, no_candidate=1, "
        "no_candidate_vacant=0, jpm_no_data=0)"
    )
    assert repr(problem.pairs) == "CandidatePairs(pairs=27, people=6, current=6)"
    assert repr(plan.result).startswith("Result(status=optimal objective=")
    assert repr(plan).startswith("Plan(status=optimal objective=")
    assert repr(plan).endswith(", moves=2, language=en)")
    for shown in (needs, problem, problem.pairs, problem.tables, plan, plan.result, plan.check):
        assert "\n" not in repr(shown)
        assert len(repr(shown)) < 300


def test_explanation_repr_is_its_readable_account(plan: mo.Plan) -> None:
    explanation = mo.explain_person(plan, CITRA)
    assert repr(explanation) == str(explanation)
    assert repr(explanation).splitlines()[:2] == [
        f"NIP {CITRA} — Citra Lubis",
        "Current post: Pengelola Data Kependudukan (Disdukcapil) [P04]",
    ]


def test_plan_frames_are_dataframes_one_row_per_person(plan: mo.Plan) -> None:
    for frame in (plan.assignments, plan.vacancies, plan.chains, plan.development):
        assert isinstance(frame, pd.DataFrame)
    assert plan.assignments["nip"].tolist() == list(plan.problem.nip)


def test_run_and_compare_runs(scenario_file: Path, tmp_path: Path) -> None:
    base = mo.load_scenario(scenario_file)
    still = mo.with_settings(base, {"rules.max_moves": 0}, name="tiny-still")
    first = mo.run(base, out=tmp_path / "base")
    second = mo.run(still, out=tmp_path / "still")
    assert (first.exit_code, second.exit_code) == (0, 0)
    comparison = mo.compare_runs([first.out_dir, second.out_dir])
    assert isinstance(comparison.kpis, pd.DataFrame)
    assert comparison.kpis["run"].tolist() == ["base", "still"]
    assert comparison.kpis["moves"].tolist() == [2, 0]
    lines = repr(comparison).splitlines()
    assert lines[0] == "Comparison of 2 runs"
    assert lines[-1] == (
        "  2 people placed differently; robust core: 0 moves made in every run with a plan"
    )
