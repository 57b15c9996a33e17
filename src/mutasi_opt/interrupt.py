"""Ctrl-C and SIGTERM: every phase stops within a second and leaves nothing behind.

Python turns SIGINT into :class:`KeyboardInterrupt` in the main thread, between two bytecodes. Two
things get in its way, and this module handles both:

- **CP-SAT.** While ``CpSolver.solve`` runs, the main thread is inside C++. By default CP-SAT
  catches SIGINT itself (``SatParameters.catch_sigint_signal``): the first press ends the search
  *as if the time limit were reached*, so the run goes on and writes its folder, and the handler
  it installs is replaced by the default one afterwards (OR-Tools ``util/sigint.cc`` restores
  ``SIG_DFL``, not Python's handler). :func:`solve_cpsat` switches that off, runs the search in a
  helper thread and waits for it in short slices; when the wait is interrupted it calls
  ``CpSolver.stop_search()`` (documented as safe to call from another thread), waits for the
  search to end, and lets the interrupt go on.
- **HiGHS** (the LP bound of the side-rule path) likewise: :func:`run_highs`.
- **The last renames of a run folder.** :func:`deferred_signals` holds SIGINT and SIGTERM back
  for the few system calls that put a folder in place, so that the folder is either not there or
  complete, never half renamed.

:func:`install_handlers` (the command line calls it; nothing here is installed at import time)
makes SIGTERM behave like Ctrl-C (:class:`Terminated`, a :class:`KeyboardInterrupt`) so that a
killed run cleans up too, and makes a second press while the program is already stopping do
nothing (so that it cannot cut the clean-up short); a third press ends the program at once (the
next run removes what it leaves).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Any, Protocol

__all__ = [
    "Terminated",
    "deferred_signals",
    "exit_code_of",
    "install_handlers",
    "run_highs",
    "solve_cpsat",
    "stopping",
]

_WAIT_SLICE_S = 0.05
"""How long the main thread waits for the search before it looks at signals again."""

_STOP_WAIT_S = 0.8
"""How long an interrupt waits for the stopped search to end."""


class Terminated(KeyboardInterrupt):
    """SIGTERM (or another signal) received: handled like Ctrl-C, with the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def exit_code_of(exc: BaseException) -> int:
    """The shell's exit code for an interrupt: 128 + the signal (130 for Ctrl-C)."""
    signum = exc.signum if isinstance(exc, Terminated) else int(signal.SIGINT)
    return 128 + signum


_received: list[int] = []
"""Signals received since :func:`install_handlers` (the command line's, one process)."""


def stopping() -> bool:
    """True once the command line received Ctrl-C or SIGTERM."""
    return bool(_received)


def _on_signal(signum: int, frame: FrameType | None) -> None:
    _received.append(signum)
    if len(_received) == 1:
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Terminated(signum)
    if len(_received) >= 3:
        os.write(2, b"interrupted again; stopped at once\n")
        os._exit(128 + _received[0])
    # The second: already stopping; let the clean-up finish.


def install_handlers() -> None:
    """SIGINT and SIGTERM as described in the module docstring (main thread only)."""
    if threading.current_thread() is threading.main_thread():
        for s in (signal.SIGINT, signal.SIGTERM):
            signal.signal(s, _on_signal)


class _Solver(Protocol):
    @property
    def parameters(self) -> Any: ...

    def solve(self, model: Any, solution_callback: Any = None) -> Any: ...

    def stop_search(self) -> None: ...


@dataclass
class _Outcome:
    code: Any = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


def solve_cpsat(solver: _Solver, model: Any, callback: Any = None) -> Any:
    """``solver.solve(model, callback)``, stopped at once by Ctrl-C (see the module docstring).

    Returns
    -------
    The status code of ``solve``.

    Raises
    ------
    KeyboardInterrupt
        Ctrl-C (or SIGTERM) during the search, after the search has stopped.
    """
    solver.parameters.catch_sigint_signal = False
    if threading.current_thread() is not threading.main_thread():
        # Signals reach only the main thread: elsewhere (a Dask worker) nothing can interrupt.
        return solver.solve(model, callback)
    outcome = _Outcome()

    def work() -> None:
        try:
            outcome.code = solver.solve(model, callback)
        except BaseException as exc:  # handed to the main thread
            outcome.error = exc
        finally:
            outcome.done.set()

    thread = threading.Thread(target=work, name="cp-sat", daemon=True)
    thread.start()
    try:
        while not outcome.done.wait(_WAIT_SLICE_S):
            pass
    except BaseException:
        solver.stop_search()
        # CP-SAT checks its stop flag often; should it not stop at once, the (daemon) thread is
        # left to end on its own rather than keep the interrupt waiting.
        thread.join(_STOP_WAIT_S)
        raise
    thread.join()
    if outcome.error is not None:
        raise outcome.error
    return outcome.code


def run_highs(highs: Any) -> Any:
    """``highs.run()`` (a ``highspy.Highs``), stopped at once by Ctrl-C.

    HiGHS releases the interpreter while it solves, so the solve runs in highspy's own helper
    thread (``startSolve``) while this thread waits in short slices; an interrupt asks HiGHS to stop
    (``cancelSolve``, checked by its interrupt callbacks) and goes on. highspy's own Ctrl-C
    handling (``HandleKeyboardInterrupt``) is not used: it asks for five presses.

    Returns
    -------
    The status of ``run``.
    """
    if threading.current_thread() is not threading.main_thread():
        return highs.run()
    highs.HandleUserInterrupt = True
    thread = highs.startSolve()
    try:
        while True:
            done, status = highs.wait(_WAIT_SLICE_S)
            if done:
                return status
    except BaseException:
        highs.cancelSolve()
        thread.join(_STOP_WAIT_S)
        raise


@dataclass
class Deferred:
    """The signals that arrived while held back (see :func:`deferred_signals`)."""

    received: list[int] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        """True once a signal has arrived."""
        return bool(self.received)


@contextmanager
def deferred_signals() -> Iterator[Deferred]:
    """Hold SIGINT and SIGTERM back inside the block; deliver the first one when it ends.

    Outside the main thread signals cannot arrive, and the block runs as it is.
    """
    deferred = Deferred()
    if threading.current_thread() is not threading.main_thread():
        yield deferred
        return
    wanted = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.getsignal(s) for s in wanted}

    def hold(signum: int, frame: FrameType | None) -> None:
        deferred.received.append(signum)

    for s in wanted:
        signal.signal(s, hold)
    try:
        yield deferred
    finally:
        for s, handler in previous.items():
            # None: a handler installed outside Python, which cannot be put back; the default.
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
    if deferred.received:
        signum = deferred.received[0]
        handler = previous[signal.Signals(signum)]
        if callable(handler):
            handler(signum, None)
        elif handler == signal.SIG_IGN:
            pass
        elif signum == signal.SIGINT:
            raise KeyboardInterrupt
        else:
            raise Terminated(signum)
