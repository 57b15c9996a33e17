"""Words of the reports in Bahasa Indonesia (default) and English.

Only presentation lives here: the CSVs keep the contract's column names in every language; the
sheet names of the workbooks, the headings, column titles and labels inside follow
``output.language`` (Indonesian by default).
"""

from __future__ import annotations

from typing import Final, Literal

Language = Literal["id", "en"]

# key -> (Indonesian, English)
_LABELS: Final[dict[str, tuple[str, str]]] = {
    # columns of the run folder
    "nip": ("NIP", "NIP"),
    "name": ("Nama", "Name"),
    "from_position_id": ("ID jabatan asal", "From post id"),
    "from_title": ("Jabatan asal", "From post"),
    "from_unit": ("OPD asal", "From OPD"),
    "to_position_id": ("ID jabatan tujuan", "To post id"),
    "to_title": ("Jabatan tujuan", "To post"),
    "to_unit": ("OPD tujuan", "To OPD"),
    "moved": ("Pindah", "Moved"),
    "move_type": ("Jenis mutasi", "Move type"),
    "score": ("Skor kecocokan", "Fit score"),
    "score_before": ("Skor kecocokan sebelum", "Fit score before"),
    "moves_share": ("Porsi pegawai dimutasi", "Share of people moved"),
    "placements": ("Penempatan", "Placements"),
    "move_price": ("Harga per mutasi", "Price per move"),
    "fit_mean": ("Rata-rata kecocokan", "Mean fit"),
    "jpm_mean": ("Rata-rata JPM (%)", "Mean JPM (%)"),
    "fit_lowering_moves": ("Mutasi yang menurunkan kecocokan", "Moves lowering fit"),
    "wishes_honoured": ("Keinginan terpenuhi", "Wishes honoured"),
    "priority_seats_filled": ("Kursi prioritas 4-5 terisi", "Priority 4-5 seats filled"),
    "chosen": ("Rencana ini", "This plan"),
    "best_for_moves": ("Terbaik untuk jumlah mutasi ini", "Best for this number of moves"),
    "jpm_before": ("JPM sebelum (%)", "JPM before (%)"),
    "jpm_after": ("JPM sesudah (%)", "JPM after (%)"),
    "jpm_category": ("Kategori JPM", "JPM category"),
    "jpm_category_before": ("Kategori JPM sebelum", "JPM category before"),
    "value": ("Nilai", "Value"),
    "reason": ("Alasan", "Reason"),
    "reason_code": ("Kode alasan", "Reason code"),
    "chain_id": ("Rantai", "Chain"),
    "gender": ("Jenis kelamin", "Gender"),
    "golongan": ("Golongan", "Golongan"),
    "performance": ("Predikat kinerja", "Performance"),
    "potential": ("Potensi", "Potential"),
    "nine_box": ("Kotak 9-box", "9-box"),
    "wish_rank_honoured": ("Peringkat keinginan dipenuhi", "Wish rank honoured"),
    "position_id": ("ID jabatan", "Post id"),
    "title": ("Jabatan", "Post"),
    "unit": ("OPD", "OPD"),
    "kind": ("Jenis jabatan", "Post kind"),
    "jenjang": ("Jenjang", "Jenjang"),
    "priority": ("Prioritas", "Priority"),
    "capacity": ("Kapasitas", "Capacity"),
    "holders": ("Pemangku", "Holders"),
    "holders_after": ("Pemangku sesudah", "Holders after"),
    "free_seats": ("Kursi kosong", "Free seats"),
    "blocked_by": ("Penghambat", "Blocked by"),
    "eligible_candidates": ("Kandidat memenuhi syarat", "Eligible candidates"),
    "chain_type": ("Jenis rantai", "Chain type"),
    "step": ("Langkah", "Step"),
    "ends_with": ("Berakhir dengan", "Ends with"),
    "competency": ("Kode kompetensi", "Competency code"),
    "competency_name": ("Kompetensi", "Competency"),
    "required": ("Standar", "Required"),
    "level": ("Level", "Level"),
    "gap": ("Kesenjangan", "Gap"),
    "development_kind": ("Bentuk pengembangan", "Development kind"),
    "suggestion": ("Saran", "Suggestion"),
    "mentor_nip": ("NIP mentor", "Mentor NIP"),
    "mentor_name": ("Mentor", "Mentor"),
    "staff_before": ("Pegawai sebelum", "Staff before"),
    "staff_after": ("Pegawai sesudah", "Staff after"),
    "moves_in": ("Masuk", "In"),
    "moves_out": ("Keluar", "Out"),
    "moves_within": ("Pindah di dalam OPD", "Moves within"),
    "score_short": ("Skor", "Score"),
    "plot.all_staff": ("Semua pegawai", "All staff"),
    "plot.moved_staff": ("Pegawai yang dimutasi", "Staff moved"),
    "note.nine_box_same": (
        "Kotak 9-box melekat pada pegawai, bukan pada jabatan, sehingga sebarannya sama sebelum "
        "dan sesudah mutasi. Kiri: semua pegawai; kanan: pegawai yang dimutasi.",
        "The 9-box belongs to the person, not the post, so its distribution is the same before "
        "and after the round. Left: all staff; right: the staff moved.",
    ),
    "group": ("Kelompok", "Group"),
    "staff": ("Pegawai", "Staff"),
    "staff_share": ("Porsi pegawai", "Staff share"),
    "moves": ("Mutasi", "Moves"),
    "move_share": ("Porsi mutasi", "Move share"),
    "count": ("Jumlah", "Count"),
    "open_before": ("Kosong sebelum", "Open before"),
    "filled": ("Terisi", "Filled"),
    # needs-analysis columns
    "posts": ("Jabatan", "Posts"),
    "jpm": ("JPM (%)", "JPM (%)"),
    "tmt_jabatan": ("TMT jabatan", "In post since"),
    "tenure_months": ("Masa jabatan (bulan)", "Tenure (months)"),
    "max_tenure_months": ("Batas (bulan)", "Maximum (months)"),
    "birth_date": ("Tanggal lahir", "Birth date"),
    "bup_age": ("BUP (tahun)", "Retirement age"),
    "retirement_date": ("TMT pensiun", "Retirement date"),
    "months_to_retirement": ("Bulan menuju pensiun", "Months to retirement"),
    "people": ("Pegawai", "People"),
    "required_mean": ("Standar rata-rata", "Mean required"),
    "level_mean": ("Level rata-rata", "Mean level"),
    "gap_mean": ("Kesenjangan rata-rata", "Mean gap"),
    "below_share": ("Porsi di bawah standar", "Share below standard"),
    "no_data": ("Tanpa data", "No data"),
    "needs_external_approval": ("Perlu persetujuan eksternal", "Needs external approval"),
    "status": ("Status", "Status"),
    # move types
    "move_type.stay": ("Tetap", "Stay"),
    "move_type.rotasi": ("Rotasi", "Rotation"),
    "move_type.promosi": ("Promosi", "Promotion"),
    "move_type.demosi": ("Demosi", "Demotion"),
    "move_type.placement": ("Penempatan", "Placement"),
    # statuses
    "status.optimal": ("Optimal", "Optimal"),
    "status.feasible": ("Layak (optimalitas belum terbukti)", "Feasible (optimality not proven)"),
    "status.infeasible": ("Tidak layak", "Infeasible"),
    "status.no_solution": ("Tidak ada rencana dalam batas waktu", "No plan within the time limit"),
    "chain_type.chain": ("Rantai lowongan", "Vacancy chain"),
    "chain_type.cycle": ("Siklus tukar", "Swap cycle"),
    "ends_with.vacancy_left": ("lowongan tersisa", "vacancy left"),
    "ends_with.abolished_emptied": ("jabatan dihapus dikosongkan", "abolished post emptied"),
    "ends_with.placement": ("penempatan", "placement"),
    "ends_with.cycle": ("siklus", "cycle"),
    "from_post_unit": ("Jabatan asal (OPD)", "From post (OPD)"),
    "to_post_unit": ("Jabatan tujuan (OPD)", "To post (OPD)"),
    "jpm_change": ("JPM (%)", "JPM (%)"),
    "bool.true": ("ya", "yes"),
    "bool.false": ("tidak", "no"),
    "gender.L": ("Laki-laki", "Men"),
    "gender.P": ("Perempuan", "Women"),
    # run report: titles and headings
    "run.title": ("Rencana Mutasi ASN", "Civil-Servant Transfer Plan"),
    "run.subtitle": ("Usulan hasil optimasi mutasi-opt", "Proposal computed by mutasi-opt"),
    "meta.scenario": ("Skenario", "Scenario"),
    "meta.description": ("Keterangan", "Description"),
    "meta.as_of": ("Tanggal acuan", "Planning date"),
    "meta.created": ("Dibuat", "Created"),
    "meta.status": ("Status", "Status"),
    "meta.objective": ("Nilai tujuan", "Objective"),
    "meta.bound": ("Batas atas terbukti", "Proven bound"),
    "meta.gap": ("Selisih optimalitas", "Optimality gap"),
    "meta.backend": ("Algoritma", "Algorithm"),
    "meta.seed": ("Benih acak", "Seed"),
    "meta.solve_time": ("Waktu hitung", "Solve time"),
    "meta.check": ("Pemeriksaan independen", "Independent check"),
    "check.ok": ("lulus: semua aturan terpenuhi", "passed: every rule holds"),
    "check.failed": ("GAGAL: lihat summary.json", "FAILED: see summary.json"),
    "meta.version": ("Versi mutasi-opt", "mutasi-opt version"),
    "sec.summary": ("Ringkasan", "Summary"),
    "sec.moves_by_type": ("Mutasi menurut jenis", "Moves by type"),
    "sec.frontier": (
        "Berapa banyak mutasi yang sepadan: rencana terbaik per jumlah mutasi",
        "How many moves are worth it: the best plan for each number of moves",
    ),
    "note.frontier": (
        "Setiap titik adalah rencana terbaik (terbukti) untuk paling banyak sekian mutasi; garis "
        "putus-putus hanya menghubungkan titik. Bintang menandai rencana ini. Mulai dari titik mana "
        "tambahan mutasi tidak lagi menaikkan kecocokan, mutasi berikutnya membeli keinginan "
        "pegawai dan kursi prioritas. Untuk jumlah di antara titik: rules.max_moves.",
        "Each point is the best plan (proven) with at most that many moves; the dashed line only "
        "joins the points. The star marks this plan. Where more moves stop raising fit, "
        "further moves buy wishes and priority seats. For a number between points: "
        "rules.max_moves.",
    ),
    "note.frontier_relaxed": (
        "Titik-titik ini tidak menerapkan {rules}: nilainya batas atas untuk skenario ini.",
        "These points do not apply {rules}: their values are upper bounds for this scenario.",
    ),
    "sec.jpm": (
        "Kecocokan jabatan (JPM) sebelum dan sesudah",
        "Job-person match (JPM) before and after",
    ),
    "sec.nine_box": ("Peta talenta 9-box sebelum dan sesudah", "Talent 9-box before and after"),
    "sec.units": ("Mutasi per OPD", "Moves per OPD"),
    "sec.flows": ("Arus pegawai antar-OPD", "Flows between OPDs"),
    "sec.vacancies_priority": ("Lowongan terisi menurut prioritas", "Vacancies filled by priority"),
    "sec.moves": ("Daftar mutasi", "Transfers"),
    "sec.chains": ("Rantai lowongan dan siklus tukar", "Vacancy chains and swap cycles"),
    "sec.vacancies": ("Lowongan yang tersisa", "Vacancies left"),
    "sec.development": ("Rencana pengembangan", "Development plan"),
    "sec.fairness": ("Keadilan", "Fairness"),
    "sec.fairness.gender": ("Menurut jenis kelamin", "By gender"),
    "sec.fairness.golongan_group": ("Menurut golongan", "By golongan"),
    "sec.opd": ("Ringkasan per OPD", "Per OPD"),
    "sec.infeasible": ("Mengapa tidak ada rencana", "Why there is no plan"),
    "sec.files": ("Berkas", "Files"),
    "kpi.people": ("Pegawai", "People"),
    "kpi.moves": ("Mutasi", "Moves"),
    "kpi.jpm_mean": ("JPM rata-rata", "Mean JPM"),
    "kpi.vacancies": ("Lowongan", "Vacancies"),
    "kpi.fit_mean": ("Kecocokan rata-rata", "Mean fit"),
    "kpi.no_data": ("tanpa data kompetensi", "without competency data"),
    "kpi.fit_lowering": ("Mutasi yang menurunkan kecocokan", "Moves that lower fit"),
    "kpi.fit_lowering_abolished": (
        "ditambah {n} keluar dari jabatan yang dihapus",
        "plus {n} out of abolished posts",
    ),
    "kpi.priority_seats": ("Kursi prioritas 4-5 terisi", "Priority 4-5 seats filled"),
    "kpi.priority_seats_left": (
        "{left} kosong sesudah mutasi, {recruit} kebutuhan rekrutmen",
        "{left} free after the round, {recruit} a recruitment need",
    ),
    "kpi.no_wish": ("Dipindah tanpa menyatakan keinginan", "Moved without a stated wish"),
    "kpi.largest_loss": ("Kehilangan bersih terbesar satu OPD", "Largest net loss of one OPD"),
    "kpi.overdue": ("Lewat masa jabatan maksimum, dipindah", "Past maximum tenure, moved"),
    "kpi.wishes": ("Keinginan dipenuhi", "Wishes honoured"),
    "kpi.refusals": ("Penolakan dihormati", "Refusals respected"),
    "kpi.fit": ("Kecocokan rata-rata sesudah", "Mean fit after"),
    "kpi.before_after": ("sebelum → sesudah", "before → after"),
    "kpi.of": ("dari", "of"),
    "kpi.total_value": ("Nilai total", "Total value"),
    "note.truncated": (
        "Menampilkan {shown} dari {total} baris; data lengkap ada di {files}.",
        "Showing {shown} of {total} rows; the full data is in {files}.",
    ),
    "note.empty": ("Tidak ada.", "None."),
    "development_kind.pelatihan_manajerial": ("Pelatihan manajerial", "Managerial training"),
    "development_kind.pelatihan_teknis": ("Pelatihan teknis", "Technical training"),
    "development_kind.coaching": ("Coaching", "Coaching"),
    "development_kind.mentoring": ("Mentoring", "Mentoring"),
    "development_kind.pendampingan": ("Pendampingan", "Induction mentoring"),
    "reason_code.placement": (
        "Penempatan pegawai tanpa jabatan",
        "Placement of someone without a post",
    ),
    "reason_code.abolished_post": ("Jabatan dihapus", "Post abolished"),
    "reason_code.max_tenure": ("Lewat masa jabatan maksimum", "Past the maximum tenure"),
    "reason_code.wish": ("Sesuai keinginan pegawai", "The person's wish"),
    "reason_code.fill_vacancy": ("Mengisi lowongan", "Fills a vacancy"),
    "reason_code.swap": ("Tukar jabatan", "Swap"),
    "reason_code.chain": ("Bagian rantai lowongan", "Part of a vacancy chain"),
    "reason_code.no_eligible_post": (
        "Tidak ada jabatan lain yang memenuhi syarat",
        "No other eligible post",
    ),
    "reason_code.best_fit_here": (
        "Jabatan sekarang bernilai tertinggi",
        "The current post is worth the most",
    ),
    "reason_code.max_moves": ("Batas jumlah mutasi tercapai", "The limit on moves is reached"),
    "reason_code.unit_outflow": (
        "Batas pegawai keluar OPD tercapai",
        "The OPD's outflow limit is reached",
    ),
    "reason_code.no_better_post": (
        "Jabatan yang lebih baik sudah terisi",
        "The better posts are taken",
    ),
    "reason_code.plan_total": (
        "Rencana keseluruhan lebih baik tanpa pindah",
        "The plan as a whole is better without the move",
    ),
    "sec.question": ("Pertanyaan yang dijawab rencana ini", "The question this plan answers"),
    "sec.assumptions": ("Aturan dan bobot yang dipakai", "Rules and weights used"),
    "sec.critical": (
        "Jabatan kritis (prioritas 4-5) yang tetap kosong, dan mengapa",
        "Critical posts (priority 4-5) left open, and why",
    ),
    "note.critical": (
        "{n} kursi prioritas 4-5 tetap kosong sesudah mutasi; kolom Alasan menyebut apa yang menghalangi.",
        "{n} priority 4-5 seats stay open after the round; the Reason column names what blocked them.",
    ),
    "note.critical_none": (
        "Tidak ada kursi prioritas 4-5 yang tetap kosong.",
        "No priority 4-5 seat stays open.",
    ),
    "sec.net_flows": (
        "Perubahan jumlah pegawai per OPD (terbesar dahulu)",
        "Change of staff per OPD (largest first)",
    ),
    "net": ("Selisih", "Net"),
    "sec.solver": ("Lampiran: rincian teknis perhitungan", "Appendix: solver details"),
    "note.solver": (
        "Angka teknis solver. Nilai tujuan hanya bermakna untuk bobot skenario ini: jangan "
        "dibandingkan dengan skenario berbobot lain.",
        "The solver's figures. The objective only means something for this scenario's weights: "
        "do not compare it with a scenario of other weights.",
    ),
    "meta.time_limit": ("Batas waktu", "Time limit"),
    "note.moves_table": (
        "Semua pegawai ada di tabel ini: ketik nama, NIP, jabatan atau OPD untuk mencari, pilih OPD "
        "(asal atau tujuan), jenis atau alasan untuk menyaring, klik judul kolom untuk mengurutkan. "
        "Mula-mula hanya yang dimutasi; pilih 'Semua pegawai' untuk melihat yang tetap.",
        "Everyone is in this table: type a name, NIP, post or OPD to search, pick an OPD (old or "
        "new), a type or a reason to filter, click a column title to sort. At first only the "
        "people moved show; choose 'Everyone' to see those who stay.",
    ),
    "sec.dev_trainings": ("Tempat pelatihan yang dibutuhkan", "Training places needed"),
    "sec.dev_mentors": ("Mentor pendampingan per OPD tujuan", "Induction mentors per target OPD"),
    "note.development": (
        "Setiap pegawai yang dimutasi mendapat pendampingan oleh mentor di OPD tujuan pada bulan-bulan "
        "pertama, juga bila tidak ada kesenjangan kompetensi; kesenjangan menambah pelatihan, "
        "coaching atau mentoring. Dua tabel pertama adalah jumlah untuk anggaran.",
        "Everyone moved gets a mentor in the target OPD for the first months, also without a "
        "competency gap; gaps add training, coaching or mentoring. The first two tables are the "
        "totals a budget needs.",
    ),
    "places": ("Jumlah peserta", "Places"),
    "people_in": ("Pegawai masuk", "People moved in"),
    "mentors": ("Mentor", "Mentors"),
    "with_mentor": ("Dengan mentor", "With a mentor"),
    "without_mentor": ("Tanpa mentor (oleh atasan)", "Without a mentor (by the superior)"),
    "sec.shortlist": ("Daftar pendek per jabatan", "Shortlist per post"),
    "note.shortlist": (
        "Untuk setiap lowongan dan setiap jabatan prioritas 4-5: kandidat terbaik yang memenuhi "
        "semua aturan (menurut nilai), siapa yang dipilih, dan mengapa kandidat lain tidak. "
        "Saring menurut OPD, prioritas atau alasan; cari nama jabatan atau pegawai.",
        "For every vacancy and every priority 4-5 post: the best candidates every rule allows (by "
        "value), who was chosen, and why the others were not. Filter by OPD, priority or why; "
        "search a post or a person.",
    ),
    "free_before": ("Kursi kosong sebelum", "Free seats before"),
    "rank": ("Peringkat", "Rank"),
    "plan_position_id": ("ID jabatan dalam rencana", "Post id in the plan"),
    "plan_title": ("Jabatan dalam rencana", "Post in the plan"),
    "plan_unit": ("OPD dalam rencana", "OPD in the plan"),
    "why_not": ("Kode alasan tidak dipilih", "Why-not code"),
    "why_not_text": ("Dipilih / mengapa tidak", "Chosen / why not"),
    "dt.why": ("Alasan", "Why"),
    "why_not.chosen": ("Dipilih", "Chosen"),
    "why_not.better_elsewhere": ("Ditempatkan di jabatan lain", "Placed elsewhere"),
    "why_not.lower_value": (
        "Nilai lebih rendah dari pemangku terpilih",
        "Worth less than the holder",
    ),
    "why_not.plan_total": (
        "Rencana keseluruhan lebih baik tanpanya",
        "The plan as a whole is better without",
    ),
    "why_not.max_moves": ("Batas jumlah mutasi", "The limit on moves"),
    "why_not.unit_outflow": ("Batas pegawai keluar OPD", "The OPD outflow limit"),
    "direction": ("Arah", "Direction"),
    "direction.out": ("Keluar", "Leaves"),
    "direction.in": ("Masuk", "Arrives"),
    "direction.within": ("Pindah di dalam OPD", "Moves within"),
    "kpi.priority_open_before": (
        "Kursi prioritas 4-5 kosong sebelum",
        "Priority 4-5 seats free before",
    ),
    "kpi.priority_open_after": (
        "Kursi prioritas 4-5 kosong sesudah",
        "Priority 4-5 seats free after",
    ),
    "kpi.priority_recruitment": (
        "… di antaranya kebutuhan rekrutmen",
        "… of which a recruitment need",
    ),
    "kpi.wishes_people": ("Pegawai yang menyatakan keinginan", "People who stated a wish"),
    "dt.search": ("Cari", "Search"),
    "dt.search_hint": ("nama, NIP, jabatan, OPD …", "name, NIP, post, OPD …"),
    "dt.shown": (
        "Baris {start}–{end} dari {matches} yang cocok (seluruhnya {total} baris)",
        "Rows {start}–{end} of {matches} matching ({total} rows in all)",
    ),
    "dt.none": ("Tidak ada baris yang cocok.", "No row matches."),
    "dt.prev": ("Sebelumnya", "Previous"),
    "dt.next": ("Berikutnya", "Next"),
    "dt.page": ("Halaman", "Page"),
    "dt.of": ("dari", "of"),
    "dt.per_page": ("Baris per halaman", "Rows per page"),
    "dt.everything": ("(semua)", "(all)"),
    "dt.opd": ("OPD", "OPD"),
    "dt.move_type": ("Jenis", "Type"),
    "dt.reason": ("Alasan", "Reason"),
    "dt.all_moves": ("Semua mutasi", "Every move"),
    "dt.all_people": ("Semua pegawai (juga yang tetap)", "Everyone (stays too)"),
    "dt.priority": ("Prioritas", "Priority"),
    "dt.kind": ("Bentuk", "Kind"),
    "note.infeasible": (
        "Aturan skenario ini tidak dapat dipenuhi bersamaan, sehingga tidak ada rencana mutasi. "
        "Berikut konflik yang ditemukan; longgarkan salah satu aturan yang disebut lalu jalankan lagi.",
        "The rules of this scenario cannot all hold at once, so there is no transfer plan. "
        "These are the conflicts found; relax one of the rules named and run again.",
    ),
    "note.no_solution": (
        "Tidak ada rencana yang ditemukan dalam batas waktu, dan ketidaklayakan belum terbukti. "
        "Naikkan solver.time_limit_s atau kurangi aturan samping, lalu jalankan lagi.",
        "No plan was found within the time limit, and infeasibility was not proven. "
        "Raise solver.time_limit_s or drop side rules, and run again.",
    ),
    "note.feasible": (
        "Rencana ini memenuhi semua aturan, tetapi belum terbukti optimal dalam batas waktu "
        "(selisih terhadap batas atas: {gap}).",
        "This plan satisfies every rule but was not proven optimal within the time limit "
        "(gap to the bound: {gap}).",
    ),
    "note.plots": (
        "Semua grafik tertanam di berkas ini; laporan dapat dibuka tanpa internet.",
        "Every chart is embedded in this file; the report opens without a network.",
    ),
    "conflict.families": ("Aturan", "Rules"),
    "conflict.message": ("Penjelasan", "Explanation"),
    "conflict.nips": ("NIP terlibat", "People involved"),
    "conflict.position_ids": ("Jabatan terlibat", "Posts involved"),
    "key": ("Butir", "Item"),
    "value_col": ("Nilai", "Value"),
    # plots
    "plot.before": ("Sebelum", "Before"),
    "plot.after": ("Sesudah", "After"),
    "plot.jpm_hist": ("Sebaran JPM (%)", "JPM distribution (%)"),
    "plot.jpm_categories": ("Kategori JPM", "JPM categories"),
    "plot.people": ("Pegawai", "People"),
    "plot.potential": ("Potensi", "Potential"),
    "plot.performance": ("Kinerja", "Performance"),
    "plot.perf.below": ("Di bawah\nekspektasi", "Below\nexpectations"),
    "plot.perf.meets": ("Sesuai\nekspektasi", "Meets\nexpectations"),
    "plot.perf.above": ("Di atas\nekspektasi", "Above\nexpectations"),
    "plot.pot.tinggi": ("Tinggi", "High"),
    "plot.pot.menengah": ("Menengah", "Medium"),
    "plot.pot.rendah": ("Rendah", "Low"),
    "plot.box": ("Kotak", "Box"),
    "plot.from_unit": ("OPD asal", "From OPD"),
    "plot.to_unit": ("OPD tujuan", "To OPD"),
    "plot.other_units": ("OPD lainnya", "Other OPDs"),
    "plot.priority": ("Prioritas", "Priority"),
    "plot.frontier.best": (
        "Rencana terbaik untuk jumlah mutasi ini",
        "Best plan for this number of moves",
    ),
    "plot.frontier.chosen": ("Rencana terpilih", "Chosen plan"),
    "plot.frontier.moves": ("Jumlah pegawai dimutasi", "People moved"),
    "plot.frontier.fit": ("Rata-rata kecocokan (%)", "Mean fit (%)"),
    "plot.frontier.wishes": ("Keinginan terpenuhi", "Wishes honoured"),
    "plot.frontier.seats": ("Kursi prioritas 4-5 terisi", "Priority 4-5 seats filled"),
    "plot.posts": ("Kursi", "Seats"),
    "plot.competency": ("Kompetensi", "Competency"),
    "plot.gap": ("Kesenjangan rata-rata", "Mean gap"),
    "plot.share": ("Porsi pegawai", "Share of staff"),
    # needs analysis
    "needs.title": ("Analisis Kebutuhan Mutasi", "Transfer Needs Analysis"),
    "needs.subtitle": (
        "Gambaran formasi dan pegawai sebelum perencanaan",
        "The state of posts and people before planning",
    ),
    "needs.sec.summary": ("Ringkasan", "Summary"),
    "needs.sec.vacancies": (
        "Lowongan menurut OPD, jenis dan prioritas",
        "Vacancies by OPD, kind and priority",
    ),
    "needs.sec.vacancy_list": ("Daftar jabatan lowong", "Vacant posts"),
    "needs.sec.poor_match": (
        "Pemangku jabatan dengan JPM Kurang Optimal",
        "Incumbents whose JPM is Kurang Optimal",
    ),
    "needs.sec.overdue": (
        "Pegawai melewati masa jabatan maksimum",
        "People past the maximum tenure",
    ),
    "needs.sec.retiring": ("Pegawai pensiun dalam horizon", "People retiring within the horizon"),
    "needs.sec.gaps": ("Kesenjangan kompetensi per OPD", "Competency gaps per OPD"),
    "needs.sec.nine_box": ("Sebaran 9-box per OPD", "9-box distribution per OPD"),
    "needs.sec.no_candidate": (
        "Jabatan tanpa kandidat yang memenuhi syarat",
        "Posts with no eligible candidate",
    ),
    "needs.kpi.posts": ("Jabatan aktif", "Active posts"),
    "needs.kpi.vacancies": ("Kursi kosong", "Free seats"),
    "needs.kpi.poor_match": ("JPM Kurang Optimal", "JPM Kurang Optimal"),
    "needs.kpi.overdue": ("Lewat masa jabatan", "Past maximum tenure"),
    "needs.kpi.retiring": ("Pensiun dalam horizon", "Retiring within horizon"),
    "needs.kpi.no_candidate": ("Jabatan tanpa kandidat", "Posts without candidates"),
    "needs.note.gaps": (
        "Kesenjangan = level pemangku − standar jabatan, dirata-ratakan per OPD dan kompetensi; "
        "kelebihan pada satu kompetensi tidak menutupi kekurangan (nilai di atas 0 dipotong).",
        "Gap = the holder's level − the post's standard, averaged per OPD and competency; "
        "a surplus never hides a shortfall (values above 0 are capped at 0).",
    ),
    "needs.note.no_candidate": (
        "Jabatan yang tidak dapat diisi oleh siapa pun selain pemangkunya saat ini menurut aturan skenario.",
        "Posts that nobody but their current holders may take under the scenario's rules.",
    ),
    "needs.note.horizon": (
        "Horizon pensiun: {months} bulan setelah tanggal acuan.",
        "Retirement horizon: {months} months after the planning date.",
    ),
    "needs.note.max_tenure": (
        "Masa jabatan maksimum: {months} bulan.",
        "Maximum tenure: {months} months.",
    ),
    "needs.note.no_max_tenure": (
        "Skenario ini tidak menetapkan masa jabatan maksimum.",
        "This scenario sets no maximum tenure.",
    ),
    "sheet.needs.summary": ("Ringkasan", "Summary"),
    "sheet.needs.vacancies": ("Lowongan", "Vacancies"),
    "sheet.needs.vacancy_list": ("Daftar Lowongan", "Vacant posts"),
    "sheet.needs.poor_match": ("JPM Kurang Optimal", "JPM Kurang Optimal"),
    "sheet.needs.overdue": ("Masa Jabatan", "Tenure"),
    "sheet.needs.retiring": ("Pensiun", "Retiring"),
    "sheet.needs.gaps": ("Kesenjangan Kompetensi", "Competency gaps"),
    "sheet.needs.nine_box": ("9-Box OPD", "9-box per OPD"),
    "sheet.needs.no_candidate": ("Tanpa Kandidat", "No candidate"),
}
_LABELS.update({f"box_{b}": (f"Kotak {b}", f"Box {b}") for b in range(1, 10)})
_LABELS.update(
    {
        "meta.max_tenure": ("Masa jabatan maksimum", "Maximum tenure"),
        "meta.horizon": ("Horizon pensiun", "Retirement horizon"),
        "meta.jpm_scheme": ("Kategori JPM", "JPM categories"),
        "meta.months": ("bulan", "months"),
        "jpm_scheme.mapping": ("pemetaan (90/78)", "mapping (90/78)"),
        "jpm_scheme.selection": ("seleksi (80/68)", "selection (80/68)"),
        "needs.kpi.people": ("Pegawai", "People"),
        "needs.kpi.no_data": ("tanpa data kompetensi", "without competency data"),
        "total_seats": ("Total kursi kosong", "Total free seats"),
        "vacant_posts": ("Jabatan lowong", "Vacant posts"),
        "needs.caption.by_unit": (
            "Kursi kosong per OPD menurut prioritas",
            "Free seats per OPD by priority",
        ),
        "needs.caption.by_kind": (
            "Kursi kosong per jenis jabatan menurut prioritas",
            "Free seats per post kind by priority",
        ),
        **{f"prio_{p}": (f"Prioritas {p}", f"Priority {p}") for p in range(5, 0, -1)},
        "needs.kpi.vacant_posts": ("jabatan lowong", "vacant posts"),
        "needs.kpi.of_incumbents": ("dari pemangku", "of incumbents"),
        "needs.kpi.vacant": ("lowong", "vacant"),
        "needs.plot.free_seats": ("Kursi kosong", "Free seats"),
        "needs.plot.nine_box": ("Pegawai per kotak 9-box", "People per 9-box"),
        "needs.note.nine_box": (
            "Kotak 9-box: kinerja (di bawah/sesuai/di atas ekspektasi) × potensi "
            "(rendah/menengah/tinggi); 9 = kinerja di atas ekspektasi dan potensi tinggi. "
            "Pegawai tanpa data potensi dihitung sebagai 'tanpa data'.",
            "9-box: performance (below/meets/above expectations) × potential (low/medium/high); "
            "9 = above expectations and high potential. People without a potential count as "
            "'no data'.",
        ),
        "needs.note.poor_match": (
            "JPM = jumlah level pemangku ÷ jumlah standar jabatan × 100, atas kompetensi yang "
            "dipersyaratkan jabatannya sendiri.",
            "JPM = the holder's levels ÷ the post's standards × 100, over the competencies its own "
            "post requires.",
        ),
    }
)


def label(key: str, language: Language = "id") -> str:
    """The label of ``key`` in ``language``; an unknown key is shown as itself.

    Parameters
    ----------
    key
        A column name or a dotted label key such as ``"sec.moves"``.
    language
        ``"id"`` (Bahasa Indonesia) or ``"en"``.
    """
    pair = _LABELS.get(key)
    if pair is None:
        return key
    return pair[0] if language == "id" else pair[1]


def value_label(kind: str, value: object, language: Language = "id") -> str:
    """The label of an enumerated value (``move_type``, ``status``, ...), or the value itself."""
    text = str(value)
    pair = _LABELS.get(f"{kind}.{text}")
    if pair is None:
        return text
    return pair[0] if language == "id" else pair[1]


def has_label(key: str) -> bool:
    """True when ``key`` has a translation."""
    return key in _LABELS
