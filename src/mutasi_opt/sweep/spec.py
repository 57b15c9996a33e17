"""The sweep file: a base scenario, a grid of settings to vary, and explicit cases.

A sweep file is YAML::

    name: move-cost                  # optional; default: the file name without .yaml
    description: how much does moving cost?
    base: sibolga-2026.yaml          # relative to the sweep file
    grid:                            # dotted scenario keys, each with a list of values
      weights.move_cost: [0.0, 0.05, 0.2]
      rules.allow_promotion: [true, false]
    cases:                           # optional extra points, each a set of keys
      - name: no-moves-cap
        set: {rules.max_moves: 10}
    out: runs/move-cost              # optional; default: <base output.dir>/<name>

The points are the cartesian product of the grid (the first key varies slowest, values in the
order given), then the cases in order. Point ``k`` is named ``p00k-<key>=<value>,...`` (or
``p00k-<case name>``), made safe for a folder name; its scenario is the base with those keys set,
named ``<base name>-p00k``, and validated like any scenario before anything runs. Relative paths
given as values of ``data.*`` keys or ``output.dir`` are relative to the sweep file.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.scenario import MAX_SCENARIO_BYTES, Scenario, load_scenario, scenario_from_dict
from mutasi_opt.validation_text import LocalizedValueError, pydantic_message_id
from mutasi_opt.yamlio import read_yaml_file

__all__ = [
    "Case",
    "Point",
    "PointScenario",
    "SweepSpec",
    "apply_settings",
    "check_key",
    "load_sweep",
    "point_name",
    "safe_name",
    "value_text",
]

_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._=+,-]+")
MAX_NAME = 100
"""Longest point (folder) name; longer names are cut (the point id keeps them unique)."""
_PATH_KEYS = re.compile(r"^(data\.[a-z_]+|output\.dir)$")
_FIXED_KEYS = ("name", "extends")


def check_key(key: str) -> str:
    """``key`` if it is a dotted scenario key a sweep or batch may set (``ValueError`` if not)."""
    if not _KEY.match(key):
        raise LocalizedValueError(
            f"{key!r} is not a dotted scenario key such as weights.move_cost",
            f"{key!r} bukan kunci skenario bertitik seperti weights.move_cost",
        )
    if key in _FIXED_KEYS:
        raise LocalizedValueError(
            f"{key!r} cannot be varied: the sweep sets it for every point",
            f"{key!r} tidak dapat divariasikan: sweep menetapkannya untuk setiap titik",
        )
    return key


class Case(BaseModel):
    """One explicit point: an optional name and the keys it sets."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str | None = Field(default=None, min_length=1, description="names the point's folder")
    settings: dict[str, Any] = Field(alias="set", description="dotted key -> value")

    @field_validator("settings")
    @classmethod
    def _keys(cls, value: dict[str, Any]) -> dict[str, Any]:
        if not value:
            raise LocalizedValueError(
                "a case sets at least one key", "sebuah case menetapkan paling sedikit satu kunci"
            )
        for key in value:
            check_key(key)
        return value


class SweepSpec(BaseModel):
    """A sweep: the base scenario, the grid, the cases and where to write.

    Paths are absolute once loaded by :func:`load_sweep` (relative to the sweep file).
    """

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, description="default: the file name")
    description: str = Field(default="", description="free text")
    base: Path = Field(description="the base scenario file")
    grid: dict[str, list[Any]] = Field(
        default_factory=dict, description="dotted key -> values (cartesian product)"
    )
    cases: list[Case] = Field(default_factory=list, description="explicit extra points")
    out: Path | None = Field(
        default=None, description="default: <name> in the base scenario's output.dir"
    )
    source: Path | None = Field(default=None, exclude=True, description="the sweep file")

    @field_validator("grid")
    @classmethod
    def _grid(cls, value: dict[str, list[Any]]) -> dict[str, list[Any]]:
        for key, values in value.items():
            check_key(key)
            if not values:
                raise LocalizedValueError(
                    f"{key}: give at least one value", f"{key}: isi paling sedikit satu nilai"
                )
        return value

    @property
    def label(self) -> str:
        """The sweep's name: ``name``, or the sweep file's name without its suffix."""
        if self.name:
            return self.name
        return self.source.stem if self.source is not None else "sweep"

    @property
    def folder(self) -> Path:
        """The folder relative paths are resolved against (the sweep file's)."""
        return self.source.parent if self.source is not None else Path.cwd()

    def out_dir(self, base_output_dir: Path | None = None) -> Path:
        """Where the point folders, ``sweep.csv`` and the comparison go.

        ``out`` of the sweep file (relative to it); else ``<base_output_dir>/<name>`` (the base
        scenario's ``output.dir``, where its runs go); else ``runs/<name>`` beside the file.
        """
        if self.out is not None:
            return self.out if self.out.is_absolute() else (self.folder / self.out).absolute()
        parent = base_output_dir if base_output_dir is not None else self.folder / "runs"
        return (parent / safe_name(self.label)).absolute()

    def varied_keys(self) -> list[str]:
        """Every key the grid or a case sets, in order of first mention."""
        keys = list(self.grid)
        for case in self.cases:
            keys.extend(k for k in case.settings if k not in keys)
        return keys

    def points(self) -> list[Point]:
        """Every point: the grid's product, then the cases."""
        combos = [
            dict(zip(self.grid, values, strict=True))
            for values in itertools.product(*self.grid.values())
        ] if self.grid else []  # fmt: skip
        settings: list[tuple[dict[str, Any], str | None]] = [(c, None) for c in combos]
        settings.extend((dict(c.settings), c.name) for c in self.cases)
        width = max(3, len(str(len(settings))))
        return [
            Point(
                index=i,
                id=f"p{i:0{width}d}",
                name=point_name(i, width, values, case),
                settings={k: self._resolve(k, v) for k, v in values.items()},
                case=case,
            )
            for i, (values, case) in enumerate(settings, start=1)
        ]

    def _resolve(self, key: str, value: Any) -> Any:
        if (
            _PATH_KEYS.match(key)
            and isinstance(value, str)
            and value
            and not Path(value).is_absolute()
        ):
            return str((self.folder / value).resolve())
        return value

    def scenarios(self) -> list[PointScenario]:
        """Each point with its validated scenario.

        Raises
        ------
        InputError
            The base scenario is invalid, the sweep has no point, or a point sets an unknown key
            or a bad value; every problem at once, before anything runs.
        """
        file = str(self.source) if self.source is not None else None
        points = self.points()
        if not points:
            raise InputError(
                [
                    InputIssue(
                        "empty_sweep",
                        "a sweep needs a grid or cases",
                        file=file,
                        message_id="sweep memerlukan grid atau cases",
                    )
                ]
            )
        base_path = self.base if self.base.is_absolute() else self.folder / self.base
        base = load_scenario(base_path)
        raw = base.to_dict()
        issues: list[InputIssue] = []
        out: list[PointScenario] = []
        n_grid = len(points) - len(self.cases)
        reported: set[str] = set()
        for point in points:
            where = "grid" if point.index <= n_grid else f"cases[{point.index - n_grid - 1}].set"
            data, unknown = apply_settings(raw, point.settings)
            # A key is unknown whatever its value: say so once, at its first mention.
            issues.extend(
                InputIssue(
                    "unknown_key",
                    "not a key of the scenario (check the spelling)",
                    file=file,
                    column=f"{where}.{key}",
                    message_id="bukan kunci skenario (periksa ejaannya)",
                )
                for key in unknown
                if key not in reported
            )
            reported.update(unknown)
            data["name"] = f"{base.name}-{point.id}"
            try:
                scenario = scenario_from_dict(data, source=base.source)
            except InputError as exc:
                issues.extend(_point_issue(issue, point, where, file) for issue in exc.issues)
                continue
            if not unknown:
                out.append(PointScenario(point, scenario))
        if issues:
            raise InputError(unique_issues(issues))
        return out


def _point_issue(issue: InputIssue, point: Point, where: str, file: str | None) -> InputIssue:
    """A problem of a point's scenario, placed at the sweep key that caused it."""
    key = issue.column or ""
    setting = next((s for s in point.settings if key == s or key.startswith(f"{s}.")), None)
    return InputIssue(
        issue.rule,
        f"{issue.message}, in point {point.name}",
        file=file,
        column=key if setting is None else f"{where}.{key}",
        value=issue.value,
        message_id=f"{issue.message_id or issue.message}, pada titik {point.name}",
    )


def unique_issues(issues: list[InputIssue]) -> list[InputIssue]:
    """The first issue per rule, file, key and value (a bad value repeats in every point of a
    grid, a bad setting in every agency of a batch)."""
    seen: dict[tuple[str, str | None, str | None, str | None], InputIssue] = {}
    for issue in issues:
        seen.setdefault((issue.rule, issue.file, issue.column, issue.value), issue)
    return list(seen.values())


def apply_settings(
    raw: dict[str, Any], settings: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """``raw`` (deep-copied) with the dotted keys set; and the keys that do not exist in it."""
    data: dict[str, Any] = json.loads(json.dumps(raw))
    unknown: list[str] = []
    for key, value in settings.items():
        *parents, leaf = key.split(".")
        node: Any = data
        for part in parents:
            node = node.get(part) if isinstance(node, dict) else None
        # Every setting exists in the base's full dump (defaults included), so a key that is
        # not there is a typo; say so here rather than as pydantic's "extra field".
        if not isinstance(node, dict) or leaf not in node:
            unknown.append(key)
            continue
        node[leaf] = value
    return data, unknown


@dataclass(frozen=True)
class Point:
    """One point of a sweep.

    Attributes
    ----------
    index
        1-based position.
    id
        ``p001``, ``p002``, ...
    name
        The folder name: the id and the settings (or the case name), filesystem-safe.
    settings
        Dotted key -> value set on the base scenario.
    case
        The case's name, ``None`` for a grid point or an unnamed case.
    """

    index: int
    id: str
    name: str
    settings: dict[str, Any]
    case: str | None = None


@dataclass(frozen=True)
class PointScenario:
    """A point and its validated scenario."""

    point: Point
    scenario: Scenario


def value_text(value: Any) -> str:
    """A setting's value as it reads in YAML (``0.05``, ``true``, ``null``, ``[1,2]``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | str):
        return str(value)
    return json.dumps(value, separators=(",", ":"), sort_keys=True, default=str)


def safe_name(text: str) -> str:
    """``text`` made safe as one folder name."""
    return _UNSAFE.sub("_", text).strip("._") or "x"


def point_name(index: int, width: int, settings: dict[str, Any], case: str | None = None) -> str:
    """``p001-weights.move_cost=0.05`` (or ``p004-<case>``), safe as a folder name.

    Examples
    --------
    >>> point_name(2, 3, {"weights.move_cost": 0.05, "rules.allow_promotion": False})
    'p002-weights.move_cost=0.05,rules.allow_promotion=false'
    """
    label = case if case else ",".join(f"{k}={value_text(v)}" for k, v in settings.items())
    name = f"p{index:0{width}d}-{safe_name(label)}"
    return name[:MAX_NAME]


def settings_file_issues(
    exc: ValidationError, file: str | None, what: str = "sweep file", what_id: str = "berkas sweep"
) -> list[InputIssue]:
    """pydantic's refusal of a sweep or batch file, one issue per key (``what``: the file's kind,
    in English and Indonesian)."""
    issues = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"]) or "(top level)"
        kind = err["type"]
        message_id = pydantic_message_id(err)
        if kind == "extra_forbidden":
            rule, message = "unknown_key", f"unknown key of a {what} (check the spelling)"
            message_id = f"kunci tidak dikenal dalam {what_id} (periksa ejaannya)"
        elif kind == "missing":
            rule, message = "missing_key", "required key is missing"
        else:
            rule, message = "bad_value", str(err["msg"]).removeprefix("Value error, ")
        issues.append(InputIssue(rule, message, file=file, column=key, message_id=message_id))
    return issues


def load_sweep(path: str | Path) -> SweepSpec:
    """Read and validate a sweep file (the points' scenarios are checked by ``scenarios()``).

    Raises
    ------
    InputError
        Missing file, not YAML, unknown keys or bad values (all named).
    """
    file = Path(path).absolute()
    raw = read_yaml_file(
        file, what="sweep file", what_id="berkas sweep", max_bytes=MAX_SCENARIO_BYTES
    )
    try:
        spec = SweepSpec.model_validate(raw)
    except ValidationError as exc:
        raise InputError(settings_file_issues(exc, str(file))) from None
    base = spec.base if spec.base.is_absolute() else (file.parent / spec.base).resolve()
    return spec.model_copy(update={"source": file, "base": base})
