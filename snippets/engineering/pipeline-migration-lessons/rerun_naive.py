"""The legacy loader: one loop over the month, stop at the first bad partition, rerun everything."""

import itertools

import duckdb
from _deliveries import DAYS, FIXES, first_line, make_source, redeliver, rows_in

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
make_source(con)  # last night's month is in `orders`, 40 rows a day
total_writes = 0
for attempt in itertools.count(1):  # rerun the whole month until one run gets through
    done = []
    try:
        load_month(con, done)
    except duckdb.Error as exc:
        failed_on = DAYS[len(done)]
        print(f"attempt {attempt}: failed on {failed_on} after {len(done)} partitions written")
        print(f"  {first_line(exc)}")
        print(f"  not attempted: {len(DAYS) - len(done) - 1}; rows left in {failed_on}: {rows_in(con, failed_on)}")
        redeliver(con, *FIXES[failed_on])  # someone finds the bad row, upstream re-sends it
        continue
    finally:
        total_writes += len(done)
    print(f"attempt {attempt}: ok, {len(done)} partitions written")
    break
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
