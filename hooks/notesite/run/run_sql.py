"""Run one SQL snippet on an in-memory DuckDB and print every result it produces.

Usage: python run_sql.py snippets/<section>/<note>/<name>.sql   (this file, wherever the engine is installed)

This is what "running" a `.sql` snippet means, for the test suite and for an author at a shell alike:
- `_setup.sql` beside the snippet, if present, runs first and prints nothing (tables, seed rows);
- relative file paths in the SQL (e.g. `read_csv('orders.csv')`) resolve against the snippet's folder,
  through DuckDB's `file_search_path`, so data files can sit beside the snippet;
- each statement that returns rows is printed as DuckDB's box table, one blank line between results;
- DuckDB works on one thread, so a query without ORDER BY returns its rows in the same order on every machine.
Results are printed whole (no elided rows, columns or values), whatever the terminal's width.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

import duckdb

# Every row, every column, every character: DuckDB's box renderer elides rows, columns and long values beyond its
# limits, and an elided part of a result is a part the comparison with the expected output would never see.
UNLIMITED = 2**31 - 1
# Statements whose rows a reader wants to see. DDL and DML also return a one-cell "Count" or "Success"
# relation in DuckDB; printing those would only add noise to every example.
SHOWN = {"SELECT", "EXPLAIN", "PRAGMA", "MULTI"}
# One worker thread and no asynchronous I/O threads (DuckDB starts 8 by default, even for `threads=1`).
CONFIG = {"threads": 1, "async_threads": 0}
# Named, so that DuckDB gives every connect() in one process the same database. The test suite's zygote opens
# it before it forks (opening is most of what a SQL snippet costs), and each forked child gets its own copy of
# a database no statement has touched; a fresh interpreter opens it here. Named or not, its catalog is "memory".
DATABASE = ":memory:snippet"


def connect() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(DATABASE, config=CONFIG)


def render(rel: duckdb.DuckDBPyRelation) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        rel.show(max_width=UNLIMITED, max_rows=UNLIMITED, max_col_width=UNLIMITED)
    return buffer.getvalue().rstrip("\n")


class StatementFailed(Exception):
    def __init__(self, line: int, error: duckdb.Error):
        self.line = line
        super().__init__(" ".join(f"{type(error).__name__}: {error}".split()))


def executable(query: str) -> str:
    """The statement without trailing comment lines and semicolon. DuckDB hands the last statement over with
    whatever follows it (e.g. a `-- --8<-- [end:name]` marker), and `con.sql` rejects `...; -- comment`."""
    lines = query.rstrip().splitlines()
    while lines and lines[-1].strip().startswith("--"):
        lines.pop()
    return "\n".join(lines).rstrip().rstrip(";")


def run_script(con: duckdb.DuckDBPyConnection, sql: str, *, echo: bool) -> list[str]:
    """Execute every statement in order; return the rendered results of those a reader should see."""
    shown, offset = [], 0
    # The connection's parser, not duckdb.extract_statements: that one opens the module's default connection,
    # a second in-memory database (about 15 ms per snippet, as much as the snippet's own).
    for statement in con.extract_statements(sql):
        found = sql.find(statement.query.strip(), offset)
        offset = found if found >= 0 else offset
        # DuckDB attaches the comments above a statement to it; report the line where its code starts.
        lead = re.match(r"(?:\s*--[^\n]*\n)*\s*", sql[offset:])
        offset += lead.end() if lead else 0
        query = executable(statement.query)
        if not query.strip():
            continue
        try:
            rel = con.sql(query)
            if echo and rel is not None and statement.type.name in SHOWN:
                shown.append(render(rel))
        except duckdb.Error as error:
            raise StatementFailed(sql.count("\n", 0, offset) + 1, error) from None
    return shown


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = Path(argv[0]).resolve()
    con = connect()
    con.execute("SET file_search_path = ?", [str(path.parent)])
    current = path.with_name("_setup.sql")
    try:
        if current.exists():
            run_script(con, current.read_text(encoding="utf-8"), echo=False)
        current = path
        results = run_script(con, path.read_text(encoding="utf-8"), echo=True)
    except StatementFailed as failure:
        # One line, in the compiler format `file:line: message`, which editors and the test report link to.
        print(f"{argv[0] if current == path else current}:{failure.line}: {failure}", file=sys.stderr)
        return 1
    if results:
        print("\n\n".join(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
