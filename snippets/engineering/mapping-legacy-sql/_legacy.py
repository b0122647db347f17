"""Support code shared by the snippets of this note: load the legacy scripts, extract table dependencies."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import sqlglot
from sqlglot import exp

SCRIPTS = Path(__file__).parent / "scripts"


def load_scripts() -> dict[str, str]:
    """The legacy T-SQL scripts, by file name, in a stable order."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SCRIPTS.glob("*.sql"))}


# --8<-- [start:parser]
# Whether [Staging].[Customers] and staging.customers are one table depends on the database's collation.
# SQL Server's default for a US English install, SQL_Latin1_General_CP1_CI_AS, is case-insensitive (CI);
# under a case-sensitive (CS) collation they are two tables, and this must be False.
CASE_INSENSITIVE = True


class Deps(NamedTuple):
    reads: set[str]
    writes: set[str]
    drops: set[str]


def table_name(t: exp.Table) -> str:
    parts = (t.args.get("catalog"), t.args.get("db"), t.this)
    name = ".".join(p.name for p in parts if p)  # brackets are quoting: .name drops them
    return name.lower() if CASE_INSENSITIVE else name


def is_temp(t: exp.Table) -> bool:
    # #local and ##global temp tables live for one session: not a dependency
    return bool(t.this.args.get("temporary") or t.this.args.get("global_"))


def write_targets(stmt: exp.Expression) -> list[exp.Table]:
    if isinstance(stmt, (exp.Insert, exp.Merge, exp.Delete)):
        return [stmt.this.find(exp.Table)]
    if isinstance(stmt, exp.Create) and stmt.kind in ("TABLE", "VIEW"):
        return [stmt.this.find(exp.Table)]
    if isinstance(stmt, exp.Update):
        target = stmt.this
        if not target.args.get("db"):  # UPDATE t ... FROM mart.x AS t: resolve the alias
            for t in stmt.find_all(exp.Table):
                if t is not target and t.alias_or_name.lower() == target.name.lower():
                    return [t]
        return [target]
    if isinstance(stmt, exp.TruncateTable):
        return list(stmt.expressions)
    if isinstance(stmt, exp.Select) and stmt.args.get("into"):
        return [stmt.args["into"].this]  # SELECT ... INTO new_table
    return []


def only_written(t: exp.Table) -> bool:
    # INSERT INTO t [(cols)], TRUNCATE TABLE t, SELECT ... INTO t, CREATE TABLE/VIEW t: written, not read.
    # MERGE and UPDATE targets are read as well as written.
    parent = t.parent.parent if isinstance(t.parent, exp.Schema) else t.parent
    return isinstance(parent, (exp.Insert, exp.TruncateTable, exp.Into, exp.Create))


def table_deps(sql: str) -> Deps:
    """Tables read, written and dropped by one T-SQL script; temp tables, CTEs and aliases left out."""
    deps = Deps(set(), set(), set())
    for stmt in sqlglot.parse(sql, read="tsql"):
        if isinstance(stmt, (exp.Execute, exp.ExecuteSql)):
            continue  # a procedure name is not a table (review_flags.py flags the call)
        if isinstance(stmt, exp.Drop):  # a write that must come after every read of the table
            deps.drops.update(table_name(t) for t in stmt.find_all(exp.Table) if not is_temp(t))
            continue
        deps.writes.update(table_name(t) for t in write_targets(stmt) if not is_temp(t))
        names = {cte.alias_or_name.lower() for cte in stmt.find_all(exp.CTE)}
        names |= {t.alias.lower() for t in stmt.find_all(exp.Table) if t.alias}
        for t in stmt.find_all(exp.Table):
            if is_temp(t) or only_written(t):
                continue
            if not t.args.get("db") and t.name.lower() in names:
                continue  # a CTE name or an alias, not a table
            deps.reads.add(table_name(t))
    return deps


# --8<-- [end:parser]
