MERGE mart.revenue_daily AS t
USING (
    SELECT order_date, SUM(amount) AS revenue
    FROM staging.orders
    GROUP BY order_date
) AS s
ON t.order_date = s.order_date
WHEN MATCHED THEN UPDATE SET t.revenue = s.revenue
WHEN NOT MATCHED THEN INSERT (order_date, revenue) VALUES (s.order_date, s.revenue);
GO

UPDATE t
SET t.revenue_eur = t.revenue * f.rate
FROM mart.revenue_daily AS t
JOIN ref.fx_rates AS f ON f.rate_date = t.order_date;
