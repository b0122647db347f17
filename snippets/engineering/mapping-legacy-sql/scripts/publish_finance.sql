DECLARE @cutoff DATE = DATEADD(day, -400, CAST(GETDATE() AS DATE));
DECLARE @sql NVARCHAR(MAX) =
    N'DELETE FROM export.finance_feed WHERE order_date < ''' + CONVERT(NVARCHAR(10), @cutoff, 120) + N'''';
EXEC sp_executesql @sql;

INSERT INTO export.finance_feed (order_date, revenue, revenue_eur, active_customers)
SELECT r.order_date, r.revenue, r.revenue_eur,
       (SELECT COUNT(*) FROM mart.customer_summary AS s WHERE s.last_order_date = r.order_date)
FROM mart.revenue_daily AS r
WHERE r.order_date >= @cutoff;
