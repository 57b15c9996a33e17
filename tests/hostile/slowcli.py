"""Run ``mutasi-opt`` with one phase made slow, for the signal tests (not a test module).

``python slowcli.py solve|write ARGS...``: ``solve`` replaces the solve phase by a hard CP-SAT search
(market split, no answer within a minute) run through the same helper the solver uses; ``write``
makes writing the workbook wait. Either prints ``SLOW PHASE`` on stderr when it starts.
"""

from __future__ import annotations

import random
import sys
import time
from typing import Any


def _hard_search(*args: Any, **kwargs: Any) -> Any:
    from ortools.sat.python import cp_model

    from mutasi_opt.interrupt import solve_cpsat

    rng = random.Random(1)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(50)]
    for _ in range(5):
        a = [rng.randint(0, 99) for _ in x]
        model.add(sum(ai * xi for ai, xi in zip(a, x, strict=True)) == sum(a) // 2)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 2
    print("SLOW PHASE", file=sys.stderr, flush=True)
    solve_cpsat(solver, model)
    raise RuntimeError("the search was not interrupted")


def _slow_write(*args: Any, **kwargs: Any) -> None:
    print("SLOW PHASE", file=sys.stderr, flush=True)
    time.sleep(60)


def main() -> None:
    mode, *rest = sys.argv[1:]
    if mode == "solve":
        import mutasi_opt.pipeline as pipeline

        pipeline.solve = _hard_search  # type: ignore[assignment]
    elif mode == "write":
        # The workbook writer is imported when the xlsx format asks for it: patched at its home.
        import mutasi_opt.report.xlsx as xlsx

        xlsx.write_workbook = _slow_write  # type: ignore[assignment]
    sys.argv = ["mutasi-opt", *rest]
    from mutasi_opt.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
