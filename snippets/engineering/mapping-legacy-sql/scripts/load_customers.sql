-- Nightly: copy the CRM customer list into staging.
-- cleanup_staging.sql drops the copy once the marts are built, so that this can create it again.
SELECT c.customer_id, UPPER(LTRIM(RTRIM(c.region))) AS region, c.first_order_date
INTO [staging].[customers]
FROM [dbo].[crm_customers] AS c
WHERE c.is_deleted = 0;
