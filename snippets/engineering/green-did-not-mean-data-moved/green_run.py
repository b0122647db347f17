"""The migrated loader as it first ran: every run green, almost nothing loaded."""

from datetime import date, timedelta
from pathlib import Path

import duckdb

LANDING = Path(__file__).parent / "landing"
con = duckdb.connect()  # the warehouse
con.execute("""
    create table raw_orders (
        order_id varchar, customer_id varchar, amount decimal(12, 2), currency varchar, load_date date
    )
""")


# --8<-- [start:failure]
def load_orders(con, run_date: date) -> str:
    """Load one day's order files. Returns the status the orchestrator records."""
    for path in sorted(LANDING.glob(f"orders_{run_date:%Y-%m-%d}*.csv")):  # the legacy file name
        insert = """
            insert into raw_orders
            select order_id, customer_id, try_cast(amount as decimal(12, 2)), currency, $run_date
            from read_csv($path, all_varchar = true)
            where order_id is not null                             -- skip what does not parse
              and try_cast(amount as decimal(12, 2)) is not null
        """
        con.execute(insert, {"path": str(path), "run_date": run_date})
    return "success"  # no exception, exit code 0: the task turns green


for day in range(3):
    run_date = date(2026, 9, 13) + timedelta(days=day)
    print(f"run {run_date}: {load_orders(con, run_date)}")

print("rows in raw_orders by load_date:")
for load_date, rows in con.execute("""
    select day::date, count(o.order_id)
    from range(date '2026-09-13', date '2026-09-16', interval 1 day) as days(day)
    left join raw_orders as o on o.load_date = days.day
    group by all order by all
""").fetchall():
    print(f"  {load_date}  {rows}")
files = sorted(LANDING.glob("*.csv"))
print("landing:", ", ".join(p.name for p in files))
print("data lines in those files:", sum(len(p.read_text().splitlines()) - 1 for p in files))
# --8<-- [end:failure]
