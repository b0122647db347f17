"""The first dependency map: regular expressions over the script text, written with care."""

import re
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _legacy import load_scripts  # noqa: E402

# --8<-- [start:regex]
NOISE = re.compile(r"--[^\n]*|/\*.*?\*/|N?'(?:[^']|'')*'", re.DOTALL)  # comments and string literals
NAME = r"(#?[\w.\[\]]+)"
READ = re.compile(r"\b(?:FROM|JOIN)\s+" + NAME, re.IGNORECASE)
WRITE = re.compile(
    r"\b(?:INTO|UPDATE|MERGE(?:\s+INTO)?|TRUNCATE\s+TABLE|DROP\s+TABLE(?:\s+IF\s+EXISTS)?)\s+" + NAME,
    re.IGNORECASE,
)


def regex_deps(sql: str) -> tuple[set[str], set[str]]:
    text = NOISE.sub(" ", sql)
    names = lambda pattern: {  # noqa: E731
        n.replace("[", "").replace("]", "").lower() for n in pattern.findall(text) if not n.startswith("#")
    }
    return names(READ), names(WRITE)


# --8<-- [end:regex]


# --8<-- [start:report]
all_reads, all_writes = set(), set()
for script, sql in load_scripts().items():
    reads, writes = regex_deps(sql)
    all_reads |= reads
    all_writes |= writes
    print(f"{script:<21} reads  {', '.join(sorted(reads)) or '-'}")
    print(f"{'':<21} writes {', '.join(sorted(writes)) or '-'}")
print("\nread but never written, so 'land from SQL Server first':")
for table in sorted(all_reads - all_writes):
    print("  ", table)
# --8<-- [end:report]
