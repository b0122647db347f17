"""The legacy loader: one loop over the month, stop at the first bad partition, rerun everything."""

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


FIXES = {dt.date(2026, 3, 12): ("O00441", "12.50"), dt.date(2026, 3, 20): ("O00771", "81.12")}


def redeliver(con, order_id, amount_text):
    """Upstream fixes a delivery."""
    con.execute("UPDATE raw SET amount_text = ? WHERE order_id = ?", [amount_text, order_id])


# --8<-- [start:failure]
LOAD = """
    INSERT INTO orders
    SELECT order_id, order_date, {cast}(amount_text AS DECIMAL(10, 2)) FROM raw WHERE order_date = ?
"""


def load_month(con, done, cast="CAST"):
    """Rebuild every partition of the month in order; the first error stops the run."""
    for day in DAYS:
        con.execute("DELETE FROM orders WHERE order_date = ?", [day])
        con.execute(LOAD.format(cast=cast), [day])
        done.append(day)


con = duckdb.connect()
make_source(con)
total_writes = 0
for attempt in (1, 2, 3):
    done = []
    try:
        load_month(con, done)
        print(f"attempt {attempt}: ok, {len(done)} partitions written")
    except duckdb.Error as exc:
        failed_on = DAYS[len(done)]
        print(
            f"attempt {attempt}: {type(exc).__name__} on {failed_on}, {len(done)} partitions written, "
            f"{len(DAYS) - len(done) - 1} not attempted"
        )
        redeliver(con, *FIXES[failed_on])  # someone finds the bad row, upstream re-sends it
    total_writes += len(done)
print(f"partition writes for a 31-partition month: {total_writes}")
print("orders: {} rows, amount {}".format(*con.execute("SELECT count(*), sum(amount) FROM orders").fetchone()))

# The lenient variant "handles" the failures by coercing: the run is green, the data is not.
lenient = duckdb.connect()
make_source(lenient)
done = []
load_month(lenient, done, cast="TRY_CAST")
nulls = lenient.execute("SELECT count(*) FROM orders WHERE amount IS NULL").fetchone()[0]
print(f"lenient run: ok, {len(done)} partitions written, {nulls} amounts silently NULL")
# --8<-- [end:failure]
