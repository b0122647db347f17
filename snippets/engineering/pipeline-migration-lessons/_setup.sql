-- Shared set-up for the SQL snippets of "What Shaped a Production Pipeline Migration".
-- One month of orders (31 daily partitions), written by the legacy job and by the new pipeline.

-- Raw events: 40 orders a day between 06:00 and 21:00 UTC, plus two late-evening orders.
CREATE TABLE raw_orders AS
SELECT 'O' || lpad((d * 40 + k + 1)::VARCHAR, 5, '0') AS order_id,
       TIMESTAMP '2026-03-01 06:00:00' + to_days(d::INTEGER) + to_minutes((k * 23)::BIGINT) AS ordered_at,
       'C' || lpad(((d * 40 + k) * 7 % 50 + 1)::VARCHAR, 2, '0') AS customer_id,
       (((d * 40 + k) * 7919 % 20000 + 500) / 100)::DECIMAL(10, 2) AS amount
FROM range(31) AS days(d), range(40) AS slots(k);

INSERT INTO raw_orders VALUES
    ('O09001', TIMESTAMP '2026-03-03 22:40:00', 'C07', 84.10),
    ('O09002', TIMESTAMP '2026-03-07 23:10:00', 'C19', 132.55);

-- A customer with two orders on 2026-03-21.
UPDATE raw_orders SET customer_id = 'C33' WHERE order_id IN ('O00801', 'O00802');

-- The legacy job dated orders on its server clock (UTC+2).
CREATE TABLE legacy_orders AS
SELECT order_id, (ordered_at + INTERVAL 2 HOUR)::DATE AS order_date, customer_id, amount
FROM raw_orders;

-- The new pipeline dates orders in UTC, and matched payments to orders on (customer, day):
-- the two orders of C33 on 2026-03-21 got each other's amounts.
CREATE TABLE new_orders AS
SELECT r.order_id, r.ordered_at::DATE AS order_date, r.customer_id,
       CASE r.order_id
           WHEN 'O00801' THEN (SELECT amount FROM raw_orders WHERE order_id = 'O00802')
           WHEN 'O00802' THEN (SELECT amount FROM raw_orders WHERE order_id = 'O00801')
           ELSE r.amount END AS amount
FROM raw_orders AS r;

-- Customer snapshots loaded by the new pipeline: load 2 carries two real changes,
-- load 3 is a rerun of load 2 with identical content.
CREATE TABLE customer_loads AS
SELECT l.load_id, l.loaded_at, c.customer_id,
       CASE WHEN l.load_id >= 2 AND c.customer_id = 'K03' THEN 'k03@new.example' ELSE c.email END AS email,
       CASE WHEN l.load_id >= 2 AND c.customer_id = 'K06' THEN 'gold' ELSE c.tier END AS tier
FROM (VALUES (1, TIMESTAMP '2026-03-30 02:00:00'),
             (2, TIMESTAMP '2026-03-31 02:00:00'),
             (3, TIMESTAMP '2026-03-31 09:15:00')) AS l(load_id, loaded_at)
CROSS JOIN (VALUES
    ('K01', 'k01@example', 'silver'), ('K02', 'k02@example', 'bronze'),
    ('K03', 'k03@example', 'silver'), ('K04', 'k04@example', 'gold'),
    ('K05', 'k05@example', 'bronze'), ('K06', 'k06@example', 'silver'),
    ('K07', 'k07@example', 'bronze'), ('K08', 'k08@example', 'silver')
) AS c(customer_id, email, tier);

-- The legacy customer table after the same day: updated_at is when the business row last changed.
CREATE TABLE legacy_customers AS
SELECT customer_id, email, tier,
       CASE customer_id
           WHEN 'K01' THEN TIMESTAMP '2026-01-12 10:05:00'
           WHEN 'K02' THEN TIMESTAMP '2026-02-03 16:30:00'
           WHEN 'K03' THEN TIMESTAMP '2026-03-30 14:12:00'
           WHEN 'K04' THEN TIMESTAMP '2025-11-20 09:45:00'
           WHEN 'K05' THEN TIMESTAMP '2026-03-02 11:00:00'
           WHEN 'K06' THEN TIMESTAMP '2026-03-30 19:40:00'
           WHEN 'K07' THEN TIMESTAMP '2026-02-27 13:20:00'
           WHEN 'K08' THEN TIMESTAMP '2026-01-30 08:10:00' END AS updated_at
FROM customer_loads
WHERE load_id = 2;

-- --8<-- [start:naive_model]
-- The new pipeline's customers table: a full reload that stamps every row it writes.
CREATE VIEW new_customers AS
SELECT load_id, customer_id, email, tier, loaded_at AS updated_at
FROM customer_loads;
-- --8<-- [end:naive_model]
