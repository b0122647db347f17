"""The fingerprint is defined by text and md5, so any engine (here: plain Python) can reproduce it."""

import hashlib
from pathlib import Path

import duckdb

con = duckdb.connect()
con.execute((Path(__file__).parent / "_setup.sql").read_text())
DAY = "2026-03-21"

# --8<-- [start:portable]
FINGERPRINT = "SELECT row_hash FROM fingerprints WHERE side = 'legacy' AND order_date = ?"
(sql_value,) = con.execute(FINGERPRINT, [DAY]).fetchone()

ROWS = "SELECT order_id, customer_id, amount FROM legacy_orders WHERE order_date = ?"
rows = con.execute(ROWS, [DAY]).fetchall()
py_value = 0
for order_id, customer_id, amount in rows:  # amount arrives as a Python Decimal
    text = "|".join([order_id, customer_id or "", "" if amount is None else f"{amount:.2f}"])
    py_value += int(hashlib.md5(text.encode()).hexdigest()[:15], 16)

# DuckDB's own hash() of the typed values: the same amounts stored as DECIMAL on one side
# and DOUBLE on the other give two different sums.
as_decimal, as_double = con.execute(
    """SELECT sum(hash(order_id, customer_id, amount)), sum(hash(order_id, customer_id, amount::DOUBLE))
       FROM legacy_orders WHERE order_date = ?""",
    [DAY],
).fetchone()
# --8<-- [end:portable]

print(f"legacy partition {DAY}, {len(rows)} rows")
print(f"md5 fingerprint, DuckDB SQL:      {sql_value}")
print(f"md5 fingerprint, Python hashlib:  {py_value}")
print(f"same: {sql_value == py_value}")
print(f"hash(), amount as DECIMAL(10,2):  {as_decimal}")
print(f"hash(), amount as DOUBLE:         {as_double}")
print(f"same: {as_decimal == as_double}")
