-- Same counts, totals a hundred times smaller.
SELECT b.segment,
       sum(b.orders)::INTEGER AS n_before,
       sum(a.orders)::INTEGER AS n_after,
       sum(b.revenue_eur) AS eur_before,
       sum(a.revenue_eur) AS eur_after
FROM revenue_before AS b
JOIN revenue_unit AS a USING (customer_id)
GROUP BY b.segment
ORDER BY b.segment;
