-- --8<-- [start:runs]
-- Two scheduled runs, then the correction for 2026-08-18 arrives on 2026-08-25 and triggers a run.
CREATE TABLE orders AS
FROM load_stamped(DATE '2026-08-18', 'landing/orders_2026-08-18_v1.csv');
INSERT INTO orders FROM load_stamped(DATE '2026-08-19', 'landing/orders_2026-08-19_v1.csv');
INSERT INTO orders FROM load_stamped(DATE '2026-08-25', 'landing/orders_2026-08-18_v2.csv');

SELECT business_date, source_file, count(*) AS rows, sum(amount) AS amount
FROM orders GROUP BY ALL ORDER BY ALL;

-- A rebuild on 2026-08-25: one run over every delivered file.
CREATE TABLE rebuilt AS FROM load_stamped(DATE '2026-08-25', 'landing/orders_*.csv');

SELECT business_date, source_file, count(*) AS rows, sum(amount) AS amount
FROM rebuilt GROUP BY ALL ORDER BY ALL;
-- --8<-- [end:runs]
