"""The solver's stages as they start, for whoever shows progress.

A solve passes through stages (the flow, the relaxation, the LP bound and its prices, CP-SAT on
the pruned pairs, the tie rule) whose names a progress display shows as each starts. The listener
is held in a context variable rather than passed through every solver function: the stages are
announced deep inside the side-rule path, and a listener is a concern of the caller (the command
line), not of the algorithms. Without a listener, :func:`stage` does nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Final

__all__ = ["STAGES", "listening", "stage"]

STAGES: Final[tuple[str, ...]] = ("flow", "relax", "lp", "cpsat", "fallback", "ties")
"""The stages, in the order a side-rule solve meets them (a run without side rules has ``flow``
only)."""

_listener: ContextVar[Callable[[str], None] | None] = ContextVar("solve_stage", default=None)


def stage(name: str) -> None:
    """Announce that stage ``name`` (one of :data:`STAGES`) starts."""
    listener = _listener.get()
    if listener is not None:
        listener(name)


@contextmanager
def listening(listener: Callable[[str], None] | None) -> Iterator[None]:
    """Tell ``listener`` of every stage announced inside the block (``None``: no one)."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)
