"""Fixtures of the synthetic-data tests: samples generated once per session."""

from __future__ import annotations

import pytest

from mutasi_opt.synth import SampleData, generate_sample


@pytest.fixture(scope="session")
def sibolga() -> SampleData:
    """The reference sample: 2,500 people, seed 2026, as of 2026-12-01 (the bundled one)."""
    return generate_sample(2500, seed=2026)


@pytest.fixture(scope="session")
def small() -> SampleData:
    """A small sample (300 people, seed 7) for the writers and the CLI."""
    return generate_sample(300, seed=7)
