"""MkDocs hook file of the notes engine: the only hooks file mkdocs.yml names.

Thin on purpose. MkDocs imports a hook file once per process and caches the module, so under
`mkdocs serve` an edited hook would silently keep its old code. Every build therefore re-imports the
engine (the `notesite` package beside this file) from scratch in `on_config`: edit anything under
`hooks/notesite/` and the next rebuild runs the new code. This file only forwards events (an event added
here needs a restart of `mkdocs serve`, since this file itself is the one MkDocs caches).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

HERE = str(Path(__file__).parent)
_engine = None


def _fresh_engine():
    for name in [name for name in sys.modules if name == "notesite" or name.startswith("notesite.")]:
        del sys.modules[name]
    sys.path.insert(0, HERE)
    try:
        return importlib.import_module("notesite.events")
    finally:
        sys.path.remove(HERE)


@event_priority(100)  # before the plugins' own on_config: feed_image() sets the RSS plugin's image
def on_config(config):
    global _engine
    _engine = _fresh_engine()
    return _engine.on_config(config)


def on_files(files, config):
    return _engine.on_files(files, config)


def on_nav(nav, config, files):
    return _engine.on_nav(nav, config, files)


def on_page_markdown(markdown, page, config, files):
    return _engine.on_page_markdown(markdown, page, config, files)


def on_page_content(html, page, config, files):
    return _engine.on_page_content(html, page, config, files)


def on_serve(server, config, builder):
    """`mkdocs serve` only: start the background snippet checks and rebuild when a verdict arrives."""
    sys.path.insert(0, HERE)
    try:
        import live_check
    finally:
        sys.path.remove(HERE)
    root = Path(config.config_file_path).parent
    checker = live_check.start(root)
    server.watch(str(checker.status_file.parent))
    checker.check_all(_engine.State.snippet_base)  # the first build ran before the checker existed
    return server


def on_post_template(output_content, template_name, config):
    return _engine.on_post_template(output_content, template_name, config)


def on_post_page(output, page, config):
    return _engine.on_post_page(output, page, config)
