"""A delivery whose name breaks the pattern: where the strict parse in load_sourced stops it, and where not."""

import shutil
import tempfile
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
# A copy of the landing area in a temporary folder, so the misnamed file never lands beside this snippet.
work = tempfile.TemporaryDirectory()
landing = Path(work.name) / "landing"
shutil.copytree(HERE / "landing", landing)  # the landing/ files shown above
con = duckdb.connect(config={"threads": 1})
con.execute("SET file_search_path = ?", [work.name])
con.execute((HERE / "_setup.sql").read_text(encoding="utf-8"))  # the loaders shown above
con.execute("CREATE TABLE orders AS FROM load_sourced('landing/orders_2026-08-18_v1.csv', '') WITH NO DATA")


def attempt(label, sql):
    try:
        con.execute(sql)
        print(f"{label}: ok")
    except duckdb.ConversionException as error:
        print(f"{label}: rejected\n{error}")


# --8<-- [start:guard]
# The source sends 2026-08-20 without its version: orders_2026-08-20.csv.
(landing / "orders_2026-08-20.csv").write_text("order_id,order_date,customer,amount\n1046,2026-08-20,c-17,22.00\n")

# Per-file loads of every column: only the misnamed file is rejected.
for name, run_id in [
    ("orders_2026-08-18_v1.csv", "sched-0818"),
    ("orders_2026-08-19_v1.csv", "sched-0819"),
    ("orders_2026-08-20.csv", "sched-0820"),
]:
    attempt(name, f"INSERT INTO orders FROM load_sourced('landing/{name}', '{run_id}')")
print("rows in orders:", con.execute("FROM orders SELECT count(*)").fetchone()[0])

# A rebuild over the glob reads the misnamed file too: the whole rebuild fails.
attempt(
    "rebuild orders_*.csv",
    "CREATE TABLE rebuilt AS FROM load_sourced('landing/orders_*.csv', 'rebuild-0825')",
)

# A query that leaves out source_date and source_version never runs the cast.
ids = con.execute("SELECT order_id FROM load_sourced('landing/orders_*.csv', 'adhoc') ORDER BY 1")
print("order_id only:", " ".join(str(i) for (i,) in ids.fetchall()))
# --8<-- [end:guard]
work.cleanup()
