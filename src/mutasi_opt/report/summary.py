"""``summary.json`` and ``manifest.json``: the only files of a run folder that carry time stamps.

``summary.json`` is the plan's own summary (status, objective, bound, gap, timings, KPIs, counts,
conflicts) with the scenario's name, planning date and the creation time. ``manifest.json`` records
what is needed to reproduce and audit the run: every input file with its SHA-256, the resolved
scenario, the versions of the package and of the solvers, the seed, and the SHA-256 of every other
file of the folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import math
import platform
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mutasi_opt.problem import Problem
from mutasi_opt.proof.certificate import certificate_payload
from mutasi_opt.scenario import TABLE_KEYS, Scenario
from mutasi_opt.scoring import VALUE_SCALE
from mutasi_opt.solve.result import Result

__all__ = [
    "file_sha256",
    "input_files",
    "jsonable",
    "manifest_payload",
    "package_versions",
    "summary_payload",
    "write_json",
]

VERSIONED_PACKAGES = ("mutasi-opt", "ortools", "numpy", "pandas", "scipy", "highspy")


def jsonable(obj: Any) -> Any:
    """Plain JSON data: numpy scalars unwrapped, NaN/inf as ``null``, dates in ISO form."""
    if obj is None or isinstance(obj, bool | str):
        return obj
    if isinstance(obj, Enum):
        return jsonable(obj.value)
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, int | np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        x = float(obj)
        return x if math.isfinite(x) else None
    if isinstance(obj, dt.datetime | dt.date | pd.Timestamp):
        return obj.isoformat()
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "biu" or (obj.dtype.kind == "f" and np.isfinite(obj).all()):
            return obj.tolist()  # already plain ints, bools or finite floats (a proof's prices)
        return [jsonable(v) for v in obj.tolist()]
    if isinstance(obj, list | tuple | set | frozenset):
        items = sorted(obj, key=str) if isinstance(obj, set | frozenset) else obj
        return [jsonable(v) for v in items]
    if hasattr(obj, "to_dict"):
        return jsonable(obj.to_dict())
    if obj is pd.NA or obj is pd.NaT:
        return None
    return str(obj)


def write_json(data: Any, path: Path) -> None:
    """Write ``data`` as indented UTF-8 JSON with a final newline."""
    text = json.dumps(jsonable(data), indent=2, ensure_ascii=False, allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_versions() -> dict[str, str | None]:
    """Installed versions of the package and of the libraries that decide a plan."""
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in VERSIONED_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def input_files(scenario: Scenario) -> list[dict[str, Any]]:
    """Every input file of ``scenario`` (scenario, its base, workbook, tables) with its SHA-256.

    A file that does not exist (a scenario built in memory) is listed with ``sha256: null``.
    """
    entries: list[tuple[str, Path]] = []
    if scenario.source is not None:
        entries.append(("scenario", Path(scenario.source)))
    if scenario.extends is not None:
        entries.append(("extends", Path(scenario.extends)))
    for key in ("workbook", *TABLE_KEYS):
        value = getattr(scenario.data, key)
        if value is not None:
            entries.append((key, Path(value)))
    out: list[dict[str, Any]] = []
    for role, path in entries:
        exists = path.is_file()
        out.append(
            {
                "role": role,
                "path": str(path),
                "sha256": file_sha256(path) if exists else None,
                "bytes": path.stat().st_size if exists else None,
            }
        )
    return out


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def summary_payload(
    plan_summary: Mapping[str, Any], scenario: Scenario, created_at: dt.datetime
) -> dict[str, Any]:
    """The body of ``summary.json``: the plan's summary with the scenario and creation time.

    Parameters
    ----------
    plan_summary
        ``Plan.summary()``; its keys come first and are never overwritten, except ``created_at``.
    scenario
        The scenario of the run.
    created_at
        When the run folder was written.
    """
    body: dict[str, Any] = dict(plan_summary)
    body.setdefault("scenario", scenario.name)
    body.setdefault("as_of", scenario.as_of.isoformat())
    body.setdefault("seed", scenario.solver.seed)
    body["created_at"] = _iso(created_at)
    return body


def proof_payload(problem: Problem, result: Result) -> dict[str, Any]:
    """The body of ``proof.json``: the certificate in value units (and exact integers).

    An optimal or feasible plan carries the dual prices of
    :mod:`mutasi_opt.proof.certificate`; an infeasible round carries the conflicts found and
    whether each was re-verified; a run without either says so (``method: "none"``).
    """
    proof = result.proof
    if proof is not None and proof.certificate is not None and proof.check is not None:
        # A problem's values are scaled by VALUE_SCALE exactly (mutasi_opt.scoring).
        return certificate_payload(problem.instance, proof.certificate, proof.check, VALUE_SCALE)
    return {
        "method": "none" if proof is None else proof.method,
        "verified": False if proof is None else proof.verified,
        "status": result.status.value,
        "conflicts": [c.to_dict() for c in result.conflicts],
    }


def manifest_payload(
    scenario: Scenario,
    created_at: dt.datetime,
    outputs: Mapping[str, Path],
    *,
    backend: str | None = None,
) -> dict[str, Any]:
    """The body of ``manifest.json``.

    Parameters
    ----------
    scenario
        The resolved scenario (``Scenario.to_dict()`` is recorded in full).
    created_at
        When the run folder was written.
    outputs
        File name to path of every other file of the folder, hashed here.
    backend
        The algorithm that produced the plan, when there is one.
    """
    return {
        "created_at": _iso(created_at),
        "scenario_name": scenario.name,
        "seed": scenario.solver.seed,
        "backend": backend,
        "inputs": input_files(scenario),
        "scenario": scenario.to_dict(),
        "versions": package_versions(),
        "platform": {"system": platform.system(), "machine": platform.machine()},
        "outputs": [
            {"file": name, "sha256": file_sha256(path), "bytes": path.stat().st_size}
            for name, path in sorted(outputs.items())
        ],
    }
