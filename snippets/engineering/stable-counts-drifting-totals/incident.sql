-- Both changes at once, as they landed: the history join and the euro feed.
SELECT b.segment,
       sum(b.orders)::INTEGER AS n_before,
       sum(a.orders)::INTEGER AS n_after,
       sum(b.revenue_eur) AS eur_before,
       sum(a.revenue_eur) AS eur_after
FROM revenue_before AS b
JOIN revenue_both AS a USING (customer_id)
GROUP BY b.segment
ORDER BY b.segment;

-- The downstream consumer: key accounts are customers with at least min_eur in the month.
SET VARIABLE min_eur = 5000;
SELECT run, getvariable('min_eur') AS min_eur,
       count(*) FILTER (WHERE revenue_eur >= getvariable('min_eur')) AS key_accounts,
       string_agg(customer_id, ', ' ORDER BY customer_id)
           FILTER (WHERE revenue_eur >= getvariable('min_eur')) AS customers
FROM (
    SELECT 'before' AS run, * FROM revenue_before
    UNION ALL SELECT 'fan-out', * FROM revenue_fanout
    UNION ALL SELECT 'unit change', * FROM revenue_unit
    UNION ALL SELECT 'both', * FROM revenue_both
)
GROUP BY run
ORDER BY list_position(['before', 'fan-out', 'unit change', 'both'], run);
