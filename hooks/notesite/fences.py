"""Find code fences that look runnable but are not verified.

A ```python / ```sql fence on a page is fine when its body is only `--8<--` include lines (a snippet the
suite runs), or when the line just above it says why it is not run: `<!-- not-run: pseudo-code -->`.
Anything else is code a reader may copy that nothing checks, and the page check fails on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import includes

RUNNABLE = {"python", "py", "python3", "pycon", "sql", "duckdb"}
OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?(?P<lang>[\w+-]*)")
NOT_RUN = re.compile(r"^\s*<!--\s*not-run:\s*\S.*-->\s*$")


@dataclass(frozen=True)
class Fence:
    line: int  # 1-based line of the opening fence
    lang: str
    body: list[str]
    marked_not_run: bool

    @property
    def is_include(self) -> bool:
        """True when every non-blank line of the body is an `--8<--` include (inline or block form)."""
        in_block, targets = False, 0
        for line in self.body:
            if not line.strip():
                continue
            if includes.BLOCK_EDGE.match(line):
                in_block = not in_block
            elif in_block or includes.INLINE.match(line):
                targets += 1
            else:
                return False
        return targets > 0


def fences(source: str) -> list[Fence]:
    lines = source.splitlines()
    # Only a line holding ``` or ~~~ can open or close a fence; a page is mostly prose, so look at those alone.
    marked = [number for number, line in enumerate(lines) if "```" in line or "~~~" in line]
    found, resume = [], 0
    for position, number in enumerate(marked):
        match = OPEN.match(lines[number]) if number >= resume else None
        if not match:
            continue
        indent, fence = match.group("indent"), match.group("fence")
        close = re.compile(rf"^{re.escape(indent)}{fence[0]}{{{len(fence)},}}\s*$")
        end = next((i for i in marked[position + 1 :] if close.match(lines[i])), len(lines))
        above = next((lines[i] for i in range(number - 1, -1, -1) if lines[i].strip()), "")
        found.append(
            Fence(number + 1, match.group("lang").lower(), lines[number + 1 : end], bool(NOT_RUN.match(above)))
        )
        resume = end + 1
    return found


def unverified(source: str) -> list[Fence]:
    """Runnable-looking fences that are neither snippet includes nor marked not-run."""
    return [f for f in fences(source) if f.lang in RUNNABLE and not f.is_include and not f.marked_not_run]
