"""A delivery whose name breaks the pattern: the strict parse in load_sourced fails its load."""

from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
con = duckdb.connect(config={"threads": 1})
con.execute("SET file_search_path = ?", [str(HERE)])  # the landing/ files shown above
con.execute((HERE / "_setup.sql").read_text(encoding="utf-8"))  # the loaders shown above
con.execute("CREATE TABLE orders AS FROM load_sourced('landing/orders_2026-08-18_v1.csv', '') WITH NO DATA")

# --8<-- [start:guard]
# The source sends 2026-08-20 without its version: orders_2026-08-20.csv.
misnamed = Path("landing/orders_2026-08-20.csv")
misnamed.parent.mkdir(exist_ok=True)
misnamed.write_text("order_id,order_date,customer,amount\n1046,2026-08-20,c-17,22.00\n")

for path, run_id in [
    ("landing/orders_2026-08-18_v1.csv", "sched-0818"),
    ("landing/orders_2026-08-19_v1.csv", "sched-0819"),
    ("landing/orders_2026-08-20.csv", "sched-0820"),
]:
    try:
        con.execute(f"INSERT INTO orders FROM load_sourced('{path}', '{run_id}')")
        print(f"{path}: loaded")
    except duckdb.ConversionException as error:
        print(f"{path}: rejected\n{error}")
print("rows in orders:", con.execute("FROM orders SELECT count(*)").fetchone()[0])
# --8<-- [end:guard]
