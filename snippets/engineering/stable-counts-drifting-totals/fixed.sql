-- The same comparison and the same downstream filter, on the fixed model and the migrated feed.
SELECT b.segment,
       sum(b.orders)::INTEGER AS orders_before,
       sum(a.orders)::INTEGER AS orders_after,
       sum(b.revenue_eur) AS revenue_before,
       sum(a.revenue_eur) AS revenue_after
FROM revenue_before AS b
JOIN revenue_fixed AS a USING (customer_id)
GROUP BY b.segment
ORDER BY b.segment;

SELECT run,
       count(*) FILTER (WHERE revenue_eur >= 5000) AS key_accounts,
       string_agg(customer_id, ', ' ORDER BY customer_id) FILTER (WHERE revenue_eur >= 5000) AS customers
FROM (
    SELECT 'before' AS run, * FROM revenue_before
    UNION ALL SELECT 'fixed', * FROM revenue_fixed
)
GROUP BY run
ORDER BY run;
