-- One fingerprint row per partition and side: count, sum, and an order-independent hash of the rows.
CREATE TABLE fingerprints AS
SELECT 'legacy' AS side, order_date, count(*) AS n, sum(amount) AS amount,
       sum(hash(order_id, customer_id, amount)) AS row_hash
FROM legacy_orders GROUP BY order_date
UNION ALL
SELECT 'new', order_date, count(*), sum(amount), sum(hash(order_id, customer_id, amount))
FROM new_orders GROUP BY order_date;

-- Compare the fingerprints, not the rows: only the partitions that differ come back.
CREATE TABLE mismatched AS
SELECT order_date,
       l.n AS legacy_n, n.n AS new_n,
       l.amount AS legacy_amount, n.amount AS new_amount,
       l.row_hash = n.row_hash AS hash_match
FROM (SELECT * FROM fingerprints WHERE side = 'legacy') AS l
FULL JOIN (SELECT * FROM fingerprints WHERE side = 'new') AS n USING (order_date)
WHERE l.row_hash IS DISTINCT FROM n.row_hash;

SELECT * FROM mismatched ORDER BY order_date;

-- What the row-level diff now has to read, against diffing every row of both sides.
SELECT (SELECT count(DISTINCT order_date) FROM fingerprints) AS partitions,
       (SELECT count(*) FROM mismatched) AS mismatched,
       (SELECT count(*) FROM legacy_orders WHERE order_date IN (SELECT order_date FROM mismatched))
     + (SELECT count(*) FROM new_orders WHERE order_date IN (SELECT order_date FROM mismatched)) AS rows_to_diff,
       (SELECT count(*) FROM legacy_orders) + (SELECT count(*) FROM new_orders) AS rows_in_full_diff;
