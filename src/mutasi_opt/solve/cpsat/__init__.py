"""CP-SAT model of a round with side rules: variables, one method per rule family, objective."""

from mutasi_opt.solve.cpsat.side_model import CpSatOutcome, SideModel, solve_side_model

__all__ = ["CpSatOutcome", "SideModel", "solve_side_model"]
