"""The engine as an installed MkDocs plugin: `plugins: [notesite]` in another site's mkdocs.yml.

Each event does what the hook file (this repository's hooks/notes.py) forwards to the same functions in
events.py; the site's settings live in `extra.notes` either way (sections, introduction, source_url), so one
mkdocs.yml works with both. The plugin keeps no state of its own: events.State is rebuilt by every on_config.
"""

from __future__ import annotations

from mkdocs.plugins import BasePlugin, event_priority

from . import events


class NotesPlugin(BasePlugin):
    def on_startup(self, *, command, dirty):
        events.incremental.start(command, dirty)

    @event_priority(100)  # before the other plugins' on_config: events.feed_image() sets the RSS plugin's image
    def on_config(self, config):
        return events.on_config(config)

    def on_files(self, files, config):
        return events.on_files(files, config)

    def on_nav(self, nav, config, files):
        return events.on_nav(nav, config, files)

    def on_pre_page(self, page, config, files):
        return events.on_pre_page(page, config, files)

    def on_page_markdown(self, markdown, page, config, files):
        return events.on_page_markdown(markdown, page, config, files)

    def on_page_content(self, html, page, config, files):
        return events.on_page_content(html, page, config, files)

    @event_priority(-100)  # after the tags plugin's on_env, which finishes the tags page's content
    def on_env(self, env, config, files):
        return events.on_env(env, config, files)

    def on_post_build(self, config):
        return events.on_post_build(config)

    def on_serve(self, server, config, builder):
        return events.on_serve(server, config, builder)

    def on_post_template(self, output_content, template_name, config):
        return events.on_post_template(output_content, template_name, config)

    def on_post_page(self, output, page, config):
        return events.on_post_page(output, page, config)
