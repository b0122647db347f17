"""The site as the verifier sees it: where docs and snippets are, which page shows what, how to tell the author.

Read from mkdocs.yml (docs_dir and the pymdownx.snippets options), so the checks follow the site's own configuration
and work on any notes folder. Page includes are read with the contract's reader, the one the build uses.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from .. import config, contract

# How an author records new expected output, when the site's configuration names no command of its own
# (pytest's ini option `notesite_accept_command`; `{path}` is the snippet, `{note}` its note folder's name).
DEFAULT_ACCEPT = "python -m pytest --accept {path}"


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
    includes: contract.Includes
    accept_command: str = DEFAULT_ACCEPT

    @classmethod
    def load(cls, root: Path, accept_command: str | None = None) -> Project:
        site = config.load(root)
        return cls(site.root, site.docs_dir, site.snippets_dir, site.includes(), accept_command or DEFAULT_ACCEPT)

    def rel(self, path: Path) -> str:
        """A path as the author types it, relative to the project root."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def pages(self) -> list[Path]:
        return sorted(self.docs_dir.rglob("*.md"))

    @functools.cached_property
    def shown_on(self) -> dict[Path, list[Shown]]:
        """Every included file (resolved) -> the page lines that include it."""
        shown: dict[Path, list[Shown]] = {}
        for page in self.pages():
            for include in self.includes.scan(page.read_text(encoding="utf-8-sig")).includes:
                target = self.includes.resolve(include)
                if target is not None:
                    shown.setdefault(target.resolve(), []).append(Shown(self.rel(page), include.line))
        return shown

    def places(self, path: Path) -> list[Shown]:
        """The pages and lines that show this file (a snippet or its expected output)."""
        return self.shown_on.get(path.resolve(), [])

    def accept(self, snippet: Path) -> str:
        return self.accept_command.format(path=self.rel(snippet), note=snippet.parent.name)
