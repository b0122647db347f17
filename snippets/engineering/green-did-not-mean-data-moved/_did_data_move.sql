-- One row per expected day: the last attempt, what the last published attempt claimed, what the table holds.
with days as (
    -- in production: range(current_date - 7, current_date, interval 1 day)
    select day::date as load_date from range(date '2026-09-16', date '2026-09-22', interval 1 day) as t(day)
),
last_attempt as (
    select * from load_audit
    qualify row_number() over (partition by run_date order by attempt desc) = 1
),
last_published as (  -- a failed rerun leaves the rows of the day's last success: keep its claim in view
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
        when a.status <> 'success' then 'FAILED: ' || split_part(a.detail, ';', 1)
        when coalesce(l.rows_landed, 0) = 0 then 'GREEN BUT NOTHING LANDED'
        when l.rows_landed <> p.rows_published then 'CLAIMED ' || p.rows_published || ', FOUND ' || l.rows_landed
        else 'ok'
    end as verdict
from days as d
left join last_attempt as a on a.run_date = d.load_date
left join last_published as p on p.run_date = d.load_date
left join landed as l using (load_date)
order by d.load_date;
