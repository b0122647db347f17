-- Shared set-up for every snippet of "Stable Group Counts, Drifting Derived Totals".
-- Small, deterministic data: 8 customers, 120 orders in July 2026.

-- The customer dimension as the revenue model was written against it: one row per customer.
CREATE TABLE customers AS
SELECT * FROM (VALUES
    ('C01', 'enterprise'), ('C02', 'enterprise'), ('C03', 'enterprise'),
    ('C04', 'mid-market'), ('C05', 'mid-market'), ('C06', 'mid-market'),
    ('C07', 'smb'),        ('C08', 'smb')
) AS t(customer_id, segment);

-- --8<-- [start:history]
-- The dimension after it became a history table, built from a feed of account-manager changes:
-- one row per version, valid from its effective date until the next version's effective date.
-- C02 and C05 changed account manager on 2026-07-15; the change was loaded on 2026-07-17.
CREATE TABLE customer_changes AS
SELECT * FROM (VALUES
    ('C01', 'ana',   DATE '2026-01-01', DATE '2026-01-01'),
    ('C02', 'ana',   DATE '2026-01-01', DATE '2026-01-01'),
    ('C02', 'bruno', DATE '2026-07-15', DATE '2026-07-17'),
    ('C03', 'bruno', DATE '2026-01-01', DATE '2026-01-01'),
    ('C04', 'chen',  DATE '2026-01-01', DATE '2026-01-01'),
    ('C05', 'chen',  DATE '2026-01-01', DATE '2026-01-01'),
    ('C05', 'dara',  DATE '2026-07-15', DATE '2026-07-17'),
    ('C06', 'dara',  DATE '2026-01-01', DATE '2026-01-01'),
    ('C07', 'eli',   DATE '2026-01-01', DATE '2026-01-01'),
    ('C08', 'eli',   DATE '2026-01-01', DATE '2026-01-01')
) AS t(customer_id, account_manager, effective_from, loaded_on);

CREATE TABLE customer_history AS
SELECT ch.customer_id, c.segment, ch.account_manager,
       ch.effective_from AS valid_from,
       coalesce(lead(ch.effective_from) OVER (PARTITION BY ch.customer_id ORDER BY ch.effective_from),
                DATE '9999-12-31') AS valid_to
FROM customer_changes AS ch
JOIN customers AS c USING (customer_id);
-- --8<-- [end:history]

-- The legacy orders feed: `amount` in cents.
CREATE TABLE orders_legacy AS
WITH slots AS (
    SELECT range AS i,
           ['C01', 'C02', 'C03', 'C04', 'C01', 'C02', 'C05', 'C03', 'C06', 'C04',
            'C01', 'C02', 'C07', 'C03', 'C04', 'C05', 'C01', 'C02', 'C06', 'C08'][range % 20 + 1] AS customer_id
    FROM range(0, 120)
)
SELECT 'O' || lpad((i + 1)::VARCHAR, 4, '0') AS order_id,
       customer_id,
       DATE '2026-07-01' + (i % 31)::INTEGER AS order_date,
       (CASE WHEN customer_id IN ('C01', 'C02', 'C03') THEN 18000
             WHEN customer_id IN ('C04', 'C05', 'C06') THEN 12000
             ELSE 6000 END + (i * 7919) % 24000)::DECIMAL(12, 2) AS amount
FROM slots;

-- The migrated feed: the same orders, same column name and type, but `amount` is now in euros.
CREATE TABLE orders_new AS
SELECT order_id, customer_id, order_date, (amount / 100)::DECIMAL(12, 2) AS amount
FROM orders_legacy;

-- The last good run of the model (legacy feed, one-row-per-customer dimension): the "before" side.
CREATE TABLE revenue_before AS
SELECT o.customer_id, c.segment,
       count(DISTINCT o.order_id) AS orders,
       (sum(o.amount) / 100)::DECIMAL(12, 2) AS revenue_eur
FROM orders_legacy AS o
JOIN customers AS c USING (customer_id)
GROUP BY ALL;

-- --8<-- [start:fanout_model]
-- customer_revenue after the dimension became a history table: the join is unchanged.
CREATE VIEW revenue_fanout AS
SELECT o.customer_id, c.segment,
       count(DISTINCT o.order_id) AS orders,
       (sum(o.amount) / 100)::DECIMAL(12, 2) AS revenue_eur
FROM orders_legacy AS o
JOIN customer_history AS c USING (customer_id)  -- one row per version now, not per customer
GROUP BY ALL;
-- --8<-- [end:fanout_model]

-- --8<-- [start:unit_model]
-- customer_revenue reading the migrated feed: the model still converts cents to euros.
CREATE VIEW revenue_unit AS
SELECT o.customer_id, c.segment,
       count(DISTINCT o.order_id) AS orders,
       (sum(o.amount) / 100)::DECIMAL(12, 2) AS revenue_eur  -- amount is already in euros
FROM orders_new AS o
JOIN customers AS c USING (customer_id)
GROUP BY ALL;
-- --8<-- [end:unit_model]

-- customer_revenue as it ran in production: the history join and the euro feed together.
CREATE VIEW revenue_both AS
SELECT o.customer_id, c.segment,
       count(DISTINCT o.order_id) AS orders,
       (sum(o.amount) / 100)::DECIMAL(12, 2) AS revenue_eur
FROM orders_new AS o
JOIN customer_history AS c USING (customer_id)
GROUP BY ALL;

-- --8<-- [start:fixed_model]
-- The unit is declared once, per feed, at the staging boundary, in the column name.
CREATE VIEW stg_orders AS
SELECT order_id, customer_id, order_date, amount AS amount_eur  -- feed contract: euros
FROM orders_new;

-- The dimension is joined as of the order date: exactly one version per order.
CREATE VIEW revenue_fixed AS
SELECT o.customer_id, c.segment,
       count(DISTINCT o.order_id) AS orders,
       sum(o.amount_eur)::DECIMAL(12, 2) AS revenue_eur
FROM stg_orders AS o
JOIN customer_history AS c
  ON c.customer_id = o.customer_id
 AND o.order_date >= c.valid_from
 AND o.order_date < c.valid_to
GROUP BY ALL;
-- --8<-- [end:fixed_model]
