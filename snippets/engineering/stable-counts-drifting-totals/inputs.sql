-- The example's inputs: how many rows each table holds, and one order as each feed sends it.
SELECT 'customers' AS input, count(*) AS rows FROM customers
UNION ALL SELECT 'customer_history', count(*) FROM customer_history
UNION ALL SELECT 'orders_legacy', count(*) FROM orders_legacy
UNION ALL SELECT 'orders_new', count(*) FROM orders_new;

SELECT l.order_id, l.customer_id, l.amount AS legacy_amount, n.amount AS new_amount,
       l.amount / n.amount AS legacy_over_new
FROM orders_legacy AS l
JOIN orders_new AS n USING (order_id)
WHERE l.order_id = 'O0001';
