/* Until 2019 this read from legacy.customer_v1:
   SELECT customer_id, region FROM legacy.customer_v1 */
WITH recent_orders AS (
    SELECT customer_id, SUM(amount) AS total, MAX(order_date) AS last_order_date
    FROM staging.orders
    GROUP BY customer_id
)
INSERT INTO mart.customer_summary (customer_id, region, total, last_order_date)
SELECT TOP 1000 c.customer_id, c.region, r.total, r.last_order_date
FROM recent_orders AS r
JOIN [Staging].[Customers] AS c ON c.customer_id = r.customer_id;
