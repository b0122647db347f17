-- One row per expected day, two verdicts: how the day's last attempt ended, and whether the table still holds
-- what the day's last successful attempt claimed. Neither hides the other.
with days as (
    -- in production: the last 7 days of a calendar generated from the loader's schedule, expected-empty days marked
    select day::date as load_date from range(date '2026-09-16', date '2026-09-22', interval 1 day) as t(day)
),
last_attempt as (
    select * from load_audit
    qualify row_number() over (partition by run_date order by attempt desc) = 1
),
last_published as (  -- a failed rerun leaves the rows of the day's last success: compare with its claim
    select run_date, rows_published from load_audit where status = 'success'
    qualify row_number() over (partition by run_date order by attempt desc) = 1
),
landed as (
    select load_date, count(*) as rows_landed from raw_orders group by load_date
)
select
    d.load_date,
    a.attempt,
    p.rows_published as claimed,
    coalesce(l.rows_landed, 0) as landed,
    case
        when a.status is null then 'NO RUN RECORDED'
        when a.status <> 'success' then 'FAILED'
        else 'ok'
    end as last_attempt,
    case
        when p.rows_published is null and l.rows_landed is null then 'nothing claimed'
        when coalesce(l.rows_landed, 0) is distinct from p.rows_published
            then 'CLAIMED ' || coalesce(p.rows_published, 0) || ', FOUND ' || coalesce(l.rows_landed, 0)
        else 'ok'
    end as data
from days as d
left join last_attempt as a on a.run_date = d.load_date
left join last_published as p on p.run_date = d.load_date
left join landed as l using (load_date)
order by d.load_date;
