"""A realistic synthetic Kota Sibolga: every input table and a scenario, deterministic for a seed.

>>> from mutasi_opt.synth import generate_sample
>>> sample = generate_sample(2500, seed=2026)
>>> sample.positions["unit"].nunique() > 40
True

The city (:mod:`~mutasi_opt.synth.catalogue`) has the OPDs named in public sources with plausible
bidang and formations (each functional post naming its profession family); :func:`generate_sample`
sizes it to the number of people asked for, draws who sits where (about 10 % of seats vacant), the
people (golongan, education, NIP, dates, performance, potential, PNS/CPNS/PPPK, status, the second
professions of a few), their competencies and the posts' standards, and wishes and refusals;
:func:`write_sample` writes them as CSV files, a workbook and a scenario.
"""

from mutasi_opt.synth.generate import MIN_EMPLOYEES, SampleData, generate_sample, sample_counts
from mutasi_opt.synth.write import WORKBOOK_NAME, write_sample

__all__ = [
    "MIN_EMPLOYEES",
    "WORKBOOK_NAME",
    "SampleData",
    "generate_sample",
    "sample_counts",
    "write_sample",
]
