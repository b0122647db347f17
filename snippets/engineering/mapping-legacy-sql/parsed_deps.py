"""The same scripts through sqlglot's T-SQL parser, compared with the regex map."""

import contextlib
import io
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
import _legacy  # noqa: E402
from _legacy import load_scripts, table_deps  # noqa: E402

with contextlib.redirect_stdout(io.StringIO()):  # importing regex_deps.py runs its report
    from regex_deps import regex_deps  # noqa: E402

# --8<-- [start:compare]
all_reads, all_writes = set(), set()
for script, sql in load_scripts().items():
    reads, writes, drops, unmapped = table_deps(sql)
    all_reads |= reads
    all_writes |= writes
    print(f"{script:<21} reads  {', '.join(sorted(reads)) or '-'}")
    print(f"{'':<21} writes {', '.join(sorted(writes)) or '-'}")
    if drops:
        print(f"{'':<21} drops  {', '.join(sorted(drops))}")
    for note in unmapped:
        print(f"{'':<21} unmapped {note}")
    regex_reads, regex_writes = regex_deps(sql)
    for kind, parsed, guessed in (("read", reads, regex_reads), ("write", writes | drops, regex_writes)):
        for table in sorted(guessed - parsed):
            print(f"{'':<22}regex invented {kind}: {table}")
        for table in sorted(parsed - guessed):
            print(f"{'':<22}regex missed {kind}:   {table}")

print("\nread but never written (real external sources):")
for table in sorted(all_reads - all_writes):
    print("  ", table)

_legacy.CASE_INSENSITIVE = False  # the same scripts on a database with a case-sensitive collation
deps = [table_deps(sql) for sql in load_scripts().values()]
unwritten = set().union(*(d.reads for d in deps)) - set().union(*(d.writes for d in deps))
print("\nthe same under a case-sensitive collation:")
for table in sorted(unwritten):
    print("  ", table)
# --8<-- [end:compare]
