-- The nightly check compared order counts per segment. It still passes; the totals do not.
SELECT b.segment,
       sum(b.orders)::INTEGER AS n_before,
       sum(a.orders)::INTEGER AS n_after,
       sum(b.revenue_eur) AS eur_before,
       sum(a.revenue_eur) AS eur_after,
       round(100 * (sum(a.revenue_eur) / sum(b.revenue_eur) - 1), 1) AS drift_pct
FROM revenue_before AS b
JOIN revenue_fanout AS a USING (customer_id)
GROUP BY b.segment
ORDER BY b.segment;

-- Where the extra revenue comes from: customers with more than one row in the history.
SELECT h.customer_id, count(*) AS versions, b.revenue_eur AS revenue_before, a.revenue_eur AS revenue_after
FROM customer_history AS h
JOIN revenue_before AS b USING (customer_id)
JOIN revenue_fanout AS a USING (customer_id)
GROUP BY ALL
HAVING count(*) > 1
ORDER BY h.customer_id;
