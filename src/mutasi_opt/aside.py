"""Work set aside: a function run in a forked child process while this process goes on.

A large round spends seconds in work that does not depend on the rest of the run: the frontier's
exact flows (OR-Tools holds the GIL while it solves, so a thread would not help) need only the
problem and the plan. :class:`Aside` runs such a function in a child made by ``fork``: the child
shares the round's arrays with this process (copy on write, so no copy and no pickling of a
problem of a gigabyte), and only the function's answer comes back through a pipe.

Where ``fork`` is not available, or when asked to (``parallel=False``), the function runs here
when its answer is first asked for, so the answer is the same either way. A child that dies
without an answer (killed, out of memory) is not fatal either: the function then runs here.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

__all__ = ["Aside", "can_fork"]

T = TypeVar("T")


def can_fork() -> bool:
    """Whether this platform can run work aside (``fork``, and more than one core to use)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores > 1 and "fork" in multiprocessing.get_all_start_methods()


def _child(fn: Callable[..., Any], args: tuple[Any, ...], conn: Connection) -> None:
    try:
        answer: tuple[Any, ...] = ("ok", fn(*args))
    except BaseException as exc:  # sent back whole: the parent raises it as if run here
        answer = ("error", exc, traceback.format_exc())
    try:
        conn.send(answer)
    except Exception as exc:  # the answer or the error does not pickle
        conn.send(("error", RuntimeError(f"work aside failed: {exc!r}"), ""))
    finally:
        conn.close()


class Aside(Generic[T]):
    """``fn(*args)``, computed in a forked child while the caller goes on.

    Parameters
    ----------
    fn
        The work; it must not write anything the caller reads (the child's writes stay in the
        child), and its answer must pickle.
    *args
        Its arguments, shared with the child as they are at the call (never pickled).
    parallel
        ``False``: run ``fn`` here, when :meth:`result` is first called.

    Examples
    --------
    >>> aside = Aside(sum, [1, 2, 3])
    >>> aside.result()
    6
    """

    def __init__(self, fn: Callable[..., T], *args: Any, parallel: bool = True) -> None:
        self._fn, self._args = fn, args
        self._done = False
        self._answer: T | None = None
        self._process: Any = None
        self._conn: Connection | None = None
        if parallel and can_fork():
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(fn, args, send), daemon=True)
            process.start()
            send.close()  # the child holds the sending end: EOF here once it is gone
            self._process, self._conn = process, receive

    @property
    def forked(self) -> bool:
        """Whether the work runs in a child."""
        return self._process is not None

    def result(self) -> T:
        """The answer (waits for the child); an exception of ``fn`` is raised here."""
        if self._done:
            return self._answer  # type: ignore[return-value]
        answer: tuple[Any, ...] | None = None
        if self._conn is not None:
            try:
                answer = self._conn.recv()
            except (EOFError, OSError):
                answer = None  # the child died without an answer: do the work here
            finally:
                self._conn.close()
                self._process.join()
                self._conn, self._process = None, None
        if answer is None:
            value = self._fn(*self._args)
        elif answer[0] == "error":
            error: BaseException = answer[1]
            if answer[2]:
                error.add_note(f"(raised in the child process)\n{answer[2]}")
            raise error
        else:
            value = answer[1]
        self._answer, self._done = value, True
        self._fn, self._args = None, ()  # type: ignore[assignment]
        return value

    def cancel(self) -> None:
        """Stop the child, if any, without its answer (the caller failed before asking)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            if self._conn is not None:
                self._conn.close()
            self._conn, self._process = None, None
