"""The rules of issue 11 on tiny hand-made rounds, through ``mutasi-opt solve`` and ``explain``.

Each round is a folder of tests/data/rules/ whose README.md states the round and the plan worked
out by hand from docs/rules.md; ``profession`` and ``missing_technical`` have theirs in
test_rules_cli.py. Every solve here is audited on the way (``mutasi_opt.audit``): a plan whose
chosen pairs a rule forbids would fail before the run folder is written.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from mutasi_opt.cli import app

ROUNDS = Path(__file__).resolve().parents[1] / "data" / "rules"
runner = CliRunner()

TableEdit = Callable[[pd.DataFrame], pd.DataFrame]


@dataclass(frozen=True)
class Run:
    """One ``mutasi-opt solve`` of a round: its exit code, its messages and its run folder."""

    out: Path
    exit_code: int
    stdout: str
    stderr: str

    @cached_property
    def plan(self) -> pd.DataFrame:
        """assignments.csv, by NIP."""
        return _csv(self.out / "assignments.csv").set_index("nip")

    @cached_property
    def vacancies(self) -> pd.DataFrame:
        """vacancies.csv, by position_id."""
        return _csv(self.out / "vacancies.csv").set_index("position_id")

    @cached_property
    def summary(self) -> dict[str, Any]:
        """summary.json."""
        data: dict[str, Any] = json.loads((self.out / "summary.json").read_text(encoding="utf-8"))
        return data

    def to(self, nip: str) -> str:
        """The post the plan gives this person."""
        return str(self.plan.loc[nip, "to_position_id"])


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def solve_round(
    name: str,
    tmp: Path,
    settings: dict[str, Any] | None = None,
    tables: dict[str, TableEdit] | None = None,
    expect: int = 0,
) -> Run:
    """Solve a copy of tests/data/rules/<name>, its scenario merged with ``settings`` and its
    CSV tables passed through ``tables`` (file name -> edit)."""
    folder = tmp / name
    shutil.copytree(ROUNDS / name, folder)
    scenario = folder / "scenario.yaml"
    raw = yaml.safe_load(scenario.read_text(encoding="utf-8"))
    scenario.write_text(yaml.safe_dump(_merge(raw, settings or {})), encoding="utf-8")
    for file, edit in (tables or {}).items():
        edit(_csv(folder / file)).to_csv(folder / file, index=False)
    out = tmp / f"{name}-run"
    result = runner.invoke(app, ["solve", str(scenario), "--out", str(out), "--quiet"])
    assert result.exit_code == expect, result.output
    return Run(out, result.exit_code, result.stdout, result.stderr)


def explain(run: Run, nip: str, language: str = "id") -> str:
    """``mutasi-opt explain RUN --nip NIP`` (its standard output)."""
    result = runner.invoke(app, ["explain", str(run.out), "--nip", nip, "--language", language])
    assert result.exit_code == 0, result.output
    return result.stdout


def closed_line(text: str, position_id: str) -> str:
    """The line of ``explain`` for a post a rule closes (under the last heading)."""
    heading = (
        "Jabatan bernilai lebih tinggi yang tertutup aturan:",
        "Posts worth more that a rule closes:",
    )
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if line in heading)
    hits = [line for line in lines[start + 1 :] if f"[{position_id}]" in line]
    assert len(hits) == 1, text
    return hits[0]


def _round_fixture(name: str) -> Any:
    @pytest.fixture(scope="module")
    def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
        return solve_round(name, tmp_path_factory.mktemp(name))

    return run


# --- 1. promotion: the requirements of the target post for a placement ----------------------------

UCOK, QORI, DEWI = "196801011990031001", "197603152001012002", "198605052010012003"
promotion_run = _round_fixture("promotion")


def test_a_placement_needs_the_requirements_of_the_target_post(promotion_run: Run) -> None:
    run = promotion_run
    assert set(run.plan["move_type"]) == {"placement"}
    # Qori (S2, 50 years, 25 years of service) meets JPT Pratama's: she becomes Kepala Dinas.
    assert run.to(QORI) == "K1"
    # Dewi (D3) meets the pengawas' D-III, not the administrator's S1/D-IV.
    assert run.to(DEWI) == "W1"
    # Ucok (SMA, 58 years 11 months) is no Kepala Dinas: the one post left to him has BUP 60.
    assert run.to(UCOK) == "F1"
    assert run.vacancies.loc["A1", "blocked_by"] == "not_worth_move"


def test_explain_names_the_placement_requirement_that_fails(promotion_run: Run) -> None:
    text = explain(promotion_run, UCOK)
    assert closed_line(text, "K1").endswith(
        "[promotion] (butuh S1/D-IV, pendidikan SMA; usia 58 thn > 56)"
    )
    # Pengawas asks D-III; the retirement horizon closes it too (BUP 58 lies behind him).
    w1 = closed_line(text, "W1")
    assert "[retirement] (usia 58 thn 11 bln; BUP 58 thn: lewat 11 bln (batas 12))" in w1
    assert w1.endswith("[promotion] (butuh D-III, pendidikan SMA)")
    dewi = explain(promotion_run, DEWI)
    assert closed_line(dewi, "A1").endswith("[promotion] (butuh S1/D-IV, pendidikan D3)")
    english = explain(promotion_run, UCOK, "en")
    assert closed_line(english, "K1").endswith(
        "[promotion] (needs S1/D-IV, education SMA; age 58 > 56)"
    )


# --- 2. retirement: the horizon counts against the BUP of the target post -------------------------

RAHMAT, PUTRI_PERAWAT = "196906011995031001", "199102022015032002"
retirement_run = _round_fixture("retirement")


def test_an_ahli_madya_near_58_moves_only_into_a_post_with_bup_60(retirement_run: Run) -> None:
    run = retirement_run
    # 57 years 6 months: 30 months before his own BUP 60, so he may move; to M2 (ahli madya, BUP
    # 60), not to A1 (administrator, BUP 58: 6 months away, within the 12-month horizon).
    assert run.to(RAHMAT) == "M2"
    assert run.plan.loc[RAHMAT, "move_type"] == "rotasi"
    assert run.to(PUTRI_PERAWAT) == "N1"


def test_explain_quotes_the_retirement_numbers(retirement_run: Run) -> None:
    line = closed_line(explain(retirement_run, RAHMAT), "A1")
    assert line.endswith("[retirement] (usia 57 thn 6 bln; BUP 58 thn: 6 bln lagi (batas 12))")
    english = closed_line(explain(retirement_run, RAHMAT, "en"), "A1")
    assert english.endswith("[retirement] (age 57 y 6 m; BUP 58: 6 months left (horizon 12))")


def test_a_post_only_a_retiring_person_could_take_has_no_candidate(retirement_run: Run) -> None:
    """Nobody keeps Rahmat in place (he moves): the administrator post has no candidate at all,
    it is not held back by a rule that keeps people in place."""
    a1 = retirement_run.vacancies.loc["A1"]
    assert a1["blocked_by"] == "no_candidate"
    assert a1["eligible_candidates"] == "0"
    assert "mendekati atau melewati batas usia pensiun (BUP) (1)" in a1["reason"]
    assert "tertahan" not in a1["reason"]


def test_a_shorter_horizon_opens_the_administrator_post(tmp_path: Path) -> None:
    run = solve_round("retirement", tmp_path, {"rules": {"retirement_horizon_months": 5}})
    assert run.to(RAHMAT) == "A1"


# --- 3a. movable_asn_types ------------------------------------------------------------------------

PUTRI_PPPK, CITRA, CANDRA, BENI_PNS = (
    "199005152024012001", "199903032025122002", "200001012026121003", "198804042012011004",
)  # fmt: skip
asn_type_run = _round_fixture("asn_type")


def test_pppk_and_cpns_stay_and_an_unplaced_cpns_is_placed(asn_type_run: Run) -> None:
    plan = asn_type_run.plan
    for nip, kind in ((PUTRI_PPPK, "PPPK"), (CITRA, "CPNS")):
        assert plan.loc[nip, "to_position_id"] == "X1"
        assert plan.loc[nip, "reason_code"] == "asn_type"
        assert plan.loc[nip, "reason"] == (
            "Tetap di Pengadministrasi Umum (Dinas Pendidikan): "
            f"{kind} tidak termasuk jenis ASN yang dapat dimutasi (PNS)."
        )
    assert plan.loc[CANDRA, "to_position_id"] == "X2"
    assert plan.loc[CANDRA, "move_type"] == "placement"
    assert plan.loc[BENI_PNS, "to_position_id"] == "X2"
    assert plan.loc[BENI_PNS, "move_type"] == "rotasi"


def test_the_seat_left_in_the_pooled_post_is_held_back_by_the_asn_type(asn_type_run: Run) -> None:
    """X2's third seat: Candra and Beni hold the other two and cannot take it; the two who would
    are kept in place by their ASN type."""
    x2 = asn_type_run.vacancies.loc["X2"]
    assert x2["free_seats"] == "1"
    assert x2["blocked_by"] == "kept_by_rules"
    assert x2["eligible_candidates"] == "0"
    assert x2["reason"] == (
        "Tidak ada kandidat: pegawai yang memenuhi syarat tertahan aturan: jenis ASN tidak "
        "termasuk yang dapat dimutasi (CPNS, PPPK): tetap di jabatannya (2)"
    )


def test_listed_as_movable_the_pppk_moves(tmp_path: Path) -> None:
    run = solve_round("asn_type", tmp_path, {"rules": {"movable_asn_types": ["PNS", "PPPK"]}})
    assert run.to(PUTRI_PPPK) == "X2"
    assert run.plan.loc[CITRA, "reason_code"] == "asn_type"
    assert run.plan.loc[CITRA, "reason"].endswith(
        "CPNS tidak termasuk jenis ASN yang dapat dimutasi (PNS, PPPK)."
    )


# --- 3b. statuses that stop a transfer ------------------------------------------------------------

ANI, MARTA = "198501012010011001", "196902152000032005"
STATUS_WORDS = {
    "198602022011011002": ("sedang menjalani proses hukum", "in court proceedings (proses hukum)"),
    "199703032020122003": (
        "sedang menjalani ikatan dinas", "serving a service bond (ikatan dinas)",
    ),
    "198704042012011004": (
        "sedang diberhentikan sementara", "temporarily dismissed (pemberhentian sementara)",
    ),
    "196902152000032005": (
        "sedang dalam masa persiapan pensiun", "in pre-retirement (masa persiapan pensiun)",
    ),
    "198805052013012006": ("sedang cuti", "on leave (cuti)"),  # CLTN is a kind of cuti
}  # fmt: skip
not_active_run = _round_fixture("not_active")


@pytest.mark.parametrize("nip", sorted(STATUS_WORDS))
def test_each_status_keeps_its_person_in_place_in_its_own_words(
    not_active_run: Run, nip: str
) -> None:
    row = not_active_run.plan.loc[nip]
    assert row["to_position_id"] == "Y1"
    assert row["moved"] == "false"
    assert row["reason_code"] == "not_active"
    prefix = "Tetap di Pengadministrasi Umum (Kecamatan Sibolga Kota): "
    assert row["reason"].startswith(prefix + STATUS_WORDS[nip][0])


def test_pre_retirement_near_the_bup_quotes_both_rules(not_active_run: Run) -> None:
    reason = not_active_run.plan.loc[MARTA, "reason"]
    assert reason.endswith(
        "sedang dalam masa persiapan pensiun; pensiun dalam 3 bulan (BUP 58 tahun)."
    )


def test_the_status_words_in_english_and_the_active_one_moves(tmp_path: Path) -> None:
    run = solve_round("not_active", tmp_path, {"output": {"language": "en"}})
    for nip, (_, english) in STATUS_WORDS.items():
        assert english in run.plan.loc[nip, "reason"]
    # The one aktif person takes the priority-5 seat every other person would take too.
    assert run.to(ANI) == "Y2"


# --- 4. the holder of an abolished post -----------------------------------------------------------

HANA, BENI_SUBBIDANG = "198703032010012001", "198502022009011002"
abolished_run = _round_fixture("abolished")


def test_the_holder_of_an_abolished_post_moves_whatever_their_tenure(abolished_run: Run) -> None:
    plan = abolished_run.plan
    # Both have 6 months in their post: the minimum tenure holds Beni, not Hana.
    assert plan.loc[HANA, "to_position_id"] == "H2"
    assert plan.loc[HANA, "reason_code"] == "abolished_post"
    assert plan.loc[BENI_SUBBIDANG, "to_position_id"] == "B1"
    assert plan.loc[BENI_SUBBIDANG, "reason_code"] == "min_tenure"
    assert "masa jabatan 6 bulan < 24 bulan" in plan.loc[BENI_SUBBIDANG, "reason"]


def _every_post_asks_s2(positions: pd.DataFrame) -> pd.DataFrame:
    out = positions.copy()
    out.loc[out["status"] == "active", "min_education"] = "S2"
    return out


def test_infeasible_only_when_no_post_is_open_to_the_holder(tmp_path: Path) -> None:
    run = solve_round(
        "abolished", tmp_path, tables={"positions.csv": _every_post_asks_s2}, expect=3
    )
    assert run.summary["status"] == "infeasible"
    assert "no plan exists" in run.stderr
    assert f"NIP {HANA} must leave an abolished post (H1)" in run.stderr
    (conflict,) = run.summary["conflicts"]
    assert conflict["nips"] == [HANA]
    assert conflict["families"] == ["abolished", "education"]


# --- 5. soft maximum tenure -----------------------------------------------------------------------

OKI, EKO, WATI = "198401012008011001", "198401022008011002", "198401032008012003"
max_tenure_run = _round_fixture("max_tenure")
TENURE_WORDS = "masa jabatan 72 bulan melewati batas 60 bulan"


def test_past_the_maximum_moves_where_an_equal_person_does_not(max_tenure_run: Run) -> None:
    plan = max_tenure_run.plan
    # Oki (72 months) and Eko (36 months) differ in nothing else: only Oki takes Wati's seat.
    assert plan.loc[OKI, "to_position_id"] == "S3"
    assert plan.loc[OKI, "reason_code"] == "max_tenure"
    assert TENURE_WORDS in plan.loc[OKI, "reason"]
    assert plan.loc[EKO, "moved"] == "false"
    assert plan.loc[WATI, "to_position_id"] == "V2"
    assert TENURE_WORDS in plan.loc[WATI, "reason"]


def test_the_reason_cites_tenure_only_when_it_counted(tmp_path: Path) -> None:
    settings = {"weights": {"overdue": 0}, "rules": {"max_tenure_hard": False}}
    plan = solve_round("max_tenure", tmp_path, settings).plan
    # Without the bonus Oki has nothing to gain; Wati still moves for the fit, not the tenure.
    assert plan.loc[OKI, "moved"] == "false"
    assert plan.loc[WATI, "to_position_id"] == "V2"
    assert plan.loc[WATI, "reason_code"] == "fill_vacancy"
    assert "masa jabatan" not in " ".join(plan["reason"])


def test_a_hard_maximum_moves_and_cites_without_the_bonus(tmp_path: Path) -> None:
    settings = {"weights": {"overdue": 0}, "rules": {"max_tenure_hard": True}}
    plan = solve_round("max_tenure", tmp_path, settings).plan
    assert plan.loc[OKI, "to_position_id"] == "S3"
    assert plan.loc[WATI, "to_position_id"] == "V2"
    assert plan.loc[EKO, "moved"] == "false"
    for nip in (OKI, WATI):
        assert plan.loc[nip, "reason_code"] == "max_tenure"
        assert TENURE_WORDS in plan.loc[nip, "reason"]


# --- 6. no_fit_loss -------------------------------------------------------------------------------

FAJAR, GITA, HADI = "198601012010011001", "198702022011012002", "198803032012011003"
no_fit_loss_run = _round_fixture("no_fit_loss")


def test_a_voluntary_move_keeps_the_fit_but_for_the_two_exceptions(no_fit_loss_run: Run) -> None:
    plan = no_fit_loss_run.plan
    # Fajar would gain by L3 (priority 3) at 80 from 100: closed.
    assert plan.loc[FAJAR, "moved"] == "false"
    # Gita takes L4 at 80 from 100: a vacancy of priority 4.
    assert plan.loc[GITA, ["to_position_id", "score_before", "score"]].tolist() == [
        "L4",
        "100",
        "80",
    ]
    # Hadi leaves an abolished post for L2 (priority 2) at 80 from 100.
    assert plan.loc[HADI, ["to_position_id", "score_before", "score"]].tolist() == [
        "L2",
        "100",
        "80",
    ]
    assert plan.loc[HADI, "reason_code"] == "abolished_post"


def test_explain_shows_the_fit_loss(no_fit_loss_run: Run) -> None:
    line = closed_line(explain(no_fit_loss_run, FAJAR), "L3")
    assert line.endswith(
        "[no_fit_loss] (kecocokan 100% -> 80% (turun hanya boleh ke lowongan prioritas >= 4))"
    )
    english = closed_line(explain(no_fit_loss_run, FAJAR, "en"), "L3")
    assert english.endswith(
        "[no_fit_loss] (fit 100% -> 80% (a fall only into a vacancy of priority >= 4))"
    )


def test_switched_off_the_move_happens(tmp_path: Path) -> None:
    plan = solve_round("no_fit_loss", tmp_path, {"rules": {"no_fit_loss": False}}).plan
    assert plan.loc[FAJAR, "to_position_id"] == "L3"
    assert plan.loc[GITA, "to_position_id"] == "L4"
    assert plan.loc[HADI, "to_position_id"] == "L2"


def test_a_higher_priority_floor_closes_the_vacancy_exception(tmp_path: Path) -> None:
    settings = {"rules": {"fit_loss_allowed_min_priority": 5}}
    plan = solve_round("no_fit_loss", tmp_path, settings).plan
    assert plan.loc[GITA, "moved"] == "false"
    # Leaving an abolished post is no voluntary move: Hadi still may lose fit.
    assert plan.loc[HADI, "to_position_id"] == "L2"
