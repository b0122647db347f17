"""MkDocs events of the notes engine, in build order. Each event does one job and delegates the rest.

- on_config: read the sections from `extra.notes`, add the engine's stylesheet.
- on_files: read every note's front matter once (the note index), stop on any bad note, generate the home
  page and one page per section, keep notes out of the navigation (index pages list them instead).
- on_nav: give each note its section as parent, so the section's tab is active and breadcrumbs work,
  without the sidebar listing every note on every page.
- on_page_markdown: stop on an include whose target is missing (naming page, line and target); add the
  note's date line; use the summary as the meta description.
- on_post_page: remove mkdocs-jupyter's MathJax loader, which points at a CDN (no third-party requests).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section as NavSection

from . import includes, index, listing
from .frontmatter import FrontMatterError

ASSETS = Path(__file__).parent / "assets"
STYLESHEET = "assets/notesite.css"
MATHJAX_LOADER = re.compile(r"<script data-mkdocs-jupyter-mathjax=.*?</script>\s*", re.S)


class State:
    """What one build knows; rebuilt from scratch by on_config on every (re)build."""

    sections: tuple[index.Section, ...] = ()
    notes: index.NoteIndex | None = None
    by_uri: dict[str, index.Note] = {}
    snippet_base: Path | None = None


def on_config(config):
    try:
        State.sections = index.sections_from_config(config.extra)
    except ValueError as error:
        raise PluginError(str(error)) from None
    State.notes, State.by_uri = None, {}
    base = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["."])
    State.snippet_base = Path(base[0] if isinstance(base, list) else base)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


def docs_label(config) -> str:
    """The docs folder as the author sees it, relative to mkdocs.yml (usually `docs`)."""
    docs = Path(config.docs_dir)
    try:
        return docs.relative_to(Path(config.config_file_path).parent).as_posix()
    except ValueError:
        return docs.as_posix()


def on_files(files: Files, config):
    label = docs_label(config)
    generated = ["index.md"] + [section.index_uri for section in State.sections]
    for uri in generated:
        if files.get_file_from_path(uri) is not None:
            raise PluginError(
                f"{label}/{uri}: this page is generated from the notes' front matter; delete the file "
                "(the introduction and section descriptions live in mkdocs.yml under extra.notes)"
            )
    uris = [file.src_uri for file in files.documentation_pages()]
    uris += [f.src_uri for f in files if f.src_uri.endswith(".ipynb") and f.src_uri not in uris]
    try:
        State.notes = index.build(Path(config.docs_dir), uris, State.sections, label)
    except FrontMatterError as error:
        count = len(error.problems)
        raise PluginError(f"{count} problem{'s' * (count != 1)} in note front matter:\n{error}") from None
    State.by_uri = State.notes.by_uri()
    for file in files:
        if file.src_uri in State.by_uri:
            file.inclusion = InclusionLevel.NOT_IN_NAV

    intro = config.extra["notes"].get("intro", "")
    files.append(File.generated(config, "index.md", content=listing.home(State.notes, config.site_name, intro)))
    for section in State.sections:
        files.append(File.generated(config, section.index_uri, content=listing.section_page(State.notes, section)))
    files.append(File.generated(config, STYLESHEET, abs_src_path=str(ASSETS / "notesite.css")))
    return files


def on_nav(nav, config, files: Files):
    parents = {}
    for item in nav.items:
        if isinstance(item, NavSection):
            for child in item.children:
                if getattr(child, "file", None) is not None:
                    parents[child.file.src_uri] = item
    for note in State.notes.notes if State.notes else ():
        file = files.get_file_from_path(note.src_uri)
        parent = parents.get(note.section.index_uri)
        if file is not None and file.page is not None and parent is not None:
            file.page.parent = parent
    return nav


def on_page_markdown(markdown: str, page, config, files):
    label = docs_label(config)
    # Read the includes from the file as written (with its front matter), so line numbers match the file.
    source = page.file.content_string if page.file.src_uri.endswith(".md") else markdown
    found = [
        f"{label}/{page.file.src_uri}:{inc.line}: {problem}"
        for inc in includes.find(source)
        if (problem := includes.problems(inc, State.snippet_base))
    ]
    found += [
        f'{label}/{page.file.src_uri}:{line}: not a valid include; write it as --8<-- "section/note/file.py"'
        for line in includes.malformed(source)
    ]
    if found:
        raise PluginError("a page includes a snippet that is not there:\n" + "\n".join(found))
    note = State.by_uri.get(page.file.src_uri)
    if note is None:
        return markdown
    page.meta.setdefault("description", note.meta.summary)
    return note_header(note) + markdown


def note_header(note: index.Note) -> str:
    meta = note.meta
    dates = f'<time datetime="{meta.date.isoformat()}">{listing.human_date(meta.date)}</time>'
    if meta.updated:
        dates += f' · updated <time datetime="{meta.updated.isoformat()}">{listing.human_date(meta.updated)}</time>'
    return f'<p class="note-meta">{dates} · {note.reading_minutes} min read</p>\n\n'


def on_post_page(output: str, page, config):
    return MATHJAX_LOADER.sub("", output)
