"""The month of deliveries both loaders read (rerun_naive.py and rerun_scoped.py): not a snippet itself."""

import datetime as dt

DAYS = [dt.date(2026, 3, 1) + dt.timedelta(days=d) for d in range(31)]


def make_source(con):
    """31 daily deliveries of 40 orders each; amounts arrive as text. Two deliveries are malformed."""
    con.execute("""
        CREATE TABLE raw AS
        SELECT 'O' || lpad((d * 40 + k + 1)::VARCHAR, 5, '0') AS order_id,
               DATE '2026-03-01' + d::INTEGER AS order_date,
               printf('%.2f', ((d * 40 + k) * 7919 % 20000 + 500) / 100) AS amount_text
        FROM range(31) AS days(d), range(40) AS slots(k)
    """)
    con.execute("UPDATE raw SET amount_text = '12,50' WHERE order_id = 'O00441'")  # 2026-03-12
    con.execute("UPDATE raw SET amount_text = 'n/a' WHERE order_id = 'O00771'")  # 2026-03-20
    con.execute("CREATE TABLE orders (order_id VARCHAR, order_date DATE, amount DECIMAL(10, 2))")


FIXES = {dt.date(2026, 3, 12): ("O00441", "12.50"), dt.date(2026, 3, 20): ("O00771", "81.12")}


def redeliver(con, order_id, amount_text):
    """Upstream fixes a delivery."""
    con.execute("UPDATE raw SET amount_text = ? WHERE order_id = ?", [amount_text, order_id])
