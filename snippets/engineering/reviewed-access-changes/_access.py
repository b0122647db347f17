"""Support code for this note's snippets: a privilege catalog in DuckDB, plans, approvals, the apply gate
and an append-only, hash-chained audit log. Every timestamp is passed in; nothing reads the clock."""

from __future__ import annotations

import hashlib
import json
from dataclasses import astuple, dataclass
from datetime import datetime

import duckdb

APPLIER = "access-bot"  # the only identity that runs GRANT and REVOKE

# The warehouse's privileges when the story starts, and who owns (and so approves changes to) each schema.
CURRENT = [
    ("analyst_emea", "SELECT", "sales.customers_emea"),
    ("analyst_emea", "SELECT", "sales.orders_emea"),
    ("analyst_us", "SELECT", "finance.invoices"),
    ("analyst_us", "SELECT", "finance.payments"),
    ("analyst_us", "SELECT", "sales.orders_us"),
]
OWNERS = {"finance": {"ben"}, "sales": {"chen"}}


def warehouse() -> duckdb.DuckDBPyConnection:
    """An in-memory stand-in for the warehouse privilege catalog (what SHOW GRANTS would list)."""
    con = duckdb.connect(":memory:")
    con.execute(
        "CREATE TABLE grants (principal VARCHAR, privilege VARCHAR, securable VARCHAR,"
        " PRIMARY KEY (principal, privilege, securable))"
    )
    con.executemany("INSERT INTO grants VALUES (?, ?, ?)", CURRENT)
    return con


def held(con: duckdb.DuckDBPyConnection, principal: str) -> list[str]:
    rows = con.execute(
        "SELECT privilege || ' ' || securable FROM grants WHERE principal = ? ORDER BY securable",
        [principal],
    ).fetchall()
    return [row[0] for row in rows]


@dataclass(frozen=True)
class Request:
    request_id: str
    requester: str
    principal: str
    mode: str  # "add": grant what is missing; "exact": also revoke whatever is not listed
    wanted: tuple[tuple[str, str], ...]  # (privilege, securable)


@dataclass(frozen=True)
class Change:
    action: str  # GRANT or REVOKE
    principal: str
    privilege: str
    securable: str

    @property
    def schema(self) -> str:
        return self.securable.split(".")[0]

    def sql(self) -> str:
        """The statement the apply step would send to the warehouse (Databricks syntax)."""
        to_from = "TO" if self.action == "GRANT" else "FROM"
        return f"{self.action} {self.privilege} ON TABLE {self.securable} {to_from} `{self.principal}`"


@dataclass(frozen=True)
class Plan:
    request: Request
    changes: tuple[Change, ...]

    @property
    def plan_id(self) -> str:
        """A fingerprint of what will change: the approval is bound to it."""
        body = json.dumps([self.request.request_id, [astuple(c) for c in self.changes]])
        return hashlib.sha256(body.encode()).hexdigest()[:8]

    def approvers_needed(self) -> dict[str, set[str]]:
        return {c.schema: OWNERS[c.schema] for c in self.changes}


# --8<-- [start:plan]
PLAN_SQL = """
WITH held AS (SELECT privilege, securable FROM grants WHERE principal = $principal),
     to_grant AS (SELECT * FROM wanted EXCEPT SELECT * FROM held),
     to_revoke AS (SELECT * FROM held EXCEPT SELECT * FROM wanted)
SELECT 'GRANT' AS action, privilege, securable FROM to_grant
UNION ALL
SELECT 'REVOKE', privilege, securable FROM to_revoke WHERE $mode = 'exact'
ORDER BY action, securable, privilege
"""


def make_plan(con: duckdb.DuckDBPyConnection, request: Request) -> Plan:
    """The request as a diff against the privileges that exist right now."""
    con.execute("CREATE OR REPLACE TEMP TABLE wanted (privilege VARCHAR, securable VARCHAR)")
    con.executemany("INSERT INTO wanted VALUES (?, ?)", list(request.wanted))
    rows = con.execute(PLAN_SQL, {"principal": request.principal, "mode": request.mode}).fetchall()
    return Plan(request, tuple(Change(action, request.principal, p, s) for action, p, s in rows))


# --8<-- [end:plan]


def show_plan(plan: Plan) -> None:
    r = plan.request
    print(f"plan {plan.plan_id} for {r.request_id} by {r.requester} ({r.mode} mode)")
    for c in plan.changes:
        print(f"  {'+' if c.action == 'GRANT' else '-'} {c.sql()}")
    needed = plan.approvers_needed()
    print("  approval needed from:", ", ".join(f"{s}: {'/'.join(sorted(o))}" for s, o in sorted(needed.items())))


# --8<-- [start:audit]
class AuditLog:
    """Append-only: rows are only ever inserted, and each row's hash covers the previous row's hash."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        con.execute(
            "CREATE TABLE access_audit (seq INTEGER PRIMARY KEY, happened_at TIMESTAMP, event VARCHAR,"
            " plan_id VARCHAR, actor VARCHAR, action VARCHAR, principal VARCHAR, privilege VARCHAR,"
            " securable VARCHAR, requested_by VARCHAR, approved_by VARCHAR, detail VARCHAR,"
            " prev_hash VARCHAR, row_hash VARCHAR)"
        )

    @staticmethod
    def digest(prev_hash: str, row: list) -> str:
        return hashlib.sha256((prev_hash + json.dumps(row, default=str)).encode()).hexdigest()

    def append(
        self,
        at: str,
        event: str,
        actor: str,
        plan: Plan | None = None,
        change: Change | None = None,
        approved_by: str | None = None,
        detail: str | None = None,
    ) -> None:
        last = self.con.execute("SELECT seq, row_hash FROM access_audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, "genesis")
        row = [
            seq,
            datetime.fromisoformat(at),
            event,
            plan and plan.plan_id,
            actor,
            *(astuple(change) if change else (None,) * 4),
            plan and plan.request.requester,
            approved_by,
            detail,
        ]
        self.con.execute(
            f"INSERT INTO access_audit VALUES ({', '.join('?' * 14)})", [*row, prev_hash, self.digest(prev_hash, row)]
        )

    def verify(self) -> list[str]:
        """Recompute the chain; name every row that was changed, or that follows a removed row."""
        problems, expected_prev = [], "genesis"
        for *row, prev_hash, row_hash in self.con.execute("SELECT * FROM access_audit ORDER BY seq").fetchall():
            if prev_hash != expected_prev:
                problems.append(f"seq {row[0]}: previous row is not the one it was chained to")
            if row_hash != self.digest(prev_hash, row):
                problems.append(f"seq {row[0]}: content differs from what was written")
            expected_prev = row_hash
        return problems


# --8<-- [end:audit]


def start_log(con: duckdb.DuckDBPyConnection, at: str) -> AuditLog:
    """A new log starts with a snapshot of what exists, so later drift can be told from changes."""
    log = AuditLog(con)
    for principal, privilege, securable in sorted(con.execute("SELECT * FROM grants").fetchall()):
        log.append(at, "baseline", APPLIER, change=Change("GRANT", principal, privilege, securable))
    return log


@dataclass(frozen=True)
class Approval:
    plan_id: str
    approver: str
    at: str


def submit(con: duckdb.DuckDBPyConnection, log: AuditLog, request: Request, at: str) -> Plan:
    plan = make_plan(con, request)
    log.append(at, "planned", request.requester, plan, detail=f"{len(plan.changes)} changes")
    return plan


def approve(log: AuditLog, plan: Plan, approver: str, at: str) -> Approval:
    log.append(at, "approved", approver, plan)
    return Approval(plan.plan_id, approver, at)


class Refused(Exception):
    """The apply step would not run this plan."""


# --8<-- [start:gate]
def check(con: duckdb.DuckDBPyConnection, plan: Plan, approvals: list[Approval]) -> list[str]:
    """The rules apply() enforces; returns the approvers that count."""
    requester = plan.request.requester
    approvers = {a.approver for a in approvals if a.plan_id == plan.plan_id}
    if not approvers:
        raise Refused(f"plan {plan.plan_id} has no approval")
    if approvers == {requester}:
        raise Refused(f"{requester} requested {plan.request.request_id} and cannot approve it")
    approvers.discard(requester)
    for schema, owners in sorted(plan.approvers_needed().items()):
        if not approvers & owners:
            raise Refused(f"no approval from an owner of {schema} ({', '.join(sorted(owners))})")
    fresh = make_plan(con, plan.request)
    if fresh.plan_id != plan.plan_id:
        raise Refused(f"plan {plan.plan_id} is stale: the same request now plans {fresh.plan_id}")
    return sorted(approvers)


def apply(con: duckdb.DuckDBPyConnection, log: AuditLog, plan: Plan, approvals: list[Approval], at: str) -> int:
    try:
        approvers = check(con, plan, approvals)
    except Refused as refusal:
        log.append(at, "refused", APPLIER, plan, detail=str(refusal))
        raise
    con.execute("BEGIN")  # a change and its audit row commit together, or neither does
    try:
        for c in plan.changes:
            if c.action == "GRANT":
                con.execute("INSERT INTO grants VALUES (?, ?, ?)", [c.principal, c.privilege, c.securable])
            else:
                con.execute(
                    "DELETE FROM grants WHERE principal = ? AND privilege = ? AND securable = ?",
                    [c.principal, c.privilege, c.securable],
                )
            log.append(at, "applied", APPLIER, plan, c, approved_by=", ".join(approvers))
    except Exception:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return len(plan.changes)


# --8<-- [end:gate]
