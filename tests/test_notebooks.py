"""The notebooks in ``notebooks/`` run top to bottom on the bundled data, and are stored stripped.

Each notebook is executed with nbclient in a fresh ipykernel of this interpreter (a kernel spec
written for the test names ``sys.executable``, so no kernel registered elsewhere on the machine is
picked up), with the notebooks folder as working directory, as Jupyter would. Run folders go to a temporary folder through ``MUTASI_OPT_NOTEBOOK_OUT``; the
executed notebook is written to the same temporary folder, never over the stored one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = {
    "01-explore-sibolga.ipynb": 4,
    "02-solve-and-inspect.ipynb": 3,
    "03-what-if.ipynb": 2,
    "04-the-panels-loop.ipynb": 3,
}
"""Each notebook and the number of plots it must show at least."""

CELL_TIMEOUT_S = 300
"""A hang guard per cell, not a speed check (the notebooks take well under a minute each)."""


def test_every_notebook_is_tested() -> None:
    assert sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb")) == sorted(NOTEBOOKS)


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebook_is_stored_without_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert [c.get("outputs") for c in code] == [[] for _ in code]
    assert [c.get("execution_count") for c in code] == [None for _ in code]


def _outputs(nb: nbformat.NotebookNode, kind: str) -> list[dict]:
    return [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out["output_type"] == kind or kind in out.get("data", {})
    ]


KERNEL = "mutasi-opt-test"


def _kernel_spec(folder: Path) -> Path:
    """A Jupyter data folder holding a kernel spec that runs ipykernel in this interpreter."""
    spec = folder / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": KERNEL, "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_notebook_runs_top_to_bottom_and_shows_its_plots(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The kernel inherits this process's environment.
    monkeypatch.setenv("JUPYTER_PATH", str(_kernel_spec(tmp_path / "jupyter")))
    monkeypatch.setenv("MUTASI_OPT_NOTEBOOK_OUT", str(tmp_path / "runs"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    # The per-cell timeout only guards against a hang; speed is not asserted in tests.
    client.execute()  # raises CellExecutionError, with the cell and its traceback, on an error
    nbformat.write(nb, tmp_path / name)

    assert len(_outputs(nb, "image/png")) >= NOTEBOOKS[name]
    # Warnings (pandas FutureWarning, ...) and logging would show as stderr output.
    stderr = [out["text"] for out in _outputs(nb, "stream") if out["name"] == "stderr"]
    assert stderr == []
    # Nothing was written into the repository: run folders live in the temporary folder.
    assert sorted(p.name for p in NOTEBOOK_DIR.iterdir() if p.suffix != ".ipynb") == []
