"""The same loader with a run summary, reason codes for every rejected row, and checks that fail the run."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

LANDING = Path(__file__).parent / "landing"
con = duckdb.connect()  # the warehouse
con.execute("""
    create table raw_orders (
        order_id varchar, customer_id varchar, amount decimal(12, 2), currency varchar, load_date date
    )
""")
con.execute("""
    create table rejected_orders (
        load_date date, source_file varchar, reason varchar, order_id varchar, amount varchar
    )
""")
con.execute("""
    create table load_audit (
        run_date date, status varchar, files integer, rows_read integer, rows_valid integer,
        rows_rejected integer, rows_published integer, detail varchar
    )
""")


# --8<-- [start:summary]
class IngestionCheckFailed(Exception):
    """Raised before publishing: the task fails, the orchestrator shows red, nothing half-loaded is visible."""

    def __init__(self, message: str, run: "RunSummary"):
        super().__init__(message)
        self.run = run


@dataclass
class RunSummary:
    run_date: date
    files: list[str] = field(default_factory=list)
    read: int = 0
    valid: int = 0
    rejected: Counter = field(default_factory=Counter)  # reason code -> rows
    published: int = 0

    def __str__(self) -> str:
        reasons = " ".join(f"{code}={n}" for code, n in sorted(self.rejected.items()))
        return (
            f"{self.run_date} files={len(self.files)} read={self.read} valid={self.valid} "
            f"rejected={self.rejected.total()} published={self.published} {reasons}"
        ).rstrip()


REASON = """
    case
        when nullif(trim(order_id), '') is null then 'missing_order_id'
        when try_cast(amount as decimal(12, 2)) is null then 'amount_not_numeric'
        when currency is distinct from 'EUR' then 'unsupported_currency'
    end
"""
# --8<-- [end:summary]


# --8<-- [start:fix]
def load_orders(con, run_date: date, pattern: str, max_reject_rate: float = 0.10) -> RunSummary:
    run = RunSummary(run_date)
    files = sorted(LANDING.glob(pattern.format(run_date)))
    run.files = [p.name for p in files]
    if not files:
        others = ", ".join(sorted(p.name for p in LANDING.glob("*.csv")))
        raise IngestionCheckFailed(f"no file matches {pattern.format(run_date)!r}; landing has: {others}", run)

    stage = f"""
        create or replace temp table staged as
        select *, {REASON} as reason, filename as source_file
        from read_csv($files, all_varchar = true, filename = true)
    """
    con.execute(stage, {"files": [str(p) for p in files]})
    run.read = con.execute("select count(*) from staged").fetchone()[0]
    by_reason = con.execute("select reason, count(*) from staged where reason is not null group by reason")
    run.rejected = Counter(dict(by_reason.fetchall()))
    run.valid = con.execute("select count(*) from staged where reason is null").fetchone()[0]
    quarantine = """
        insert into rejected_orders  -- kept with its reason code even when the run fails
        select $d, parse_filename(source_file), reason, order_id, amount
        from staged where reason is not null
    """
    con.execute(quarantine, {"d": run_date})

    if run.read == 0:
        raise IngestionCheckFailed("files matched but held no rows", run)
    if run.read != run.valid + run.rejected.total():
        raise IngestionCheckFailed("rows read != valid + rejected", run)
    rate = run.rejected.total() / run.read
    if rate > max_reject_rate:
        raise IngestionCheckFailed(f"{rate:.0%} of rows rejected, limit {max_reject_rate:.0%}", run)

    con.execute("begin transaction")  # publish the whole day or nothing; a rerun replaces the day
    con.execute("delete from raw_orders where load_date = $d", {"d": run_date})
    publish = """
        insert into raw_orders
        select order_id, customer_id, cast(amount as decimal(12, 2)), currency, $d
        from staged where reason is null
    """
    con.execute(publish, {"d": run_date})
    landed = con.execute("select count(*) from raw_orders where load_date = $d", {"d": run_date}).fetchone()[0]
    if landed != run.valid:
        con.execute("rollback")
        raise IngestionCheckFailed(f"day holds {landed} rows after publish, expected {run.valid}", run)
    con.execute("commit")
    run.published = landed
    return run
    # --8<-- [end:fix]


# --8<-- [start:runs]
LEGACY, CURRENT = "orders_{:%Y-%m-%d}*.csv", "orders-{:%Y%m%d}.csv"
for run_date, pattern in [
    (date(2026, 9, 13), LEGACY),
    (date(2026, 9, 14), LEGACY),
    (date(2026, 9, 14), CURRENT),  # after the pattern was corrected
    (date(2026, 9, 15), CURRENT),
]:
    try:
        run, status, detail = load_orders(con, run_date, pattern), "success", None
    except IngestionCheckFailed as failure:  # the task exits non-zero here; printed for the page
        run, status, detail = failure.run, "failed", str(failure)
    print(run)
    print(f"  {status}" + (f": {detail}" if detail else ""))
    audit_row = [run.run_date, status, len(run.files), run.read, run.valid, run.rejected.total(), run.published]
    con.execute("insert into load_audit values (?, ?, ?, ?, ?, ?, ?, ?)", [*audit_row, detail])

print("rejected rows (source_file, reason, order_id, amount):")
for row in con.execute("select * exclude (load_date) from rejected_orders order by all").fetchall():
    print("  ", row)
# --8<-- [end:runs]
