"""Fixtures of the report tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from .builders import FakePlan, make_plan

CREATED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture
def plan(tmp_path: Path) -> FakePlan:
    """An optimal eight-person plan (a chain, a swap, a placement), Indonesian."""
    return make_plan(tmp_path / "inputs")


@pytest.fixture(scope="session")
def standard_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[FakePlan, Path]:
    """The plan and its complete run folder, written once (read-only for the tests)."""
    from mutasi_opt.report import write_run_folder

    root = tmp_path_factory.mktemp("standard")
    plan = make_plan(root / "inputs")
    return plan, write_run_folder(plan, root / "runs" / "r1", created_at=CREATED)
