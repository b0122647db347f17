-- After the rerun: when each row was written, and when its business values last changed.
SELECT customer_id, loaded_at, changed_at
FROM customers_v2
WHERE load_id = 3 AND customer_id IN ('K02', 'K03', 'K06')
ORDER BY customer_id;

-- The same two syncs, now reading changed_at.
SELECT s.after_load,
       (SELECT count(*) FROM legacy_customers AS c WHERE c.updated_at > s.watermark) AS legacy_rows,
       (SELECT count(*) FROM customers_v2 AS c
         WHERE c.load_id = s.load_id AND c.changed_at > s.watermark) AS new_rows,
       (SELECT string_agg(customer_id, ', ' ORDER BY customer_id) FROM customers_v2 AS c
         WHERE c.load_id = s.load_id AND c.changed_at > s.watermark) AS new_ids
FROM syncs AS s
ORDER BY s.load_id;
