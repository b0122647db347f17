"""The audit log after the ticket: find drift against the catalog, detect an edited log."""

import contextlib
import io
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
with contextlib.redirect_stdout(io.StringIO()):
    from apply_gate import con, log  # noqa: E402  (replays the same morning as apply_gate.py, quietly)

# --8<-- [start:drift]
print(
    con.sql("""
    WITH latest AS (  -- the last thing the log says about each grant
        SELECT principal, privilege, securable_type, securable, action
        FROM access_audit
        WHERE event IN ('baseline', 'applied')
        QUALIFY row_number() OVER (
            PARTITION BY principal, privilege, securable_type, securable ORDER BY seq DESC) = 1
    ),
    expected AS (SELECT principal, privilege, securable_type, securable FROM latest WHERE action = 'GRANT')
    SELECT 'in catalog, not in log' AS finding, * EXCLUDE (securable_type) FROM (
        SELECT * FROM grants EXCEPT SELECT * FROM expected)
    UNION ALL
    SELECT 'in log, not in catalog', * EXCLUDE (securable_type) FROM (
        SELECT * FROM expected EXCEPT SELECT * FROM grants)
""")
    .df()
    .to_string(index=False)
)
# --8<-- [end:drift]

# --8<-- [start:tamper]
head = log.head()  # in production: copied daily to a store the log's writer cannot change
print("chain before:", log.verify(head) or "intact")
con.execute("DELETE FROM access_audit WHERE seq = (SELECT max(seq) FROM access_audit)")
print("after deleting the last row:", log.verify() or "intact")
print("  and against the anchored head:", *log.verify(head))
con.execute("DELETE FROM access_audit WHERE event = 'refused' AND detail LIKE '%self-approval%'")
print("after deleting the self-approval refusal:", *log.verify(), sep="\n  ")
# --8<-- [end:tamper]
