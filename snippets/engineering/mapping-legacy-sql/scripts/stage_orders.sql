-- Last 30 days of orders, cleaned in a temp table first.
SELECT o.order_id, o.customer_id, ISNULL(o.amount, 0) AS amount,
       CAST(o.ordered_at AS DATE) AS order_date
INTO #recent
FROM dbo.orders_raw AS o WITH (NOLOCK)
WHERE o.ordered_at >= DATEADD(day, -30, GETDATE());

TRUNCATE TABLE staging.orders;

INSERT INTO staging.orders (order_id, customer_id, amount, order_date)
SELECT order_id, customer_id, amount, order_date FROM #recent;

DROP TABLE #recent;
