-- The first parallel-run check: whole-table totals, legacy against new.
SELECT 'legacy' AS side, count(*) AS orders, count(DISTINCT order_id) AS order_ids, sum(amount) AS amount
FROM legacy_orders
UNION ALL
SELECT 'new', count(*), count(DISTINCT order_id), sum(amount)
FROM new_orders
ORDER BY side;
