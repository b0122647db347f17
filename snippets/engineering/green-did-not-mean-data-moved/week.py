"""The week after the fix: the loader runs on schedule, one day never runs, a forgotten legacy job rewrites two."""

import contextlib
import sys
import tempfile
from datetime import date
from pathlib import Path

import duckdb

sys.dont_write_bytecode = True  # importing the loader must not write __pycache__ into the snippet folder
from _loader import TABLES, IngestionCheckFailed, load_orders  # noqa: E402

week_folder = tempfile.TemporaryDirectory()  # removed when the script exits
landing = Path(week_folder.name)  # the upstream system drops files here during the week
con = duckdb.connect()  # the warehouse
con.execute(TABLES)


def land(day: date, rows: list[str]) -> None:
    """The upstream system drops the day's file."""
    lines = ["order_id,customer_id,amount,currency", *rows]
    (landing / f"orders-{day:%Y%m%d}.csv").write_text("\n".join(lines) + "\n")


def orders(first: int, n: int) -> list[str]:
    return [f"{first + i},c{i % 4 + 1},{10 + i}.50,EUR" for i in range(n)]


# --8<-- [start:legacy]
# The old system's own table still gets a trickle of orders: 2 on the 20th, none on the 21st.
con.execute(
    "create table legacy_orders as select * from (values ('9001', 'c1', 8.00, date '2026-09-20'),"
    " ('9002', 'c2', 6.50, date '2026-09-20')) as t(order_id, customer_id, amount, order_date)"
)


def legacy_refresh(con, day: date) -> None:
    """The old system's nightly cron job, never on the migration list: rebuilds a day of raw_orders."""
    con.execute("delete from raw_orders where load_date = ?", [day])
    con.execute(
        "insert into raw_orders select order_id, customer_id, amount, 'EUR', order_date"
        " from legacy_orders where order_date = ?",
        [day],
    )


# --8<-- [end:legacy]


# --8<-- [start:week]
def scheduled_load(day: date) -> None:
    with contextlib.suppress(IngestionCheckFailed):  # red in the orchestrator; the audit row says why
        load_orders(con, landing, day, "orders-{:%Y%m%d}.csv")


land(date(2026, 9, 16), orders(2001, 5))
scheduled_load(date(2026, 9, 16))
land(date(2026, 9, 17), [*orders(2101, 5), "2106,c3,n/a,EUR"])
scheduled_load(date(2026, 9, 17))  # 1 of 6 rows rejected: over the limit
land(date(2026, 9, 17), [*orders(2101, 5), "2106,c3,7.25,EUR"])  # upstream resends the day, corrected
scheduled_load(date(2026, 9, 17))
land(date(2026, 9, 18), [])  # the export ran upstream and wrote only its header
scheduled_load(date(2026, 9, 18))
land(date(2026, 9, 19), orders(2301, 3))  # the file arrives; the scheduler never starts the task
land(date(2026, 9, 20), orders(2401, 4))
scheduled_load(date(2026, 9, 20))
land(date(2026, 9, 21), orders(2501, 8))
scheduled_load(date(2026, 9, 21))
for day in [date(2026, 9, 20), date(2026, 9, 21)]:  # later that night, from the old system's cron
    legacy_refresh(con, day)
land(date(2026, 9, 20), [*orders(2401, 4), "2405,c1,n/a,EUR"])  # upstream resends the 20th with a fifth order
scheduled_load(date(2026, 9, 20))  # 1 of 5 rows rejected: the rerun fails, the 20th keeps what the cron left
(landing / "orders-20260916.csv").unlink()  # retention clears the landing folder's older files ...
scheduled_load(date(2026, 9, 16))  # ... before a backfill reruns the 16th

monitor = con.cursor()  # its own connection; reads only load_audit and raw_orders
query = (Path(__file__).parent / "_did_data_move.sql").read_text()
print(f"{'load_date':<12}{'attempt':>7}{'claimed':>8}{'landed':>7}  {'last attempt':<17}data")
for load_date, attempt, claimed, landed, last_attempt, data in monitor.execute(query).fetchall():
    counts = f"{attempt or '':>7}{'' if claimed is None else claimed:>8}{landed:>7}"
    print(f"{load_date!s:<12}{counts}  {last_attempt:<17}{data}")
print("failed attempts, as the loader recorded them:")
failed = "select run_date, attempt, split_part(detail, ';', 1) from load_audit where status = 'failed' order by all"
for run_date, attempt, detail in monitor.execute(failed).fetchall():
    print(f"  {run_date} #{attempt} {detail}")
# --8<-- [end:week]
