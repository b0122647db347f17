"""The old path: a script applies the ticket straight to the catalog and writes one log line."""

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _access import readable, warehouse  # noqa: E402

con = warehouse()
before = readable(con, "analyst_emea")
log_lines = []


# --8<-- [start:sync]
def sync_from_ticket(ticket: str, requester: str, principal: str, listed: set, at: str) -> None:
    """Make the principal's grants equal to the ticket's list, then log that it ran."""
    current = set(
        con.execute(
            "SELECT privilege, securable_type, securable FROM grants WHERE principal = ?", [principal]
        ).fetchall()
    )
    for privilege, kind, securable in sorted(current - listed):
        print(f"REVOKE {privilege} ON {kind} {securable} FROM `{principal}`")
        con.execute(
            "DELETE FROM grants WHERE principal = ? AND privilege = ? AND securable_type = ? AND securable = ?",
            [principal, privilege, kind, securable],
        )
    for privilege, kind, securable in sorted(listed - current):
        print(f"GRANT {privilege} ON {kind} {securable} TO `{principal}`")
        con.execute("INSERT INTO grants VALUES (?, ?, ?, ?)", [principal, privilege, kind, securable])
    log_lines.append(f"{at} {ticket} synced {principal} for {requester}")


# The ticket: "analyst_emea needs the finance read access analyst_us has."
sync_from_ticket(
    "req-1",
    "ana",
    "analyst_emea",
    {("SELECT", "TABLE", "main.finance.invoices"), ("SELECT", "TABLE", "main.finance.payments")},
    at="2026-04-20 09:14:00",
)
# --8<-- [end:sync]

# --8<-- [start:after]
print("analyst_emea could read:", ", ".join(before))
print("analyst_emea can read:  ", ", ".join(readable(con, "analyst_emea")) or "nothing")
print("the whole record:", log_lines)
print("who approved the REVOKEs?", [line for line in log_lines if "approv" in line])
# --8<-- [end:after]
