"""The new loader: one transaction per partition, a run log, and reruns scoped to what failed."""

import duckdb
from _deliveries import DAYS, FIXES, first_line, redeliver, rows_in
from _deliveries import make_source as make_deliveries


def make_source(con):
    """The same deliveries, plus the (empty) run log this loader writes: one row per run, one per partition."""
    make_deliveries(con)
    con.execute("CREATE TABLE runs (run_id INTEGER, in_scope INTEGER)")
    con.execute("""
        CREATE TABLE run_log (run_id INTEGER, order_date DATE, status VARCHAR, rows_written INTEGER, error VARCHAR)
    """)


# --8<-- [start:fix]
LOAD = """
    INSERT INTO orders
    SELECT order_id, order_date, CAST(amount_text AS DECIMAL(10, 2)) FROM raw WHERE order_date = ?
"""
LATEST_FAILED = """
    SELECT order_date FROM run_log
    QUALIFY row_number() OVER (PARTITION BY order_date ORDER BY run_id DESC) = 1 AND status = 'failed'
    ORDER BY order_date
"""


def load_partition(con, run_id, day):
    """Replace one partition atomically and record the outcome, whatever it is."""
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM orders WHERE order_date = ?", [day])
        con.execute(LOAD, [day])
        rows = rows_in(con, day)
        con.execute("COMMIT")
        status, error = "ok", None
    except duckdb.Error as exc:
        con.execute("ROLLBACK")  # the partition keeps its previous content
        status, error, rows = "failed", first_line(exc), 0
    con.execute("INSERT INTO run_log VALUES (?, ?, ?, ?, ?)", [run_id, day, status, rows, error])


def rerun_scope(con):
    """Partitions whose latest attempt failed: the only ones a rerun should touch."""
    return [day for (day,) in con.execute(LATEST_FAILED).fetchall()]


con = duckdb.connect()
make_source(con)  # last night's month is in `orders`, 40 rows a day
con.execute("INSERT INTO runs VALUES (1, ?)", [len(DAYS)])
for day in DAYS:  # run 1: every partition is attempted, failures are contained and recorded
    load_partition(con, 1, day)
for day, error in con.execute("SELECT order_date, error FROM run_log WHERE status = 'failed' ORDER BY 1").fetchall():
    print(f"run 1 failed {day}, rows kept from last night: {rows_in(con, day)}")
    print(f"  {error}")

for day in rerun_scope(con):  # upstream re-sends the two bad deliveries
    redeliver(con, *FIXES[day])
scope = rerun_scope(con)
con.execute("INSERT INTO runs VALUES (2, ?)", [len(scope)])
for day in scope:  # run 2: only what failed
    load_partition(con, 2, day)
print(f"run 2 scope: {', '.join(map(str, scope))}; still failing: {len(rerun_scope(con))}")
# --8<-- [end:fix]

# --8<-- [start:report]
# What each run reports on its own, from the run log it wrote: no legacy system needed.
# A run is complete only when every partition in its scope was written.
REPORT = """
    SELECT r.run_id, r.in_scope, count(l.order_date) AS attempted,
           count(*) FILTER (WHERE l.status = 'ok') AS ok,
           count(*) FILTER (WHERE l.status = 'failed') AS failed,
           coalesce(sum(l.rows_written), 0) AS rows_written
    FROM runs AS r LEFT JOIN run_log AS l USING (run_id)
    GROUP BY r.run_id, r.in_scope ORDER BY r.run_id
"""
print("run  in scope  attempted  ok  failed  rows  verdict")
for run_id, in_scope, attempted, ok, failed, rows in con.execute(REPORT).fetchall():
    verdict = "complete" if ok == in_scope else "partial"
    print(f"{run_id:>3}  {in_scope:>8}  {attempted:>9}  {ok:>2}  {failed:>6}  {rows:>4}  {verdict}")
# --8<-- [end:report]

attempts, writes = con.execute("SELECT count(*), count(*) FILTER (WHERE status = 'ok') FROM run_log").fetchone()
print(f"partition writes for a 31-partition month: {writes} ({attempts} attempts)")
print("orders: {} rows, amount {}".format(*con.execute("SELECT count(*), sum(amount) FROM orders").fetchone()))
