"""A rerun that reads the clock and today's support tables, and rewrites history."""

from datetime import date, timedelta

from _warehouse import build_warehouse, partition, support_data_changes


# --8<-- [start:failure]
def run_daily(con, today: date, day: date | None = None) -> date:
    """The job as it was: 'yesterday' unless told otherwise, joined to the tables as they are now."""
    day = day or today - timedelta(days=1)
    con.execute("DELETE FROM daily_revenue WHERE day = ?", [day])
    con.execute(
        """
        INSERT INTO daily_revenue
        SELECT o.order_date, m.category, round(sum(o.amount * r.rate_to_eur), 2)
        FROM orders o
        JOIN sku_map m ON m.sku = o.sku                      -- the mapping as it is now
        JOIN fx_rates r ON r.currency = o.currency           -- the rate as it is now
                       AND r.rate_date = o.order_date
        WHERE o.order_date = ?
        GROUP BY ALL
        """,
        [day],
    )
    return day


# --8<-- [end:failure]


# --8<-- [start:timeline]
con = build_warehouse()
wrote = run_daily(con, today=date(2026, 5, 4))  # the scheduled run
original = partition(con, "2026-05-03")
print(f"2026-05-04 scheduled run wrote {wrote}")

support_data_changes(con)  # 2026-05-08 and 2026-05-09, in place

wrote = run_daily(con, today=date(2026, 5, 12))  # "just rerun the job"
print(f"2026-05-12 rerun without a date wrote {wrote}")
wrote = run_daily(con, today=date(2026, 5, 12), day=date(2026, 5, 3))
print(f"2026-05-12 rerun with day=2026-05-03 wrote {wrote}")
rerun = partition(con, "2026-05-03")

diff = original.merge(rerun, on="category", how="outer", suffixes=("_original", "_rerun"))
print(diff.to_string(index=False, na_rep="-", float_format="{:.2f}".format))
print(f"total original {original['revenue_eur'].sum():.2f}, rerun {rerun['revenue_eur'].sum():.2f}")
# --8<-- [end:timeline]
