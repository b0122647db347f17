-- The nightly report: counts both systems produce, the legacy one as the expectation.
-- A signal alerts when the new pipeline's count differs from it.
WITH sync_counts AS (
    SELECT s.load_id, s.after_load,
           (SELECT count(*) FROM legacy_customers AS c WHERE c.updated_at > s.watermark) AS legacy,
           (SELECT count(*) FROM new_customers AS c
             WHERE c.load_id = s.load_id AND c.updated_at > s.watermark) AS by_updated_at,
           (SELECT count(*) FROM customers_v2 AS c
             WHERE c.load_id = s.load_id AND c.changed_at > s.watermark) AS by_changed_at
    FROM syncs AS s
),
signals AS (
    SELECT 1 AS pos, 'orders in the table' AS signal,
           (SELECT count(*) FROM legacy_orders) AS expected, (SELECT count(*) FROM new_orders) AS observed
    UNION ALL
    SELECT 2, 'partitions whose fingerprints differ', 0,
           (SELECT count(*) FROM (SELECT order_date FROM fingerprints GROUP BY order_date
                                  HAVING count(*) = 1 OR count(DISTINCT row_hash) = 2))
    UNION ALL
    SELECT 2 + load_id, 'sync rows, ' || after_load || ', updated_at', legacy, by_updated_at FROM sync_counts
    UNION ALL
    SELECT 4 + load_id, 'sync rows, ' || after_load || ', changed_at', legacy, by_changed_at FROM sync_counts
)
SELECT signal, expected, observed, CASE WHEN observed = expected THEN 'ok' ELSE 'ALERT' END AS verdict
FROM signals
ORDER BY pos;
