"""The fixed job: an explicit window, a pinned support-data snapshot, one transaction, a run manifest."""

from dataclasses import dataclass
from datetime import date, timedelta

from _warehouse import fingerprint

JOB = "daily_revenue"


# --8<-- [start:spec]
@dataclass(frozen=True)
class RunSpec:
    window_start: date  # inclusive
    window_end: date  # exclusive: [start, end)
    support_snapshot: date  # which copy of sku_map and fx_rates to read
    reason: str


def scheduled_spec(interval_start: date, interval_end: date) -> RunSpec:
    """The scheduler passes the data interval it runs for (Airflow's
    data_interval_start and data_interval_end); nothing below reads a clock.
    The snapshot is the copy taken the morning the interval closed."""
    return RunSpec(interval_start, interval_end, interval_end, "schedule")


def last_run(con, day: date):
    """The latest manifest row whose window holds the day: what the partition should hold now."""
    return con.execute(
        """SELECT window_start, window_end, support_snapshot, output_md5 FROM run_manifest
           WHERE job = ? AND window_start <= ? AND ? < window_end
           ORDER BY run_id DESC LIMIT 1""",
        [JOB, day, day],
    ).fetchone()


def rerun_spec(con, day: date, reason: str) -> RunSpec:
    """A rerun repeats the spec of the latest run that wrote the day, restatements included."""
    row = last_run(con, day)
    if row is None:
        raise LookupError(f"no run of {JOB} has published {day}: nothing to rerun")
    return RunSpec(*row[:3], reason)


def scope(spec: RunSpec) -> str:
    """The scope preview, printed before a run writes anything."""
    n = (spec.window_end - spec.window_start).days
    days = ", ".join(str(spec.window_start + timedelta(days=i)) for i in range(n))
    return f"{spec.reason}: replace {days}, read snapshot {spec.support_snapshot}"


# --8<-- [end:spec]


def prepare(con) -> None:
    con.execute("""CREATE TABLE run_manifest (
        run_id INT PRIMARY KEY, job VARCHAR NOT NULL, ran_on DATE NOT NULL,
        window_start DATE NOT NULL, window_end DATE NOT NULL, support_snapshot DATE NOT NULL,
        reason VARCHAR NOT NULL CHECK (reason <> ''), input_orders INT NOT NULL,
        output_rows INT, output_total DECIMAL(12, 2), output_md5 VARCHAR)""")
    create_snapshot_tables(con)


# --8<-- [start:snapshots]
def create_snapshot_tables(con) -> None:
    con.execute("""CREATE TABLE sku_map_snapshots (
        snapshot_date DATE, sku VARCHAR, category VARCHAR,
        PRIMARY KEY (snapshot_date, sku))""")
    con.execute("""CREATE TABLE fx_rates_snapshots (
        snapshot_date DATE, currency VARCHAR, rate_date DATE, rate_to_eur DECIMAL(10, 4),
        PRIMARY KEY (snapshot_date, currency, rate_date))""")


def snapshot_support(con, as_of: date) -> None:
    """Copy the live support tables as the snapshot of `as_of`, once. A retried
    snapshot job finds the copy and changes nothing: runs may have read it."""
    con.execute("BEGIN TRANSACTION")
    try:
        (taken,) = con.execute("SELECT count(*) FROM sku_map_snapshots WHERE snapshot_date = ?", [as_of]).fetchone()
        if not taken:
            con.execute("INSERT INTO sku_map_snapshots SELECT ?, sku, category FROM sku_map", [as_of])
            con.execute(
                "INSERT INTO fx_rates_snapshots SELECT ?, currency, rate_date, rate_to_eur FROM fx_rates", [as_of]
            )
    except Exception:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


# --8<-- [end:snapshots]


# --8<-- [start:run]
def run_statements(con, spec: RunSpec, ran_on: date) -> None:
    window = [spec.window_start, spec.window_end]
    args = {"snap": spec.support_snapshot, "start": spec.window_start, "end": spec.window_end}
    for table in ("sku_map_snapshots", "fx_rates_snapshots"):
        (n,) = con.execute(f"SELECT count(*) FROM {table} WHERE snapshot_date = ?", [args["snap"]]).fetchone()
        if n == 0:
            raise RuntimeError(f"{table} has no snapshot {spec.support_snapshot}")
    # Anti-join: an order with no mapping or no rate would vanish from the inner joins below.
    orders, unmatched = con.execute(
        """
        SELECT count(*), count(*) FILTER (
            WHERE NOT EXISTS (SELECT 1 FROM sku_map_snapshots m
                              WHERE m.sku = o.sku AND m.snapshot_date = $snap)
               OR NOT EXISTS (SELECT 1 FROM fx_rates_snapshots r
                              WHERE r.currency = o.currency AND r.rate_date = o.order_date
                                AND r.snapshot_date = $snap))
        FROM orders o WHERE o.order_date >= $start AND o.order_date < $end
        """,
        args,
    ).fetchone()
    if unmatched:
        raise RuntimeError(f"{unmatched} of {orders} orders match no row of snapshot {spec.support_snapshot}")
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
        args,
    )
    con.execute(
        "INSERT INTO run_manifest SELECT coalesce(max(run_id), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM run_manifest",
        [JOB, ran_on, *window, spec.support_snapshot, spec.reason, orders, *fingerprint(con, *window)],
    )


def run(con, spec: RunSpec, ran_on: date) -> None:
    """The DELETE, the INSERT and the manifest row commit together, or none of them does."""
    con.execute("BEGIN TRANSACTION")
    try:
        run_statements(con, spec, ran_on)
    except Exception:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


# --8<-- [end:run]


# --8<-- [start:published]
def published(con, day: date) -> bool:
    """Does the partition still hold what the latest manifest row for the day says?
    False when no run has published the day."""
    row = last_run(con, day)
    if row is None:
        return False
    start, end, _, md5 = row
    return fingerprint(con, start, end)[2] == md5


# --8<-- [end:published]
