"""explain_person on plans in memory (the run-folder path is tested with the CLI)."""

from __future__ import annotations

import pytest

from mutasi_opt.plan import explain_person, make_plan

from .builders import nip
from .cases import BUDI, HADI, round_case
from .test_reasons import _stays_case


def test_mover_alternatives_with_why_not() -> None:
    plan = make_plan(*round_case())
    ex = explain_person(plan, BUDI)
    assert (ex.from_position_id, ex.to_position_id, ex.move_type, ex.chain_id) == (
        "P-B", "P-A", "rotasi", "R001",
    )  # fmt: skip
    assert [(a.position_id, a.value, a.why_code, a.is_current) for a in ex.alternatives] == [
        ("P-B", 0.5, "worth_less", True),
        ("P-C", 0.4, "worth_less", False),
    ]
    assert str(ex) == "\n".join(
        [
            f"NIP {BUDI} — Budi",
            "Jabatan sekarang: Analis B (Dinas B) [P-B]",
            "Jabatan dalam rencana: Analis A (Dinas A) [P-A] — rotasi, rantai R001",
            "Nilai: 0,7",
            "Alasan: " + plan.assignments.set_index("nip").at[BUDI, "reason"],
            "Alternatif terbaik:",
            "  1. Analis B (Dinas B) [P-B] [jabatan sekarang], nilai 0,5: tetap di jabatan ini "
            "bernilai 0,5, lebih rendah daripada pindah (0,7)",
            "  2. Analis C (Dinas B) [P-C], nilai 0,4: bernilai lebih rendah (0,4) daripada jabatan "
            "dalam rencana (0,7)",
        ]
    )


def test_stayer_without_alternatives_in_english() -> None:
    plan = make_plan(*round_case())
    ex = explain_person(plan, HADI, language="en")
    assert ex.reason_code == "min_tenure"
    # No candidate post but his own; P-V would be worth more (0.625 by his competencies, priority
    # 5), and every rule that closes it is named.
    assert str(ex).splitlines()[-4:] == [
        "Reason: Stays in Analis G3 (Dinas A): tenure 18 months < 24 months.",
        "No other post meets the requirements.",
        "Posts worth more that a rule closes:",
        "  1. Kepala Seksi V (Dinas A) [P-V], value 0.625: rule: tenure below the minimum: stays "
        "[min_tenure] (18 months in post < 24); promotion not allowed or its requirements not met "
        "[promotion] (18 months in the current post, needs 48); the person refused this post or "
        "its unit [refusal]; the pair is not listed in scores [only_scored]",
    ]


def test_post_taken_by_someone_else_is_named() -> None:
    plan = make_plan(*_stays_case())
    ex = explain_person(plan, nip(2), language="en")
    top = ex.alternatives[0]
    assert (top.position_id, top.why_code, top.taken_by) == ("Y2", "taken", nip(3))
    assert top.why == f"taken by Q3 (NIP {nip(3)}, value 1; this person's value 0.9)"
    ex5 = explain_person(plan, nip(5))
    assert [(a.position_id, a.why_code) for a in ex5.alternatives] == [("W", "plan_total")]


def test_unknown_nip_is_a_key_error_naming_it_in_the_plans_language() -> None:
    plan = make_plan(*round_case())
    with pytest.raises(KeyError, match="NIP 123 tidak ada dalam rencana ini"):
        explain_person(plan, "123")
    with pytest.raises(KeyError, match="NIP 123 is not in this plan"):
        explain_person(plan, "123", language="en")


def test_to_dict_is_plain_data() -> None:
    ex = explain_person(make_plan(*round_case()), BUDI)
    d = ex.to_dict()
    assert d["nip"] == BUDI
    assert d["alternatives"][1]["position_id"] == "P-C"
