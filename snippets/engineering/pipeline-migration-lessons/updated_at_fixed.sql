-- Two columns, two meanings: loaded_at (when this row was written) and changed_at
-- (the first load that saw the current business values).
CREATE VIEW customers_v2 AS
WITH versions AS (
    SELECT *,
           md5(concat_ws('|', email, tier)) AS row_hash,
           lag(md5(concat_ws('|', email, tier))) OVER (PARTITION BY customer_id ORDER BY load_id) AS prev_hash
    FROM customer_loads
)
SELECT load_id, customer_id, email, tier, loaded_at,
       max(CASE WHEN row_hash IS DISTINCT FROM prev_hash THEN loaded_at END)
           OVER (PARTITION BY customer_id ORDER BY load_id) AS changed_at
FROM versions;

SELECT customer_id, loaded_at, changed_at
FROM customers_v2
WHERE load_id = 3 AND customer_id IN ('K02', 'K03', 'K06')
ORDER BY customer_id;

-- The same two syncs, now reading changed_at.
WITH syncs(load_id, after_load, watermark) AS (
    VALUES (2, 'nightly 03-31 02:00', TIMESTAMP '2026-03-30 02:30:00'),
           (3, 'rerun 03-31 09:15',   TIMESTAMP '2026-03-31 02:30:00')
)
SELECT s.after_load,
       (SELECT count(*) FROM legacy_customers AS c WHERE c.updated_at > s.watermark) AS legacy_rows,
       (SELECT count(*) FROM customers_v2 AS c
         WHERE c.load_id = s.load_id AND c.changed_at > s.watermark) AS new_rows,
       (SELECT string_agg(customer_id, ', ' ORDER BY customer_id) FROM customers_v2 AS c
         WHERE c.load_id = s.load_id AND c.changed_at > s.watermark) AS new_ids
FROM syncs AS s
ORDER BY s.load_id;
