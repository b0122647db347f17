"""The month of deliveries both loaders read (rerun_naive.py and rerun_scoped.py): not a snippet itself."""

import datetime as dt

DAYS = [dt.date(2026, 3, 1) + dt.timedelta(days=d) for d in range(31)]


def make_source(con):
    """Last night's good load of the month, then tonight's 31 deliveries of 40 orders each.

    Amounts arrive as text; two of tonight's deliveries are malformed.
    """
    con.execute("""
        CREATE TABLE raw AS
        SELECT 'O' || lpad((d * 40 + k + 1)::VARCHAR, 5, '0') AS order_id,
               DATE '2026-03-01' + d::INTEGER AS order_date,
               printf('%.2f', ((d * 40 + k) * 7919 % 20000 + 500) / 100) AS amount_text
        FROM range(31) AS days(d), range(40) AS slots(k)
    """)
    con.execute("""
        CREATE TABLE orders AS
        SELECT order_id, order_date, CAST(amount_text AS DECIMAL(10, 2)) AS amount FROM raw
    """)
    con.execute("UPDATE raw SET amount_text = '12,50' WHERE order_id = 'O00441'")  # 2026-03-12
    con.execute("UPDATE raw SET amount_text = 'n/a' WHERE order_id = 'O00771'")  # 2026-03-20


FIXES = {dt.date(2026, 3, 12): ("O00441", "12.50"), dt.date(2026, 3, 20): ("O00771", "81.12")}


def redeliver(con, order_id, amount_text):
    """Upstream fixes a delivery."""
    con.execute("UPDATE raw SET amount_text = ? WHERE order_id = ?", [amount_text, order_id])


def rows_in(con, day):
    return con.execute("SELECT count(*) FROM orders WHERE order_date = ?", [day]).fetchone()[0]


def first_line(exc):
    """The error's first line, without DuckDB's trailing 'when casting from source column ...'."""
    return str(exc).splitlines()[0].split(" when casting")[0]
