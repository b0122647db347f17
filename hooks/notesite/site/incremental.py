"""Under `make serve` only (`mkdocs serve --dirty`): a save re-renders what it changes, not the whole site.

MkDocs' own `--dirty` decides by file times alone: it would skip a note whose related-notes list changed, and it
would skip reading unchanged pages, which leaves the search index, the tags page and the feed with only the pages
that changed. So the engine decides instead, in two steps of every rebuild:

1. Reading (MkDocs' "populate" step): every page is read, so every plugin sees every page (tags, feed, search,
   related notes stay whole), but a Markdown page whose rendering inputs are unchanged takes its HTML from this
   cache instead of being converted again. The inputs: the page's Markdown after the engine's events (verified
   marks included), the bytes of every file it includes, and the site key below.
2. Writing (MkDocs' "build" step, where the theme's template renders and the file is written): a page is written
   again only when something that goes into its HTML changed: its content, title, metadata, the engine's parts
   added around it (header, related notes, cards) or the site key; otherwise the page already in the served folder
   stays.

The site key covers what every page depends on: mkdocs.yml, the engine's code and assets, the theme's version,
and every page's address. A change to any of them renders everything, as a cold build does.
`mkdocs build` never uses any of this (the store is active only for `mkdocs serve --dirty`), and
tests/test_incremental.py compares an incrementally served site after edits with a cold build, page by page.

This module is kept across rebuilds (hooks/notes.py does not re-import it): its store must outlive a rebuild.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.structure.toc import AnchorLink, TableOfContents

ENGINE = Path(__file__).resolve().parent.parent  # the notesite package


@dataclass
class Rendered:
    content: str
    toc: object
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # linked file's src_uri -> anchor -> link as written


@dataclass
class Store:
    active: bool = False  # `mkdocs serve --dirty`
    site_key: str = ""
    phase: str = "read"  # "read" (MkDocs' populate step) or "write" (its build step)
    rendered: dict[str, Rendered] = field(default_factory=dict)  # render key -> HTML and what goes with it
    written: dict[str, str] = field(default_factory=dict)  # src_uri -> key of the page last written
    search: dict[str, list] = field(default_factory=dict)  # page URL -> its entries in the search index
    templates: TemplateCache = field(default_factory=lambda: TemplateCache())
    notes: dict = field(default_factory=dict)  # the note index's per-file cache (index.build)
    discovery: dict = field(default_factory=dict)  # related notes and backlinks (discovery.discover)
    renders: int = 0  # Markdown conversions in the last rebuild (the benchmark reads these)
    writes: int = 0  # pages written in the last rebuild



def start(command: str, dirty: bool) -> None:
    STORE.active = command == "serve" and dirty
    if STORE.active:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


class _DirtyNotice(logging.Filter):
    """MkDocs warns on every `--dirty` rebuild that navigation may be inaccurate, and a strict configuration then
    stops the rebuild. Here the engine decides what is re-rendered (the module docstring says how), so the warning
    does not apply: it is logged as information instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and "'dirty' build" in record.getMessage():
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def digest(*parts) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part if isinstance(part, bytes) else part.encode() if isinstance(part, str) else repr(part).encode())
        sha.update(b"\0")
    return sha.hexdigest()


def site_key(config, files) -> str:
    """What every page depends on; computed once per rebuild."""
    engine = sorted(p for p in ENGINE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(
        Path(config.config_file_path).read_bytes(),
        *(p.read_bytes() for p in engine),
        importlib.metadata.version("mkdocs-material"),
        sorted((f.src_uri, f.url) for f in files),
    )


def begin(config, files) -> None:
    """on_files: a new rebuild. Every documentation page asks this module whether it is modified."""
    STORE.site_key, STORE.phase, STORE.renders, STORE.writes = site_key(config, files), "read", 0, 0
    for file in files.documentation_pages():
        file.is_modified = _is_modified(file)


def _is_modified(file):
    def is_modified() -> bool:
        if STORE.phase == "read" or file.page is None or not Path(file.abs_dest_path).is_file():
            return True  # read every page; write a page the served folder does not have
        return STORE.written.get(file.src_uri) != file.page.notesite_key

    return is_modified


def writing() -> None:
    """on_env: pages are read; MkDocs now writes the modified ones."""
    STORE.phase = "write"


def cache_render(page) -> None:
    """on_pre_page: give a Markdown page a render that reuses the HTML of the same inputs (a notebook's render
    belongs to mkdocs-jupyter)."""
    original = page.render

    def render(config, files):
        key = digest(STORE.site_key, page.file.src_uri, page.markdown, *included_now(page))
        hit = STORE.rendered.get(key)
        if hit is None:
            original(config, files)
            STORE.renders += 1
            links = {f.src_uri: dict(v) for f, v in (page.links_to_anchors or {}).items()}
            # Copies: plugins change a page's table of contents in place later on (the tags plugin's listings do).
            anchors = set(page.present_anchor_ids or ())
            STORE.rendered[key] = Rendered(page.content, copy_toc(page.toc), page._title_from_render, anchors, links)
            return
        page.content, page.toc, page._title_from_render = hit.content, copy_toc(hit.toc), hit.title
        page.present_anchor_ids = set(hit.anchors)
        page.links_to_anchors = {files.get_file_from_path(uri): v for uri, v in (hit.links or {}).items()}

    page.render = render


def copy_toc(toc: TableOfContents) -> TableOfContents:
    """A copy of a table of contents (copy.deepcopy takes several times as long on a long note)."""

    def copy(link: AnchorLink) -> AnchorLink:
        new = AnchorLink(link.title, link.id, link.level)
        new.children = [copy(child) for child in link.children]
        return new

    return TableOfContents([copy(item) for item in toc])


class TemplateCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept across rebuilds: MkDocs makes a new Jinja environment for every
    rebuild, which would compile every template of the theme again."""

    def __init__(self):
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def templates(env: jinja2.Environment) -> None:
    """on_env: compile the theme's templates once per `mkdocs serve`, not once per rebuild."""
    env.bytecode_cache = STORE.templates


def included_now(page) -> list[bytes]:
    """The bytes of what the page includes, read when it renders (on_page_markdown records the paths)."""
    return [Path(path).read_bytes() if Path(path).is_file() else b"" for path in getattr(page, "notesite_included", [])]


def writing(pages, extras, config) -> None:
    """on_env, after every plugin has finished the pages' content (the tags plugin fills its listings in its own
    on_env): the key each page's HTML would be written with; MkDocs now writes the pages whose key changed."""
    for page in pages:
        page.notesite_key = digest(
            STORE.site_key,
            page.content,
            page.title,
            sorted((str(k), repr(v)) for k, v in (page.meta or {}).items()),
            page.canonical_url,
            *extras(page),
        )
    STORE.phase = "write"
    keep_search_whole(config, [page for page in pages if not page.file.is_modified()])


def search_index(config):
    """Material's search index of this build, when the search plugin is on."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return getattr(plugin, "search_index", None), plugin


def keep_search_whole(config, skipped) -> None:
    """Material's search plugin indexes a page when it is written, and under `--dirty` merges with its previous
    index as if one page had changed. Instead: no merge, and the pages not written this time are indexed with the
    entries they had, so the index always holds every page (as a cold build's does)."""
    index, plugin = search_index(config)
    if index is None:
        return
    plugin.is_dirty, plugin.search_index_prev = False, None
    for page in skipped:
        index.entries.extend(STORE.search.get(page.url, []))


def finished(config) -> None:
    """on_post_build: remember each page's search entries for the pages the next rebuild does not write."""
    index, _ = search_index(config)
    if index is None:
        return
    STORE.search = {}
    for entry in index.entries:
        STORE.search.setdefault(entry["location"].split("#", 1)[0], []).append(entry)


def written(page) -> None:
    """on_post_page: the page's HTML is written; the next rebuild writes it again only if its key changes."""
    STORE.written[page.file.src_uri] = page.notesite_key
    STORE.writes += 1


STORE = Store()  # after every class it holds
