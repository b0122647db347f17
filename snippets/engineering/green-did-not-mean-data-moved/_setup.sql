-- A week after the fix, as the warehouse holds it: what the loader claimed, and what actually landed.
create table load_audit (
    run_date date, attempt integer, status varchar, files integer, rows_read integer, rows_valid integer,
    rows_rejected integer, rows_published integer, detail varchar
);
insert into load_audit values
    ('2026-09-16', 1, 'success', 1, 5, 5, 0, 5, null),
    ('2026-09-17', 1, 'failed',  1, 6, 5, 1, 0, '17% of rows rejected, limit 10%'),
    ('2026-09-17', 2, 'success', 1, 6, 6, 0, 6, null),
    ('2026-09-18', 1, 'failed',  0, 0, 0, 0, 0, 'no file matches ''orders-20260918.csv'''),
    -- 2026-09-19: the scheduler never started the task
    ('2026-09-20', 1, 'success', 1, 4, 4, 0, 4, null),
    ('2026-09-21', 1, 'success', 1, 8, 8, 0, 8, null);

-- 2026-09-20 and 2026-09-21: a legacy job, still scheduled, rewrote those days after the loader published.
create table raw_orders (order_id varchar, load_date date);
insert into raw_orders
select 'o' || i, d::date
from (values ('2026-09-16', 5), ('2026-09-17', 6), ('2026-09-20', 2)) as t(d, n),
     range(n) as r(i);
