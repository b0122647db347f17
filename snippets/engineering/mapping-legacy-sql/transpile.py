"""Transpile the legacy scripts to the Databricks dialect, one statement at a time."""

import sys
from pathlib import Path

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, ParseError, UnsupportedError

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _legacy import batches, load_scripts, parse_batch, table_deps, table_name  # noqa: E402


# --8<-- [start:transpile]
def to_databricks(sql: str) -> tuple[list[str], int]:
    """Databricks SQL for each statement of a T-SQL script, and how many sqlglot refused."""
    out, refused = [], 0
    for first, text in batches(sql):  # GO is not SQL: split on it first
        try:
            statements = [stmt for _, stmt in parse_batch(text)]
        except ParseError:
            refused += 1
            out.append(f"/* TODO(migration): batch from line {first} not parsed */")
            continue
        for stmt in statements:
            try:
                out.append(stmt.sql("databricks", pretty=True, unsupported_level=ErrorLevel.RAISE))
            except UnsupportedError as err:
                refused += 1
                out.append(f"/* TODO(migration): {err}: {stmt.sql('tsql')} */")
    return out, refused


# --8<-- [end:transpile]


# --8<-- [start:guard]
def map_changes(tsql: str, statements: list[str]) -> list[str]:
    """Parse the Databricks text again, map it, and compare with the T-SQL map: a transpiler that drops or
    adds a table dependency has changed what the script does."""
    text = ";\n".join(statements)
    before, after = table_deps(tsql), table_deps(text, read="databricks")
    # T-SQL marks a temp table in every name (#recent); Databricks only where it is created
    temp = {
        table_name(stmt.this.find(exp.Table))
        for stmt in sqlglot.parse(text, read="databricks")
        if isinstance(stmt, exp.Create) and stmt.find(exp.TemporaryProperty)
    }
    changes = []
    for kind, old, new in zip(("reads", "writes", "drops"), before, after):
        new = new - temp
        changes += [f"{kind} lost: {table}" for table in sorted(old - new)]
        changes += [f"{kind} added: {table}" for table in sorted(new - old)]
    return changes + [f"unmapped: {note}" for note in after.unmapped]


# --8<-- [end:guard]


def fold(text: str, width: int = 78) -> str:
    """Wrap long lines for the page at spaces outside string literals; the written files keep them whole."""
    lines = []
    for line in text.splitlines():
        while len(line) > width:
            quoted, escaped, cuts = False, False, []
            for i, char in enumerate(line[: width + 1]):
                if escaped:
                    escaped = False
                elif char == "\\" and quoted:
                    escaped = True
                elif char == "'":
                    quoted = not quoted
                elif char == " " and not quoted and line[:i].strip():
                    cuts.append(i)
            if not cuts:
                break
            lines.append(line[: cuts[-1]].rstrip())
            line = "    " + line[cuts[-1] :].lstrip()
        lines.append(line)
    return "\n".join(lines)


# --8<-- [start:run]
IF_CASES = {  # the drop idiom, then what it clears the way for: without and with BEGIN ... END
    "IF ... DROP": (
        "IF OBJECT_ID('staging.customers') IS NOT NULL\n"
        "    DROP TABLE staging.customers;\n"
        "SELECT * INTO staging.customers FROM dbo.crm_customers;\n"
    ),
    "IF BEGIN ... END": (
        "IF OBJECT_ID('staging.customers') IS NOT NULL\n"
        "BEGIN\n"
        "    DROP TABLE staging.customers;\n"
        "END;\n"
        "SELECT * INTO staging.customers FROM dbo.crm_customers;\n"
        "INSERT INTO ref.regions SELECT DISTINCT region FROM dbo.crm_customers;\n"
    ),
}
target = Path("databricks")  # relative: written in the working directory
target.mkdir(exist_ok=True)
converted, total_refused = {}, 0
for script, sql in {**load_scripts(), **IF_CASES}.items():
    converted[script], refused = to_databricks(sql)
    changes = map_changes(sql, converted[script])
    verdict = "CHANGED" if changes else "kept"
    print(f"{script:<21} statements {len(converted[script])}, refused {refused}, map {verdict}")
    for change in changes:
        print(f"{'':<22}{change}")
    if script not in IF_CASES:
        total_refused += refused
        (target / script).write_text(";\n\n".join(converted[script]) + ";\n", encoding="utf-8")
scripts = [name for name in converted if name not in IF_CASES]
print(f"{'six scripts':<21} statements {sum(len(converted[n]) for n in scripts)}, refused {total_refused}")
for case in IF_CASES:
    print(f"\n-- {case} in Databricks SQL:\n" + ";\n".join(converted[case]) + ";")

for script, count in (("load_customers.sql", 1), ("revenue_daily.sql", 2), ("publish_finance.sql", 3)):
    print(f"\n-- databricks/{script}, first {count} of {len(converted[script])} statements")
    print(fold(";\n".join(converted[script][:count]) + ";"))  # long lines wrapped for the page
# --8<-- [end:run]
