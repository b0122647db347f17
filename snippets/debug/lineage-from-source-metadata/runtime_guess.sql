-- Backfill run on 2026-08-25, reloading the landing files of 2026-08-18 and 2026-08-19.
-- Lineage is stamped from the loader's runtime context: the run's date and the path it is set to read.
SET VARIABLE today = DATE '2026-08-25';  -- what current_date returns during the backfill, fixed here

CREATE TABLE orders AS
SELECT
    order_id, customer, amount,
    getvariable('today')                                              AS business_date,
    'orders_' || strftime(getvariable('today'), '%Y-%m-%d') || '.csv' AS source_file
FROM read_csv('landing/orders_*.csv');

-- Where did order 1042 come from? And does the file it names exist?
SELECT o.order_id, o.amount, o.business_date, o.source_file, f.name IS NOT NULL AS file_exists
FROM orders AS o
LEFT JOIN (SELECT parse_filename(file) AS name FROM glob('landing/*.csv')) AS f ON f.name = o.source_file
WHERE o.order_id = 1042
ORDER BY o.amount DESC;
