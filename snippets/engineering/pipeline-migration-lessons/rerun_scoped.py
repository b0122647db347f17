"""The new loader: one transaction per partition, a run log, and reruns scoped to what failed."""

import duckdb
from _deliveries import DAYS, FIXES, redeliver
from _deliveries import make_source as make_deliveries


def make_source(con):
    """The same deliveries, plus the run log this loader keeps."""
    make_deliveries(con)
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
        rows = con.execute("SELECT count(*) FROM orders WHERE order_date = ?", [day]).fetchone()[0]
        con.execute("COMMIT")
        status, error = "ok", None
    except duckdb.Error as exc:
        con.execute("ROLLBACK")  # the partition keeps its previous content
        status, error, rows = "failed", type(exc).__name__, 0
    con.execute("INSERT INTO run_log VALUES (?, ?, ?, ?, ?)", [run_id, day, status, rows, error])


def rerun_scope(con):
    """Partitions whose latest attempt failed: the only ones a rerun should touch."""
    return [day for (day,) in con.execute(LATEST_FAILED).fetchall()]


con = duckdb.connect()
make_source(con)
for day in DAYS:  # run 1: every partition is attempted, failures are contained and recorded
    load_partition(con, 1, day)
failed = con.execute("SELECT order_date, error FROM run_log WHERE status = 'failed' ORDER BY order_date").fetchall()
print(f"run 1: {len(DAYS) - len(failed)} ok, {len(failed)} failed: " + ", ".join(f"{d} {e}" for d, e in failed))

for day in rerun_scope(con):  # upstream re-sends the two bad deliveries
    redeliver(con, *FIXES[day])
scope = rerun_scope(con)
for day in scope:  # run 2: only what failed
    load_partition(con, 2, day)
print(f"run 2: scope {', '.join(map(str, scope))}; still failing: {len(rerun_scope(con))}")

attempts, writes = con.execute("SELECT count(*), count(*) FILTER (WHERE status = 'ok') FROM run_log").fetchone()
print(f"partition writes for a 31-partition month: {writes} ({attempts} attempts)")
print("orders: {} rows, amount {}".format(*con.execute("SELECT count(*), sum(amount) FROM orders").fetchone()))
# --8<-- [end:fix]
