-- A second loader for the same change feed closed each version on the day it loaded the next one
-- (loaded_on), while the next version starts on its effective date: the ranges overlap.
CREATE TABLE history_load_dated AS
SELECT ch.customer_id, c.segment, ch.account_manager,
       ch.effective_from AS valid_from,
       coalesce(lead(ch.loaded_on) OVER (PARTITION BY ch.customer_id ORDER BY ch.effective_from),
                DATE '9999-12-31') AS valid_to
FROM customer_changes AS ch
JOIN customers AS c USING (customer_id);

-- --8<-- [start:checks]
-- Two tests on each history: uniqueness of the key (customer_id, valid_from), and the check that
-- dbt_utils' mutually_exclusive_ranges runs (gaps allowed): per customer, ordered by valid_from,
-- valid_from < valid_to, and valid_to <= the next version's valid_from.
WITH histories AS (
    SELECT 'effective-dated' AS history, * FROM customer_history
    UNION ALL SELECT 'load-dated', * FROM history_load_dated
),
windowed AS (
    SELECT *,
           lead(valid_from) OVER (PARTITION BY history, customer_id ORDER BY valid_from) AS next_from,
           count(*) OVER (PARTITION BY history, customer_id, valid_from) AS same_key
    FROM histories
)
SELECT history,
       CASE WHEN count(*) FILTER (WHERE same_key > 1) = 0 THEN 'pass' ELSE 'FAIL' END AS unique_key,
       CASE WHEN count(*) FILTER (WHERE NOT ok) = 0 THEN 'pass' ELSE 'FAIL' END AS ranges,
       string_agg(customer_id || ' ' || strftime(valid_from, '%m-%d') || '..' || strftime(valid_to, '%m-%d'), ', '
                  ORDER BY customer_id) FILTER (WHERE NOT ok) AS overlaps
FROM (SELECT *, valid_from < valid_to AND valid_to <= coalesce(next_from, valid_to) AS ok FROM windowed)
GROUP BY history
ORDER BY history;
-- --8<-- [end:checks]

-- The orders that meet two versions in the load-dated history: the days the two ranges share.
SELECT o.order_id, o.customer_id, o.order_date, count(*) AS versions_matched
FROM stg_orders AS o
JOIN history_load_dated AS h
  ON h.customer_id = o.customer_id AND o.order_date >= h.valid_from AND o.order_date < h.valid_to
GROUP BY ALL
HAVING count(*) > 1
ORDER BY o.order_id;

-- Model total against fact total: the fixed model's range join on each history,
-- and DuckDB's ASOF JOIN on the load-dated one.
WITH joined AS (
    SELECT h.history, o.amount_eur
    FROM stg_orders AS o
    JOIN (SELECT 'effective-dated' AS history, * FROM customer_history
          UNION ALL SELECT 'load-dated', * FROM history_load_dated) AS h
      ON h.customer_id = o.customer_id AND o.order_date >= h.valid_from AND o.order_date < h.valid_to
    UNION ALL
    SELECT 'load-dated, ASOF', o.amount_eur
    FROM stg_orders AS o
    ASOF JOIN history_load_dated AS h  -- at most one version: the latest valid_from <= order_date
      ON h.customer_id = o.customer_id AND o.order_date >= h.valid_from
)
SELECT history,
       sum(amount_eur) AS model_eur,
       (SELECT sum(amount_eur) FROM stg_orders) AS fact_eur,
       round(sum(amount_eur) / (SELECT sum(amount_eur) FROM stg_orders), 3) AS model_vs_fact
FROM joined
GROUP BY history
ORDER BY history;
