"""The audit log after the ticket: answer the auditor's question, find drift, detect an edited log."""

import contextlib
import io
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
with contextlib.redirect_stdout(io.StringIO()):
    from apply_gate import con, log  # noqa: E402  (replays the same morning as apply_gate.py, quietly)

# --8<-- [start:who]
print(
    "events:", dict(con.execute("SELECT event, count(*) FROM access_audit GROUP BY event ORDER BY min(seq)").fetchall())
)
con.sql("""
    SELECT happened_at, action, privilege, securable, principal, requested_by, approved_by, actor, plan_id
    FROM access_audit
    WHERE event = 'applied'
    ORDER BY seq
""").show(max_width=200)
# --8<-- [end:who]

# --8<-- [start:drift]
con.sql("""
    WITH latest AS (  -- the last thing the log says about each privilege
        SELECT principal, privilege, securable, action
        FROM access_audit
        WHERE event IN ('baseline', 'applied')
        QUALIFY row_number() OVER (PARTITION BY principal, privilege, securable ORDER BY seq DESC) = 1
    ),
    expected AS (SELECT principal, privilege, securable FROM latest WHERE action = 'GRANT')
    SELECT 'in warehouse, not in log' AS finding, * FROM (
        SELECT * FROM grants EXCEPT SELECT * FROM expected)
    UNION ALL
    SELECT 'in log, not in warehouse', * FROM (
        SELECT * FROM expected EXCEPT SELECT * FROM grants)
""").show(max_width=200)
# --8<-- [end:drift]

# --8<-- [start:tamper]
print("chain before:", log.verify() or "intact")
con.execute("DELETE FROM access_audit WHERE event = 'refused' AND detail LIKE '%cannot approve%'")
print("chain after deleting one refusal:", log.verify())
# --8<-- [end:tamper]
