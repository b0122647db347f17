"""Flag the constructs in the legacy scripts that a person must review before and after transpiling."""

import sys
from pathlib import Path

from sqlglot import exp
from sqlglot.errors import ParseError

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _legacy import batches, is_temp, load_scripts, parse_batch  # noqa: E402


def line_of(node: exp.Expression, statement_line: int) -> int:
    """sqlglot keeps line numbers on identifiers and some functions; else use the statement's line."""
    while node.parent is not None:  # the statement itself starts at statement_line
        lines = [n.meta["line"] for n in node.walk() if "line" in n.meta]
        if lines:
            return min(lines)
        node = node.parent  # e.g. a table hint has no position of its own: use its table's
    return statement_line


# --8<-- [start:rules]
def review_flags(stmt: exp.Expression):
    """Yield (node, reason) for every construct that does not carry over to Databricks as-is."""
    if isinstance(stmt, exp.Command):
        yield stmt, "sqlglot did not parse this statement: read it by hand"
    if isinstance(stmt, (exp.Execute, exp.ExecuteSql)):
        yield stmt, "dynamic SQL or procedure: the parser cannot see into it"
    if isinstance(stmt, exp.Declare):
        yield stmt, "T-SQL variable: a job parameter or a SQL variable"
    if isinstance(stmt, exp.Update) and stmt.args.get("from_"):
        yield stmt, "UPDATE ... FROM: not in Databricks; rewrite as MERGE"
    if isinstance(stmt, exp.Drop) and not all(is_temp(t) for t in stmt.find_all(exp.Table)):
        yield stmt, "DROP TABLE: must run after every reader of the table"
    for node in stmt.walk():
        if isinstance(node, exp.Into) and is_temp(node.this):
            yield node, f"temp table #{node.this.name}: becomes a temp view or a CTE"
        elif isinstance(node, exp.Into):
            yield node, "SELECT ... INTO: becomes CREATE OR REPLACE TABLE ... AS"
        elif isinstance(node, exp.WithTableHint):
            hints = ", ".join(hint.name for hint in node.expressions)
            yield node, f"WITH ({hints}): a locking hint; Delta reads a snapshot"
        elif isinstance(node, exp.CurrentTimestamp):
            yield node, "GETDATE(): a rerun sees another window"
        elif isinstance(node, exp.Select) and node.args.get("limit") and not node.args.get("order"):
            yield node, "TOP without ORDER BY: the rows kept are arbitrary"
        elif (
            isinstance(node, exp.Add)
            and not isinstance(node.parent, exp.Add)
            and any(
                isinstance(side, exp.National) or (isinstance(side, exp.Literal) and side.is_string)
                for side in node.flatten()
            )
        ):
            yield node, "'+' on strings: error or NULL in Databricks; concat()"


# --8<-- [end:rules]


# --8<-- [start:run]
def script_flags(sql: str) -> list[tuple[int, str]]:
    """(line, reason) for one script, batch by batch."""
    flags = []
    for first, text in batches(sql):
        try:
            statements = parse_batch(text)
        except ParseError:
            flags.append((first, "sqlglot could not parse this batch: read it by hand"))
            continue
        for line, stmt in statements:
            flags += [(first + line_of(node, line) - 1, why) for node, why in review_flags(stmt)]
    return flags


flags = [(script, *flag) for script, sql in load_scripts().items() for flag in script_flags(sql)]
for script, line, why in sorted(flags):
    print(f"{script + ':' + str(line):<23} {why}")
print(len(flags), "flags in", len({script for script, _, _ in flags}), "of", len(load_scripts()), "scripts")
# --8<-- [end:run]
