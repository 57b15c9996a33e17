"""The default plan is one a BKPSDM panel could sign (docs/defaults.md), read from its run folder.

On the bundled round and on a fresh sample, solved with every default: proven optimal; at most
15 % of people moved; mean fit and mean JPM of the placed people raised; at most 10 % of the moves
lowering the mover's own fit (moves out of an abolished post aside); nobody moved into a functional
post of another profession without a listed qualification, nor voluntarily into a post whose
required teknis competency they lack. The figures are recomputed here from the tables and
``assignments.csv``, not read from the engine's KPIs (which must agree with them).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mutasi_opt as mo
from mutasi_opt.synth import generate_sample
from mutasi_opt.synth.write import write_sample

ROOT = Path(__file__).resolve().parents[1]
JENJANG = re.compile(
    r"\b(ahli pertama|ahli muda|ahli madya|ahli utama|pemula|terampil|mahir|penyelia)\b", re.I
)


def family(title: str, given: object) -> str | None:
    """docs/model.md, positions.family: the cell, else the title without jenjang and place."""
    if isinstance(given, str) and given.strip():
        return " ".join(given.lower().split())
    head = re.split(r"\s+(?:pada|di)\s+", title, maxsplit=1, flags=re.I)[0]
    return " ".join(JENJANG.sub(" ", head).lower().split()) or None


def panel_figures(scenario: Path, tmp: Path) -> tuple[dict[str, float], dict[str, object]]:
    """Solve the scenario into a run folder and recompute the panel's figures from it."""
    outcome = mo.run(scenario, out=tmp / "run", formats=["csv"])
    assert outcome.plan.result.status is mo.Status.OPTIMAL
    assert outcome.plan.result.proof is not None
    assert outcome.plan.result.proof.verified
    _sc, tables = mo.load(scenario)
    plan = pd.read_csv(tmp / "run" / "assignments.csv", dtype=str, keep_default_na=False)
    pos = tables.positions.set_index("position_id")
    emp = tables.employees.set_index("nip")
    comp = tables.competencies
    has_data = set(comp.loc[pd.to_numeric(comp["level"]) > 0, "nip"].astype(str))
    placed = plan[plan["from_position_id"] != ""]
    moved = placed[placed["moved"] == "true"]
    counted = placed[placed["nip"].isin(has_data)]

    def num(frame: pd.DataFrame, column: str) -> pd.Series:
        return pd.to_numeric(frame[column].replace("", np.nan))

    # Fit from the tables: sum of min(level, required) / sum of required, per (nip, post)
    # (docs/domain.md, JPM); the bundled round and the samples have no scores table.
    need = tables.requirements.rename(columns={"level": "required"})
    have = comp.rename(columns={"level": "have"})

    def fit_at(nips: pd.Series, posts: pd.Series) -> pd.Series:
        pairs = pd.DataFrame({"nip": nips.to_numpy(), "position_id": posts.to_numpy()})
        rows = pairs.merge(need, on="position_id").merge(have, on=["nip", "competency"], how="left")
        rows["capped"] = np.minimum(rows["have"].fillna(0), rows["required"])
        sums = rows.groupby(["nip", "position_id"])[["capped", "required"]].sum()
        ratio = (sums["capped"] / sums["required"]).reindex(pd.MultiIndex.from_frame(pairs))
        return pd.Series(100 * ratio.fillna(0).to_numpy(), index=nips.index)

    fit_before = fit_at(counted["nip"], counted["from_position_id"])
    fit_after = fit_at(counted["nip"], counted["to_position_id"])
    # The run folder's scores are the same fits.
    assert np.allclose(fit_before, num(counted, "score_before"), atol=0.01)
    assert np.allclose(fit_after, num(counted, "score"), atol=0.01)

    abolished = set(pos.index[pos["status"].fillna("active") == "abolished"])
    out_of_abolished = moved["from_position_id"].isin(abolished)
    lowering = (num(moved, "score") < num(moved, "score_before") - 1e-6) & ~out_of_abolished
    fam_col = pos["family"] if "family" in pos.columns else pd.Series(None, index=pos.index)
    cross = 0
    for _, row in plan[plan["moved"] == "true"].iterrows():
        to = row["to_position_id"]
        if pos.at[to, "kind"] != "fungsional":
            continue
        target = family(str(pos.at[to, "title"]), fam_col.get(to))
        held = set()
        src = row["from_position_id"]
        if src and pos.at[src, "kind"] == "fungsional":
            held.add(family(str(pos.at[src, "title"]), fam_col.get(src)))
        quals = emp.at[row["nip"], "qualifications"] if "qualifications" in emp.columns else None
        if isinstance(quals, str):
            held |= {" ".join(q.lower().split()) for q in quals.split(";") if q.strip()}
        cross += target is not None and target not in held
    figures = {
        "moves_share": len(moved) / len(plan),
        "fit_before": float(fit_before.mean()),
        "fit_after": float(fit_after.mean()),
        "jpm_before": float(num(counted, "jpm_before").mean()),
        "jpm_after": float(num(counted, "jpm_after").mean()),
        "lowering_share": float(lowering.sum()) / max(len(moved), 1),
        "other_profession": cross,
    }
    return figures, outcome.plan.kpis


def assert_signable(figures: dict[str, float], kpis: dict[str, object]) -> None:
    assert figures["moves_share"] <= 0.15
    assert figures["fit_after"] > figures["fit_before"]
    assert figures["jpm_after"] > figures["jpm_before"]
    assert figures["lowering_share"] <= 0.10
    assert figures["other_profession"] == 0
    # The engine's own figures say the same.
    assert kpis["fit_mean_before"] == pytest.approx(figures["fit_before"] / 100, abs=1e-4)
    assert kpis["fit_mean_after"] == pytest.approx(figures["fit_after"] / 100, abs=1e-4)
    assert kpis["jpm_mean_before"] == pytest.approx(figures["jpm_before"], abs=0.01)
    assert kpis["jpm_mean_after"] == pytest.approx(figures["jpm_after"], abs=0.01)


def test_the_bundled_default_plan_is_signable(tmp_path: Path) -> None:
    figures, kpis = panel_figures(ROOT / "scenarios" / "sibolga-2026.yaml", tmp_path)
    assert_signable(figures, kpis)


def test_a_fresh_sample_default_plan_is_signable(tmp_path: Path) -> None:
    folder = write_sample(generate_sample(2500, seed=3), tmp_path / "data", xlsx=False)
    figures, kpis = panel_figures(folder / "scenario.yaml", tmp_path)
    assert_signable(figures, kpis)


def test_people_without_competency_data_count_the_same_everywhere() -> None:
    problem = mo.load_problem(ROOT / "scenarios" / "sibolga-2026.yaml")
    needs = mo.needs_analysis(problem)
    plan = mo.make_plan(problem, mo.solve(problem))
    people = mo.people_frame(problem)
    no_data = int(plan.kpis["no_competency_data"])
    assert no_data > 0
    assert needs.summary()["jpm_no_data"] == no_data
    placed = people["position_id"].notna()
    # Their JPM is unknown (no category), in the notebooks' frame and in assignments.csv alike.
    assert int((placed & people["jpm"].isna() & people["fit"].eq(0)).sum()) >= no_data
    stays = plan.assignments.set_index("nip").loc[people.loc[placed & people["jpm"].isna(), "nip"]]
    assert stays["jpm_category_before"].isna().all()
