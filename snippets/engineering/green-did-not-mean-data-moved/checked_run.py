"""The same landing files through the checked loader: failed runs say why, reruns replace instead of adding."""

import sys
import tempfile
from datetime import date
from pathlib import Path

import duckdb

sys.dont_write_bytecode = True  # importing the loader must not write __pycache__ into the snippet folder
from _loader import PINNED, TABLES, IngestionCheckFailed, load_orders  # noqa: E402

LANDING = Path(__file__).parent / "landing"
con = duckdb.connect()  # the warehouse
con.execute(TABLES)

# --8<-- [start:runs]
LEGACY, CURRENT = "orders_{:%Y-%m-%d}*.csv", "orders-{:%Y%m%d}.csv"
SNIFFED = "auto_detect = true"  # how the loader first read files: DuckDB's sniffer guessed the dialect
for run_date, pattern, dialect in [
    (date(2026, 9, 13), LEGACY, SNIFFED),
    (date(2026, 9, 14), LEGACY, SNIFFED),
    (date(2026, 9, 14), CURRENT, SNIFFED),  # the file pattern corrected
    (date(2026, 9, 15), CURRENT, SNIFFED),
    (date(2026, 9, 15), CURRENT, PINNED),  # the dialect pinned
    (date(2026, 9, 13), LEGACY, PINNED),  # reruns: upstream has not resent the 13th yet,
    (date(2026, 9, 14), CURRENT, PINNED),  # the 14th is loaded a second time,
    (date(2026, 9, 14), LEGACY, PINNED),  # and a backfill script with the legacy pattern tries again
]:
    try:
        run, outcome = load_orders(con, LANDING, run_date, pattern, dialect), "success"
    except IngestionCheckFailed as failure:  # the task exits non-zero here; printed for the page
        run, outcome = failure.run, f"FAILED: {failure}"
    print(run)
    print("  " + outcome.replace("; ", "\n    "))
# --8<-- [end:runs]

# --8<-- [start:after]
sniffed = con.execute("select Comment from sniff_csv($f)", {"f": str(LANDING / "orders-20260915.csv")}).fetchone()
print(f"sniffer's comment character for orders-20260915.csv on DuckDB {duckdb.__version__}: {sniffed[0]}")
with tempfile.TemporaryDirectory() as tmp:  # the 15th's file again, behind a one-line preamble
    preamble = Path(tmp) / "orders-20260915.csv"
    preamble.write_text("orders export for 2026-09-15\n" + (LANDING / preamble.name).read_text())
    guessed_skip = PINNED.replace(", skip = 0", "")
    skip = con.execute(f"select SkipRows from sniff_csv($f, {guessed_skip})", {"f": str(preamble)}).fetchone()[0]
    print(f"behind a one-line preamble, the sniffer skips {skip} line unless skip = 0:")
    scratch = duckdb.connect()  # a second warehouse: the tables printed below stay as the runs left them
    scratch.execute(TABLES)
    for label, dialect in [("guessed:", guessed_skip), ("skip = 0:", PINNED)]:
        try:
            load_orders(scratch, Path(tmp), date(2026, 9, 15), CURRENT, dialect)
        except IngestionCheckFailed as failure:
            print(f"  {label:<10}{str(failure).splitlines()[0].replace(tmp + '/', '')}")
for table, per_day in [
    ("load_audit", "select run_date, string_agg(attempt || ' ' || status, ', ' order by attempt) from load_audit"),
    ("raw_orders", "select load_date, count(*) || ' rows' from raw_orders"),
]:
    print(f"{table}:")
    for day, what in con.execute(f"{per_day} group by 1 order by 1").fetchall():
        print(f"  {day}  {what}")
print("rejected_orders, every attempt (* = the attempt whose rows are published):")
rejects = """
    with published as (
        select run_date as load_date, max(attempt) as attempt from load_audit where status = 'success' group by 1
    )
    select r.load_date, r.attempt, p.attempt is not null, r.reason, r.order_id, r.customer_id, r.amount, r.currency
    from rejected_orders as r left join published as p using (load_date, attempt)
    order by r.load_date, r.attempt, r.reason, r.order_id
"""
for day, attempt, live, reason, *record in con.execute(rejects).fetchall():
    print(f"  {day} #{attempt}{'*' if live else ' '} {reason:<20} {record}")
# --8<-- [end:after]
