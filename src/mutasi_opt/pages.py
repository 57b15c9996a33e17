"""Ordinary memory pages for a round's arrays: NumPy's transparent-huge-page hint off while planning.

On Linux NumPy asks the kernel for transparent huge pages (``madvise(MADV_HUGEPAGE)``, 2 MB) for
every array of 4 MB or more. Planning a 1,500 x 1,500 round allocates and frees hundreds of such
arrays (candidate pairs, masks, rule grids, search graphs); each huge page is zeroed whole when
first touched, and on the project's 2-core virtual machines that cost seconds of kernel time a
run (measured 2026-12-07 on ``benchmarks/bench_end_to_end.py``'s round: 4.4 s of system time,
0.9 s without the hint; 9.8 s wall time, 6.3 s without). :func:`ordinary_pages` turns the hint off
for the duration of a call and restores it afterwards. Nothing else changes: the same arrays,
the same results. A user who set ``NUMPY_MADVISE_HUGEPAGE`` keeps their choice.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from numpy._core import multiarray

__all__ = ["ordinary_pages"]

P = ParamSpec("P")
R = TypeVar("R")


def ordinary_pages(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with NumPy's huge-page hint off (see the module docstring)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        switch = getattr(multiarray, "_set_madvise_hugepage", None)
        if switch is None or "NUMPY_MADVISE_HUGEPAGE" in os.environ:
            return func(*args, **kwargs)
        before = switch(False)  # returns the setting it replaces
        try:
            return func(*args, **kwargs)
        finally:
            switch(before)

    return wrapper
