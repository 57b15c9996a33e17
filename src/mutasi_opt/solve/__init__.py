"""Solve a round: the exact flow path without side rules, CP-SAT on soundly pruned pairs with them.

>>> from mutasi_opt.solve import solve
>>> result = solve(problem)  # doctest: +SKIP
>>> result = solve(problem.instance, settings)  # an Instance alone: no audit  # doctest: +SKIP

See :func:`solve`, :class:`Result` and :class:`Status`; :mod:`.ties` documents how equally good
plans are told apart.
"""

from mutasi_opt.solve.dispatch import choose_backend, find_alternatives, solve
from mutasi_opt.solve.result import Conflict, Proof, Result, Status

__all__ = ["Conflict", "Proof", "Result", "Status", "choose_backend", "find_alternatives", "solve"]
