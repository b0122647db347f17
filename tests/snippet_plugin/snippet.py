"""What a snippet is: which files count, how each kind runs, what it declares, where its output is kept.

Layout: `snippets/<section>/<note>/<name>.py|.sql`, expected output in `<name>.out` beside it. Files whose
name starts with `_` (helpers, `_setup.sql`) and everything in deeper folders (a dbt project, data) are
support files: they are not run on their own, but they are part of every neighbouring snippet's cache key.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

KINDS = {".py": "python", ".sql": "sql"}
DEFAULT_TIMEOUT = 10.0  # seconds; a snippet may declare more
DECLARATION = re.compile(r"^\s*(?:#|--)\s*snippet:\s*(?P<body>.*)$")
SQL_RUNNER = Path(__file__).with_name("run_sql.py")


class DeclarationError(ValueError):
    pass


@dataclass(frozen=True)
class Snippet:
    path: Path
    timeout: float
    expected_exit: int

    @classmethod
    def at(cls, path: Path) -> Snippet:
        timeout, expected_exit = DEFAULT_TIMEOUT, 0
        lines = path.read_text(encoding="utf-8").splitlines()[:5]
        for number, line in enumerate(lines, start=1):
            match = DECLARATION.match(line)
            if not match:
                continue
            for pair in match.group("body").split():
                key, _, value = pair.partition("=")
                try:
                    if key == "timeout":
                        timeout = float(value)
                    elif key == "exit":
                        expected_exit = int(value)
                    else:
                        raise ValueError
                except ValueError:
                    raise DeclarationError(
                        f"{number}: cannot read the declaration `{pair}`; write "
                        "`snippet: timeout=<seconds> exit=<status>`"
                    ) from None
        return cls(path, timeout, expected_exit)

    @property
    def kind(self) -> str:
        return KINDS[self.path.suffix]

    @property
    def expected(self) -> Path:
        return self.path.with_suffix(".out")

    @property
    def note_dir(self) -> Path:
        return self.path.parent

    def command(self) -> list[str]:
        if self.kind == "sql":
            return [sys.executable, str(SQL_RUNNER), str(self.path)]
        return [sys.executable, str(self.path)]


def is_snippet(path: Path, snippets_dir: Path) -> bool:
    try:
        parts = path.resolve().relative_to(snippets_dir).parts
    except ValueError:
        return False
    return len(parts) == 3 and path.suffix in KINDS and not path.name.startswith("_")


def all_snippets(snippets_dir: Path) -> list[Path]:
    return sorted(p for p in snippets_dir.glob("*/*/*") if is_snippet(p, snippets_dir))
