"""Support code for this note's snippets: a Unity Catalog-style privilege catalog in DuckDB, plans, the apply
gate and an append-only, hash-chained audit log. Every timestamp is passed in; nothing reads the clock."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict, astuple, dataclass
from datetime import datetime

import duckdb

APPLIER = "access-bot"  # the only identity that runs GRANT and REVOKE

# Tables in the metastore: catalog.schema.table.
TABLES = ["main.finance.invoices", "main.finance.payments", "main.sales.customers_emea", "main.sales.orders_emea"]
# The grants when the story starts, one row per GRANT statement: (principal, privilege, securable type, securable).
CURRENT = [
    ("analyst_emea", "USE CATALOG", "CATALOG", "main"),
    ("analyst_emea", "USE SCHEMA", "SCHEMA", "main.sales"),
    ("analyst_emea", "SELECT", "SCHEMA", "main.sales"),  # inherited by every table in main.sales
    ("analyst_us", "USE CATALOG", "CATALOG", "main"),
    ("analyst_us", "USE SCHEMA", "SCHEMA", "main.finance"),
    ("analyst_us", "SELECT", "TABLE", "main.finance.invoices"),
    ("analyst_us", "SELECT", "TABLE", "main.finance.payments"),
]
# Who owns (and so approves changes on) each catalog and schema.
OWNERS = {"main": {"dana"}, "main.finance": {"ben"}, "main.sales": {"chen"}}


def warehouse() -> duckdb.DuckDBPyConnection:
    """An in-memory stand-in for the catalog's grants: direct grants, as the grants API returns them."""
    con = duckdb.connect(":memory:")
    con.execute(
        "CREATE TABLE grants (principal VARCHAR, privilege VARCHAR, securable_type VARCHAR, securable VARCHAR,"
        " PRIMARY KEY (principal, privilege, securable_type, securable))"
    )
    con.executemany("INSERT INTO grants VALUES (?, ?, ?, ?)", CURRENT)
    return con


def direct_grants(con: duckdb.DuckDBPyConnection, principal: str) -> set[tuple[str, str, str]]:
    rows = con.execute(
        "SELECT privilege, securable_type, securable FROM grants WHERE principal = ?", [principal]
    ).fetchall()
    return set(rows)


# --8<-- [start:inherit]
def parents(securable: str) -> list[str]:
    """main.sales.orders_emea -> [main.sales.orders_emea, main.sales, main]: where a grant can come from."""
    parts = securable.split(".")
    return [".".join(parts[:n]) for n in range(len(parts), 0, -1)]


def source(grants: set, privilege: str, securable: str) -> str | None:
    """The securable whose grant gives `privilege` on `securable`: itself or a parent (inheritance)."""
    held = {s for p, _, s in grants if p == privilege}
    return next((s for s in parents(securable) if s in held), None)


def can_read(grants: set, table: str) -> bool:
    """Unity Catalog: SELECT on the table or a parent, USE SCHEMA on its schema or catalog, USE CATALOG."""
    catalog, schema = parents(table)[2], parents(table)[1]
    return bool(
        source(grants, "SELECT", table)
        and source(grants, "USE SCHEMA", schema)
        and source(grants, "USE CATALOG", catalog)
    )


# --8<-- [end:inherit]


def readable(con: duckdb.DuckDBPyConnection, principal: str) -> list[str]:
    grants = direct_grants(con, principal)
    return [t for t in TABLES if can_read(grants, t)]


@dataclass(frozen=True)
class Request:
    request_id: str
    requester: str
    principal: str
    mode: str  # "add": grant what is missing; "exact": also revoke whatever is not needed
    tables: tuple[str, ...]  # tables the principal should be able to SELECT from


@dataclass(frozen=True)
class Change:
    action: str  # GRANT or REVOKE
    principal: str
    privilege: str
    securable_type: str
    securable: str

    @property
    def owner_key(self) -> str:
        """The catalog or schema whose owner approves this change."""
        return ".".join(self.securable.split(".")[:2])

    def sql(self) -> str:
        """The statement the apply step sends (Databricks SQL)."""
        to_from = "TO" if self.action == "GRANT" else "FROM"
        return f"{self.action} {self.privilege} ON {self.securable_type} {self.securable} {to_from} `{self.principal}`"


@dataclass(frozen=True)
class Plan:
    request: Request
    changes: tuple[Change, ...]
    before: frozenset  # the principal's grants the plan was computed against
    after: frozenset  # and what they will be once it is applied

    @property
    def plan_id(self) -> str:
        """A fingerprint of the whole request, the grants it was planned against and the changes: approvals
        are bound to it. Cut to 8 hex digits for display; a real gate keys on the full SHA-256."""
        body = json.dumps([asdict(self.request), sorted(self.before), [astuple(c) for c in self.changes]])
        return hashlib.sha256(body.encode()).hexdigest()[:8]

    def approvers_needed(self) -> dict[str, set[str]]:
        return {c.owner_key: OWNERS[c.owner_key] for c in self.changes}


# --8<-- [start:plan]
FUTURE = "<tables created later>"  # stands for any table added to a schema after the plan is made


def needs(table: str) -> set[tuple[str, str, str]]:
    """The three grants a table read needs in Unity Catalog."""
    schema, catalog = parents(table)[1:]
    return {("USE CATALOG", "CATALOG", catalog), ("USE SCHEMA", "SCHEMA", schema), ("SELECT", "TABLE", table)}


def make_plan(con: duckdb.DuckDBPyConnection, request: Request) -> Plan:
    """The request as a diff against the grants that exist now, inherited ones included."""
    held = direct_grants(con, request.principal)
    if request.mode == "exact":  # exactly what the listed tables need, nothing else
        wanted = set().union(*(needs(t) for t in request.tables))
    else:  # add what is missing, unless a parent grant already covers it
        missing = {g for t in request.tables if not can_read(held, t) for g in needs(t)}
        wanted = held | {g for g in missing if not source(held, g[0], g[2])}
    changes = [("GRANT", g) for g in wanted - held] + [("REVOKE", g) for g in held - wanted]
    return Plan(
        request,
        tuple(Change(a, request.principal, *g) for a, g in sorted(changes, key=lambda c: (c[0], c[1][2], c[1][0]))),
        frozenset(held),
        frozenset(wanted),
    )


def show_plan(plan: Plan) -> None:
    r = plan.request
    print(f"plan {plan.plan_id} for {r.request_id} by {r.requester} ({r.mode} mode)")
    for c in plan.changes:
        print(f"  {'+' if c.action == 'GRANT' else '-'} {c.sql()}")
    print("  tables it can read, before -> after:")
    later = [f"{s}.{FUTURE}" for s in sorted({parents(t)[1] for t in TABLES})]  # a table created tomorrow
    for t in TABLES + later:
        was, will = can_read(plan.before, t), can_read(plan.after, t)
        if was != will:
            via = source(plan.before if was else plan.after, "SELECT", t)
            print(f"    {'+' if will else '-'} {t}" + (f" (SELECT inherited from {via})" if via != t else ""))
    needed = plan.approvers_needed()
    print("  approval needed from:", ", ".join(f"{k}: {'/'.join(sorted(o))}" for k, o in sorted(needed.items())))


# --8<-- [end:plan]


# --8<-- [start:audit]
class AuditLog:
    """Append-only: rows are only ever inserted, and each row's hash covers the previous row's hash."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        con.execute(
            "CREATE TABLE access_audit (seq INTEGER PRIMARY KEY, happened_at TIMESTAMP, event VARCHAR,"
            " plan_id VARCHAR, actor VARCHAR, action VARCHAR, principal VARCHAR, privilege VARCHAR,"
            " securable_type VARCHAR, securable VARCHAR, requested_by VARCHAR, approved_by VARCHAR, detail VARCHAR,"
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
        plan_id: str | None = None,
    ) -> None:
        last = self.con.execute("SELECT seq, row_hash FROM access_audit ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, "genesis")
        row = [
            seq,
            datetime.fromisoformat(at),
            event,
            plan.plan_id if plan else plan_id,
            actor,
            *(astuple(change) if change else (None,) * 5),
            plan and plan.request.requester,
            approved_by,
            detail,
        ]
        self.con.execute(
            f"INSERT INTO access_audit VALUES ({', '.join('?' * 15)})", [*row, prev_hash, self.digest(prev_hash, row)]
        )

    def head(self) -> str:
        """The latest row's hash: copy it daily to a store the log's writer cannot change."""
        return self.con.execute("SELECT row_hash FROM access_audit ORDER BY seq DESC LIMIT 1").fetchone()[0]

    def verify(self, anchored_head: str | None = None) -> list[str]:
        """Recompute the chain; name every row that was changed, or that follows a removed row. Rows removed
        from the end leave no broken link: only a head hash kept elsewhere shows that they are gone."""
        problems, expected_prev, hashes = [], "genesis", set()
        for *row, prev_hash, row_hash in self.con.execute("SELECT * FROM access_audit ORDER BY seq").fetchall():
            if prev_hash != expected_prev:
                problems.append(f"seq {row[0]}: previous row is not the one it was chained to")
            if row_hash != self.digest(prev_hash, row):
                problems.append(f"seq {row[0]}: content differs from what was written")
            expected_prev = row_hash
            hashes.add(row_hash)
        if anchored_head and anchored_head not in hashes:
            problems.append(f"anchored head {anchored_head[:8]} is not in the log")
        return problems


# --8<-- [end:audit]


def start_log(con: duckdb.DuckDBPyConnection, at: str) -> AuditLog:
    """A new log starts with a snapshot of what exists, so later drift can be told from changes."""
    log = AuditLog(con)
    for principal, privilege, kind, securable in sorted(con.execute("SELECT * FROM grants").fetchall()):
        log.append(at, "baseline", APPLIER, change=Change("GRANT", principal, privilege, kind, securable))
    return log


def submit(con: duckdb.DuckDBPyConnection, log: AuditLog, request: Request, at: str) -> Plan:
    """Called by the request tool under the requester's authenticated identity; logs the request as submitted."""
    plan = make_plan(con, request)
    log.append(at, "planned", request.requester, plan, detail=json.dumps(asdict(request)))
    return plan


class Refused(Exception):
    """The apply step would not run this plan."""


# --8<-- [start:gate]
# Shared by the review service and the apply step only; in production it comes from their secret store.
REVIEW_KEY = b"example key: never in code, never readable by anyone who can write the log"


def approval_mac(plan_id: str, approver: str) -> str:
    """HMAC-SHA256 over (plan id, approver): only a holder of the key can make one."""
    return hmac.new(REVIEW_KEY, json.dumps([plan_id, approver]).encode(), hashlib.sha256).hexdigest()


def approve(log: AuditLog, plan_id: str, approver: str, at: str) -> None:
    """The review service, after authenticating the reviewer: logs the approval with its MAC."""
    log.append(at, "approved", approver, plan_id=plan_id, detail=approval_mac(plan_id, approver))


def submitted(log: AuditLog, plan_id: str) -> Request | None:
    """The request as its requester submitted it: the `planned` row for this plan id, not what a caller passes."""
    row = log.con.execute(
        "SELECT detail FROM access_audit WHERE event = 'planned' AND plan_id = ? ORDER BY seq LIMIT 1", [plan_id]
    ).fetchone()
    if row is None:
        return None
    fields = json.loads(row[0])
    return Request(**fields | {"tables": tuple(fields["tables"])})


def logged_approvers(log: AuditLog, plan_id: str) -> set[str]:
    """The approvals the gate believes: rows in the audit log for this plan id, each with a valid MAC."""
    rows = log.con.execute(
        "SELECT actor, detail FROM access_audit WHERE event = 'approved' AND plan_id = ? ORDER BY seq", [plan_id]
    ).fetchall()
    for actor, mac in rows:
        if not hmac.compare_digest((mac or "").encode(), approval_mac(plan_id, actor).encode()):
            raise Refused(f"approval by {actor} has no valid MAC")
    return {actor for actor, _ in rows}


def check(con: duckdb.DuckDBPyConnection, log: AuditLog, plan_id: str) -> tuple[Plan, list[str]]:
    """The rules apply() enforces; returns the plan, re-made from the log, and the approvers that count."""
    request = submitted(log, plan_id)
    if request is None:
        raise Refused(f"{plan_id} was never submitted")
    plan = make_plan(con, request)  # against the live grants
    if plan.plan_id != plan_id:
        raise Refused(f"stale: the same request now plans {plan.plan_id}")
    approvers = logged_approvers(log, plan_id)
    if not approvers:
        raise Refused(f"no approval of {plan_id} in the log")
    if request.requester in approvers:
        approvers.discard(request.requester)  # a self-approval never counts
        if not approvers:
            raise Refused(f"{request.requester} requested {request.request_id}: self-approval does not count")
    for key, owners in sorted(plan.approvers_needed().items()):
        if not approvers & owners:
            raise Refused(f"no approval from an owner of {key} ({', '.join(sorted(owners))})")
    return plan, sorted(approvers)


def apply(con: duckdb.DuckDBPyConnection, log: AuditLog, plan_id: str, at: str) -> int:
    try:
        plan, approvers = check(con, log, plan_id)
    except Refused as refusal:
        log.append(at, "refused", APPLIER, plan_id=plan_id, detail=str(refusal))
        raise
    con.execute("BEGIN")  # a change and its audit row commit together, or neither does
    try:
        for c in plan.changes:
            key = [c.principal, c.privilege, c.securable_type, c.securable]
            if c.action == "GRANT":
                con.execute("INSERT INTO grants VALUES (?, ?, ?, ?)", key)
            else:
                con.execute(
                    "DELETE FROM grants WHERE principal = ? AND privilege = ? AND securable_type = ? AND securable = ?",
                    key,
                )
            log.append(at, "applied", APPLIER, plan, c, approved_by=", ".join(approvers))
    except Exception:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return len(plan.changes)


# --8<-- [end:gate]
