-- Row-level diff, only inside the partitions whose fingerprints differ; one line per differing column.
WITH scope AS (  -- a partition on one side only, or with two different fingerprints
    SELECT order_date FROM fingerprints GROUP BY order_date
    HAVING count(*) = 1 OR count(DISTINCT row_hash) = 2
),
l AS (SELECT * FROM legacy_orders WHERE order_date IN (SELECT order_date FROM scope)),
n AS (SELECT * FROM new_orders WHERE order_date IN (SELECT order_date FROM scope)),
pairs AS (
    SELECT order_id, coalesce(l.ordered_at, n.ordered_at) AS ordered_at,
           unnest([
               {'col': 'present', 'legacy': (l.order_id IS NOT NULL)::VARCHAR,
                                  'new': (n.order_id IS NOT NULL)::VARCHAR},
               {'col': 'order_date', 'legacy': l.order_date::VARCHAR, 'new': n.order_date::VARCHAR},
               {'col': 'customer_id', 'legacy': l.customer_id, 'new': n.customer_id},
               {'col': 'amount', 'legacy': l.amount::VARCHAR, 'new': n.amount::VARCHAR}
           ], max_depth := 2)
    FROM l FULL JOIN n USING (order_id)
)
SELECT order_id, ordered_at, col, legacy, new
FROM pairs
WHERE legacy IS DISTINCT FROM new
  AND (col = 'present' OR (legacy IS NOT NULL AND new IS NOT NULL))
ORDER BY order_id, col;
