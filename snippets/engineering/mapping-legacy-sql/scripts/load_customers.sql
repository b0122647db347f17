-- Nightly: copy the CRM customer list into staging.
TRUNCATE TABLE staging.customers;

INSERT INTO staging.customers (customer_id, region, first_order_date)
SELECT c.customer_id, UPPER(LTRIM(RTRIM(c.region))), c.first_order_date
FROM [dbo].[crm_customers] AS c
WHERE c.is_deleted = 0;
