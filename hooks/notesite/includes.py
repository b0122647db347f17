"""Where pages include snippet files (`--8<--` lines of pymdownx.snippets), and whether the targets exist.

The build checks every include before Markdown runs, so a missing file or section stops the build with the
page, the line and the target instead of a traceback from inside the Markdown extension. The test suite
uses the same parser to map a snippet back to every page and line that shows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# `--8<-- "path"`, `--8<-- 'path:section'`, `--8<-- "path:3:9"`; a leading `;` escapes the line.
INLINE = re.compile(r"""^(?P<indent>\s*)(?P<escape>;?)-{1,}8<-{1,}[ \t]+(?P<q>["'])(?P<target>[^"']+)(?P=q)\s*$""")
BLOCK_EDGE = re.compile(r"^\s*-{1,}8<-{1,}\s*$")
# Something that was meant to be an include but will not be read as one (`--8 < --"x"`, `--8<--x`).
ATTEMPT = re.compile(r"^\s*-+\s*8\s*<\s*-+")
ANY_ATTEMPT = re.compile(r"-\s*8\s*<")  # anywhere in a page: whether to look at its lines at all
SECTION_MARK = re.compile(r"-{1,}8<-{1,}\s*\[(?P<kind>start|end):(?P<name>[\w-]+)\]")


@dataclass(frozen=True)
class Include:
    line: int  # 1-based line in the page source
    target: str  # as written, e.g. "engineering/note/fix.py:demo"

    @property
    def path(self) -> str:
        return self.target.split(":", 1)[0]

    @property
    def section(self) -> str | None:
        """The named section, or None for a whole file or a line range."""
        parts = self.target.split(":")
        if len(parts) == 2 and not parts[1].isdigit():
            return parts[1]
        return None


def may_include(source: str) -> bool:
    """False when a page has no include and nothing that looks like one: then `find` and `malformed` would
    both return nothing, and the page needs no line-by-line scan."""
    return "8<" in source or ANY_ATTEMPT.search(source) is not None


def find(source: str) -> list[Include]:
    """Every include in a page's Markdown source, in order."""
    if "8<" not in source:  # most pages of a large site include nothing: skip the line-by-line scan
        return []
    found = []
    in_block = False
    for number, line in enumerate(source.splitlines(), start=1):
        if BLOCK_EDGE.match(line):
            in_block = not in_block
            continue
        if in_block:
            target = line.strip()
            if target and not target.startswith(";"):
                found.append(Include(number, target))
            continue
        match = INLINE.match(line)
        if match and not match.group("escape"):
            found.append(Include(number, match.group("target")))
    return found


def malformed(source: str) -> list[int]:
    """Lines that look like an include but that pymdownx.snippets would print as text instead."""
    if not ANY_ATTEMPT.search(source):
        return []
    return [
        number
        for number, line in enumerate(source.splitlines(), start=1)
        if ATTEMPT.match(line) and not INLINE.match(line) and not BLOCK_EDGE.match(line)
    ]


def sections_in(text: str) -> set[str]:
    """Names of the complete `[start:name]` … `[end:name]` sections of a snippet file."""
    starts, ends = set(), set()
    for match in SECTION_MARK.finditer(text):
        (starts if match.group("kind") == "start" else ends).add(match.group("name"))
    return starts & ends


def problems(include: Include, base: Path) -> str | None:
    """What is wrong with an include, in words an author can act on; None when it resolves."""
    target = base / include.path
    if not target.is_file():
        return f'--8<-- "{include.target}": no file snippets/{include.path}; create it or fix the path'
    if include.section and include.section not in sections_in(target.read_text(encoding="utf-8")):
        return (
            f'--8<-- "{include.target}": snippets/{include.path} has no section `{include.section}`; '
            f"mark it with `--8<-- [start:{include.section}]` and `--8<-- [end:{include.section}]` comments"
        )
    return None
