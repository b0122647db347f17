"""The fingerprint is defined by text and md5, so any engine (here: plain Python) can reproduce it."""

import hashlib
from pathlib import Path

import duckdb

con = duckdb.connect()
con.execute((Path(__file__).parent / "_setup.sql").read_text())
DAY = "2026-03-21"
BIGINT_MAX = 2**63 - 1

# --8<-- [start:portable]
FINGERPRINT = "SELECT row_hash FROM fingerprints WHERE side = 'legacy' AND order_date = ?"
(sql_value,) = con.execute(FINGERPRINT, [DAY]).fetchone()

ROWS = "SELECT order_id, customer_id, amount FROM legacy_orders WHERE order_date = ?"
rows = con.execute(ROWS, [DAY]).fetchall()
py_value = 0
for order_id, customer_id, amount in rows:  # amount arrives as a Python Decimal
    values = [order_id, customer_id, None if amount is None else f"{amount:.2f}"]
    text = "|".join(r"\N" if v is None else v for v in values)  # the SQL macro's NULL sentinel
    py_value += int(hashlib.md5(text.encode()).hexdigest()[:15], 16)

# The same amounts typed DOUBLE instead of DECIMAL(10,2): the md5 fingerprint of the
# canonical text, and DuckDB's own hash() of the typed values.
md5_double, hash_decimal, hash_double = con.execute(
    """SELECT sum(row_md5_60(canonical(order_id, customer_id, amount::DOUBLE))),
              sum(hash(order_id, customer_id, amount)),
              sum(hash(order_id, customer_id, amount::DOUBLE))
       FROM legacy_orders WHERE order_date = ?""",
    [DAY],
).fetchone()

# How many partition sums a 64-bit integer could hold.
over, partitions = con.execute(
    "SELECT count(*) FILTER (WHERE row_hash > ?), count(*) FROM fingerprints", [BIGINT_MAX]
).fetchone()
# --8<-- [end:portable]

print(f"legacy partition {DAY}, {len(rows)} rows")
print(f"md5 fingerprint, DuckDB, DECIMAL(10,2):  {sql_value}")
print(f"md5 fingerprint, Python hashlib:         {py_value}")
print(f"md5 fingerprint, DuckDB, DOUBLE:         {md5_double}")
print(f"same: {sql_value == py_value == md5_double}")
print(f"hash(), DuckDB, DECIMAL(10,2):         {hash_decimal}")
print(f"hash(), DuckDB, DOUBLE:                {hash_double}")
print(f"same: {hash_decimal == hash_double}")
print(f"partition sums above BIGINT max {BIGINT_MAX}: {over} of {partitions}")
