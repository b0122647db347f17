"""mkdocs.yml as the tools outside a build read it: the snippet checks and `make new`.

MkDocs itself is not involved (loading its full configuration would validate every plugin), so this reads
the YAML directly and takes only what those tools need: the docs folder, the snippets folder (the base path
of pymdownx.snippets) and the note sections of `extra.notes`. mkdocs.yml uses MkDocs' own YAML tags
(`!ENV`, `!relative`); they are read as their plain value here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .contract import Includes
from .index import Section, sections_from_config

CONFIG_FILE = "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml with its `!ENV` and `!relative` tags read as plain values."""


def _tag_value(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        # `!ENV [NAME, default]`: the environment is not consulted, the default is what the tools need.
        return values[-1] if suffix == "!ENV" and values else values
    return None


_ConfigLoader.add_multi_constructor("!", _tag_value)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # the folder of mkdocs.yml: paths in messages are relative to it
    docs_dir: Path
    snippets_dir: Path
    extra: dict
    snippet_options: dict  # pymdownx.snippets' options, paths made absolute

    def includes(self) -> Includes:
        """The include syntax as this site's pages are rendered with it."""
        return Includes(self.snippet_options, self.root)

    @property
    def sections(self) -> tuple[Section, ...]:
        """The note sections of `extra.notes.sections`; ValueError saying what to fix when malformed."""
        return sections_from_config(self.extra)


def load(root: Path) -> SiteConfig:
    """The site whose mkdocs.yml is in `root`. FileNotFoundError when there is none."""
    config = yaml.load((root / CONFIG_FILE).read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    docs_dir = (root / config.get("docs_dir", "docs")).resolve()
    options = _snippet_options(config, root.resolve())
    snippets_dir = Path(options["base_path"][0]).resolve()
    return SiteConfig(root.resolve(), docs_dir, snippets_dir, config.get("extra") or {}, options)


def _snippet_options(config: dict, root: Path) -> dict:
    """pymdownx.snippets' options; the first base path is where `--8<-- "section/note/file.py"` is looked up."""
    options: dict = {}
    for extension in config.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            options = dict(extension["pymdownx.snippets"] or {})
    paths = options.get("base_path", ["snippets"])
    paths = paths if isinstance(paths, list) else [paths]
    options["base_path"] = [str(root / str(p).replace("$config_dir", str(root))) for p in paths]
    return options
