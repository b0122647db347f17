-- Both loaders, the same runs as above; 'rebuild' is the stamped loader's rebuild over every file.
CREATE TABLE stamped AS FROM load_stamped(DATE '2026-08-18', 'landing/orders_2026-08-18_v1.csv');
INSERT INTO stamped FROM load_stamped(DATE '2026-08-19', 'landing/orders_2026-08-19_v1.csv');
INSERT INTO stamped FROM load_stamped(DATE '2026-08-25', 'landing/orders_2026-08-18_v2.csv');
CREATE TABLE stamped_rebuild AS FROM load_stamped(DATE '2026-08-25', 'landing/orders_*.csv');
CREATE TABLE sourced AS FROM load_sourced('landing/orders_2026-08-18_v1.csv', 'sched-0818');
INSERT INTO sourced FROM load_sourced('landing/orders_2026-08-19_v1.csv', 'sched-0819');
INSERT INTO sourced FROM load_sourced('landing/orders_2026-08-18_v2.csv', 'trig-0825');

CREATE VIEW lineage AS
SELECT 'stamped' AS loader, order_id, order_date, source_file, business_date AS lineage_date FROM stamped
UNION ALL
SELECT 'rebuild', order_id, order_date, source_file, business_date FROM stamped_rebuild
UNION ALL
SELECT 'sourced', order_id, order_date, source_file, source_date FROM sourced;

-- --8<-- [start:check]
-- Each row against the arrival log, which the transfer job writes: not the loader's parse of the name.
CREATE VIEW checked AS
SELECT
    l.loader, l.order_id,
    -- old rule: a lineage date after the order's date was stamped from the run
    CASE WHEN l.lineage_date > l.order_date THEN 'flag' ELSE 'ok' END AS old_rule,
    -- new rule: lineage must name a file that arrived and the date that file covers;
    -- an order older than its file is a late row, which is legitimate
    CASE WHEN a.source_file IS NULL THEN 'wrong: no file'
         WHEN l.lineage_date <> a.covers THEN 'wrong: date'
         WHEN l.order_date < a.covers THEN 'late row'
         ELSE 'ok' END AS new_rule
FROM lineage AS l
LEFT JOIN arrivals AS a USING (source_file);

SELECT loader, old_rule, new_rule, count(*) AS rows,
       string_agg(DISTINCT order_id::VARCHAR, ' ' ORDER BY order_id::VARCHAR) AS orders
FROM checked
GROUP BY ALL
ORDER BY loader DESC, new_rule;

-- As a test: every row returned is a failure (late rows are not).
SELECT loader, new_rule AS failure, count(*) AS rows
FROM checked WHERE new_rule LIKE 'wrong:%'
GROUP BY ALL ORDER BY ALL;
-- --8<-- [end:check]
