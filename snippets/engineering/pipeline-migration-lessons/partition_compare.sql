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

-- What crosses between the two systems: fingerprints, then the rows of mismatched partitions,
-- against shipping every row of both sides to one place for a full diff.
SELECT (SELECT count(DISTINCT order_date) FROM fingerprints) AS partitions,
       (SELECT count(*) FROM mismatched) AS mismatched,
       (SELECT count(*) FROM fingerprints) AS fingerprint_rows,
       (SELECT count(*) FROM legacy_orders WHERE order_date IN (SELECT order_date FROM mismatched))
     + (SELECT count(*) FROM new_orders WHERE order_date IN (SELECT order_date FROM mismatched)) AS diff_rows,
       (SELECT count(*) FROM legacy_orders) + (SELECT count(*) FROM new_orders) AS full_diff_rows;
