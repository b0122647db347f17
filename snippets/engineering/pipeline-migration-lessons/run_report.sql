-- The nightly report. Each signal says where its expectation comes from: the legacy system's count
-- (parallel run only), or a rule that needs no legacy system: a sync exports at most the rows
-- whose hashdiff changed in the load it follows (after a rerun of the same source day: none).
WITH hashdiff_changes AS (
    SELECT load_id, count(*) FILTER (WHERE hashdiff IS DISTINCT FROM prev_hashdiff) AS changed
    FROM (SELECT load_id, hashdiff,
                 lag(hashdiff) OVER (PARTITION BY customer_id ORDER BY load_id) AS prev_hashdiff
          FROM customers_v2)
    GROUP BY load_id
),
sync_counts AS (
    SELECT s.load_id, h.changed,
           EXISTS (SELECT 1 FROM loads AS p
                   WHERE p.source_day = l.source_day AND p.load_id < l.load_id) AS is_rerun,
           (SELECT count(*) FROM legacy_customers AS c WHERE c.updated_at > s.watermark) AS legacy,
           (SELECT count(*) FROM new_customers AS c
             WHERE c.load_id = s.load_id AND c.updated_at > s.watermark) AS by_updated_at,
           (SELECT count(*) FROM customers_v2 AS c
             WHERE c.load_id = s.load_id AND c.changed_at > s.watermark) AS by_changed_at
    FROM syncs AS s JOIN loads AS l USING (load_id) JOIN hashdiff_changes AS h USING (load_id)
),
syncs_by_column AS (
    SELECT 'updated_at' AS col, 0 AS pos, * EXCLUDE (by_updated_at, by_changed_at),
           by_updated_at AS exported FROM sync_counts
    UNION ALL
    SELECT 'changed_at', 3, * EXCLUDE (by_updated_at, by_changed_at), by_changed_at FROM sync_counts
),
signals AS (
    SELECT 1 AS pos, 'orders in the table' AS signal, 'legacy' AS basis, '=' AS op,
           (SELECT count(*) FROM legacy_orders) AS expected, (SELECT count(*) FROM new_orders) AS observed
    UNION ALL
    SELECT 2, 'partitions, fingerprints differ', 'legacy', '=', 0,
           (SELECT count(*) FROM (SELECT order_date FROM fingerprints GROUP BY order_date
                                  HAVING count(*) = 1 OR count(DISTINCT row_hash) = 2))
    UNION ALL  -- the legacy count, for the nightly sync
    SELECT 3 + pos, col || ' sync, nightly', 'legacy', '=', legacy, exported
    FROM syncs_by_column WHERE NOT is_rerun
    UNION ALL  -- the rule, for every sync
    SELECT 4 + pos + is_rerun::INTEGER, col || ' sync, ' || CASE WHEN is_rerun THEN 'rerun' ELSE 'nightly' END,
           'rule', '<=', changed, exported
    FROM syncs_by_column
)
SELECT signal, basis, op || ' ' || expected AS expected, observed,
       CASE WHEN (op = '=' AND observed = expected) OR (op = '<=' AND observed <= expected)
            THEN 'ok' ELSE 'ALERT' END AS verdict
FROM signals
ORDER BY pos;
