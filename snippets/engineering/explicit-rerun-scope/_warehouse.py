"""A tiny warehouse on DuckDB: orders plus the support data a daily job joins to (support file)."""

from decimal import Decimal

import duckdb

ORDERS = [
    # order_id, order_date, sku, currency, amount
    (1001, "2026-05-02", "A-100", "EUR", 90.00),
    (1002, "2026-05-02", "C-300", "USD", 40.00),
    (1003, "2026-05-03", "A-100", "EUR", 120.00),
    (1004, "2026-05-03", "B-200", "GBP", 80.00),
    (1005, "2026-05-03", "B-200", "EUR", 45.00),
    (1006, "2026-05-03", "C-300", "USD", 200.00),
    (1007, "2026-05-03", "A-100", "GBP", 60.00),
    (1008, "2026-05-03", "D-400", "EUR", 30.00),
    (1009, "2026-05-11", "A-100", "EUR", 75.00),
    (1010, "2026-05-11", "C-300", "USD", 150.00),
]
SKU_MAP = [("A-100", "audio"), ("B-200", "accessories"), ("C-300", "cables"), ("D-400", "accessories")]
FX_RATES = [
    # currency, rate_date, rate_to_eur
    *[("EUR", d, 1.0) for d in ("2026-05-02", "2026-05-03", "2026-05-11")],
    ("GBP", "2026-05-02", 1.1702),
    ("GBP", "2026-05-03", 1.1690),
    ("GBP", "2026-05-11", 1.1731),
    ("USD", "2026-05-02", 0.9198),
    ("USD", "2026-05-03", 0.9210),
    ("USD", "2026-05-11", 0.9187),
]


def build_warehouse() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute("""CREATE TABLE orders (order_id INT, order_date DATE, sku VARCHAR,
                                        currency VARCHAR, amount DECIMAL(12, 2))""")
    con.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?)", ORDERS)
    con.execute("CREATE TABLE sku_map (sku VARCHAR PRIMARY KEY, category VARCHAR)")
    con.executemany("INSERT INTO sku_map VALUES (?, ?)", SKU_MAP)
    con.execute("CREATE TABLE fx_rates (currency VARCHAR, rate_date DATE, rate_to_eur DECIMAL(10, 4))")
    con.executemany("INSERT INTO fx_rates VALUES (?, ?, ?)", FX_RATES)
    con.execute("CREATE TABLE daily_revenue (day DATE, category VARCHAR, revenue_eur DECIMAL(12, 2))")
    return con


def remap_in_place(con: duckdb.DuckDBPyConnection) -> None:
    """2026-05-08: the product team moves B-200 from accessories to audio, in place."""
    con.execute("UPDATE sku_map SET category = 'audio' WHERE sku = 'B-200'")


def partition(con: duckdb.DuckDBPyConnection, day: str):
    return con.execute("SELECT category, revenue_eur FROM daily_revenue WHERE day = ? ORDER BY category", [day]).df()


# --8<-- [start:fingerprint]
def netstring(column: str) -> str:
    """SQL for one field as a netstring, 'length:text,'; NULL becomes '-,'."""
    text = f"CAST({column} AS VARCHAR)"
    return f"coalesce(strlen({text}) || ':' || {text} || ',', '-,')"


ROW_TEXT = " || ".join(netstring(c) for c in ("day", "category", "revenue_eur"))


def fingerprint(con, start, end) -> tuple[int, Decimal, str]:
    """Row count, total, and an md5 over the window's rows in key order.

    Each row is spelled out field by field, so the hash depends on the values
    alone: a NULL cannot vanish (`'a' || NULL` is NULL, and string_agg skips
    it), and no value can pass for another, a NULL or the next field."""
    return con.execute(
        f"""SELECT count(*), coalesce(sum(revenue_eur), 0),
                   md5(coalesce(string_agg({ROW_TEXT}, ''
                                           ORDER BY day, category, revenue_eur), ''))
            FROM daily_revenue WHERE day >= ? AND day < ?""",
        [start, end],
    ).fetchone()


# --8<-- [end:fingerprint]
