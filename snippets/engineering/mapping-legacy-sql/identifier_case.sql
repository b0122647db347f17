-- One table created as staging.Customers, written and read under two other spellings.
CREATE SCHEMA staging;
CREATE TABLE staging.Customers (customer_id INT);
INSERT INTO STAGING.CUSTOMERS VALUES (1);
SELECT count(*) AS rows_found FROM "staging"."customers";
SELECT table_schema, table_name FROM information_schema.tables;
