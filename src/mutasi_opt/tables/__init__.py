"""The input tables: read CSV or XLSX, validate every row and every cross-table rule, all at once.

Public API (in :mod:`mutasi_opt.tables.read`; importing this package does not load the readers,
so the core can use :mod:`mutasi_opt.tables.model` alone):

- ``load_tables(scenario) -> Tables``: the tables a scenario names;
- ``read_tables(paths, *, workbook=None) -> Tables``: the same from explicit files.

SIASN's shapes (its "Export Data ASN" CSV, its data-utama records, its SKP history) are read
directly: their column names and reference lists are in :mod:`mutasi_opt.tables.siasn`, the columns
that make one engine column are folded by :mod:`mutasi_opt.tables.siasn_fold`, and the SKP history
fills ``performance`` by :mod:`mutasi_opt.tables.skp`.

Both raise one :class:`~mutasi_opt.errors.InputError` holding every problem, each an
:class:`~mutasi_opt.errors.InputIssue` with file, spreadsheet row, column, value and rule code.
Allowed but suspicious input comes back as warnings on ``Tables.warnings``.

Rule codes (errors)
    Files: ``file_not_found``, ``unsupported_format``, ``empty_file``, ``unknown_encoding``,
    ``csv_syntax``, ``unreadable_workbook``, ``encrypted_workbook``, ``xls_workbook``,
    ``workbook_named_csv``, ``missing_sheet``, ``missing_table``, ``missing_column``,
    ``duplicate_column``, ``no_rows``.
    Cells: ``control_character``, ``formula_without_value``, ``missing_value``, ``nip_as_number``, ``nip_format``, ``nip_length``,
    ``nip_birth_date``, ``nip_cpns_date``, ``nip_gender``, ``invalid_date``, ``impossible_date``,
    ``date_as_number``, ``not_a_bool``, ``not_a_number``, ``not_an_integer``,
    ``level_out_of_range``, ``score_out_of_range``, ``capacity_below_1``,
    ``priority_out_of_range``, ``rank_below_1``, ``unknown_golongan``, ``unknown_education``,
    ``unknown_predikat``, ``unknown_potential``, ``unknown_status``, ``unknown_kind``,
    ``unknown_jenjang``, ``unknown_competency_kind``, ``unknown_asn_type``,
    ``unknown_jenis_jabatan``, ``siasn_post_id``, ``year_out_of_range``, ``bup_out_of_range``.
    Rows and tables: ``duplicate_nip``, ``duplicate_position``, ``duplicate_code``,
    ``duplicate_competency``, ``duplicate_requirement``, ``duplicate_score``, ``duplicate_rank``,
    ``duplicate_preference``, ``missing_jenjang``, ``jenjang_not_fungsional``,
    ``golongan_range_inverted``, ``unknown_position``, ``unknown_nip``, ``unknown_unit``,
    ``unknown_competency``, ``missing_tmt_jabatan``, ``locked_not_placed``, ``over_capacity``,
    ``preference_target``, ``missing_rank``, ``birth_after_as_of``, ``tmt_after_as_of``,
    ``tmt_before_birth``, ``duplicate_skp_year``.
Rule codes (warnings)
    ``cp1252_encoding``, ``unused_column``, ``line_break_in_cell``, ``absent_<column>``,
    ``birth_date_mismatch``, ``tmt_before_age_18``, ``implausible_age``, ``no_competency_data``,
    ``no_competency_table``, ``no_requirements``, ``no_requirements_table``, ``wish_and_refusal``,
    ``unit_spellings`` (one unit written several ways in ``positions``, see
    :mod:`~mutasi_opt.tables.units`), ``unit_spelling`` (a preference's unit written otherwise),
    ``bup_differs``, ``siasn_left_service``, ``skp_history_differs``, ``skp_history_stale``.
"""
