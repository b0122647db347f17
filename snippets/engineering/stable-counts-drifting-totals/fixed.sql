-- The same comparison and the same downstream filter, on the fixed model and the migrated feed.
SELECT b.segment,
       sum(b.orders)::INTEGER AS n_before,
       sum(a.orders)::INTEGER AS n_after,
       sum(b.revenue_eur) AS eur_before,
       sum(a.revenue_eur) AS eur_after
FROM revenue_before AS b
JOIN revenue_fixed AS a USING (customer_id)
GROUP BY b.segment
ORDER BY b.segment;

SET VARIABLE min_eur = 5000;
SELECT run, getvariable('min_eur') AS min_eur,
       count(*) FILTER (WHERE revenue_eur >= getvariable('min_eur')) AS key_accounts,
       string_agg(customer_id, ', ' ORDER BY customer_id)
           FILTER (WHERE revenue_eur >= getvariable('min_eur')) AS customers
FROM (
    SELECT 'before' AS run, * FROM revenue_before
    UNION ALL SELECT 'fixed', * FROM revenue_fixed
)
GROUP BY run
ORDER BY run;
