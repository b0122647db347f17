-- The downstream sync exports customers whose updated_at is past its watermark (its previous run).
-- It ran after the nightly load of 2026-03-31 and again after a rerun of that load at 09:15.
WITH syncs(load_id, after_load, watermark) AS (
    VALUES (2, 'nightly 03-31 02:00', TIMESTAMP '2026-03-30 02:30:00'),
           (3, 'rerun 03-31 09:15',   TIMESTAMP '2026-03-31 02:30:00')
)
SELECT s.after_load,
       s.watermark,
       (SELECT count(*) FROM legacy_customers AS c WHERE c.updated_at > s.watermark) AS legacy_rows,
       (SELECT count(*) FROM new_customers AS c
         WHERE c.load_id = s.load_id AND c.updated_at > s.watermark) AS new_rows
FROM syncs AS s
ORDER BY s.load_id;
