-- The two loaders as DuckDB table macros, so that every snippet in this folder runs the same code.
-- The scheduler calls a loader once per run, with the file that triggered the run.

-- The landing area's arrival log: the transfer job appends a line as each file lands.
CREATE VIEW arrivals AS FROM read_csv('landing/arrivals.csv');

-- --8<-- [start:stamped]
-- Lineage from the run: the scheduler passes the run's date (ds) and the file to read.
CREATE MACRO load_stamped(ds, input_path) AS TABLE
SELECT
    order_id, order_date, customer, amount,
    ds                          AS business_date,
    parse_filename(input_path)  AS source_file
FROM read_csv(input_path);
-- --8<-- [end:stamped]

-- --8<-- [start:sourced]
-- Lineage from the source: the file each row was read from, and the date and version in its name.
-- A name that does not match makes regexp_extract return '' and the cast fails any statement
-- that selects source_date or source_version (a load of every column, a rebuild over a glob).
CREATE MACRO load_sourced(input_path, run_id) AS TABLE
SELECT
    order_id, order_date, customer, amount,
    parse_filename(filename) AS source_file,
    regexp_extract(parse_filename(filename), '^orders_(\d{4}-\d{2}-\d{2})_v\d+\.csv$', 1)::DATE
        AS source_date,
    regexp_extract(parse_filename(filename), '^orders_\d{4}-\d{2}-\d{2}_v(\d+)\.csv$', 1)::INTEGER
        AS source_version,
    run_id                   AS load_id
FROM read_csv(input_path, filename = true);
-- --8<-- [end:sourced]
