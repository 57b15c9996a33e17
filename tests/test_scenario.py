"""The scenario file: documented defaults, round trips, named errors, ``extends`` and paths."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from mutasi_opt.errors import InputError
from mutasi_opt.scenario import (
    DataFiles,
    DevelopmentSettings,
    FreezeWindow,
    OutputSettings,
    Rules,
    Scenario,
    ScoringSettings,
    SolverSettings,
    Weights,
    dump_scenario,
    load_scenario,
)

MINIMAL = "name: x\ndata:\n  employees: e.csv\n  positions: p.csv\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def issues_of(path: Path) -> list[tuple[str, str | None, str | None, str]]:
    """(rule, key, value, message) of every problem in the scenario file."""
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    return [(i.rule, i.column, i.value, i.message) for i in caught.value.issues]


# ------------------------------------------------------------------------------------------------
# Defaults


def test_empty_rules_give_the_domain_defaults(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path / "s.yaml", MINIMAL + "rules:\nweights:\nsolver:\n"))
    r = scenario.rules
    # docs/domain.md: tenure 2-5 years (PP 11/2017 art. 190(3)), retirement horizon 12 months, rank
    # range and education hard, refusals hard; promotion allowed, demotion not.
    assert (r.min_tenure_months, r.max_tenure_months, r.max_tenure_hard) == (24, 60, False)
    assert r.retirement_horizon_months == 12
    assert (r.allow_promotion, r.allow_demotion) == (True, False)
    assert (r.rank_range, r.education, r.refusals) == ("hard", "hard", "hard")
    assert (r.no_worse_off, r.only_scored_pairs) == (False, False)
    # docs/defaults.md: no voluntary fit loss, except into a vacancy of priority 4 or 5.
    assert (r.no_fit_loss, r.fit_loss_allowed_min_priority) == (True, 4)
    assert (r.max_moves, r.max_unit_outflow_share, r.must_fill_min_priority) == (None, None, None)
    assert r.freeze_windows == []
    # docs/domain.md, "Employment types": only PNS move (CPNS on probation, PPPK on contract stay).
    assert r.movable_asn_types == ["PNS"]
    w = scenario.weights
    # docs/defaults.md: chosen by measurement.
    assert (w.fit, w.performance, w.potential, w.preference, w.move_cost, w.overdue) == (
        1.0,
        0.2,
        0.1,
        0.2,
        0.1,
        0.05,
    )
    s = scenario.solver
    assert (s.backend, s.time_limit_s, s.workers, s.seed, s.relative_gap) == (
        "auto",
        60.0,
        2,
        0,
        0.0,
    )
    o = scenario.output
    assert (o.dir, o.formats, o.language) == (Path("runs"), ["csv", "xlsx", "md", "html"], "id")
    assert scenario.rules == Rules()


def test_movable_asn_types_any_case_and_only_known_types(tmp_path: Path) -> None:
    ok = write(tmp_path / "ok.yaml", MINIMAL + "rules:\n  movable_asn_types: [pns, Pppk]\n")
    assert load_scenario(ok).rules.movable_asn_types == ["PNS", "PPPK"]
    bad = write(tmp_path / "bad.yaml", MINIMAL + "rules:\n  movable_asn_types: [PNS, honorer]\n")
    [(rule, key, _value, message)] = issues_of(bad)
    assert rule == "bad_value"
    assert key is not None
    assert key.startswith("rules.movable_asn_types")
    assert "'PNS', 'CPNS' or 'PPPK'" in message


def test_empty_freeze_windows_is_no_window(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path / "s.yaml", MINIMAL + "rules:\n  freeze_windows:\n"))
    assert scenario.rules.freeze_windows == []


@pytest.mark.parametrize(
    "model",
    [DataFiles, FreezeWindow, Rules, Weights, ScoringSettings, SolverSettings, DevelopmentSettings,
     OutputSettings, Scenario],
)  # fmt: skip
def test_every_setting_is_documented(model: type[BaseModel]) -> None:
    undocumented = [n for n, f in model.model_fields.items() if not (f.description or "").strip()]
    assert undocumented == []


def test_paths_are_resolved_against_the_scenario_folder(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path / "sub" / "s.yaml", MINIMAL + "output:\n  dir: out\n"))
    assert scenario.data.employees == tmp_path / "sub" / "e.csv"
    assert scenario.output.dir == tmp_path / "sub" / "out"
    assert scenario.source == tmp_path / "sub" / "s.yaml"


# ------------------------------------------------------------------------------------------------
# Round trip


def test_yaml_model_yaml_round_trip(tmp_path: Path) -> None:
    text = MINIMAL + (
        "description: uji\n"
        "as_of: 2026-12-01\n"
        "rules:\n"
        "  max_tenure_months: null\n"
        "  rank_range: soft\n"
        "  freeze_windows:\n"
        "    - {from: 2026-06-01, to: 2026-12-31, reason: pilkada}\n"
        "weights: {fit: 2.5, preference: 0}\n"
        "solver: {backend: cpsat, time_limit_s: 5}\n"
        "output: {dir: hasil, formats: [csv, md], language: en}\n"
    )
    first = load_scenario(write(tmp_path / "a" / "s.yaml", text))
    dumped = dump_scenario(first)
    # Written elsewhere, the dump still names the same files (paths are absolute in it).
    second = load_scenario(write(tmp_path / "b" / "copy.yaml", dumped))
    assert second.model_dump() == first.model_dump()
    assert dump_scenario(second) == dumped
    assert yaml.safe_load(dumped)["rules"]["freeze_windows"] == [
        {"from": "2026-06-01", "to": "2026-12-31", "reason": "pilkada"}
    ]
    assert first.rules.max_tenure_months is None
    assert first.frozen_on() is not None


# ------------------------------------------------------------------------------------------------
# Errors that name the key


def test_misspelt_key_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "s.yaml", MINIMAL + "rules:\n  min_tenur_months: 12\n")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    [issue] = caught.value.issues
    assert str(issue) == (
        f"{path}, key 'rules.min_tenur_months': unknown key (check the spelling) [unknown_key]"
    )


def test_misspelt_top_level_and_table_keys(tmp_path: Path) -> None:
    text = MINIMAL.replace("positions:", "posisi:") + "rule:\n  max_moves: 3\n"
    assert issues_of(write(tmp_path / "s.yaml", text)) == [
        ("unknown_key", "data.posisi", None, "unknown key (check the spelling)"),
        ("unknown_key", "rule", None, "unknown key (check the spelling)"),
    ]


def test_missing_core_table(tmp_path: Path) -> None:
    text = "name: x\ndata:\n  employees: e.csv\n"
    assert issues_of(write(tmp_path / "s.yaml", text)) == [
        ("bad_value", "data", None, "Value error, needs positions (a file each) or a workbook with those sheets"),
    ]  # fmt: skip


def test_impossible_date_in_scenario(tmp_path: Path) -> None:
    path = write(tmp_path / "s.yaml", MINIMAL + "as_of: 2026-13-01\n")
    assert issues_of(path) == [
        ("bad_value", None, None, "a value cannot be read (month must be in 1..12)"),
    ]


@pytest.mark.parametrize(
    ("section", "key", "value", "rule", "message"),
    [
        ("solver", "time_limit_s", "abc", "bad_value",
         "Input should be a valid number, unable to parse string as a number"),
        ("rules", "min_tenure_months", "dua tahun", "bad_value",
         "Input should be a valid integer, unable to parse string as an integer"),
        ("rules", "rank_range", "medium", "bad_value", "Input should be 'hard', 'soft' or 'off'"),
        ("rules", "max_unit_outflow_share", "1.5", "bad_value", "Input should be less than or equal to 1"),
        ("weights", "fit", "-1", "bad_value", "Input should be greater than or equal to 0"),
        ("output", "language", "fr", "bad_value", "Input should be 'id' or 'en'"),
    ],
)  # fmt: skip
def test_wrong_type_value_is_named(
    tmp_path: Path, section: str, key: str, value: str, rule: str, message: str
) -> None:
    path = write(tmp_path / "s.yaml", MINIMAL + f"{section}:\n  {key}: {value}\n")
    [(got_rule, got_key, got_value, got_message)] = issues_of(path)
    assert (got_rule, got_key, got_message) == (rule, f"{section}.{key}", message)
    assert got_value == str(yaml.safe_load(value))


def test_all_scenario_problems_at_once(tmp_path: Path) -> None:
    text = (
        "data:\n  employees: e.csv\n  positions: p.csv\n"
        "as_of: tomorrow\n"
        "rules:\n  freeze_windows:\n    - {from: 2026-06-01, to: 2026-01-01}\n"
        "solver: 5\n"
    )
    assert [(rule, key) for rule, key, _, _ in issues_of(write(tmp_path / "s.yaml", text))] == [
        ("missing_key", "name"),
        ("bad_value", "as_of"),
        ("bad_value", "rules.freeze_windows.0"),
        ("bad_value", "solver"),
    ]


def test_tenure_window_inverted(tmp_path: Path) -> None:
    text = MINIMAL + "rules:\n  min_tenure_months: 30\n  max_tenure_months: 20\n"
    assert issues_of(write(tmp_path / "s.yaml", text)) == [
        (
            "bad_value",
            "rules",
            None,
            "Value error, max_tenure_months (20) is below min_tenure_months (30)",
        ),
    ]


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "s.yaml", MINIMAL + "rules:\n  max_moves: [1, 2\n")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    [issue] = caught.value.issues
    assert (issue.rule, issue.row) == ("yaml_syntax", 6)


def test_scenario_that_is_not_a_mapping_or_missing(tmp_path: Path) -> None:
    assert issues_of(write(tmp_path / "list.yaml", "- a\n- b\n")) == [
        ("yaml_not_mapping", None, None, "a scenario must be a mapping of keys to values"),
    ]
    assert issues_of(tmp_path / "nothing.yaml") == [
        ("file_not_found", None, None, "scenario file does not exist"),
    ]


def test_scenario_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes((MINIMAL + "description: Kota Sibolga \x81\n").encode("latin-1"))
    [(rule, _, _, message)] = issues_of(path)
    assert rule == "not_utf8"
    assert message.startswith("scenario file is not UTF-8 text")


# ------------------------------------------------------------------------------------------------
# extends


@pytest.fixture
def family(tmp_path: Path) -> Path:
    """base/base.yaml <- variant/v.yaml, each naming tables next to itself."""
    write(
        tmp_path / "base" / "base.yaml",
        "name: base\nas_of: 2026-12-01\n"
        "data:\n  employees: e.csv\n  positions: p.csv\n  scores: base-scores.csv\n"
        "rules:\n  min_tenure_months: 12\n  max_tenure_months: 48\n"
        "  freeze_windows: [{from: 2026-01-01, to: 2026-01-31}]\n"
        "weights:\n  fit: 2.0\n  preference: 0.5\n",
    )
    return write(
        tmp_path / "variant" / "v.yaml",
        "name: variant\nextends: ../base/base.yaml\n"
        "data:\n  scores: s.csv\n"
        "rules:\n  max_tenure_months: 36\n  freeze_windows: []\n"
        "weights:\n",
    )


def test_extends_overrides_nested_keys(family: Path, tmp_path: Path) -> None:
    scenario = load_scenario(family)
    assert scenario.name == "variant"
    assert scenario.as_of == dt.date(2026, 12, 1)
    assert (scenario.rules.min_tenure_months, scenario.rules.max_tenure_months) == (12, 36)
    assert scenario.rules.freeze_windows == []  # lists replace, they do not merge
    assert (scenario.weights.fit, scenario.weights.preference) == (
        2.0,
        0.5,
    )  # empty section: no override
    assert scenario.extends == tmp_path / "base" / "base.yaml"


def test_extends_resolves_paths_against_each_files_folder(family: Path, tmp_path: Path) -> None:
    data = load_scenario(family).data
    assert data.employees == tmp_path / "base" / "e.csv"
    assert data.scores == tmp_path / "variant" / "s.csv"


def test_extends_chain_of_three(family: Path, tmp_path: Path) -> None:
    third = write(
        tmp_path / "third.yaml",
        "name: third\nextends: variant/v.yaml\nrules:\n  min_tenure_months: 6\n",
    )
    rules = load_scenario(third).rules
    assert (rules.min_tenure_months, rules.max_tenure_months) == (6, 36)


def test_extends_cycle(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", MINIMAL + "extends: b.yaml\n")
    b = write(tmp_path / "b.yaml", MINIMAL + "extends: a.yaml\n")
    with pytest.raises(InputError) as caught:
        load_scenario(a)
    [issue] = caught.value.issues
    assert issue.rule == "extends_cycle"
    assert issue.message == f"scenarios extend each other: {a} -> {b} -> {a}"


def test_extends_missing_base(tmp_path: Path) -> None:
    path = write(tmp_path / "v.yaml", MINIMAL + "extends: base.yaml\n")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert [(i.rule, i.file) for i in caught.value.issues] == [
        ("file_not_found", str(tmp_path / "base.yaml"))
    ]


def test_unknown_key_in_base_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "base.yaml", MINIMAL + "solver:\n  time_limt_s: 3\n")
    path = write(tmp_path / "v.yaml", "name: v\nextends: base.yaml\n")
    assert issues_of(path) == [
        ("unknown_key", "solver.time_limt_s", None, "unknown key (check the spelling)")
    ]


def test_source_is_not_a_key_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("name: x\nsource: elsewhere.yaml\ndata: {employees: e.csv, positions: p.csv}\n")
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert [(i.rule, i.column) for i in info.value.issues] == [("unknown_key", "source")]


def test_off_on_yes_no_are_the_words_written(tmp_path: Path) -> None:
    text = MINIMAL + "rules:\n  rank_range: off\n  education: off\n  profession: off\n"
    text += "  missing_technical: off\n  max_tenure_hard: yes\n"
    rules = load_scenario(write(tmp_path / "s.yaml", text)).rules
    assert (rules.rank_range, rules.education, rules.profession) == ("off", "off", "off")
    assert rules.missing_technical == "off"
    assert rules.max_tenure_hard is True


def test_a_key_written_twice_is_an_error(tmp_path: Path) -> None:
    text = MINIMAL + "rules:\n  max_moves: 5\nrules:\n  min_tenure_months: 12\n"
    with pytest.raises(InputError) as err:
        load_scenario(write(tmp_path / "s.yaml", text))
    (issue,) = err.value.issues
    assert issue.rule == "yaml_syntax"
    assert "'rules' is written twice" in issue.message
