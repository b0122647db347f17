-- Shared set-up for the SQL snippets of "What Shaped a Production Pipeline Migration".
-- One month of orders (31 daily partitions), written by the legacy job and by the new pipeline
-- from the same two inputs: raw order events and raw payments.

-- Raw order events: 40 orders a day between 06:00 and 21:00 UTC, plus two late-evening orders.
CREATE TABLE raw_orders AS
SELECT 'O' || lpad((d * 40 + k + 1)::VARCHAR, 5, '0') AS order_id,
       TIMESTAMP '2026-03-01 06:00:00' + to_days(d::INTEGER) + to_minutes((k * 23)::BIGINT) AS ordered_at,
       'C' || lpad(((d * 40 + k) * 7 % 50 + 1)::VARCHAR, 2, '0') AS customer_id,
       (((d * 40 + k) * 7919 % 20000 + 500) / 100)::DECIMAL(10, 2) AS charged
FROM range(31) AS days(d), range(40) AS slots(k);

INSERT INTO raw_orders VALUES
    ('O09001', TIMESTAMP '2026-03-03 22:40:00', 'C07', 84.10),
    ('O09002', TIMESTAMP '2026-03-07 23:10:00', 'C19', 132.55);

-- --8<-- [start:payments]
-- Customer C01 placed two orders on 2026-03-21, at 06:00 and 06:23.
UPDATE raw_orders SET customer_id = 'C01' WHERE order_id = 'O00802';

-- Raw payments: one per order, settled four minutes after the order, with a reference to it.
CREATE TABLE raw_payments AS
SELECT 'P' || substr(order_id, 2) AS payment_id, order_id AS order_ref, customer_id,
       ordered_at + INTERVAL 4 MINUTE AS paid_at, charged AS amount
FROM raw_orders;

-- The card for O00801 was declined at 06:04 and paid on a retry at 07:10, after O00802's payment.
UPDATE raw_payments SET paid_at = TIMESTAMP '2026-03-21 07:10:00' WHERE order_ref = 'O00801';
-- --8<-- [end:payments]

-- --8<-- [start:models]
-- The legacy job: dates orders on its server clock (UTC+2), joins payments on their order reference.
CREATE TABLE legacy_orders AS
SELECT o.order_id, o.ordered_at, (o.ordered_at + INTERVAL 2 HOUR)::DATE AS order_date,
       o.customer_id, p.amount
FROM raw_orders AS o
JOIN raw_payments AS p ON p.order_ref = o.order_id;

-- The new pipeline: dates orders in UTC, and matches payments to orders on customer and day,
-- pairing the n-th order of a customer's day with the n-th payment of that day.
CREATE TABLE new_orders AS
WITH o AS (
    SELECT *, ordered_at::DATE AS order_date,
           row_number() OVER (PARTITION BY customer_id, ordered_at::DATE ORDER BY ordered_at) AS nth
    FROM raw_orders
),
p AS (
    SELECT *, row_number() OVER (PARTITION BY customer_id, paid_at::DATE ORDER BY paid_at) AS nth
    FROM raw_payments
)
SELECT o.order_id, o.ordered_at, o.order_date, o.customer_id, p.amount
FROM o
JOIN p ON p.customer_id = o.customer_id AND p.paid_at::DATE = o.order_date AND p.nth = o.nth;
-- --8<-- [end:models]

-- --8<-- [start:fingerprint]
-- One fingerprint per partition and side, computed where the data lives: row count, amount,
-- and the sum of a 60-bit number taken from the md5 of each row's canonical text.
-- Canonical text: columns in a fixed order, '|' between them (no value may contain '|'),
-- timestamps as UTC ISO text with microseconds, amounts cast to DECIMAL(38,2) and then to text,
-- NULL as the sentinel '\N' (so that NULL and '' differ).
CREATE MACRO canonical(order_id, ordered_at, customer_id, amount) AS
    concat_ws('|', order_id,
              coalesce(strftime(ordered_at, '%Y-%m-%dT%H:%M:%S.%fZ'), '\N'),
              coalesce(customer_id, '\N'),
              coalesce(CAST(CAST(amount AS DECIMAL(38, 2)) AS VARCHAR), '\N'));
-- DECIMAL(38,0) per row, so the sum cannot overflow on an engine whose sum(BIGINT) is a BIGINT.
CREATE MACRO row_md5_60(t) AS ('0x' || left(md5(t), 15))::BIGINT::DECIMAL(38, 0);

CREATE VIEW fingerprints AS
SELECT 'legacy' AS side, order_date, count(*) AS n, sum(amount) AS amount,
       sum(row_md5_60(canonical(order_id, ordered_at, customer_id, amount))) AS row_hash
FROM legacy_orders GROUP BY order_date
UNION ALL
SELECT 'new', order_date, count(*), sum(amount),
       sum(row_md5_60(canonical(order_id, ordered_at, customer_id, amount)))
FROM new_orders GROUP BY order_date;
-- --8<-- [end:fingerprint]

-- The customer source as the new pipeline reads it: the rows of 2026-03-30, and the two
-- rows the source changed on 2026-03-31. Load 3 is a rerun of load 2, on the same source day.
CREATE TABLE source_customers (customer_id VARCHAR, email VARCHAR, tier VARCHAR);
INSERT INTO source_customers VALUES
    ('K01', 'k01@example', 'silver'), ('K02', 'k02@example', 'bronze'),
    ('K03', 'k03@example', 'silver'), ('K04', 'k04@example', 'gold'),
    ('K05', 'k05@example', 'bronze'), ('K06', 'k06@example', 'silver'),
    ('K07', 'k07@example', 'bronze'), ('K08', 'k08@example', 'silver');

CREATE TABLE source_changes (changed_on DATE, customer_id VARCHAR, email VARCHAR, tier VARCHAR);
INSERT INTO source_changes VALUES
    (DATE '2026-03-31', 'K03', 'k03@new.example', 'silver'),
    (DATE '2026-03-31', 'K06', 'k06@example', 'gold');

CREATE TABLE loads (load_id INTEGER, loaded_at TIMESTAMP, source_day DATE);
INSERT INTO loads VALUES
    (1, TIMESTAMP '2026-03-30 02:00:00', DATE '2026-03-30'),
    (2, TIMESTAMP '2026-03-31 02:00:00', DATE '2026-03-31'),
    (3, TIMESTAMP '2026-03-31 09:15:00', DATE '2026-03-31');

-- Each load reads every customer as the source had it on its source day.
CREATE TABLE customer_loads AS
SELECT l.load_id, l.loaded_at, c.customer_id,
       coalesce(ch.email, c.email) AS email, coalesce(ch.tier, c.tier) AS tier
FROM loads AS l
CROSS JOIN source_customers AS c
LEFT JOIN source_changes AS ch ON ch.customer_id = c.customer_id AND ch.changed_on <= l.source_day;

-- --8<-- [start:legacy_model]
-- The legacy customer table: each load updates a row, and its updated_at, only when a business
-- column changed. Loads 1, 2 and 3 are applied in turn.
CREATE TABLE legacy_customers AS
SELECT customer_id, email, tier, loaded_at AS updated_at FROM customer_loads WHERE load_id = 1;

UPDATE legacy_customers AS t SET email = s.email, tier = s.tier, updated_at = s.loaded_at
FROM customer_loads AS s
WHERE s.load_id = 2 AND s.customer_id = t.customer_id AND (s.email, s.tier) IS DISTINCT FROM (t.email, t.tier);

UPDATE legacy_customers AS t SET email = s.email, tier = s.tier, updated_at = s.loaded_at
FROM customer_loads AS s
WHERE s.load_id = 3 AND s.customer_id = t.customer_id AND (s.email, s.tier) IS DISTINCT FROM (t.email, t.tier);
-- --8<-- [end:legacy_model]

-- --8<-- [start:naive_model]
-- The new pipeline's customers table: a full reload that stamps every row it writes.
CREATE VIEW new_customers AS
SELECT load_id, customer_id, email, tier, loaded_at AS updated_at
FROM customer_loads;
-- --8<-- [end:naive_model]

-- --8<-- [start:fixed_model]
-- Two columns, two meanings: loaded_at (when this row was written) and changed_at
-- (the first load that saw the current business values). The hashdiff is the md5 of the
-- business columns; concat_ws skips NULLs, hence the sentinel.
CREATE VIEW customers_v2 AS
WITH versions AS (
    SELECT *, md5(concat_ws('|', coalesce(email, '\N'), coalesce(tier, '\N'))) AS hashdiff
    FROM customer_loads
),
compared AS (
    SELECT *, lag(hashdiff) OVER (PARTITION BY customer_id ORDER BY load_id) AS prev_hashdiff
    FROM versions
)
SELECT load_id, customer_id, email, tier, hashdiff, loaded_at,
       max(CASE WHEN hashdiff IS DISTINCT FROM prev_hashdiff THEN loaded_at END)
           OVER (PARTITION BY customer_id ORDER BY load_id) AS changed_at
FROM compared;
-- --8<-- [end:fixed_model]

-- The downstream sync's two runs: after the nightly load 2 and after the rerun (load 3).
-- Its watermark is the time of its previous run. The legacy table is the same after both loads,
-- because load 3 changed no business column.
CREATE TABLE syncs AS
SELECT * FROM (VALUES (2, 'nightly 03-31 02:00', TIMESTAMP '2026-03-30 02:30:00'),
                      (3, 'rerun 03-31 09:15',   TIMESTAMP '2026-03-31 02:30:00')) AS s(load_id, after_load, watermark);
