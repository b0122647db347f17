-- A run manifest as the fixed job writes it, over two weeks, plus one legacy job that predates it.
CREATE TABLE run_manifest (
    run_id INT, ran_on DATE, job VARCHAR, window_start DATE, window_end DATE,
    support_snapshot DATE, reason VARCHAR, output_rows INT, output_total DECIMAL(12, 2)
);
INSERT INTO run_manifest VALUES
    (1, '2026-05-03', 'daily_revenue', '2026-05-02', '2026-05-03', '2026-05-03', 'schedule', 2, 126.79),
    (2, '2026-05-04', 'daily_revenue', '2026-05-03', '2026-05-04', '2026-05-04', 'schedule', 3, 512.86),
    (3, '2026-05-12', 'daily_revenue', '2026-05-03', '2026-05-04', '2026-05-04', 'restore partition', 3, 512.86),
    (4, '2026-05-12', 'daily_revenue', '2026-05-03', '2026-05-04', '2026-05-12', 'restate: GBP fix, B-200 remap', 2, 513.35),
    (5, '2026-05-12', 'daily_revenue', '2026-05-11', '2026-05-12', '2026-05-12', 'schedule', 2, 212.81),
    (6, '2026-05-13', 'daily_revenue', '2026-05-11', '2026-05-12', '2026-05-12', 'restore partition', 2, 215.02),
    (7, '2026-05-12', 'daily_margin', '2026-05-11', '2026-05-12', NULL, NULL, 2, 61.40);
