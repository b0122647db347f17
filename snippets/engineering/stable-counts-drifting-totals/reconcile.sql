-- Reconcile each run of customer_revenue three ways: against its own fact table read without joins,
-- against the previous good run per order, and through the downstream filter it feeds.
-- One row per run and check, with the value, the limit and the verdict.
SET VARIABLE min_eur = 5000;
WITH runs AS (
    SELECT 'fan-out' AS run, * FROM revenue_fanout
    UNION ALL SELECT 'unit change', * FROM revenue_unit
    UNION ALL SELECT 'both', * FROM revenue_both
    UNION ALL SELECT 'fixed', * FROM revenue_fixed
),
facts AS (  -- each run's fact table, with the same unit conversion as its model, and no joins
    SELECT 'fan-out' AS run, (sum(amount) / 100)::DECIMAL(12, 2) AS fact_eur FROM orders_legacy
    UNION ALL SELECT 'unit change', (sum(amount) / 100)::DECIMAL(12, 2) FROM orders_new
    UNION ALL SELECT 'both', (sum(amount) / 100)::DECIMAL(12, 2) FROM orders_new
    UNION ALL SELECT 'fixed', sum(amount_eur) FROM stg_orders
),
totals AS (
    SELECT run, count(*) AS groups, sum(orders) AS orders, sum(revenue_eur) AS revenue_eur,
           count(*) FILTER (WHERE revenue_eur >= getvariable('min_eur')) AS key_accounts
    FROM (SELECT 'previous' AS run, * FROM revenue_before UNION ALL SELECT * FROM runs)
    GROUP BY run
),
checks AS (
    SELECT c.run,
           c.orders AS orders, p.orders AS prev_orders,
           c.revenue_eur - f.fact_eur AS model_minus_fact,
           -- exact if the model does not round per group; these models round each customer's
           -- total to the cent, so allow half a cent per group: 0.005 * 8 customers
           (0.005 * c.groups)::DECIMAL(12, 2) AS rounding,
           round((c.revenue_eur / c.orders) / (p.revenue_eur / p.orders), 3) AS per_order,
           c.key_accounts, p.key_accounts AS prev_key_accounts
    FROM totals AS c
    JOIN facts AS f USING (run)
    CROSS JOIN (SELECT * FROM totals WHERE run = 'previous') AS p
)
SELECT run, "check", value, "limit", CASE WHEN ok THEN 'pass' ELSE 'FAIL' END AS verdict
FROM checks,
     LATERAL (VALUES
         (1, 'order count', orders::VARCHAR, '= ' || prev_orders, orders = prev_orders),
         (2, 'model - fact', model_minus_fact::VARCHAR, '± ' || rounding,
          abs(model_minus_fact) <= rounding),
         (3, 'per order / prev', per_order::VARCHAR, '1 ± 0.2', abs(per_order - 1) <= 0.2),
         -- 0.5 * n, not n / 2: on integers, / is float division in DuckDB but integer
         -- division in Postgres, where the lower limit for 3 accounts would be 1, not 1.5
         (4, 'key accounts', key_accounts::VARCHAR,
          (0.5 * prev_key_accounts) || ' to ' || (2 * prev_key_accounts),
          key_accounts BETWEEN 0.5 * prev_key_accounts AND 2 * prev_key_accounts)
     ) AS t(pos, "check", value, "limit", ok)
ORDER BY list_position(['fan-out', 'unit change', 'both', 'fixed'], run), pos;
