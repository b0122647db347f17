-- --8<-- [start:audit]
-- 1. Same job, window and snapshot, different rows: some input is still implicit.
SELECT window_start, window_end, support_snapshot AS snapshot, count(*) AS runs,
       list(DISTINCT input_orders ORDER BY input_orders) AS orders,
       min(output_total) AS low, max(output_total) AS high
FROM run_manifest
GROUP BY job, window_start, window_end, support_snapshot
HAVING count(DISTINCT output_md5) > 1
ORDER BY window_start;

-- 2. Windows whose published rows changed, each run with its reason.
SELECT window_start AS start, run_id AS run, ran_on, support_snapshot AS snapshot, reason,
       output_total - first_value(output_total) OVER w AS change, output_md5[:8] AS md5
FROM run_manifest
WINDOW w AS (PARTITION BY job, window_start, window_end ORDER BY run_id)
QUALIFY count(DISTINCT output_md5) OVER (PARTITION BY job, window_start, window_end) > 1
ORDER BY start, run;
-- --8<-- [end:audit]
