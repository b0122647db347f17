-- Runs after the marts: drop the nightly copy so tomorrow's SELECT ... INTO can create it.
DROP TABLE staging.customers;
