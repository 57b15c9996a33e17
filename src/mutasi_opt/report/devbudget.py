"""What a development budget needs from ``development.csv``: places per training, mentors per OPD.

``trainings``: one row per suggested training or coaching (``suggestion``), with its kind and the
number of people who need a place. ``mentors``: one row per target OPD, with the people moved in
(each has a *pendampingan* row), the distinct mentors named, the people with a mentor and those
without one (their direct superior accompanies them).
"""

from __future__ import annotations

import pandas as pd

__all__ = ["MENTOR_COLUMNS", "TRAINING_COLUMNS", "TRAINING_KINDS", "development_totals"]

TRAINING_KINDS = ("pelatihan_manajerial", "pelatihan_teknis", "coaching")
"""The development kinds that take a place in a training."""

TRAINING_COLUMNS = ("suggestion", "development_kind", "places")
MENTOR_COLUMNS = ("to_unit", "people_in", "mentors", "with_mentor", "without_mentor")


def development_totals(development: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(trainings, mentors)`` of a development frame (see the module docstring); most places and
    most people first, then by name."""
    dev = development
    if not len(dev):
        return (
            pd.DataFrame({c: pd.Series(dtype=object) for c in TRAINING_COLUMNS}),
            pd.DataFrame({c: pd.Series(dtype=object) for c in MENTOR_COLUMNS}),
        )
    training = dev.loc[dev["development_kind"].isin(TRAINING_KINDS)]
    trainings = (
        training.groupby(["suggestion", "development_kind"], sort=False)["nip"]
        .nunique()
        .rename("places")
        .reset_index()
    )
    trainings = trainings.sort_values(
        ["places", "suggestion"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
    induction = dev.loc[dev["development_kind"] == "pendampingan"].copy()
    has = induction["mentor_nip"].fillna("").astype(str) != ""
    induction["_with"] = has
    grouped = induction.groupby("to_unit", sort=False)
    mentors = pd.DataFrame(
        {
            "people_in": grouped["nip"].nunique(),
            "mentors": grouped["mentor_nip"].agg(lambda s: s[s.fillna("") != ""].nunique()),
            "with_mentor": grouped["_with"].sum().astype("int64"),
        }
    ).reset_index()
    mentors["without_mentor"] = mentors["people_in"] - mentors["with_mentor"]
    mentors = mentors.sort_values(
        ["people_in", "to_unit"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
    return trainings.loc[:, list(TRAINING_COLUMNS)], mentors.loc[:, list(MENTOR_COLUMNS)]
