"""The audit's reading of the competency tables: each post's required levels, each person's levels.

:class:`CompetencyRows` reads ``requirements`` and ``competencies`` once, straight from the tables
(never from the engine's grids), and answers, for a list of (person, post) pairs, the rows of each
post's required competencies with the person's level in each. :func:`competency_sums` (the sums
fit is made of) and :func:`missing_technical` (the teknis competencies a person lacks) read them.

The lookups go through integer codes (``pandas.Index.get_indexer`` and a sorted key), not merges
of text columns: at 100,000 people the audit looks up about two million (person, competency)
levels, and the merges on text keys took seconds. The meaning is the merges': a repeated
``(position_id, competency)`` or ``(nip, competency)`` row keeps its last row, a requirement counts
when its level is above 0, a level the person does not have is 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from mutasi_opt.audit.cells import FloatArray, IntArray, ObjArray, texts
from mutasi_opt.audit.vocabulary import TECHNICAL_KIND

if TYPE_CHECKING:
    from mutasi_opt.tables.model import Tables

__all__ = ["CompetencyRows", "competency_sums", "missing_technical", "technical_codes"]


def technical_codes(dictionary: pd.DataFrame | None) -> set[str]:
    """The codes the competency dictionary says are ``teknis`` (docs/domain.md, "Technical
    competency"; docs/model.md, competency_dictionary). A row without a kind (or a table without
    the column) is teknis; a repeated code keeps its last row; no dictionary has none (the
    built-in default has no teknis competency)."""
    if dictionary is None or len(dictionary) == 0 or "code" not in dictionary.columns:
        return set()
    codes = texts(dictionary["code"]).tolist()
    if "kind" in dictionary.columns:
        kinds = texts(dictionary["kind"]).tolist()
    else:
        kinds = [None] * len(codes)
    kind_of = {}
    for code, kind in zip(codes, kinds, strict=True):
        if code is not None:
            kind_of[code] = TECHNICAL_KIND if kind is None else kind.strip().lower()
    return {code for code, kind in kind_of.items() if kind == TECHNICAL_KIND}


@dataclass(frozen=True)
class Rows:
    """One row per (pair, required competency): the pair's position in the list asked for, the
    competency's code (into :attr:`CompetencyRows.codes`), the required level and the person's
    level (0 when the person has none)."""

    pair: IntArray
    code: IntArray
    need: FloatArray
    level: FloatArray


@dataclass(frozen=True)
class CompetencyRows:
    """``requirements`` and ``competencies`` keyed by integer codes (see the module docstring)."""

    codes: pd.Index
    posts: pd.Index
    req_ptr: IntArray
    req_code: IntArray
    req_level: FloatArray
    people: pd.Index
    have_key: IntArray
    have_level: FloatArray

    @classmethod
    def read(cls, tables: Tables) -> CompetencyRows:
        """Read both tables (a repeated key keeps its last row; requirements of level 0 or less,
        or not a number, do not count)."""
        req = tables.requirements.loc[:, ["position_id", "competency", "level"]]
        req = req.drop_duplicates(["position_id", "competency"], keep="last")
        need = pd.to_numeric(req["level"], errors="coerce").to_numpy(dtype=np.float64)
        req = req[need > 0]
        need = need[need > 0]
        have = tables.competencies.loc[:, ["nip", "competency", "level"]]
        have = have.drop_duplicates(["nip", "competency"], keep="last")
        codes = pd.Index(pd.unique(np.concatenate([req["competency"].to_numpy(dtype=object),
                                                   have["competency"].to_numpy(dtype=object)])))  # fmt: skip
        posts = pd.Index(pd.unique(req["position_id"].to_numpy(dtype=object)))
        post_of = posts.get_indexer(req["position_id"])
        order = np.argsort(post_of, kind="stable")
        req_ptr = np.zeros(len(posts) + 1, dtype=np.int64)
        np.cumsum(np.bincount(post_of, minlength=len(posts)), out=req_ptr[1:])
        people = pd.Index(pd.unique(have["nip"].to_numpy(dtype=object)))
        key = people.get_indexer(have["nip"]).astype(np.int64) * max(len(codes), 1)
        key += codes.get_indexer(have["competency"])
        level = pd.to_numeric(have["level"], errors="coerce").fillna(0).to_numpy(dtype=np.float64)
        by_key = np.argsort(key, kind="stable")
        return cls(
            codes=codes,
            posts=posts,
            req_ptr=req_ptr,
            req_code=codes.get_indexer(req["competency"])[order].astype(np.int64),
            req_level=need[order],
            people=people,
            have_key=key[by_key],
            have_level=level[by_key],
        )

    def rows(self, nips: ObjArray, post_ids: ObjArray) -> Rows:
        """The required competencies of each ``post_ids[k]`` with ``nips[k]``'s level in each
        (a post without requirements, or ``None``, has no rows)."""
        at = self.posts.get_indexer(pd.Index(post_ids, dtype=object)).astype(np.int64)
        has = at >= 0
        start = np.zeros(at.shape[0], dtype=np.int64)
        count = np.zeros(at.shape[0], dtype=np.int64)
        start[has] = self.req_ptr[at[has]]
        count[has] = self.req_ptr[at[has] + 1] - start[has]
        pair = np.repeat(np.arange(at.shape[0], dtype=np.int64), count)
        first = np.cumsum(count) - count  # each pair's first row in the output
        idx = start[pair] + np.arange(pair.shape[0], dtype=np.int64) - first[pair]
        code = self.req_code[idx]
        person = self.people.get_indexer(pd.Index(nips, dtype=object)).astype(np.int64)[pair]
        key = person * max(len(self.codes), 1) + code
        found = np.minimum(np.searchsorted(self.have_key, key), max(self.have_key.size - 1, 0))
        hit = (person >= 0) & (self.have_key.size > 0)
        if self.have_key.size:
            hit &= self.have_key[found] == key
        level = np.where(hit, self.have_level[found] if self.have_key.size else 0.0, 0.0)
        return Rows(pair, code, self.req_level[idx], level.astype(np.float64))


def competency_sums(
    levels: CompetencyRows, nips: ObjArray, post_ids: ObjArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Per pair, over the post's required competencies: sum of the person's levels, sum of
    ``min(level, required)`` and sum of the required levels (a missing level is 0)."""
    n = nips.shape[0]
    r = levels.rows(nips, post_ids)
    official = np.bincount(r.pair, weights=r.level, minlength=n).astype(np.float64)
    capped = np.bincount(r.pair, weights=np.minimum(r.level, r.need), minlength=n)
    total = np.bincount(r.pair, weights=r.need, minlength=n).astype(np.float64)
    return official, capped.astype(np.float64), total


def missing_technical(
    levels: CompetencyRows, technical: set[str], nips: ObjArray, post_ids: ObjArray
) -> ObjArray:
    """Per pair, the technical competencies the post requires (level > 0) that the person has no
    level of, or level 0 (sorted codes; an empty tuple when none)."""
    n = nips.shape[0]
    out = np.empty(n, dtype=object)
    out[:] = [() for _ in range(n)]
    if not technical or n == 0:
        return out
    r = levels.rows(nips, post_ids)
    is_technical = levels.codes.isin(list(technical))
    lack = is_technical[r.code] & (r.level <= 0)
    lacking: dict[int, list[str]] = {}
    for k, code in zip(r.pair[lack].tolist(), r.code[lack].tolist(), strict=True):
        lacking.setdefault(k, []).append(str(levels.codes[code]))
    for k, names in lacking.items():
        out[k] = tuple(sorted(names))
    return out
