"""The audit's competency lookups (``audit.levels``) against merges of the raw tables.

The oracle is the plain pandas reading of docs/model.md: requirements and competencies with a
repeated key keeping their last row, joined on ``position_id`` and then on ``(nip, competency)``,
a missing level read as 0. Hypothesis draws small tables with repeats, level-0 rows, people
without competencies, posts without requirements and ``None`` posts.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from mutasi_opt.audit.levels import CompetencyRows, competency_sums, missing_technical

NIPS = [f"19800101200501100{k}" for k in range(5)]
POSTS = ["J1", "J2", "J3", "J4"]
CODES = ["M.01", "M.02", "T.01", "T.02", "S.01"]


def _oracle(tables: Any, nips: list[str], post_ids: list[str | None]) -> pd.DataFrame:
    req = tables.requirements.drop_duplicates(["position_id", "competency"], keep="last")
    req = req[pd.to_numeric(req["level"], errors="coerce") > 0]
    have = tables.competencies.drop_duplicates(["nip", "competency"], keep="last")
    chosen = pd.DataFrame({"k": np.arange(len(nips)),
                           "nip": pd.Series(nips, dtype=object),
                           "position_id": pd.Series(post_ids, dtype=object)})  # fmt: skip
    rows = chosen.merge(req, on="position_id", how="inner").merge(
        have.rename(columns={"level": "have"}), on=["nip", "competency"], how="left"
    )
    rows["need"] = pd.to_numeric(rows["level"])
    rows["have"] = pd.to_numeric(rows["have"]).fillna(0)
    return rows


rows_of = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 5)), max_size=25)


@settings(max_examples=150, deadline=None)
@given(
    req=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), st.integers(0, 5)), max_size=20),
    have=rows_of,
    chosen=st.lists(
        st.tuples(st.integers(0, 4), st.one_of(st.none(), st.integers(0, 3))), max_size=12
    ),
    technical=st.sets(st.sampled_from(CODES)),
)
def test_sums_and_missing_technical_match_the_merges(
    req: list[tuple[int, int, int]],
    have: list[tuple[int, int, int]],
    chosen: list[tuple[int, int | None]],
    technical: set[str],
) -> None:
    tables = SimpleNamespace(
        requirements=pd.DataFrame(
            [(POSTS[j], CODES[c], float(v)) for j, c, v in req],
            columns=["position_id", "competency", "level"],
        ).astype({"position_id": object, "competency": object}),
        competencies=pd.DataFrame(
            [(NIPS[i], CODES[c], float(v)) for i, c, v in have],
            columns=["nip", "competency", "level"],
        ).astype({"nip": object, "competency": object}),
    )
    nips = [NIPS[i] for i, _ in chosen]
    post_ids = [None if j is None else POSTS[j] for _, j in chosen]
    levels = CompetencyRows.read(tables)  # type: ignore[arg-type]
    nip_arr = np.array(nips, dtype=object)
    post_arr = np.array(post_ids, dtype=object)

    official, capped, total = competency_sums(levels, nip_arr, post_arr)
    rows = _oracle(tables, nips, post_ids)
    n = len(nips)
    k = rows["k"].to_numpy(dtype=np.int64)
    want_official = np.bincount(k, weights=rows["have"].to_numpy(float), minlength=n)
    want_capped = np.bincount(
        k, weights=np.minimum(rows["have"], rows["need"]).to_numpy(float), minlength=n
    )
    want_total = np.bincount(k, weights=rows["need"].to_numpy(float), minlength=n)
    np.testing.assert_array_equal(official, want_official)
    np.testing.assert_array_equal(capped, want_capped)
    np.testing.assert_array_equal(total, want_total)

    lacking = missing_technical(levels, technical, nip_arr, post_arr)
    gaps = rows[rows["competency"].isin(technical) & (rows["have"] <= 0)]
    want = [tuple(sorted(gaps.loc[gaps["k"] == i, "competency"])) for i in range(n)]
    assert list(lacking) == want


def test_no_tables_no_rows() -> None:
    empty = SimpleNamespace(
        requirements=pd.DataFrame(columns=["position_id", "competency", "level"]),
        competencies=pd.DataFrame(columns=["nip", "competency", "level"]),
    )
    levels = CompetencyRows.read(empty)  # type: ignore[arg-type]
    nips = np.array(NIPS[:2], dtype=object)
    posts = np.array(["J1", None], dtype=object)
    assert [a.tolist() for a in competency_sums(levels, nips, posts)] == [[0.0, 0.0]] * 3
    assert list(missing_technical(levels, {"T.01"}, nips, posts)) == [(), ()]
