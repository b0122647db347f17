"""The first dependency map: a regular expression over the script text."""

import re
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _legacy import load_scripts  # noqa: E402

# --8<-- [start:regex]
NAME = r"([\w.\[\]#]+)"
READ = re.compile(r"\b(?:FROM|JOIN)\s+" + NAME, re.IGNORECASE)
WRITE = re.compile(r"\b(?:INTO|UPDATE|TRUNCATE\s+TABLE)\s+" + NAME, re.IGNORECASE)


def regex_deps(sql: str) -> tuple[set[str], set[str]]:
    return set(READ.findall(sql)), set(WRITE.findall(sql))


# --8<-- [end:regex]


# --8<-- [start:report]
all_reads, all_writes = set(), set()
for script, sql in load_scripts().items():
    reads, writes = regex_deps(sql)
    all_reads |= reads
    all_writes |= writes
    print(f"{script:<21} reads  {', '.join(sorted(reads))}")
    print(f"{'':<21} writes {', '.join(sorted(writes))}")
print("\nread but never written, so 'land from SQL Server first':")
for table in sorted(all_reads - all_writes):
    print("  ", table)
# --8<-- [end:report]
