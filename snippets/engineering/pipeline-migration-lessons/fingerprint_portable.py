"""The fingerprint is defined by text and md5, so any engine (here: plain Python) can reproduce it."""

import hashlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb
import sqlglot

con = duckdb.connect()
con.execute((Path(__file__).parent / "_setup.sql").read_text())
DAY = "2026-03-21"
BIGINT_MAX = 2**63 - 1

# --8<-- [start:portable]
FINGERPRINT = "SELECT row_hash FROM fingerprints WHERE side = 'legacy' AND order_date = ?"
(sql_value,) = con.execute(FINGERPRINT, [DAY]).fetchone()

ROWS = "SELECT order_id, ordered_at, customer_id, amount FROM legacy_orders WHERE order_date = ?"
rows = con.execute(ROWS, [DAY]).fetchall()
CENT = Decimal("0.01")


def canonical(order_id, ordered_at, customer_id, amount):
    """The SQL macro's text: UTC ISO timestamp, DECIMAL(38,2) rounding (half away from zero)."""
    values = [
        order_id,
        None if ordered_at is None else ordered_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        customer_id,
        None if amount is None else str(amount.quantize(CENT, ROUND_HALF_UP)),
    ]
    return "|".join(r"\N" if v is None else v for v in values)


py_value = sum(int(hashlib.md5(canonical(*row).encode()).hexdigest()[:15], 16) for row in rows)

# The same amounts typed DOUBLE instead of DECIMAL(10,2): the md5 fingerprint of the
# canonical text, and DuckDB's own hash() of the typed values.
md5_double, hash_decimal, hash_double = con.execute(
    """SELECT sum(row_md5_60(canonical(order_id, ordered_at, customer_id, amount::DOUBLE))),
              sum(hash(order_id, ordered_at, customer_id, amount)),
              sum(hash(order_id, ordered_at, customer_id, amount::DOUBLE))
       FROM legacy_orders WHERE order_date = ?""",
    [DAY],
).fetchone()

# Two tie values with three decimals, rounded to two by each method.
TIES = ["2.675", "1.005"]
METHODS = {
    "DuckDB printf('%.2f'), DECIMAL(10,3)": "printf('%.2f', x::DECIMAL(10, 3))",
    "DuckDB printf('%.2f'), DOUBLE": "printf('%.2f', x::DOUBLE)",
    "DuckDB CAST AS DECIMAL(38,2), DECIMAL(10,3)": "CAST(x::DECIMAL(10, 3) AS DECIMAL(38, 2))::VARCHAR",
    "DuckDB CAST AS DECIMAL(38,2), DOUBLE": "CAST(x::DOUBLE AS DECIMAL(38, 2))::VARCHAR",
}
ties = {}
for method, expr in METHODS.items():
    ties[method] = [con.execute(f"SELECT {expr} FROM (SELECT ? AS x)", [t]).fetchone()[0] for t in TIES]
ties["Python quantize(ROUND_HALF_UP), Decimal"] = [str(Decimal(t).quantize(CENT, ROUND_HALF_UP)) for t in TIES]
ties["Python f'{x:.2f}', float"] = [f"{float(t):.2f}" for t in TIES]

# How many partition sums a 64-bit integer could hold.
over, partitions = con.execute(
    "SELECT count(*) FILTER (WHERE row_hash > ?), count(*) FROM fingerprints", [BIGINT_MAX]
).fetchone()

# The row_md5_60 macro's body, transpiled by sqlglot from DuckDB to Spark.
spark = sqlglot.transpile("('0x' || left(md5(t), 15))::BIGINT", read="duckdb", write="spark")[0]
# --8<-- [end:portable]

print(f"legacy partition {DAY}, {len(rows)} rows")
print(f"md5 fingerprint, DuckDB, DECIMAL(10,2):  {sql_value}")
print(f"md5 fingerprint, Python hashlib:         {py_value}")
print(f"md5 fingerprint, DuckDB, DOUBLE:         {md5_double}")
print(f"same: {sql_value == py_value == md5_double}")
print(f"hash(), DuckDB, DECIMAL(10,2):         {hash_decimal}")
print(f"hash(), DuckDB, DOUBLE:                {hash_double}")
print(f"same: {hash_decimal == hash_double}")
print()
print(f"{'tie value rounded to two decimals':<44}{TIES[0]:>6}{TIES[1]:>7}")
for method, (a, b) in ties.items():
    print(f"{method:<44}{a:>6}{b:>7}")
print()
print(f"partition sums above BIGINT max {BIGINT_MAX}: {over} of {partitions}")
print(f"sqlglot, duckdb -> spark: {spark}")
