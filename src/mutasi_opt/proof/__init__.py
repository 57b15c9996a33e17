"""Checks of what a solver claims, written apart from the solvers.

Nothing here imports :mod:`mutasi_opt.solve`: an optimality certificate (:mod:`.certificate`) and
an infeasibility conflict (:mod:`.conflict`) are re-verified from the arrays of the round's
:class:`~mutasi_opt.instance.Instance` alone, so a bug in a solver, its pruning or its model
cannot vouch for itself.
"""
