"""The checked loader: a run summary, reason codes, checks against independent counts, one publish transaction."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

TABLES = """
    create table if not exists raw_orders (
        order_id varchar, customer_id varchar, amount decimal(12, 2), currency varchar, load_date date
    );
    create table if not exists rejected_orders (  -- the quarantine: each attempt's rejects, the record as received
        load_date date, attempt integer, source_file varchar, reason varchar,
        order_id varchar, customer_id varchar, amount varchar, currency varchar
    );
    create table if not exists load_audit (
        run_date date, attempt integer, status varchar, files integer, lines integer, rows_read integer,
        rows_valid integer, rows_rejected integer, rows_published integer, detail varchar,
        primary key (run_date, attempt)
    );
"""


# --8<-- [start:summary]
class IngestionCheckFailed(Exception):
    """Raised before publishing: the task fails, the orchestrator shows red, nothing half-loaded is visible."""

    def __init__(self, message: str, run: "RunSummary"):
        super().__init__(message)
        self.run = run


@dataclass
class RunSummary:
    run_date: date
    attempt: int
    files: list[str] = field(default_factory=list)
    lines: int = 0  # data lines in the files, counted without the CSV reader
    read: int = 0  # rows the CSV reader returned
    valid: int = 0
    rejected: Counter = field(default_factory=Counter)  # reason code -> rows
    published: int = 0

    def __str__(self) -> str:
        reasons = ", ".join(f"{code} {n}" for code, n in sorted(self.rejected.items()))
        return (
            f"{self.run_date} #{self.attempt} files={len(self.files)} lines={self.lines} read={self.read} "
            f"valid={self.valid} rejected={self.rejected.total()} published={self.published}"
        ) + (f"\n  rejected: {reasons}" if reasons else "")


REASON = """
    case
        when nullif(trim(order_id), '') is null then 'missing_order_id'
        when try_cast(amount as decimal(12, 2)) is null then 'amount_not_numeric'
        when currency is distinct from 'EUR' then 'unsupported_currency'
    end
"""
# --8<-- [end:summary]

# --8<-- [start:checks]
# The feed's dialect, written down: no delimiter, quote, escape, comment, newline or skipped lines for
# DuckDB's CSV sniffer to guess. It still reads the column names from the header (types: all_varchar).
PINNED = "header = true, delim = ',', quote = '\"', escape = '\"', comment = '', new_line = '\\n', skip = 0"


def data_lines(path: Path) -> int:
    """Records as the sender wrote them: non-empty lines after the header. No CSV parsing involved."""
    with path.open() as lines:
        return max(sum(1 for line in lines if line.strip()) - 1, 0)  # a zero-byte file has no header either


def write_and_audit(con, run: RunSummary, landing: Path, pattern: str, dialect: str, max_reject_rate: float):
    """Write: stage the day with a reason code per row. Audit: checks against counts the loader did not compute."""
    files = sorted(landing.glob(pattern.format(run.run_date)))
    run.files = [p.name for p in files]
    if not files:
        others = ", ".join(sorted(p.name for p in landing.glob("*.csv")))
        raise IngestionCheckFailed(f"no file matches {pattern.format(run.run_date)}; landing has {others}", run)
    run.lines = sum(data_lines(p) for p in files)
    if run.lines == 0:
        raise IngestionCheckFailed("files matched but held no data lines", run)
    con.execute(
        f"""insert into staged
            select order_id, customer_id, amount, currency, {REASON}, parse_filename(filename)
            from read_csv($files, all_varchar = true, filename = true, {dialect})""",
        {"files": [str(p) for p in files]},
    )
    run.read = con.execute("select count(*) from staged").fetchone()[0]
    by_reason = con.execute("select reason, count(*) from staged where reason is not null group by reason")
    run.rejected = Counter(dict(by_reason.fetchall()))
    run.valid = run.read - run.rejected.total()

    if run.read != run.lines:
        raise IngestionCheckFailed(f"files hold {run.lines} data lines, the CSV reader returned {run.read}", run)
    rate = run.rejected.total() / run.read
    if rate > max_reject_rate:
        raise IngestionCheckFailed(f"{rate:.0%} of rows rejected, limit {max_reject_rate:.0%}", run)
    # --8<-- [end:checks]


# --8<-- [start:publish]
def load_orders(con, landing: Path, run_date: date, pattern: str, dialect: str = PINNED, max_reject_rate=0.10):
    """One attempt at one day. Writes its own audit row, numbered after the day's earlier attempts."""
    # One writer per feed (the orchestrator runs this task with a concurrency of 1), so count + 1 is safe;
    # with concurrent writers the primary key on load_audit makes the second one fail instead of overwriting.
    attempt = con.execute("select count(*) + 1 from load_audit where run_date = ?", [run_date]).fetchone()[0]
    run, failure = RunSummary(run_date, attempt), None
    con.execute("""create or replace temp table staged (
        order_id varchar, customer_id varchar, amount varchar, currency varchar, reason varchar, source_file varchar
    )""")
    try:
        write_and_audit(con, run, landing, pattern, dialect, max_reject_rate)
    except (IngestionCheckFailed, duckdb.Error) as error:  # a reader error is a failed run, with its audit row
        failure = error if isinstance(error, IngestionCheckFailed) else IngestionCheckFailed(str(error), run)

    con.execute("begin transaction")  # publish: the attempt's rejects, its audit row and, if it passed, the day
    try:
        con.execute(  # rejects are kept per attempt, never replaced: a failed rerun cannot erase earlier evidence
            """insert into rejected_orders select ?, ?, source_file, reason, order_id, customer_id, amount, currency
               from staged where reason is not null""",
            [run_date, attempt],
        )
        if failure is None:  # only a passing attempt replaces the day's rows
            con.execute("delete from raw_orders where load_date = ?", [run_date])
            insert = """insert into raw_orders select order_id, customer_id, cast(amount as decimal(12, 2)),
                        currency, ? from staged where reason is null"""
            run.published = con.execute(insert, [run_date]).fetchone()[0]
        audit(con, run, "failed" if failure else "success", str(failure) if failure else None)
    except Exception:
        con.execute("rollback")  # the day stays as the last passing attempt left it
        raise
    con.execute("commit")  # outside the try: a failed commit has already ended the transaction
    if failure:
        raise failure
    return run


def audit(con, run: RunSummary, status: str, detail: str | None):
    row = [run.run_date, run.attempt, status, len(run.files), run.lines, run.read, run.valid]
    con.execute(
        "insert into load_audit values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*row, run.rejected.total(), run.published, detail],
    )


# --8<-- [end:publish]
