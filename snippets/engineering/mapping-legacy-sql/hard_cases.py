"""Constructs of legacy T-SQL that break a naive walk: batches, IF ... DROP, procedure bodies, alias names."""

import sys
from pathlib import Path

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _legacy import GO, Deps, load_scripts, table_deps  # noqa: E402


def parsed_as(sql: str) -> str:
    """What sqlglot.parse makes of the whole text: statement types, or the error."""
    try:
        statements = sqlglot.parse(sql, read="tsql")
    except ParseError as err:
        return f"ParseError at line {err.errors[0]['line']}"
    kinds = (type(s).__name__ + (f"({s.kind})" if isinstance(s, exp.Create) else "") for s in statements)
    return ", ".join(kinds)


def show(label: str, deps: Deps) -> None:
    print(f"  {label:<15} reads {', '.join(sorted(deps.reads)) or '-'}")
    print(f"  {'':<15} writes {', '.join(sorted(deps.writes)) or '-'}")
    if deps.drops:
        print(f"  {'':<15} drops {', '.join(sorted(deps.drops))}")
    for note in deps.unmapped:
        print(f"  {'':<15} unmapped {note}")


# --8<-- [start:cases]
CASES = {
    "revenue_daily.sql": load_scripts()["revenue_daily.sql"],  # a GO between two statements
    "BULK INSERT, no ';'": (
        "BULK INSERT staging.rates_raw FROM 'D:\\feeds\\rates.csv'\n"
        "GO\n"
        "INSERT INTO ref.rates SELECT * FROM staging.rates_raw\n"
    ),
    "IF ... DROP": "IF OBJECT_ID('staging.customers') IS NOT NULL\n    DROP TABLE staging.customers;\n",
    "a procedure": "CREATE PROCEDURE dbo.load_q AS\nBEGIN\n    INSERT INTO mart.q SELECT * FROM src.r;\nEND\n",
    "an alias": "SELECT o.order_id\nFROM orders AS o\nJOIN staging.orders AS orders ON orders.order_id = o.order_id;\n",
}
for label, sql in CASES.items():
    print(f"{label}: sqlglot.parse gives {parsed_as(sql)}")
    if GO.search(sql):
        show("whole text", table_deps(sql, split_go=False))
    show("split on GO" if GO.search(sql) else "table_deps", table_deps(sql))
# --8<-- [end:cases]
