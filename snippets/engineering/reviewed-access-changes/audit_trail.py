"""The audit log after the ticket: answer the auditor's question: who approved which change."""

import contextlib
import io
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
with contextlib.redirect_stdout(io.StringIO()):
    from apply_gate import con  # noqa: E402  (replays the same morning as apply_gate.py, quietly)

# --8<-- [start:who]
events = con.execute("SELECT event, count(*) FROM access_audit GROUP BY event ORDER BY min(seq)").fetchall()
print("events:", ", ".join(f"{event} {n}" for event, n in events))
print(
    con.sql("""
    SELECT strftime(happened_at, '%H:%M') AS at, action || ' ' || privilege AS change, securable,
           principal, requested_by AS asked, approved_by AS ok, actor AS ran_as, plan_id
    FROM access_audit
    WHERE event = 'applied'
    ORDER BY seq
""")
    .df()
    .to_string(index=False)
)
# --8<-- [end:who]
