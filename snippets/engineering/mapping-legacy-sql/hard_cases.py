"""Constructs of legacy T-SQL that break a naive walk: batches, no ';', IF ... DROP, procedures, alias names."""

import sys
from pathlib import Path

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, ParseError

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _legacy import (  # noqa: E402
    GO,
    Deps,
    add_deps,
    branches,
    is_temp,
    load_scripts,
    only_written,
    parse_batch,
    table_deps,
    table_name,
    write_targets,
)

HERE = Path(__file__).parent


def parsed_as(sql: str) -> str:
    """What sqlglot.parse makes of the whole text: statement types, or the error."""
    try:
        statements = sqlglot.parse(sql, read="tsql")
    except ParseError as err:
        return f"ParseError at line {err.errors[0]['line']}"
    kinds = (type(s).__name__ + (f"({s.kind})" if isinstance(s, exp.Create) else "") for s in statements)
    return ", ".join(kinds)


def show(label: str, deps: Deps) -> None:
    print(f"  {label:<17} reads {', '.join(sorted(deps.reads)) or '-'}")
    print(f"  {'':<17} writes {', '.join(sorted(deps.writes)) or '-'}")
    if deps.drops:
        print(f"  {'':<17} drops {', '.join(sorted(deps.drops))}")
    for note in deps.unmapped:
        print(f"  {'':<17} unmapped {note}")


# --8<-- [start:naive]
def type_only_deps(sql: str) -> Deps:
    """The walk without its IF and procedure rules: a statement's type alone says what it writes."""
    deps = Deps(set(), set(), set(), [])
    for stmt in sqlglot.parse(sql, read="tsql"):
        if isinstance(stmt, exp.Drop):
            deps.drops.update(table_name(t) for t in stmt.find_all(exp.Table))
            continue
        deps.writes.update(table_name(t) for t in write_targets(stmt))
        deps.reads.update(table_name(t) for t in stmt.find_all(exp.Table) if not (is_temp(t) or only_written(t)))
    return deps


def ignore_errors_deps(sql: str) -> tuple[Deps, list[str]]:
    """sqlglot's ErrorLevel.IGNORE: no ParseError, whatever the parser made of the text."""
    deps, parsed = Deps(set(), set(), set(), []), []
    for stmt in sqlglot.parse(sql, read="tsql", error_level=ErrorLevel.IGNORE):
        add_deps(stmt, 1, deps)
        parsed.append(f"{type(stmt).__name__} ... {stmt.find(exp.From).sql('tsql')}")
    return deps, parsed


def no_else_check_deps(sql: str) -> Deps:
    """The walk over every branch sqlglot kept, without counting the ELSE tokens."""
    deps = Deps(set(), set(), set(), [])
    for line, stmt in parse_batch(sql):
        for part in branches(stmt):
            add_deps(part, line, deps)
    return deps


# --8<-- [end:naive]


# --8<-- [start:cases]
print("sqlglot", sqlglot.__version__)
CASES = {
    "revenue_daily.sql": load_scripts()["revenue_daily.sql"],  # a GO between two statements
    "BULK INSERT, GO": (
        "BULK INSERT staging.rates_raw FROM 'D:\\feeds\\rates.csv';\n"
        "GO -- rates loaded\n"
        "INSERT INTO ref.rates SELECT * FROM staging.rates_raw;\n"
    ),
    "eur_rates.sql": (HERE / "incoming" / "eur_rates.sql").read_text(encoding="utf-8"),  # no ';'
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
    "IF ... ELSE": (
        "IF OBJECT_ID('staging.customers') IS NOT NULL\n"
        "    DROP TABLE staging.customers\n"
        "ELSE\n"
        "    INSERT INTO ops.first_runs SELECT * FROM ops.run_log;\n"
        "SELECT * INTO staging.customers FROM dbo.crm_customers;\n"
    ),
    "a procedure": "CREATE PROCEDURE dbo.load_q AS\nBEGIN\n    INSERT INTO mart.q SELECT * FROM src.r;\nEND\n",
    "an alias": "SELECT o.order_id\nFROM orders AS o\nJOIN staging.orders AS orders ON orders.order_id = o.order_id;\n",
}
for label, sql in CASES.items():
    print(f"{label}: sqlglot.parse gives {parsed_as(sql)}")
    if GO.search(sql):
        show("whole text", table_deps(sql, split_go=False))
    if label in ("IF ... DROP", "a procedure"):
        show("type only", type_only_deps(sql))
    if label == "IF ... ELSE":
        show("no ELSE check", no_else_check_deps(sql))
    if label == "eur_rates.sql":
        deps, parsed = ignore_errors_deps(sql)
        show("ErrorLevel.IGNORE", deps)
        print(f"  {'':<17} parsed as {'; '.join(parsed)}")
    show("split on GO" if GO.search(sql) else "table_deps", table_deps(sql))
# --8<-- [end:cases]
