-- Row-level diff, scoped to the partitions whose fingerprints differ, each difference named.
WITH fingerprints AS (
    SELECT order_date, sum(hash(order_id, customer_id, amount)) AS row_hash FROM legacy_orders GROUP BY order_date
    UNION ALL
    SELECT order_date, sum(hash(order_id, customer_id, amount)) FROM new_orders GROUP BY order_date
),
scope AS (  -- a partition on one side only, or with two different hashes
    SELECT order_date FROM fingerprints GROUP BY order_date
    HAVING count(*) = 1 OR count(DISTINCT row_hash) = 2
),
l AS (SELECT * FROM legacy_orders WHERE order_date IN (SELECT order_date FROM scope)),
n AS (SELECT * FROM new_orders WHERE order_date IN (SELECT order_date FROM scope))
SELECT order_id,
       l.order_date AS legacy_date, n.order_date AS new_date,
       l.amount AS legacy_amount, n.amount AS new_amount,
       CASE WHEN l.order_id IS NULL OR n.order_id IS NULL THEN 'missing on one side'
            WHEN l.order_date <> n.order_date THEN 'moved partition'
            WHEN l.amount <> n.amount THEN 'amount differs'
            ELSE 'customer differs' END AS difference
FROM l FULL JOIN n USING (order_id)
WHERE (l.order_date, l.customer_id, l.amount) IS DISTINCT FROM (n.order_date, n.customer_id, n.amount)
ORDER BY order_id;
