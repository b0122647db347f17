"""The project as the snippet checks see it: where docs and snippets are, and which page shows what.

Read from mkdocs.yml (docs_dir and pymdownx.snippets base_path), so the checks follow the site's own
configuration and work on any notes folder. Page includes are parsed with the same code the build uses.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from notesite import includes


@dataclass(frozen=True)
class Shown:
    """One place where a page shows a file: `docs/engineering/note.md:42`."""

    page: str  # relative to the project root
    line: int

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml with its `!ENV` and `!relative` tags read as plain values."""


def _tag_value(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if suffix == "!ENV" and values else values
    return None


_ConfigLoader.add_multi_constructor("!", _tag_value)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    snippets_dir: Path

    @classmethod
    def load(cls, root: Path) -> Project:
        config_path = root / "mkdocs.yml"
        config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
        docs_dir = root / config.get("docs_dir", "docs")
        base = "snippets"
        for extension in config.get("markdown_extensions", []):
            if isinstance(extension, dict) and "pymdownx.snippets" in extension:
                paths = (extension["pymdownx.snippets"] or {}).get("base_path", base)
                base = paths[0] if isinstance(paths, list) else paths
        base = base.replace("$config_dir", str(root))
        return cls(root.resolve(), docs_dir.resolve(), (root / base).resolve())

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
