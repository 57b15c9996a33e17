"""What every test shares.

The terminal speaks Indonesian by default (``mutasi_opt.cli.language``); the tests written
against its English words pin English through ``MUTASI_OPT_LANGUAGE`` here, subprocesses
included. Tests of the Indonesian default carry the ``indonesian`` marker, which removes it.
"""

from __future__ import annotations

import pytest

from mutasi_opt.cli.language import ENV_VAR, set_current


@pytest.fixture(autouse=True)
def _terminal_language(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("indonesian") is not None:
        monkeypatch.delenv(ENV_VAR, raising=False)
        set_current("id")
    else:
        monkeypatch.setenv(ENV_VAR, "en")
        set_current("en")
