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
-- What was delivered, read from the landing area itself: each file and the date it covers.
CREATE VIEW delivered AS
SELECT parse_filename(file) AS source_file,
       regexp_extract(parse_filename(file), '^orders_(\d{4}-\d{2}-\d{2})_v\d+\.csv$', 1)::DATE AS covers
FROM glob('landing/orders_*.csv');

SELECT
    l.loader,
    -- old rule: a lineage date after the order's date was stamped from the run
    CASE WHEN l.lineage_date > l.order_date THEN 'flag' ELSE 'ok' END AS old_rule,
    -- new rule: lineage must name a delivered file and the date that file covers;
    -- an order older than its file is a late row, which is legitimate
    CASE WHEN d.source_file IS NULL THEN 'wrong: no file'
         WHEN l.lineage_date <> d.covers THEN 'wrong: date'
         WHEN l.order_date < d.covers THEN 'late row'
         ELSE 'ok' END AS new_rule,
    count(*) AS rows,
    string_agg(DISTINCT l.order_id::VARCHAR, ' ' ORDER BY l.order_id::VARCHAR) AS orders
FROM lineage AS l
LEFT JOIN delivered AS d USING (source_file)
GROUP BY ALL
ORDER BY l.loader DESC, new_rule;
-- --8<-- [end:check]
