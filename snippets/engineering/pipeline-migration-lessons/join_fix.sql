-- The join fix: payments matched on their order reference, as the legacy job did.
-- --8<-- [start:fix]
CREATE TABLE new_orders_fixed AS
SELECT o.order_id, o.ordered_at, o.ordered_at::DATE AS order_date, o.customer_id, p.amount
FROM raw_orders AS o
JOIN raw_payments AS p ON p.order_ref = o.order_id;
-- --8<-- [end:fix]

-- Partitions whose fingerprints differ, for each version of the new output against the legacy one.
-- The last line re-dates the legacy rows in UTC: the day boundary the business chose.
WITH sides AS (
    SELECT 'legacy' AS side, * FROM legacy_orders
    UNION ALL SELECT 'legacy in UTC', * REPLACE (ordered_at::DATE AS order_date) FROM legacy_orders
    UNION ALL SELECT 'as shipped', * FROM new_orders
    UNION ALL SELECT 'join fixed', * FROM new_orders_fixed
),
fp AS (
    SELECT side, order_date, sum(row_md5_60(canonical(order_id, ordered_at, customer_id, amount))) AS row_hash
    FROM sides GROUP BY side, order_date
),
versions(pos, legacy_side, new_side) AS (
    VALUES (1, 'legacy', 'as shipped'), (2, 'legacy', 'join fixed'), (3, 'legacy in UTC', 'join fixed')
),
days AS (SELECT DISTINCT order_date FROM fp)
SELECT v.legacy_side, v.new_side,
       count(*) FILTER (WHERE l.row_hash IS DISTINCT FROM n.row_hash) AS mismatched,
       string_agg(strftime(d.order_date, '%m-%d'), ' ' ORDER BY d.order_date)
           FILTER (WHERE l.row_hash IS DISTINCT FROM n.row_hash) AS partitions
FROM versions AS v
CROSS JOIN days AS d
LEFT JOIN fp AS l ON l.side = v.legacy_side AND l.order_date = d.order_date
LEFT JOIN fp AS n ON n.side = v.new_side AND n.order_date = d.order_date
GROUP BY v.pos, v.legacy_side, v.new_side
ORDER BY v.pos;
