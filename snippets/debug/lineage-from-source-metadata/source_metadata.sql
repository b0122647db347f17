-- --8<-- [start:runs]
-- The same three runs; the run's date now goes only into the load id.
CREATE TABLE orders AS
FROM load_sourced('landing/orders_2026-08-18_v1.csv', 'sched-0818');
INSERT INTO orders FROM load_sourced('landing/orders_2026-08-19_v1.csv', 'sched-0819');
INSERT INTO orders FROM load_sourced('landing/orders_2026-08-18_v2.csv', 'trig-0825');

-- Where did order 1042 come from?
SELECT order_id, amount, source_file, source_version, load_id
FROM orders WHERE order_id = 1042 ORDER BY source_version;

-- The rebuild on 2026-08-25, one run over every file: is the lineage the same?
CREATE TABLE rebuilt AS FROM load_sourced('landing/orders_*.csv', 'rebuild-0825');

SELECT (FROM orders SELECT count(*)) AS rows_runs, (FROM rebuilt SELECT count(*)) AS rows_rebuild,
       count(*) AS rows_differing
FROM (
    SELECT * EXCLUDE (load_id) FROM orders
    EXCEPT ALL
    SELECT * EXCLUDE (load_id) FROM rebuilt
);
-- --8<-- [end:runs]

-- --8<-- [start:current]
-- Two readings of "current". This source's contract: a new version carries only the rows it corrects.
CREATE VIEW latest_per_date AS          -- right only if every version restates the whole day
SELECT * FROM orders
QUALIFY source_version = max(source_version) OVER (PARTITION BY source_date);

CREATE VIEW latest_per_order AS         -- right for partial corrections: the last delivery wins
SELECT orders.* FROM orders JOIN arrivals USING (source_file)
QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY arrivals.delivered_at DESC) = 1;

SELECT 'per date' AS rule, source_date, count(*) AS rows, sum(amount) AS amount
FROM latest_per_date GROUP BY ALL
UNION ALL
SELECT 'per order', source_date, count(*), sum(amount)
FROM latest_per_order GROUP BY ALL
ORDER BY source_date, rule;
-- --8<-- [end:current]
