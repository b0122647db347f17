-- --8<-- [start:audit]
-- 1. Same window, same snapshot, different output: some input is still implicit.
SELECT job, window_start, support_snapshot, count(*) AS runs,
       min(output_total) AS lowest, max(output_total) AS highest
FROM run_manifest
WHERE support_snapshot IS NOT NULL
GROUP BY ALL
HAVING count(DISTINCT output_total) > 1;

-- 2. History that changed, with the reason someone gave for it.
SELECT job, window_start, run_id, ran_on, support_snapshot, reason, output_total,
       output_total - first_value(output_total) OVER w AS change_vs_first
FROM run_manifest
WINDOW w AS (PARTITION BY job, window_start ORDER BY run_id)
QUALIFY count(DISTINCT support_snapshot) OVER (PARTITION BY job, window_start) > 1
ORDER BY job, window_start, run_id;

-- 3. Runs that cannot be reproduced at all: no snapshot or no window recorded.
SELECT run_id, job, ran_on, window_start, window_end, support_snapshot
FROM run_manifest
WHERE support_snapshot IS NULL OR window_start IS NULL OR window_end IS NULL;
-- --8<-- [end:audit]
