"""The new loader: one transaction per partition, a run log, and reruns scoped to what failed."""

import datetime as dt

import duckdb

DAYS = [dt.date(2026, 3, 1) + dt.timedelta(days=d) for d in range(31)]


def make_source(con):
    """31 daily deliveries of 40 orders each; amounts arrive as text. Two deliveries are malformed."""
    con.execute("""
        CREATE TABLE raw AS
        SELECT 'O' || lpad((d * 40 + k + 1)::VARCHAR, 5, '0') AS order_id,
               DATE '2026-03-01' + d::INTEGER AS order_date,
               printf('%.2f', ((d * 40 + k) * 7919 % 20000 + 500) / 100) AS amount_text
        FROM range(31) AS days(d), range(40) AS slots(k)
    """)
    con.execute("UPDATE raw SET amount_text = '12,50' WHERE order_id = 'O00441'")  # 2026-03-12
    con.execute("UPDATE raw SET amount_text = 'n/a' WHERE order_id = 'O00771'")  # 2026-03-20
    con.execute("CREATE TABLE orders (order_id VARCHAR, order_date DATE, amount DECIMAL(10, 2))")
    con.execute("""
        CREATE TABLE run_log (run_id INTEGER, order_date DATE, status VARCHAR, rows_written INTEGER, error VARCHAR)
    """)


FIXES = {dt.date(2026, 3, 12): ("O00441", "12.50"), dt.date(2026, 3, 20): ("O00771", "81.12")}


def redeliver(con, order_id, amount_text):
    """Upstream fixes a delivery."""
    con.execute("UPDATE raw SET amount_text = ? WHERE order_id = ?", [amount_text, order_id])


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
