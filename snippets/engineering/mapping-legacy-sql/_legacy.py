"""Support code shared by the snippets of this note: load the legacy scripts, extract table dependencies."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import ParseError
from sqlglot.tokens import TokenType

SCRIPTS = Path(__file__).parent / "scripts"


def load_scripts() -> dict[str, str]:
    """The legacy T-SQL scripts, by file name, in a stable order."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SCRIPTS.glob("*.sql"))}


def statement_lines(sql: str, read: str = "tsql") -> list[int]:
    """The line each statement starts on: the first token, and the first token after each ';'."""
    lines, starting = [], True
    for token in Dialect.get_or_raise(read).tokenize(sql):
        if starting:
            lines.append(token.line)
        starting = token.token_type == TokenType.SEMICOLON
    return lines


def parse_batch(text: str, read: str = "tsql") -> list[tuple[int, exp.Expression]]:
    """(line, statement) for each statement of one batch; raises sqlglot's ParseError.

    The line is where the statement's first token is. When the statements and the ';' do not match up (sqlglot
    folds the statements after `IF cond stmt;` into the IF), it is the first line a node of the statement
    records. Empty statements and trailing comments (None, Semicolon) are left out."""
    statements = [s for s in sqlglot.parse(text, read=read) if s is not None and not isinstance(s, exp.Semicolon)]
    starts = statement_lines(text, read)
    if len(starts) == len(statements):
        return list(zip(starts, statements))
    found = []
    for stmt in statements:
        lines = [node.meta["line"] for node in stmt.walk() if "line" in node.meta]
        found.append((min(lines, default=starts[0] if starts else 1), stmt))
    return found


# --8<-- [start:batches]
# A line of its own: GO, an optional count (GO 5 runs the batch five times; the map needs it once), a comment
GO = re.compile(r"^[ \t]*GO(?:[ \t]+\d+)?[ \t]*(?:--[^\n]*)?$", re.IGNORECASE | re.MULTILINE)


def batches(sql: str) -> list[tuple[int, str]]:
    """(first line, text) of each batch. GO is a command of sqlcmd and SSMS, never sent to the server,
    and sqlglot does not know it: split on it before parsing. (A GO line inside a /* */ comment would
    split too; none of these scripts has one.)"""
    parts, start = [], 0
    for go in [*GO.finditer(sql), None]:
        end = go.start() if go else len(sql)
        parts.append((sql.count("\n", 0, start) + 1, sql[start:end]))
        start = go.end() if go else end
    return [(line, text) for line, text in parts if text.strip()]


# --8<-- [end:batches]


# --8<-- [start:parser]
# Whether [Staging].[Customers] and staging.customers are one table depends on the database's collation.
# SQL Server's default for a US English install, SQL_Latin1_General_CP1_CI_AS, is case-insensitive (CI);
# under a case-sensitive (CS) collation they are two tables, and this must be False.
CASE_INSENSITIVE = True


class Deps(NamedTuple):
    reads: set[str]
    writes: set[str]
    drops: set[str]
    unmapped: list[str]  # what the map could not read, by line: a person must


def table_name(t: exp.Table) -> str:
    parts = (t.args.get("catalog"), t.args.get("db"), t.this)
    name = ".".join(p.name for p in parts if p)  # brackets are quoting: .name drops them
    return name.lower() if CASE_INSENSITIVE else name


def is_temp(t: exp.Table) -> bool:
    # #local and ##global temp tables live for one session: not a dependency
    return bool(t.this.args.get("temporary") or t.this.args.get("global_"))


def alias_targets(stmt: exp.Expression) -> dict[int, exp.Table]:
    """UPDATE t ... FROM mart.x AS t, DELETE t FROM mart.x AS t: the target names an alias of this
    statement. Only there can a table name mean an alias; in FROM and JOIN a name is always a table."""
    targets = [stmt.this] if isinstance(stmt, exp.Update) else []
    targets += stmt.args.get("tables") or [] if isinstance(stmt, exp.Delete) else []
    aliased = {t.alias.lower(): t for t in stmt.find_all(exp.Table) if t.alias}
    return {id(t): aliased[t.name.lower()] for t in targets if not t.args.get("db") and t.name.lower() in aliased}


def write_targets(stmt: exp.Expression) -> list[exp.Table]:
    if isinstance(stmt, (exp.Insert, exp.Merge, exp.Delete)):
        return [stmt.this.find(exp.Table)]
    if isinstance(stmt, exp.Create) and stmt.kind in ("TABLE", "VIEW"):
        return [stmt.this.find(exp.Table)]
    if isinstance(stmt, exp.Update):
        return [alias_targets(stmt).get(id(stmt.this), stmt.this)]
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


def branches(stmt: exp.Expression) -> Iterator[exp.Expression]:
    """IF cond stmt [ELSE stmt]: the condition and every branch sqlglot kept, as if all of them ran."""
    if not isinstance(stmt, exp.IfBlock):
        yield stmt
        return
    yield stmt.this
    for branch in (stmt.args.get("true"), stmt.args.get("false")):
        for inner in branch.expressions if isinstance(branch, exp.Block) else [branch] if branch else []:
            yield from branches(inner)


def else_lost(text: str, statements: list[tuple[int, exp.Expression]], read: str) -> bool:
    """sqlglot 30 can drop the ELSE of `IF cond stmt ELSE stmt` without an error: more ELSE tokens in the
    text than ELSE branches (of an IF or a CASE) in the tree means a branch is gone."""
    tokens = sum(t.token_type == TokenType.ELSE for t in Dialect.get_or_raise(read).tokenize(text))
    kept = sum(
        bool(node.args.get("false" if isinstance(node, exp.IfBlock) else "default"))
        for _, stmt in statements
        for node in stmt.find_all(exp.IfBlock, exp.Case)
    )
    return tokens > kept


def add_deps(stmt: exp.Expression, line: int, deps: Deps) -> None:
    if isinstance(stmt, (exp.Execute, exp.ExecuteSql)):
        return  # a procedure name is not a table (review_flags.py flags the call)
    if isinstance(stmt, exp.Command):  # sqlglot's fallback for a statement it does not know
        text = " ".join(stmt.sql("tsql").split())
        deps.unmapped.append(f"line {line}: not parsed: {text[:28]}...")
        return
    if isinstance(stmt, exp.Create) and stmt.kind in ("PROCEDURE", "PROC", "FUNCTION"):
        deps.unmapped.append(f"line {line}: a {stmt.kind} definition: map its body instead")
        return
    if isinstance(stmt, exp.Drop):  # a write that must come after every read of the table
        deps.drops.update(table_name(t) for t in stmt.find_all(exp.Table) if not is_temp(t))
        return
    deps.writes.update(table_name(t) for t in write_targets(stmt) if not is_temp(t))
    ctes = {cte.alias_or_name.lower() for cte in stmt.find_all(exp.CTE)}
    aliases = alias_targets(stmt)
    for t in stmt.find_all(exp.Table):
        if is_temp(t) or only_written(t) or id(t) in aliases:
            continue
        if not t.args.get("db") and t.name.lower() in ctes:
            continue  # a CTE of this statement, not a table
        deps.reads.add(table_name(t))


def table_deps(sql: str, split_go: bool = True, read: str = "tsql") -> Deps:
    """Tables read, written and dropped by one script (T-SQL unless read says otherwise); temp tables, CTEs
    and aliases left out."""
    deps = Deps(set(), set(), set(), [])
    for first, text in batches(sql) if split_go else [(1, sql)]:
        try:
            statements = parse_batch(text, read)  # [(line within the batch, statement)]
        except ParseError as err:  # one statement sqlglot cannot read stops the whole batch
            where = first + err.errors[0]["line"] - 1
            deps.unmapped.append(f"line {where}: parse error; batch from line {first} not mapped")
            continue
        if else_lost(text, statements, read):
            deps.unmapped.append(f"line {first}: an IF lost its ELSE; batch not mapped")
            continue
        for line, stmt in statements:
            for part in branches(stmt):
                add_deps(part, first + line - 1, deps)
    return deps


# --8<-- [end:parser]
