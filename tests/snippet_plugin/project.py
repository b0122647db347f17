"""The project as the snippet checks see it: where docs and snippets are, and which page shows what.

Read from mkdocs.yml (docs_dir and pymdownx.snippets base_path), so the checks follow the site's own
configuration and work on any notes folder. Page includes are parsed with the same code the build uses.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from notesite import config, includes


@dataclass(frozen=True)
class Shown:
    """One place where a page shows a file: `docs/engineering/note.md:42`."""

    page: str  # relative to the project root
    line: int

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    snippets_dir: Path

    @classmethod
    def load(cls, root: Path) -> Project:
        site = config.load(root)
        return cls(site.root, site.docs_dir, site.snippets_dir)

    def rel(self, path: Path) -> str:
        """A path as the author types it, relative to the project root."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def pages(self) -> list[Path]:
        return sorted(self.docs_dir.rglob("*.md"))

    @functools.cached_property
    def shown_on(self) -> dict[str, list[Shown]]:
        """Every included file (relative to the snippets folder) -> the page lines that include it."""
        shown: dict[str, list[Shown]] = {}
        for page in self.pages():
            for include in includes.find(page.read_text(encoding="utf-8")):
                shown.setdefault(include.path, []).append(Shown(self.rel(page), include.line))
        return shown

    def places(self, path: Path) -> list[Shown]:
        """The pages and lines that show this file (a snippet or its expected output)."""
        return self.shown_on.get(path.resolve().relative_to(self.snippets_dir).as_posix(), [])
