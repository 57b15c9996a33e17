"""The scenario file: what to read, which rules hold, how pairs are valued, how to solve.

A scenario is YAML validated by pydantic. Unknown keys are errors that name the key, so a typo
never passes silently. ``extends: base.yaml`` inherits a base scenario and overrides it key by key
(nested sections merge; lists and scalars replace). Relative paths are resolved against the file
that names them, so a variant in another folder still finds its base's tables.

Every setting has a default, documented on its field; the defaults of ``rules`` are those of
docs/domain.md, "Rules for a transfer" (PP 11/2017 as amended): tenure 24-60 months, retirement
horizon 12 months, rank range and education checked hard, refusals hard.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.textsafe import (
    control_characters,
    folder_name_problem,
    folder_name_problem_id,
    short_text,
)
from mutasi_opt.validation_text import LocalizedValueError, pydantic_message_id
from mutasi_opt.yamlio import load_yaml, yaml_problem_id

__all__ = [
    "DataFiles",
    "DecreeSettings",
    "DevelopmentSettings",
    "FreezeWindow",
    "OutputSettings",
    "Rules",
    "Scenario",
    "ScoringSettings",
    "SolverSettings",
    "Weights",
    "dump_scenario",
    "load_scenario",
    "scenario_from_dict",
]

MAX_SCENARIO_BYTES = 4 << 20
"""A scenario file larger than this is refused before it is read."""

# Sections with defaults: written empty (`rules:` alone) they mean "all defaults".
_SECTIONS = ("rules", "weights", "scoring", "solver", "development", "output")

TABLE_KEYS = (
    "employees",
    "positions",
    "competencies",
    "requirements",
    "competency_dictionary",
    "preferences",
    "scores",
    "skp_history",
    "decisions",
)


def _printable(value: str) -> str:
    """Refuse invisible control characters (reports and workbooks show this text)."""
    found = control_characters(value)
    if found:
        shown = ", ".join(found)
        raise LocalizedValueError(
            f"holds the control character(s) {shown}; remove them",
            f"memuat karakter kendali {shown}; hapus karakter itu",
        )
    return value


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True, populate_by_name=True)


class DataFiles(_Section):
    """Where the tables are: separate CSV/XLSX files, or one workbook with a sheet per table.

    A table named both here and in the workbook is read from its own file.
    """

    workbook: Path | None = Field(
        default=None, description="XLSX with one sheet per table (sheet = table name)"
    )
    employees: Path | None = Field(default=None, description="required unless the workbook has it")
    positions: Path | None = Field(default=None, description="required unless the workbook has it")
    competencies: Path | None = Field(default=None, description="people's competency levels")
    requirements: Path | None = Field(default=None, description="posts' competency standards")
    competency_dictionary: Path | None = Field(
        default=None, description="default: built-in M.01-M.08, SK.01"
    )
    preferences: Path | None = Field(default=None, description="wishes and refusals")
    scores: Path | None = Field(default=None, description="fit override per (nip, position_id)")
    skp_history: Path | None = Field(
        default=None,
        description="SKP history: nip, year, predikat (fills performance and performance_prev)",
    )
    decisions: Path | None = Field(
        default=None,
        description="the panel's rulings: nip, position_id, decision (keep, forbid, assign), "
        "note, override",
    )

    @model_validator(mode="after")
    def _needs_core_tables(self) -> DataFiles:
        if self.workbook is None:
            missing = [k for k in ("employees", "positions") if getattr(self, k) is None]
            if missing:
                raise LocalizedValueError(
                    f"needs {' and '.join(missing)} (a file each) or a workbook with those sheets",
                    f"memerlukan {' dan '.join(missing)} (masing-masing satu berkas) atau workbook "
                    "dengan sheet tersebut",
                )
        return self


class FreezeWindow(_Section):
    """A period in which nothing moves (e.g. around regional elections, UU 10/2016 art. 71)."""

    from_: dt.date = Field(alias="from", description="first day of the freeze")
    to: dt.date = Field(description="last day of the freeze")
    reason: str = Field(default="", description="shown in reasons and reports")

    @field_validator("reason")
    @classmethod
    def _printable_reason(cls, value: str) -> str:
        return _printable(value)

    @model_validator(mode="after")
    def _ordered(self) -> FreezeWindow:
        if self.to < self.from_:
            raise LocalizedValueError(
                f"'to' ({self.to}) is before 'from' ({self.from_})",
                f"'to' ({self.to}) lebih awal dari 'from' ({self.from_})",
            )
        return self


AsnType = Literal["PNS", "CPNS", "PPPK"]
"""An employment type (``employees.asn_type``)."""


def _only_pns() -> list[AsnType]:
    return ["PNS"]


class Rules(_Section):
    """Hard and side rules. Defaults follow docs/domain.md, "Rules for a transfer"."""

    @model_validator(mode="before")
    @classmethod
    def _empty_list(cls, data: Any) -> Any:
        # `freeze_windows:` with nothing under it is YAML null: no windows.
        if isinstance(data, dict) and "freeze_windows" in data and data["freeze_windows"] is None:
            data = {**data, "freeze_windows": []}
        return data

    min_tenure_months: int = Field(default=24, ge=0, description="below it a person stays")
    max_tenure_months: int | None = Field(default=60, ge=1, description="null = no maximum")
    max_tenure_hard: bool = Field(
        default=False, description="true: past the maximum a person must move"
    )
    retirement_horizon_months: int = Field(
        default=12,
        ge=0,
        description="within it of BUP a person stays, and no other post is taken within it of its BUP",
    )
    allow_promotion: bool = Field(
        default=True, description="at most one level up, with its requirements"
    )
    allow_demotion: bool = Field(default=False, description="moves to a lower level")
    rank_range: Literal["hard", "soft", "off"] = Field(
        default="hard", description="positions' golongan range"
    )
    education: Literal["hard", "off"] = Field(
        default="hard", description="positions' min_education"
    )
    refusals: Literal["hard", "soft"] = Field(default="hard", description="soft: a penalty instead")
    profession: Literal["hard", "off"] = Field(
        default="hard",
        description="a functional post takes only people of its family (their current "
        "functional post's family, or a listed qualification)",
    )
    missing_technical: Literal["hard", "soft", "off"] = Field(
        default="hard",
        description="a required teknis competency at level 0 closes the pair (soft: a penalty)",
    )
    no_worse_off: bool = Field(
        default=False, description="nobody gets a post they rank below their own"
    )
    no_fit_loss: bool = Field(
        default=True,
        description="a voluntary move may not lower the person's fit, except into a vacancy",
    )
    fit_loss_allowed_min_priority: int | None = Field(
        default=4,
        ge=1,
        le=5,
        description="no_fit_loss: fit may fall only into a vacancy of at least this priority "
        "(null: none)",
    )
    only_scored_pairs: bool = Field(
        default=False, description="only pairs in `scores` are candidates"
    )
    max_moves: int | None = Field(
        default=None, ge=0, description="people whose post changes, at most"
    )
    max_unit_outflow_share: float | None = Field(
        default=None, ge=0.0, le=1.0, description="per unit: leavers <= floor(share x its people)"
    )
    must_fill_min_priority: int | None = Field(
        default=None, ge=1, le=5, description="posts with priority >= this must be filled"
    )
    max_changes_from_baseline: int | None = Field(
        default=None,
        ge=0,
        description="a re-plan (solve --baseline RUN_DIR): people placed differently from the "
        "baseline run's plan, at most (null: no limit, the distance is reported)",
    )
    freeze_windows: list[FreezeWindow] = Field(
        default_factory=list, description="as_of inside one: nothing moves"
    )
    # Extensions of the contract (docs/domain.md [check] items made settings).
    allow_external_approval: bool = Field(
        default=False,
        description="true: posts with needs_external_approval may be filled by the plan",
    )
    jpt_protection_months: int = Field(
        default=24,
        ge=0,
        description="JPT holders are not moved within this many months of appointment",
    )
    movable_asn_types: list[AsnType] = Field(
        default_factory=_only_pns,
        description="CPNS (on probation) and PPPK (contract) stay unless listed",
    )

    @field_validator("movable_asn_types", mode="before")
    @classmethod
    def _asn_upper(cls, value: Any) -> Any:
        # Case-insensitive, as in the employees table: `pppk` is PPPK.
        if isinstance(value, list):
            return [v.strip().upper() if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _tenure_window(self) -> Rules:
        if self.max_tenure_months is not None and self.max_tenure_months < self.min_tenure_months:
            raise LocalizedValueError(
                f"max_tenure_months ({self.max_tenure_months}) is below "
                f"min_tenure_months ({self.min_tenure_months})",
                f"max_tenure_months ({self.max_tenure_months}) lebih kecil dari "
                f"min_tenure_months ({self.min_tenure_months})",
            )
        return self


class Weights(_Section):
    """Weights of the value of a candidate pair (see ``mutasi_opt.scoring``)."""

    fit: float = Field(default=1.0, ge=0, description="capped competency match (or `scores` / 100)")
    performance: float = Field(default=0.2, ge=0, description="SKP predikat mapped to [0, 1]")
    potential: float = Field(default=0.1, ge=0, description="talent potential mapped to [0, 1]")
    preference: float = Field(
        default=0.2, ge=0, description="1 for a first wish, falling with rank"
    )
    move_cost: float = Field(default=0.1, ge=0, description="subtracted for every change of post")
    overdue: float = Field(
        default=0.05,
        ge=0,
        description="soft maximum tenure: added for moving someone past rules.max_tenure_months",
    )
    # Extensions: penalties used when a rule is `soft`.
    refusal_penalty: float = Field(default=1.0, ge=0, description="rules.refusals: soft")
    rank_range_penalty: float = Field(default=0.5, ge=0, description="rules.rank_range: soft")
    missing_technical_penalty: float = Field(
        default=0.2, ge=0, description="rules.missing_technical: soft (once per pair)"
    )


class ScoringSettings(_Section):
    """How pairs are rated and which are kept (an extension of the contract)."""

    jpm_categories: Literal["mapping", "selection"] = Field(
        default="mapping", description="mapping: 90/78 cut-offs; selection: 80/68"
    )
    candidates_per_person: int | None = Field(
        default=None,
        ge=1,
        description="keep the K best candidate posts per person (plus the current); null = all",
    )


class SolverSettings(_Section):
    """Which algorithm and how long."""

    backend: Literal["auto", "flow", "cpsat"] = Field(
        default="auto", description="auto: flow when exact"
    )
    time_limit_s: float = Field(
        default=60.0, gt=0, description="wall-clock limit of the solve phase"
    )
    workers: int = Field(default=2, ge=1, description="CP-SAT search workers")
    seed: int = Field(default=0, ge=0, description="random seed; same seed, same plan")
    relative_gap: float = Field(
        default=0.0, ge=0, le=1, description="stop when the gap is below this"
    )
    alternatives: int = Field(
        default=0,
        ge=0,
        le=20,
        description="near-optimal plans to write besides the optimal one (alternatives/plan-k)",
    )
    alternatives_gap: float = Field(
        default=0.01,
        ge=0,
        le=1,
        description="an alternative is worth at least (1 - this) x the optimal plan's value",
    )
    alternatives_min_difference: int = Field(
        default=10,
        ge=1,
        description="each alternative places at least this many people differently from every "
        "earlier plan",
    )
    robustness_samples: int = Field(
        default=0,
        ge=0,
        le=1000,
        description="re-solves with perturbed competency levels for each move's stability (0: none)",
    )
    robustness_flip_probability: float = Field(
        default=0.2,
        ge=0,
        le=1,
        description="per competency level and sample: the chance it moves by one (up or down, "
        "equally likely, kept within 1-5)",
    )


class DevelopmentSettings(_Section):
    """Development plans for people moved (an extension of the contract)."""

    max_mentees_per_mentor: int = Field(
        default=3, ge=1, description="mentees one mentor takes at most"
    )
    min_mentor_performance: Literal["Sangat Baik", "Baik"] = Field(
        default="Baik", description="a mentor performs at least this well"
    )
    induction_months: int = Field(
        default=3,
        ge=1,
        le=24,
        description="months of pendampingan (a mentor in the target OPD) for everyone moved",
    )


ReportFormat = Literal["csv", "xlsx", "md", "html"]


def _all_formats() -> list[ReportFormat]:
    return ["csv", "xlsx", "md", "html"]


class DecreeSettings(_Section):
    """The header block of the draft decree (``decree.xlsx``, ``decree.docx``); every key is
    optional, and a blank one is left as dots for the legal section to fill."""

    number: str = Field(default="", description="the decree's number (nomor keputusan)")
    date: dt.date | None = Field(default=None, description="the decree's date (tanggal)")
    effective_date: dt.date | None = Field(
        default=None, description="TMT of the transfers (default: the planning date as_of)"
    )
    issuer: str = Field(
        default="", description="who issues it, e.g. 'Wali Kota Sibolga' (LAMPIRAN KEPUTUSAN ...)"
    )
    subject: str = Field(
        default="", description="what it is about (tentang); default a standard text"
    )
    place: str = Field(default="", description="where it is signed, e.g. 'Sibolga'")
    official_title: str = Field(default="", description="the signing official's office")
    official_name: str = Field(default="", description="the signing official's name")
    official_nip: str = Field(default="", description="the signing official's NIP")

    @field_validator(
        "number", "issuer", "subject", "place", "official_title", "official_name", "official_nip"
    )
    @classmethod
    def _printable_text(cls, value: str) -> str:
        return _printable(value)


class OutputSettings(_Section):
    """Where and what to write."""

    dir: Path = Field(default=Path("runs"), description="parent of run folders")
    formats: list[ReportFormat] = Field(default_factory=_all_formats, description="report formats")
    language: Literal["id", "en"] = Field(
        default="id", description="id: Bahasa Indonesia; en: English"
    )
    frontier_solves: int = Field(
        default=12,
        ge=0,
        le=200,
        description="exact solves for frontier.csv, the best plan per number of moves (0: none)",
    )
    veto_costs: bool = Field(
        default=True,
        description="assignments.csv: per move, the value lost if the panel vetoes it",
    )
    frontier_between: int = Field(
        default=0,
        ge=0,
        le=20,
        description="frontier.csv: points between the widest gaps, each a side-rule solve with "
        "max_moves",
    )
    shortlist_size: int = Field(
        default=5,
        ge=0,
        le=50,
        description="shortlist.csv: best candidates listed per vacancy and priority 4-5 post",
    )
    decree: DecreeSettings = Field(
        default_factory=DecreeSettings,
        description="header block of the draft decree (decree.xlsx, decree.docx)",
    )


class Scenario(_Section):
    """A planning round: data, rules, weights, solver and output settings.

    Examples
    --------
    >>> s = scenario_from_dict({"name": "x", "data": {"employees": "e.csv", "positions": "p.csv"}})
    >>> s.rules.min_tenure_months
    24
    """

    name: str = Field(min_length=1, description="required; names the run folder")
    description: str = Field(default="", description="free text")
    extends: Path | None = Field(default=None, description="base scenario this one overrides")
    as_of: dt.date = Field(
        default_factory=dt.date.today, description="planning date (default today)"
    )
    data: DataFiles = Field(description="the tables: a file each, or a workbook")
    rules: Rules = Field(default_factory=Rules, description="hard and side rules")
    weights: Weights = Field(default_factory=Weights, description="value of a candidate pair")
    scoring: ScoringSettings = Field(
        default_factory=ScoringSettings, description="how pairs are rated and kept"
    )
    solver: SolverSettings = Field(
        default_factory=SolverSettings, description="algorithm and time limit"
    )
    development: DevelopmentSettings = Field(
        default_factory=DevelopmentSettings, description="development plans of people moved"
    )
    output: OutputSettings = Field(
        default_factory=OutputSettings, description="where and what to write"
    )
    source: Path | None = Field(default=None, exclude=True, description="file this was loaded from")

    @field_validator("name")
    @classmethod
    def _folder_name(cls, value: str) -> str:
        """The name becomes the run folder's name (``output.dir/<name>-<time>``): one folder,
        inside ``output.dir``, the same on Linux and Windows."""
        problem = folder_name_problem(value)
        if problem is not None:
            raise LocalizedValueError(
                f"a scenario's name becomes its run folder's name; this one {problem}",
                "nama skenario menjadi nama folder run-nya; nama ini "
                f"{folder_name_problem_id(value)}",
            )
        return value

    @field_validator("description")
    @classmethod
    def _printable_description(cls, value: str) -> str:
        return _printable(value)

    @model_validator(mode="before")
    @classmethod
    def _empty_sections_are_defaults(cls, data: Any) -> Any:
        """An empty section (``rules:`` with nothing under it, YAML null) means its defaults."""
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if not (v is None and k in _SECTIONS)}
        return data

    def frozen_on(self) -> FreezeWindow | None:
        """The freeze window that contains ``as_of``, if any."""
        for window in self.rules.freeze_windows:
            if window.from_ <= self.as_of <= window.to:
                return window
        return None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON types, ``from`` for freeze windows) for YAML, JSON or a manifest."""
        return self.model_dump(mode="json", by_alias=True, exclude={"source"})


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if value is None and isinstance(out.get(key), dict):
            continue  # an empty section (`rules:` alone) overrides nothing
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _resolve_paths(raw: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Make the paths named in one file absolute, relative to that file's folder."""
    out = dict(raw)
    data = out.get("data")
    if isinstance(data, dict):
        data = dict(data)
        for key in ("workbook", *TABLE_KEYS):
            value = data.get(key)
            if isinstance(value, str) and value:
                data[key] = (
                    str((folder / value).resolve()) if not Path(value).is_absolute() else value
                )
        out["data"] = data
    output = out.get("output")
    if isinstance(output, dict) and isinstance(output.get("dir"), str):
        output = dict(output)
        if not Path(output["dir"]).is_absolute():
            output["dir"] = str((folder / output["dir"]).resolve())
        out["output"] = output
    return out


def _read_yaml(path: Path, chain: tuple[Path, ...]) -> dict[str, Any]:
    if path in chain:
        cycle = " -> ".join(str(p) for p in (*chain, path))
        raise InputError(
            [
                InputIssue(
                    "extends_cycle",
                    f"scenarios extend each other: {cycle}",
                    file=str(path),
                    message_id=f"skenario saling mewarisi (extends): {cycle}",
                )
            ]
        )
    if not path.is_file():
        raise InputError(
            [
                InputIssue(
                    "file_not_found",
                    "scenario file does not exist",
                    file=str(path),
                    message_id="berkas skenario tidak ada",
                )
            ]
        )
    if path.stat().st_size > MAX_SCENARIO_BYTES:
        raise InputError(
            [
                InputIssue(
                    "scenario_too_large",
                    f"scenario file is larger than {MAX_SCENARIO_BYTES >> 20} MiB; a scenario is "
                    "a short settings file (the tables are separate files)",
                    file=str(path),
                    message_id=f"berkas skenario lebih besar dari {MAX_SCENARIO_BYTES >> 20} MiB; "
                    "skenario adalah berkas pengaturan yang pendek (tabel berada di berkas "
                    "terpisah)",
                )
            ]
        )
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(
            [
                InputIssue(
                    "not_utf8",
                    f"scenario file is not UTF-8 text ({exc.reason})",
                    file=str(path),
                    message_id=f"berkas skenario bukan teks UTF-8 ({exc.reason})",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        # An unclosed bracket is noticed at the end of the file: name the line it opened on.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        row = None if mark is None else mark.line + 1
        raise InputError(
            [
                InputIssue(
                    "yaml_syntax",
                    f"not valid YAML: {getattr(exc, 'problem', exc)}",
                    file=str(path),
                    row=row,
                    message_id=f"bukan YAML yang sah: {yaml_problem_id(exc)}",
                )
            ]
        ) from None
    except ValueError as exc:
        # YAML reads 2026-13-01 as a date and fails while building it.
        raise InputError(
            [
                InputIssue(
                    "bad_value",
                    f"a value cannot be read ({short_text(str(exc))})",
                    file=str(path),
                    message_id=f"sebuah nilai tidak dapat dibaca ({short_text(str(exc))})",
                )
            ]
        ) from None
    except RecursionError:
        raise InputError(
            [
                InputIssue(
                    "yaml_syntax",
                    "not valid YAML: nested too deeply",
                    file=str(path),
                    message_id="bukan YAML yang sah: bersarang terlalu dalam",
                )
            ]
        ) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise InputError(
            [
                InputIssue(
                    "yaml_not_mapping",
                    "a scenario must be a mapping of keys to values",
                    file=str(path),
                    message_id="skenario harus berupa pemetaan kunci ke nilai",
                )
            ]
        )
    raw = _resolve_paths(raw, path.parent)
    base_ref = raw.get("extends")
    if base_ref is None:
        return raw
    base_path = Path(str(base_ref))
    if not base_path.is_absolute():
        base_path = (path.parent / base_path).resolve()
    base = _read_yaml(base_path, (*chain, path))
    base.pop("extends", None)
    merged = _deep_merge(base, raw)
    merged["extends"] = str(base_path)
    return merged


def _pydantic_issues(exc: ValidationError, file: str | None) -> list[InputIssue]:
    issues = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        key = key.replace("from_", "from")
        kind = err["type"]
        if kind == "extra_forbidden":
            rule, message = "unknown_key", "unknown key (check the spelling)"
        elif kind == "missing":
            rule, message = "missing_key", "required key is missing"
        else:
            rule, message = "bad_value", str(err["msg"])
        message_id = pydantic_message_id(err)
        value = err.get("input")
        shown = (
            None
            if kind in ("missing", "extra_forbidden") or isinstance(value, dict)
            else short_text(value)
        )
        issues.append(
            InputIssue(rule, message, file=file, column=key, value=shown, message_id=message_id)
        )
    return issues


def scenario_from_dict(raw: dict[str, Any], source: Path | None = None) -> Scenario:
    """Validate a scenario given as plain data.

    Parameters
    ----------
    raw
        The scenario's keys, paths already absolute or relative to the working directory.
    source
        The file it came from, for messages.

    Raises
    ------
    InputError
        One issue per bad key, all at once.
    """
    file = None if source is None else str(source)
    # `source` is where the scenario was read from, set by the loader, never a key of the file.
    stray = [
        InputIssue(
            "unknown_key",
            "unknown key (check the spelling)",
            file=file,
            column="source",
            message_id="kunci tidak dikenal (periksa ejaannya)",
        )
    ]
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        issues = _pydantic_issues(exc, file)
        raise InputError(issues + stray if "source" in raw else issues) from None
    if "source" in raw:
        raise InputError(stray)
    if source is not None:
        scenario = scenario.model_copy(update={"source": source})
    return scenario


def load_scenario(path: str | Path) -> Scenario:
    """Read, merge (``extends``) and validate a scenario file.

    Parameters
    ----------
    path
        The YAML file.

    Returns
    -------
    Scenario
        With every path absolute.

    Raises
    ------
    InputError
        When the file is missing, not YAML, or has unknown keys or bad values (all named).
    """
    file = Path(path).resolve()
    raw = _read_yaml(file, ())
    return scenario_from_dict(raw, source=file)


def dump_scenario(scenario: Scenario) -> str:
    """The scenario as YAML text; :func:`load_scenario` of it gives an equal scenario."""
    return yaml.safe_dump(scenario.to_dict(), sort_keys=False, allow_unicode=True)
