"""A rerun that reads the clock and today's support tables, and rewrites history."""

from datetime import date, timedelta

from _warehouse import build_warehouse, fingerprint, partition, remap_in_place


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
day = date(2026, 5, 3)
wrote = run_daily(con, today=date(2026, 5, 4))  # the scheduled run
original, fp_original = partition(con, "2026-05-03"), fingerprint(con, day, day + timedelta(days=1))
print(f"2026-05-04 scheduled run wrote {wrote}")

remap_in_place(con)  # 2026-05-08

wrote = run_daily(con, today=date(2026, 5, 12))  # "just rerun the job"
print(f"2026-05-12 rerun without a date wrote {wrote}")
wrote = run_daily(con, today=date(2026, 5, 12), day=day)
print(f"2026-05-12 rerun with day={day} wrote {wrote}")
rerun, fp_rerun = partition(con, "2026-05-03"), fingerprint(con, day, day + timedelta(days=1))

diff = original.merge(rerun, on="category", how="outer", suffixes=("_original", "_rerun"))
print(diff.to_string(index=False, na_rep="-", float_format="{:.2f}".format))
print(f"{'check':<15} {'original':<10} {'rerun':<10} same")
for name, a, b in (("count, total", fp_original[:2], fp_rerun[:2]), ("sorted-row md5", fp_original[2:], fp_rerun[2:])):
    show = lambda fp: ", ".join(str(v)[:8] for v in fp)  # noqa: E731
    print(f"{name:<15} {show(a):<10} {show(b):<10} {a == b}")
# --8<-- [end:timeline]
