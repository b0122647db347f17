-- The nightly check compared order counts per segment. It still passes; the totals do not.
SELECT b.segment,
       sum(b.orders)::INTEGER AS orders_before,
       sum(a.orders)::INTEGER AS orders_after,
       sum(b.revenue_eur) AS revenue_before,
       sum(a.revenue_eur) AS revenue_after,
       round(100 * (sum(a.revenue_eur) / sum(b.revenue_eur) - 1), 1) AS drift_pct
FROM revenue_before AS b
JOIN revenue_fanout AS a USING (customer_id)
GROUP BY b.segment
ORDER BY b.segment;
