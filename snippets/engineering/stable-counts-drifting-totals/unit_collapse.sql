-- Same counts, totals a hundred times smaller.
SELECT b.segment,
       sum(b.orders)::INTEGER AS orders_before,
       sum(a.orders)::INTEGER AS orders_after,
       sum(b.revenue_eur) AS revenue_before,
       sum(a.revenue_eur) AS revenue_after
FROM revenue_before AS b
JOIN revenue_unit AS a USING (customer_id)
GROUP BY b.segment
ORDER BY b.segment;

-- The downstream consumer: key accounts are customers with at least 5,000 EUR in the month.
SELECT run,
       count(*) FILTER (WHERE revenue_eur >= 5000) AS key_accounts,
       string_agg(customer_id, ', ' ORDER BY customer_id) FILTER (WHERE revenue_eur >= 5000) AS customers
FROM (
    SELECT 'before' AS run, * FROM revenue_before
    UNION ALL SELECT 'fan-out', * FROM revenue_fanout
    UNION ALL SELECT 'unit change', * FROM revenue_unit
)
GROUP BY run
ORDER BY run;
