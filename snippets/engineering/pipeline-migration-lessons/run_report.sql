-- The nightly report. Each signal says where its expectation comes from: the legacy system's count
-- (parallel run only), or a rule that needs no legacy system: a rerun of a load on the same source
-- day has nothing new to export.
WITH sync_counts AS (
    SELECT s.load_id,
           EXISTS (SELECT 1 FROM loads AS p
                   WHERE p.source_day = l.source_day AND p.load_id < l.load_id) AS is_rerun,
           (SELECT count(*) FROM legacy_customers AS c WHERE c.updated_at > s.watermark) AS legacy,
           (SELECT count(*) FROM new_customers AS c
             WHERE c.load_id = s.load_id AND c.updated_at > s.watermark) AS by_updated_at,
           (SELECT count(*) FROM customers_v2 AS c
             WHERE c.load_id = s.load_id AND c.changed_at > s.watermark) AS by_changed_at
    FROM syncs AS s JOIN loads AS l USING (load_id)
),
signals AS (
    SELECT 1 AS pos, 'orders in the table' AS signal, 'legacy' AS basis,
           (SELECT count(*) FROM legacy_orders) AS expected, (SELECT count(*) FROM new_orders) AS observed
    UNION ALL
    SELECT 2, 'partitions, fingerprints differ', 'legacy', 0,
           (SELECT count(*) FROM (SELECT order_date FROM fingerprints GROUP BY order_date
                                  HAVING count(*) = 1 OR count(DISTINCT row_hash) = 2))
    UNION ALL
    SELECT 2 + load_id, 'updated_at sync, ' || CASE WHEN is_rerun THEN 'rerun' ELSE 'nightly' END,
           CASE WHEN is_rerun THEN 'rule' ELSE 'legacy' END,
           CASE WHEN is_rerun THEN 0 ELSE legacy END, by_updated_at
    FROM sync_counts
    UNION ALL
    SELECT 4 + load_id, 'changed_at sync, ' || CASE WHEN is_rerun THEN 'rerun' ELSE 'nightly' END,
           CASE WHEN is_rerun THEN 'rule' ELSE 'legacy' END,
           CASE WHEN is_rerun THEN 0 ELSE legacy END, by_changed_at
    FROM sync_counts
)
SELECT signal, basis, expected, observed, CASE WHEN observed = expected THEN 'ok' ELSE 'ALERT' END AS verdict
FROM signals
ORDER BY pos;
