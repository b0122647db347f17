-- The same backfill, the same landing files. The loader passes in only its own load id;
-- everything else about a row's origin is read from the file the row came from.
SET VARIABLE load_id = 'load-0825-backfill';

CREATE TABLE orders AS
SELECT
    order_id, customer, amount,
    parse_filename(filename)                                                   AS source_file,
    regexp_extract(parse_filename(filename), '_(\d{4}-\d{2}-\d{2})_', 1)::DATE AS source_date,
    regexp_extract(parse_filename(filename), '_v(\d+)\.csv$', 1)::INTEGER      AS source_version,
    getvariable('load_id')                                                     AS load_id
FROM read_csv('landing/orders_*.csv', filename = true);

-- Where did order 1042 come from?
SELECT order_id, amount, source_file, source_date, source_version, load_id
FROM orders
WHERE order_id = 1042
ORDER BY source_version;

-- What is current: the latest delivered version of each source date.
SELECT source_date, source_file, count(*) AS rows, sum(amount) AS amount
FROM orders
WHERE (source_date, source_version) IN (
    SELECT (source_date, max(source_version)) FROM orders GROUP BY source_date
)
GROUP BY ALL
ORDER BY source_date;
