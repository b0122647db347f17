-- The downstream sync exports customers whose updated_at is past its watermark (its previous run).
SELECT s.after_load,
       s.watermark,
       (SELECT count(*) FROM legacy_customers AS c WHERE c.updated_at > s.watermark) AS legacy_rows,
       (SELECT count(*) FROM new_customers AS c
         WHERE c.load_id = s.load_id AND c.updated_at > s.watermark) AS new_rows
FROM syncs AS s
ORDER BY s.load_id;
