"""Fixtures for SIASN-shaped tables (tests/data/siasn: synthetic people, SIASN's headers and values)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SIASN = Path(__file__).resolve().parents[1] / "data" / "siasn"


@pytest.fixture
def siasn_copy(tmp_path: Path) -> Path:
    """A writable copy of tests/data/siasn (to change a file and read it again)."""
    folder = tmp_path / "siasn"
    shutil.copytree(SIASN, folder)
    return folder
