"""The same rerun with an explicit window, a pinned support-data snapshot and a run manifest."""

from dataclasses import dataclass
from datetime import date, timedelta

from _warehouse import build_warehouse, partition, support_data_changes


# --8<-- [start:spec]
@dataclass(frozen=True)
class RunSpec:
    window_start: date  # inclusive
    window_end: date  # exclusive: [start, end)
    support_snapshot: date  # which copy of sku_map and fx_rates to read
    reason: str


def scheduled_spec(logical_date: date) -> RunSpec:
    """The scheduler passes its logical date; nothing below reads a clock."""
    return RunSpec(logical_date - timedelta(days=1), logical_date, logical_date, "schedule")


def rerun_spec(con, day: date, reason: str) -> RunSpec:
    """A rerun repeats the spec of the run that first published the day."""
    start, end, snapshot = con.execute(
        """SELECT window_start, window_end, support_snapshot FROM run_manifest
           WHERE window_start <= ? AND ? < window_end ORDER BY run_id LIMIT 1""",
        [day, day],
    ).fetchone()
    return RunSpec(start, end, snapshot, reason)


# --8<-- [end:spec]


def prepare(con) -> None:
    con.execute("CREATE TABLE sku_map_snapshots AS SELECT DATE '1970-01-01' AS snapshot_date, * FROM sku_map LIMIT 0")
    con.execute("CREATE TABLE fx_rates_snapshots AS SELECT DATE '1970-01-01' AS snapshot_date, * FROM fx_rates LIMIT 0")
    con.execute("""CREATE TABLE run_manifest (run_id INT, window_start DATE, window_end DATE,
                   support_snapshot DATE, reason VARCHAR, output_rows INT, output_total DECIMAL(12, 2))""")


# --8<-- [start:run]
def snapshot_support(con, as_of: date) -> None:
    """Daily, append-only copies of the support tables, keyed by the date they were taken."""
    con.execute("INSERT INTO sku_map_snapshots SELECT ?, * FROM sku_map", [as_of])
    con.execute("INSERT INTO fx_rates_snapshots SELECT ?, * FROM fx_rates", [as_of])


def run(con, spec: RunSpec) -> None:
    window = [spec.window_start, spec.window_end]
    for table in ("sku_map_snapshots", "fx_rates_snapshots"):
        (n,) = con.execute(f"SELECT count(*) FROM {table} WHERE snapshot_date = ?", [spec.support_snapshot]).fetchone()
        if n == 0:
            raise RuntimeError(f"{table} has no snapshot {spec.support_snapshot}")
    con.execute("DELETE FROM daily_revenue WHERE day >= ? AND day < ?", window)  # scope = the window
    con.execute(
        """
        INSERT INTO daily_revenue
        SELECT o.order_date, m.category, round(sum(o.amount * r.rate_to_eur), 2)
        FROM orders o
        JOIN sku_map_snapshots m ON m.sku = o.sku AND m.snapshot_date = $snap
        JOIN fx_rates_snapshots r ON r.currency = o.currency AND r.rate_date = o.order_date
                                 AND r.snapshot_date = $snap
        WHERE o.order_date >= $start AND o.order_date < $end
        GROUP BY ALL
        """,
        {"snap": spec.support_snapshot, "start": spec.window_start, "end": spec.window_end},
    )
    rows, total = con.execute(
        "SELECT count(*), sum(revenue_eur) FROM daily_revenue WHERE day >= ? AND day < ?", window
    ).fetchone()
    con.execute(
        "INSERT INTO run_manifest SELECT coalesce(max(run_id), 0) + 1, ?, ?, ?, ?, ?, ? FROM run_manifest",
        [spec.window_start, spec.window_end, spec.support_snapshot, spec.reason, rows, total],
    )


# --8<-- [end:run]


# --8<-- [start:timeline]
con = build_warehouse()
prepare(con)

snapshot_support(con, date(2026, 5, 4))
run(con, scheduled_spec(date(2026, 5, 4)))  # the scheduled run
original = partition(con, "2026-05-03")

support_data_changes(con)  # 2026-05-08 and 2026-05-09, in place
snapshot_support(con, date(2026, 5, 12))

run(con, rerun_spec(con, date(2026, 5, 3), "restore partition"))
rerun = partition(con, "2026-05-03")
print(rerun.to_string(index=False, float_format="{:.2f}".format))
print(f"rerun matches original: {rerun.equals(original)}")

# Taking the corrections is allowed too, but as a decision with a name and a record.
run(con, RunSpec(date(2026, 5, 3), date(2026, 5, 4), date(2026, 5, 12), "restate: GBP fix, B-200 remap"))
print(con.sql("SELECT * EXCLUDE (output_rows) FROM run_manifest ORDER BY run_id").df().to_string(index=False))
# --8<-- [end:timeline]
