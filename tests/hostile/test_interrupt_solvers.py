"""Signals, in this process: the solvers stop within a second of an interrupt, and leave Python's
own Ctrl-C handling in place (issue 13, item 11)."""

from __future__ import annotations

import random
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import numpy as np
import pytest

from mutasi_opt.interrupt import deferred_signals, run_highs, solve_cpsat

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@contextmanager
def interrupt_after(seconds: float) -> Iterator[None]:
    """Raise KeyboardInterrupt in this thread after ``seconds``, as Ctrl-C would."""

    def ctrl_c(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, ctrl_c)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _market_split() -> tuple[object, object]:
    from ortools.sat.python import cp_model

    rng = random.Random(1)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{i}") for i in range(50)]
    for _ in range(5):
        a = [rng.randint(0, 99) for _ in x]
        model.add(sum(ai * xi for ai, xi in zip(a, x, strict=True)) == sum(a) // 2)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    solver.parameters.num_workers = 2
    return solver, model


def test_a_cp_sat_search_stops_within_a_second_of_ctrl_c() -> None:
    solver, model = _market_split()
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt), interrupt_after(0.3):
        solve_cpsat(solver, model)  # type: ignore[arg-type]
    assert time.monotonic() - start < 0.3 + 1.0  # the search alone takes a minute


def test_cp_sat_leaves_pythons_ctrl_c_handler_in_place() -> None:
    before = signal.getsignal(signal.SIGINT)
    solver, model = _market_split()
    solver.parameters.max_time_in_seconds = 0.2  # type: ignore[attr-defined]
    solve_cpsat(solver, model)  # type: ignore[arg-type]
    assert solver.parameters.catch_sigint_signal is False  # type: ignore[attr-defined]
    assert signal.getsignal(signal.SIGINT) is before


def _assignment_lp(n: int) -> object:
    import highspy
    from scipy import sparse

    rng = np.random.default_rng(0)
    cells = n * n
    index = np.arange(cells)
    rows = np.concatenate([index // n, n + index % n])
    a = sparse.csc_matrix((np.ones(2 * cells), (rows, np.concatenate([index, index]))),
                          shape=(2 * n, cells))  # fmt: skip
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = cells, 2 * n
    lp.col_cost_ = rng.random(cells)
    lp.col_lower_, lp.col_upper_ = np.zeros(cells), np.ones(cells)
    lp.row_lower_, lp.row_upper_ = np.ones(2 * n), np.ones(2 * n)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = a.indptr, a.indices, a.data
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.passModel(lp)
    return h


def test_a_highs_solve_stops_within_a_second_of_ctrl_c() -> None:
    h = _assignment_lp(700)  # seconds of simplex (h.run() would hold the interrupt back)
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt), interrupt_after(0.3):
        run_highs(h)
    assert time.monotonic() - start < 0.3 + 1.0


def test_a_signal_in_a_held_block_arrives_when_it_ends() -> None:
    reached: list[bool] = []

    def held_block() -> None:
        with deferred_signals() as held:
            signal.raise_signal(signal.SIGINT)
            reached.append(held.pending)  # still running: the signal waits

    with pytest.raises(KeyboardInterrupt):
        held_block()
    assert reached == [True]
