-- Reconcile each run of customer_revenue three ways: against its own fact table read without joins,
-- against the previous good run per order, and through the downstream filter it feeds.
WITH runs AS (
    SELECT 'fan-out' AS run, * FROM revenue_fanout
    UNION ALL SELECT 'unit change', * FROM revenue_unit
    UNION ALL SELECT 'fixed', * FROM revenue_fixed
),
facts AS (  -- each run's fact table, with the same unit conversion as its model, and no joins
    SELECT 'fan-out' AS run, (sum(amount) / 100)::DECIMAL(12, 2) AS fact_eur FROM orders_legacy
    UNION ALL SELECT 'unit change', (sum(amount) / 100)::DECIMAL(12, 2) FROM orders_new
    UNION ALL SELECT 'fixed', sum(amount_eur) FROM stg_orders
),
prev AS (
    SELECT sum(orders) AS orders, sum(revenue_eur) AS revenue_eur,
           count(*) FILTER (WHERE revenue_eur >= 5000) AS key_accounts
    FROM revenue_before
),
curr AS (
    SELECT run, sum(orders) AS orders, sum(revenue_eur) AS revenue_eur,
           count(*) FILTER (WHERE revenue_eur >= 5000) AS key_accounts
    FROM runs
    GROUP BY run
),
checks AS (
    SELECT c.run,
           c.orders = p.orders AS counts_ok,
           round(c.revenue_eur / f.fact_eur, 3) AS model_vs_fact,
           round((c.revenue_eur / c.orders) / (p.revenue_eur / p.orders), 3) AS per_order_vs_prev,
           p.key_accounts || ' -> ' || c.key_accounts AS key_accounts,
           c.key_accounts::DOUBLE / p.key_accounts AS filter_ratio
    FROM curr AS c
    CROSS JOIN prev AS p
    JOIN facts AS f USING (run)
)
SELECT run, counts_ok, model_vs_fact, per_order_vs_prev, key_accounts,
       coalesce(nullif(concat_ws(', ',
           CASE WHEN abs(model_vs_fact - 1) > 0.001   THEN 'fact_total' END,
           CASE WHEN abs(per_order_vs_prev - 1) > 0.2 THEN 'per_order' END,
           CASE WHEN filter_ratio < 0.5               THEN 'filter_output' END), ''), 'none') AS failed_checks
FROM checks
ORDER BY list_position(['fan-out', 'unit change', 'fixed'], run);
