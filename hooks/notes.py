"""MkDocs hook file of the notes engine: the only hooks file this site's mkdocs.yml names.

Why a hook file here, when the engine is also an installable MkDocs plugin (`plugins: [notesite]`, see
notesite/site/plugin.py): MkDocs imports a plugin or a hook file once per process and caches the module, so under
`mkdocs serve` an edited engine would silently keep its old code. This file re-imports the engine (the `notesite`
package beside it) from scratch in every `on_config`, so an edit to anything under hooks/notesite/ shows at the next
rebuild. The background snippet checker is kept across rebuilds (its queue and thread must outlive one). This file
only forwards events: an event added here needs a restart of `mkdocs serve`, since this file itself is cached.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

HERE = str(Path(__file__).parent)
KEPT = {"notesite.site.live_check", "notesite.site.incremental"}  # outlive rebuilds: see above
_engine = None


def _fresh_engine():
    for name in [n for n in sys.modules if (n == "notesite" or n.startswith("notesite.")) and n not in KEPT]:
        del sys.modules[name]
    sys.path.insert(0, HERE)
    try:
        return importlib.import_module("notesite.site.events")
    finally:
        sys.path.remove(HERE)


def on_startup(command, dirty):
    """Once per `mkdocs` run: `make serve` (`mkdocs serve --dirty`) turns on incremental rebuilds."""
    sys.path.insert(0, HERE)
    try:
        importlib.import_module("notesite.site.incremental").start(command, dirty)
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


def on_pre_page(page, config, files):
    return _engine.on_pre_page(page, config, files)


def on_page_markdown(markdown, page, config, files):
    return _engine.on_page_markdown(markdown, page, config, files)


def on_page_content(html, page, config, files):
    return _engine.on_page_content(html, page, config, files)


@event_priority(-100)  # after the tags plugin's on_env, which finishes the tags page's content
def on_env(env, config, files):
    return _engine.on_env(env, config, files)


def on_post_build(config):
    return _engine.on_post_build(config)


def on_serve(server, config, builder):
    return _engine.on_serve(server, config, builder)


def on_post_template(output_content, template_name, config):
    return _engine.on_post_template(output_content, template_name, config)


def on_post_page(output, page, config):
    return _engine.on_post_page(output, page, config)
