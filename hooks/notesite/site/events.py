"""MkDocs events of the notes engine, in build order. Each event does one job and delegates the rest.

- on_config: read the sections from `extra.notes`, add the engine's stylesheet.
- on_files: read every note's front matter once (the note index), stop on any bad note, generate the home
  page and one page per section, keep notes out of the navigation (index pages list them instead), and
  compute related notes, backlinks and git dates once for the whole build.
- on_nav: give each note its section as parent, so the section's tab is active and breadcrumbs work,
  without the sidebar listing every note on every page.
- on_page_markdown: stop on an include whose target is missing (naming page, line and target); mark the
  examples the test suite verifies; use the summary as the meta description.
- on_page_content: the note's date line on top; related notes and backlinks are prepared here.
- on_post_page: the note cards of the home and section pages, related notes and backlinks at the end of a
  note (all after search has indexed the page, so they are neither parsed again nor found as page text);
  social meta tags; remove mkdocs-jupyter's MathJax loader, which points at a CDN;
  accessibility fixes to Material's and nbconvert's markup (also on the 404 page, via on_post_template).
Under `mkdocs serve`, live_check.py checks shown snippets in the background; failures appear in place.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Section as NavSection
from mkdocs.utils import get_relative_url

from .. import contract, index, record
from ..frontmatter import FrontMatterError
from . import discovery, incremental, listing, live_check, notebook, page_parts, proof

ASSETS = Path(__file__).parent / "assets"
THEME = Path(__file__).parent / "theme"  # template partials of the engine's own (the footer line)
ABOUT = "about.md"  # generated from extra.notes.about and site_author, unless the docs have their own
TAGS_MARKER = "<!-- material/tags -->"
LATEST_ON_404 = 5
ARTICLE_404 = '<article class="md-content__inner md-typeset note-not-found">'  # notesite.css: a readable measure
STYLESHEET = "assets/notesite.css"
SNIPPET_COPIES = "snippets"  # where the site serves snippet sources when no repo_url is configured
MATHJAX_LOADER = re.compile(r"<script data-mkdocs-jupyter-mathjax=.*?</script>\s*", re.S)
LOG = logging.getLogger("mkdocs.plugins.notesite")  # a warning here fails `mkdocs build --strict`
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search"'


class State:
    """What one build knows; rebuilt from scratch by on_config on every (re)build."""

    sections: tuple[index.Section, ...] = ()
    notes: index.NoteIndex | None = None
    by_uri: dict[str, index.Note] = {}
    found: discovery.Discovery | None = None
    git_dates: dict = {}
    endings: dict[str, str] = {}  # src_uri -> related notes and backlinks HTML, added by on_post_page
    cards: dict[str, dict[str, str]] = {}  # generated page's src_uri -> placeholder -> note cards (on_post_page)
    urls: dict[str, str] = {}  # note's src_uri -> its URL (Files.get_file_from_path builds a PurePath per call)
    docs_label: str = "docs"
    snippet_base: Path = Path("snippets")
    includes: contract.Includes | None = None  # the page's include syntax, as pymdownx.snippets is configured
    source_url: str | None = None  # `extra.notes.source_url`: where readers read a snippet's source
    record_path: Path = Path(record.DEFAULT_PATH)  # `extra.notes.record`: the verification record make test wrote
    proofs: proof.Proofs | None = None
    section_urls: dict[str, str] = {}  # section key -> its generated page's URL
    tag_counts: dict[str, int] = {}  # tag -> number of notes, for the index on the tags page


def on_config(config):
    try:
        State.sections = index.sections_from_config(config.extra)
    except ValueError as error:
        raise PluginError(str(error)) from None
    State.notes, State.by_uri, State.found, State.git_dates, State.endings = None, {}, None, {}, {}
    State.cards, State.urls, State.docs_label = {}, {}, docs_label(config)
    State.section_urls, State.tag_counts = {}, {}
    State.includes = contract.Includes(config.mdx_configs.get("pymdownx.snippets", {}), Path(config.config_file_path).parent)
    State.snippet_base = State.includes.base
    State.source_url = (config.extra.get("notes") or {}).get("source_url")
    root = Path(config.config_file_path).parent
    State.record_path = root / (config.extra.get("notes") or {}).get("record", record.DEFAULT_PATH)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    if str(THEME) not in config.theme.dirs:  # after the site's own custom_dir, which may override it
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
    feed_image(config)
    notebook_template(config)
    return config


def notebook_template(config) -> None:
    """mkdocs-jupyter renders notebooks with the engine's template (Material's code blocks, no prompts) unless the
    site names its own; set here, so that mkdocs.yml never names a path inside the engine."""
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None and not jupyter.config.get("custom_template"):
        jupyter.config["custom_template"] = str(notebook.TEMPLATE)


def feed_image(config) -> None:
    """mkdocs-rss-plugin 1.19 writes `<image><url>None</url></image>` into the feed when it has no image: give it
    the site's icon (an absolute URL, as RSS requires). Runs before the plugin reads its configuration
    (hooks/notes.py gives on_config a high priority); a configured image is left alone."""
    rss = config.plugins.get("rss")
    if rss is None or rss.config.get("image") or not config.site_url:
        return
    icon = config.theme.get("favicon") or "assets/images/favicon.png"
    rss.config["image"] = urljoin(config.site_url, icon)


def docs_label(config) -> str:
    """The docs folder as the author sees it, relative to mkdocs.yml (usually `docs`)."""
    docs = Path(config.docs_dir)
    try:
        return docs.relative_to(Path(config.config_file_path).parent).as_posix()
    except ValueError:
        return docs.as_posix()


def on_files(files: Files, config):
    label = State.docs_label
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
        cache = incremental.STORE.notes if incremental.STORE.active else None
        State.notes = index.build(Path(config.docs_dir), uris, State.sections, label, cache)
    except FrontMatterError as error:
        count = len(error.problems)
        raise PluginError(f"{count} problem{'s' * (count != 1)} in note front matter:\n{error}") from None
    State.by_uri = State.notes.by_uri()
    State.found = discovery.discover(State.notes, cache=incremental.STORE.discovery if incremental.STORE.active else None)
    State.git_dates = discovery.git_dates(Path(config.docs_dir))
    State.tag_counts = dict(Counter(tag for note in State.notes.notes for tag in note.meta.tags))
    for file in files:
        if file.src_uri in State.by_uri:
            file.inclusion = InclusionLevel.NOT_IN_NAV
            State.urls[file.src_uri] = file.url

    intro = config.extra["notes"].get("intro", "")
    home = File.generated(config, "index.md", content=listing.home(State.notes, config.site_name, intro))
    files.append(home)
    State.cards = {home.src_uri: listing.home_cards(State.notes, href_from(home, files))}
    for section in State.sections:
        page = File.generated(config, section.index_uri, content=listing.section_page(section))
        files.append(page)
        State.cards[page.src_uri] = listing.section_cards(State.notes, section, href_from(page, files))
        State.section_urls[section.key] = page.url
    about = (config.extra["notes"].get("about") or "").strip()
    if about and files.get_file_from_path(ABOUT) is None:
        page = File.generated(config, ABOUT, content=listing.about_page(config.site_name, config.site_author, about))
        page.inclusion = InclusionLevel.NOT_IN_NAV  # linked from every page's footer
        files.append(page)
    State.proofs = proof.Proofs.load(State.record_path, State.snippet_base, Path(config.docs_dir))
    examples = proof.examples_of(State.notes, Path(config.docs_dir), State.includes, State.snippet_base)
    content = proof.examples_page(examples, State.notes, State.proofs, example_link)
    files.append(File.generated(config, proof.EXAMPLES_URI, content=content))
    files.append(File.generated(config, STYLESHEET, abs_src_path=str(ASSETS / "notesite.css")))
    if not State.source_url and State.snippet_base.is_dir():
        for source in contract.discover(State.snippet_base).snippets:
            uri = f"{SNIPPET_COPIES}/{source.relative_to(State.snippet_base).as_posix()}"
            files.append(File.generated(config, uri, abs_src_path=str(source)))
    if incremental.STORE.active:
        incremental.begin(config, files)
    return files


def on_pre_page(page, config, files):
    if incremental.STORE.active and page.file.src_uri.endswith(".md"):
        incremental.cache_render(page)
    return page


def on_env(env, config, files):
    if incremental.STORE.active:
        incremental.templates(env)
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        extras = lambda page: [State.endings.get(page.file.src_uri, ""), State.cards.get(page.file.src_uri)]  # noqa: E731
        incremental.writing(pages, extras, config)
    return env


def on_post_build(config):
    if incremental.STORE.active:
        incremental.finished(config)


def href_from(page: File, files: Files):
    """A note's URL relative to a generated page, from the files MkDocs will write (cannot dangle)."""
    return lambda note: get_relative_url(files.get_file_from_path(note.src_uri).url, page.url)


def on_nav(nav, config, files: Files):
    """A note's parent is its section (its section page when the navigation lists that page itself), so the
    section's tab is active on the note. Previous and next are the section's notes by date, from the note index,
    once per build; other pages have none (Home → Study says nothing)."""
    parents = {}
    for item in nav.items:
        if isinstance(item, NavSection):
            for child in item.children:
                if getattr(child, "file", None) is not None:
                    parents[child.file.src_uri] = item
        elif getattr(item, "file", None) is not None:
            parents[item.file.src_uri] = item
    for page in nav.pages:
        page.previous_page = page.next_page = None
    for section in State.notes.sections if State.notes else ():
        pages = [files.get_file_from_path(note.src_uri).page for note in State.notes.in_section(section)]
        for at, page in enumerate(pages):  # newest first
            page.parent = parents.get(section.index_uri, page.parent)
            page.next_page = pages[at - 1] if at > 0 else None
            page.previous_page = pages[at + 1] if at + 1 < len(pages) else None
    return nav


def on_page_markdown(markdown: str, page, config, files):
    note = State.by_uri.get(page.file.src_uri)
    if note is not None:
        page.meta.setdefault("description", note.meta.summary)
        page.meta["hide"] = [*page.meta.get("hide", []), "navigation"]  # the note gets the width, not a sidebar
        if note.src_uri.endswith(".ipynb"):
            markdown = notebook.markdown(markdown)
    elif TAGS_MARKER in markdown and State.tag_counts:
        anchor = tag_anchor(config)
        if anchor is not None:
            markdown = markdown.replace(TAGS_MARKER, listing.tag_index(State.tag_counts, anchor) + TAGS_MARKER, 1)
    if "8<" not in markdown:  # nothing to check and no example to mark: most pages of a big site
        return markdown
    # Read the includes from the file as written (with its front matter), so line numbers match the file.
    source = page.file.content_string if page.file.src_uri.endswith(".md") else markdown
    if incremental.STORE.active:  # what the page's HTML depends on besides its Markdown
        scanned = State.includes.scan(markdown).includes
        page.notesite_included = [str(path) for inc in scanned if (path := State.includes.resolve(inc))]
    found = [
        f"{State.docs_label}/{page.file.src_uri}:{line}: {problem}"
        for line, problem in contract.include_problems(source, State.includes, State.snippet_base)
    ]
    if found:
        raise PluginError("a page shows an example that nothing verifies:\n" + "\n".join(found))
    where = f"{State.docs_label}/{page.file.src_uri}"

    def mark(what: str, snippet: str) -> str:
        shown = State.proofs.snippet(snippet)
        report(proof.problem(shown, f"{where}: {snippet}"))
        return proof.mark(shown, what, source_url(snippet, page, config), PurePosixPath(snippet).name)

    return page_parts.mark_verified(markdown, State.includes, State.snippet_base, mark, live_failure)


def report(problem: str | None) -> None:
    """An example the record contradicts: a warning on CI (the strict build stops), a note in the log elsewhere."""
    if problem:
        (LOG.warning if proof.in_ci() else LOG.info)(f"notesite: {problem}")


def example_link(example: proof.Example) -> str:
    """Where the Examples page links an example: its source (repository or site copy), or a notebook's page."""
    if example.notebook:
        return example.name
    if State.source_url:
        return f"{State.source_url.rstrip('/')}/{example.name}"
    return f"{SNIPPET_COPIES}/{example.name}"


def tag_anchor(config):
    """The id Material's tags plugin gives a tag's heading on the tags page (its own slug rules)."""
    tags = config.plugins.get("material/tags")
    if tags is None:
        return None
    c = tags.config
    return lambda tag: c.tags_slugify_format.format(
        slug=c.tags_hierarchy_separator.join(
            c.tags_slugify(part, c.tags_slugify_separator)
            for part in (tag.split(c.tags_hierarchy_separator) if c.tags_hierarchy else [tag])
        )
    )


def live_failure(snippet: str) -> str | None:
    """Under `mkdocs serve`: the suite's message if this snippet fails now. Never blocks the build."""
    checker = live_check.active()
    if checker is None:
        return None
    verdict = checker.verdict(State.snippet_base / snippet)
    return verdict.message if verdict and not verdict.ok else None


def source_url(snippet: str, page, config) -> str:
    """Where a reader can read a snippet's source: `extra.notes.source_url` + the snippet's path when configured
    (e.g. a repository's file view at a branch), else the copy the site serves."""
    if State.source_url:
        return f"{State.source_url.rstrip('/')}/{snippet}"
    return get_relative_url(f"{SNIPPET_COPIES}/{snippet}", page.url)


def notebook_proof(src_uri: str) -> str:
    shown = State.proofs.notebook(src_uri)
    report(proof.problem(shown, f"{State.docs_label}/{src_uri}"))
    if shown.state == "verified":
        when = proof.human_date_iso(shown.day)
        return f'outputs re-executed on <time datetime="{shown.entry["verified"]}">{when}</time> with {shown.versions()}'
    if shown.state in ("stale", "failed"):
        return "outputs not yet re-executed since the notebook changed" if shown.state == "stale" else "re-execution failed"
    return "outputs re-executed by the test suite"


def on_page_content(html: str, page, config, files: Files):
    note = State.by_uri.get(page.file.src_uri)
    if note is None:
        return html
    updated = note.meta.updated or State.git_dates.get(note.src_uri)
    # One relative path to the site's root per page, then each note's URL below it: the same links as
    # get_relative_url per note (which costs most of this event on a large site), only spelled from the root.
    root = get_relative_url(".", page.url)

    def url_of(other: index.Note) -> str:
        return f"{root}/{State.urls[other.src_uri]}"

    section_href = f"{root}/{State.section_urls.get(note.section.key, '')}"
    proven = notebook_proof(note.src_uri) if note.src_uri.endswith(".ipynb") else None
    top = page_parts.header(note, updated, section_href, proven)
    # Added after rendering (on_post_page), not here: search would index other notes' titles as this note's
    # text, and parse them once per page.
    State.endings[note.src_uri] = page_parts.related_notes(
        State.found.linked_from.get(note.src_uri, []), State.found.related.get(note.src_uri, []), url_of
    )
    return top + html


def on_post_template(output: str, template_name: str, config):
    """Pages rendered from a template alone (the 404 page) get the same fixes as note pages; the 404 page also a
    way on: a search of the notes and the latest notes (absolute links: it is served at any missing address)."""
    if template_name == "404.html" and State.notes is not None:
        base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        way_on = listing.not_found(list(State.notes.notes[:LATEST_ON_404]), lambda n: base + State.urls[n.src_uri], base)
        output = output.replace("<h1>404 - Not found</h1>", way_on, 1)
        output = output.replace('<article class="md-content__inner md-typeset">', ARTICLE_404, 1)
    return name_search_dialog(output) if template_name.endswith(".html") else output


def name_search_dialog(output: str) -> str:
    """Material's search dialog has no accessible name; screen readers would announce it as "dialog"."""
    return output.replace('<div class="md-search" data-md-component="search" role="dialog"', SEARCH_DIALOG, 1)


def on_post_page(output: str, page, config):
    output = name_search_dialog(MATHJAX_LOADER.sub("", output))
    note = State.by_uri.get(page.file.src_uri)
    if note is not None:
        output = page_parts.tags_after_header(output)
    if note is not None and note.src_uri.endswith(".ipynb"):
        output = notebook.page(output, page.title)
    cards = State.cards.get(page.file.src_uri)
    if cards:
        output = listing.fill(output, cards, f"{State.docs_label}/{page.file.src_uri}")
    ending = State.endings.get(page.file.src_uri, "")
    if ending:  # the content's <article> is the page's last one
        cut = output.rfind("</article>")
        output = output[:cut] + ending + output[cut:]
    title = page.title if not page.is_homepage else config.site_name
    description = note.meta.summary if note else (page.meta.get("description") or config.site_description or "")
    head = page_parts.social_meta(title, description, page.canonical_url, config.site_name, note is not None)
    if incremental.STORE.active:
        incremental.written(page)
    return output.replace("</head>", head + "</head>", 1)


def on_serve(server, config, builder):
    """`mkdocs serve` only: start the background snippet checks and rebuild when a verdict arrives."""
    checker = live_check.start(Path(config.config_file_path).parent, (config.extra.get("notes") or {}).get("accept_command"))
    server.watch(str(checker.status_file.parent))
    checker.check_all(State.snippet_base)  # the first build ran before the checker existed
    return server
