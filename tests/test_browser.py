"""The built site in a real browser: Playwright drives Debian's Chromium against the site served on 127.0.0.1.

What a reader does: read the home page and follow its links, search, switch to the dark palette, copy an
example, read on a 360 px phone. What a reader must never get: a request to another host, a console error,
an axe violation of impact serious or critical, in either palette. Without Chromium or axe-core the tests
skip with a loud reason on a laptop and fail on CI (CI=true), so CI never passes with them skipped.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
from browser_support import (
    AXE,
    AXE_INSTALL,
    CHROMIUM,
    CHROMIUM_ARGS,
    PageWatch,
    axe_violations,
    blocking,
    body_only_word,
    describe_violations,
    first_fence_include,
    page_path,
    require,
    shown_code,
)
from conftest import REPO, _env
from playwright.sync_api import expect, sync_playwright
from static_server import GzipSiteServer

from notesite import config, index

pytestmark = pytest.mark.xdist_group("browser")  # one site build, one server and one browser per worker
SITE = config.load(REPO)  # mkdocs.yml as the tools read it: the docs folder and the note sections
DOCS = SITE.docs_dir
TIMEOUT_MS = 20_000  # generous: the machine may be busy with the rest of the suite
PHONE = {"width": 360, "height": 740}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → Material's palette on <body>
PAGE_KINDS = ["home", "section", "note", "notebook", "tags", "examples", "404"]  # the pages of reader_pages, by kind
MISSING = "no-such-page/"  # any path without a page: the server answers with the site's 404.html


@pytest.fixture(scope="module")
def notes() -> index.NoteIndex:
    uris = [p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*") if p.suffix in (".md", ".ipynb")]
    return index.build(DOCS, uris, SITE.sections)


def first_note(notes: index.NoteIndex, wanted, what: str) -> index.Note:
    found = next((note for note in notes.notes if wanted(note)), None)
    assert found is not None, f"no note is {what}, and the browser tests need one"
    return found


@pytest.fixture(scope="module")
def code_note(notes) -> index.Note:
    """The newest note whose first code block shows a snippet file: the note page of every check."""
    return first_note(notes, lambda note: first_fence_include(note, DOCS), "a page whose first code block is a snippet")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The built site served as GitHub Pages serves it: gzip, and 404.html for a missing path."""
    site = tmp_path_factory.mktemp("browser-site")
    with GzipSiteServer(site) as server:  # bound before the build, which writes the served address into the pages
        build_site(site, server.base_url)
        yield server


def build_site(site: Path, site_url: str) -> None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        env=_env() | {"SITE_URL": site_url},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"the site does not build:\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="module")
def browser():
    require(CHROMIUM.is_file(), f"Chromium is not installed ({CHROMIUM}); install it: apt-get install chromium")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, server):
    """open_page(path, **context_options) → (page, response, watch), in a fresh browser context."""
    contexts = []

    def open_(path: str, wait_until: str = "load", **context_options):
        context = browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        watch = PageWatch.attach(page)
        response = page.goto(server.url(path), wait_until=wait_until)
        return page, response, watch

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def reader_pages(notes, code_note) -> dict[str, str]:
    """One page of each kind a reader meets, by name: name → URL path."""
    notebook = first_note(notes, lambda note: note.src_uri.endswith(".ipynb"), "a notebook")
    return {
        "home": "",
        "section": f"{notes.sections[0].key}/",
        "note": page_path(code_note),
        "notebook": page_path(notebook),
        "tags": "tags/",
        "examples": "examples/",
        "404": MISSING,
    }


def test_home_lists_every_note_under_its_section_with_its_summary(open_page, notes):
    page, _, _ = open_page("")
    for section in notes.sections:
        listing = page.locator(f"h2#{section.key} ~ div.note-list").first
        cards = listing.locator("article.note-card")
        titles = [title.strip().rstrip("¶") for title in cards.locator("h2, h3").all_inner_texts()]
        expected = notes.in_section(section)
        assert titles == [note.meta.title for note in expected], f"section {section.key}"
        for card, note in zip(cards.all(), expected):
            assert card.is_visible(), f"{note.src_uri}: its card is hidden"
            assert note.meta.summary in " ".join(card.inner_text().split()), f"{note.src_uri}: summary not shown"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_link_resolves(open_page, reader_pages, server, kind):
    """Every link to the site answers 200, and a link to an anchor finds it. Links to other hosts cannot be
    followed offline; test_page_talks_only_to_its_own_host proves the page loads nothing from them."""
    page, _, _ = open_page(reader_pages[kind])
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(link => link.href)")
    local = {urldefrag(href) for href in hrefs if href.startswith(server.base_url)}
    assert local, "the page has no links to the site"
    broken = []
    for url, fragment in sorted(local):
        response = page.request.get(url)
        if not response.ok:
            broken.append(f"{url}: HTTP {response.status}")
        elif fragment and not has_anchor(response.text(), unquote(fragment)):
            broken.append(f"{url}#{fragment}: no element with that id")
    assert not broken, f"links on /{reader_pages[kind]} that do not resolve:\n" + "\n".join(broken)


def has_anchor(html: str, name: str) -> bool:
    return f'id="{name}"' in html or f'name="{name}"' in html


def test_search_finds_a_note_by_a_word_of_its_body(open_page, notes, server):
    note, word = body_only_word(notes, DOCS)
    page, _, _ = open_page("")
    box = page.locator("input.md-search__input")
    hit = page.locator(f'a.md-search-result__link[href^="{server.url(page_path(note))}"]')
    # Results come from a web worker that first loads search/search_index.json, and typing before Material's
    # script has bound the box is lost: type again until the results show, within a bounded number of tries.
    for _ in range(4):
        box.click()
        box.press_sequentially(word, delay=20)  # real key events, as a reader types
        try:
            expect(hit.first).to_be_visible(timeout=TIMEOUT_MS // 4)
            return
        except AssertionError:
            box.fill("")
    try:
        expect(hit.first).to_be_visible()
    except AssertionError:
        status = page.locator(".md-search-result__meta").inner_text()
        shown = page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
        pytest.fail(f"searching {word!r} did not list {note.src_uri}; the search said {status!r}, listing {shown}")


def test_palette_toggle_switches_between_light_and_dark(open_page):
    page, _, _ = open_page("", color_scheme="light")
    body, toggle = page.locator("body"), page.locator("label[for^='__palette_']:visible")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_copy_button_copies_the_snippet_code(open_page, code_note):
    page, _, _ = open_page(page_path(code_note), permissions=["clipboard-read", "clipboard-write"])
    first_block = page.locator("article pre").first
    first_block.get_by_role("button", name="Copy to clipboard").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    include = first_fence_include(code_note, DOCS)
    assert copied.rstrip("\n") == shown_code(include).rstrip("\n"), f"copied from {code_note.src_uri}: {copied!r}"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_talks_only_to_its_own_host_and_logs_no_error(open_page, reader_pages, server, kind):
    path = reader_pages[kind]
    page, response, watch = open_page(path, wait_until="networkidle")  # late requests (search index) count too
    assert response.status == (404 if kind == "404" else 200), f"/{path}: HTTP {response.status}"
    assert not watch.foreign_requests(), f"/{path} requested other hosts:\n" + "\n".join(watch.foreign_requests())
    errors = watch.errors_except_missing(server.url(path)) if kind == "404" else watch.errors
    assert not errors, f"/{path} reported errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("palette", SCHEMES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_nothing_serious(open_page, reader_pages, kind, palette):
    require(AXE.is_file(), f"axe-core is not installed ({AXE}); install it: {AXE_INSTALL}")
    path = reader_pages[kind]
    page, _, _ = open_page(path, color_scheme=palette)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[palette])  # the palette under test
    serious = blocking(axe_violations(page))
    if serious:
        pytest.fail(f"axe on /{path} ({palette} palette):\n{describe_violations(serious)}", pytrace=False)


def test_pages_fit_a_360px_phone_without_sideways_scrolling(open_page, notes, reader_pages, server):
    """Wide code and tables scroll inside their own box; the page itself never scrolls sideways."""
    page, _, _ = open_page("", viewport=PHONE)
    paths = sorted({*reader_pages.values(), *(page_path(note) for note in notes.notes)})
    too_wide = []
    for path in paths:
        page.goto(server.url(path))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"/{path}: {width} px")
    assert not too_wide, "pages wider than a 360 px phone:\n" + "\n".join(too_wide)


WIDE = {"width": 1280, "height": 900}
NOTE_COLUMN_MIN_PX = 760
# Everything on a note that scrolls sideways: Material's code blocks (code and outputs) and notebook HTML outputs.
SCROLLERS = "article pre > code, article .nb-output--html"
HIDE_TEXT = "e => [e, ...e.querySelectorAll('*')].forEach(x => { x.style.color = 'transparent'; })"
LINES_EACH = (
    "els => els.map(e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)))"
)


def test_no_code_block_starts_with_a_style_tag(open_page, notes, reader_pages, server):
    """A stylesheet read as Markdown shows up as a code block starting with `<style>` (the notebook did)."""
    page, _, _ = open_page("")
    found = []
    for path in sorted({*reader_pages.values(), *(page_path(note) for note in notes.notes)}):
        page.goto(server.url(path))
        starts = page.locator("article pre code").evaluate_all("codes => codes.map(c => c.textContent.trimStart())")
        found += [f"/{path}: {text[:60]!r}" for text in starts if text.lower().startswith("<style")]
    assert not found, "code blocks that print a stylesheet:\n" + "\n".join(found)


def test_notes_get_the_width_and_wide_outputs_show_they_scroll(open_page, notes, server):
    """At 1280 px a note's column is at least 760 px wide, and every block that scrolls sideways shows it: with
    its text hidden, its right edge looks different while there is more to the right than once scrolled to the
    end (the cue is drawn, and it goes away)."""
    page, _, _ = open_page("", viewport=WIDE)
    narrow, hidden_cue, clipped_seen = [], [], 0
    for note in notes.notes:
        page.goto(server.url(page_path(note)))
        width = page.locator("article.md-content__inner").evaluate("e => e.clientWidth")
        if width < NOTE_COLUMN_MIN_PX:
            narrow.append(f"{note.src_uri}: {width} px")
        for block in page.locator(SCROLLERS).all():
            # Clipped: more overflows than the block's own right padding, so some text is out of sight.
            if not block.evaluate("e => e.scrollWidth - e.clientWidth > parseFloat(getComputedStyle(e).paddingRight)"):
                continue
            clipped_seen += 1
            block.evaluate(HIDE_TEXT)
            block.evaluate("e => { e.scrollIntoView({block: 'start'}); window.scrollBy(0, -200); }")
            box = block.bounding_box()
            edge = {
                "x": box["x"] + box["width"] - 10,
                "y": box["y"] + 2,
                "width": 8,
                "height": min(box["height"] - 4, 60),
            }
            clipped = page.screenshot(clip=edge)
            block.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
            at_end = page.screenshot(clip=edge)
            if clipped == at_end:
                hidden_cue.append(f"{note.src_uri}: {block.evaluate('e => e.textContent.slice(0, 50)')!r}")
    assert not narrow, f"note columns narrower than {NOTE_COLUMN_MIN_PX} px at 1280:\n" + "\n".join(narrow)
    assert not hidden_cue, "blocks clipped at 1280 px with no visible sign of more:\n" + "\n".join(hidden_cue)
    assert clipped_seen, "no block scrolls sideways at 1280 px, so this test checked no cue"


def test_note_marks_its_section_and_links_previous_and_next_within_it(open_page, notes, code_note, server):
    section_notes = notes.in_section(code_note.section)  # newest first
    at = section_notes.index(code_note)
    newer = section_notes[at - 1] if at > 0 else None
    older = section_notes[at + 1] if at + 1 < len(section_notes) else None
    assert newer or older, f"{code_note.section.key} has one note: nothing to link as previous or next"
    page, _, _ = open_page(page_path(code_note), viewport=WIDE)
    active = page.locator(".md-tabs__item--active a")
    expect(active).to_have_count(1)
    assert active.get_attribute("href") and server.url(f"{code_note.section.key}/") == active.evaluate("a => a.href")
    meta = page.locator("header.note-header .note-meta")
    expect(meta.get_by_role("link", name=code_note.section.title)).to_be_visible()
    for css, neighbour in (("prev", older), ("next", newer)):
        link = page.locator(f"a.md-footer__link--{css}")
        if neighbour is None:
            expect(link).to_have_count(0)
        else:
            expect(link).to_be_visible()
            assert link.evaluate("a => a.href") == server.url(page_path(neighbour)), f"{css} of {code_note.src_uri}"
    section_page, _, _ = open_page(f"{code_note.section.key}/", viewport=WIDE)
    expect(section_page.locator("a.md-footer__link")).to_have_count(0)  # "Previous: Home" says nothing


def test_note_header_puts_the_title_first_and_the_meta_line_right_under_it(open_page, code_note):
    page, _, _ = open_page(page_path(code_note), viewport=WIDE)
    title, meta = page.locator("article h1").first, page.locator("article .note-meta").first
    expect(title).to_have_text(code_note.meta.title)
    title_box, meta_box = title.bounding_box(), meta.bounding_box()
    gap = meta_box["y"] - (title_box["y"] + title_box["height"])
    assert 0 <= gap <= 16, f"the meta line is {gap:.0f} px below the title"
    first_tag = page.locator("article .md-tag").first
    assert first_tag.bounding_box()["y"] > meta_box["y"], "tags come before the meta line"
    assert int(title.evaluate("e => getComputedStyle(e).fontWeight")) >= 600, "the title is not strong"


def test_related_notes_are_one_list_without_duplicates(open_page, notes, server):
    page, _, _ = open_page("")
    problems = []
    for note in notes.notes:
        page.goto(server.url(page_path(note)))
        lists = page.locator("article nav.note-links")
        if lists.count() > 1:
            problems.append(f"{note.src_uri}: {lists.count()} lists of notes at the end")
        hrefs = page.locator("article nav.note-links a").evaluate_all("links => links.map(a => a.href)")
        if len(hrefs) != len(set(hrefs)):
            problems.append(f"{note.src_uri}: a note listed twice: {sorted(hrefs)}")
        if server.url(page_path(note)) in hrefs:
            problems.append(f"{note.src_uri}: lists itself")
        lines = page.locator("article nav.note-links li").evaluate_all(LINES_EACH)
        if any(count > 1 for count in lines):
            problems.append(f"{note.src_uri}: related notes take more than one line each at 1280 px: {lines}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", ["home", "note", "404"])
def test_footer_shows_the_author_and_a_feed_link_that_works(open_page, reader_pages, kind):
    page, _, _ = open_page(reader_pages[kind], viewport=WIDE)
    feed = page.locator("footer a", has_text="RSS feed")
    expect(feed).to_be_visible()
    response = page.request.get(feed.evaluate("a => a.href"))
    assert response.ok and "<rss" in response.text(), f"the footer's feed link answers {response.status}"
    expect(page.locator("footer").get_by_text("Written by")).to_be_visible()
    expect(page.locator("footer").get_by_role("link", name="About")).to_be_visible()


def test_not_found_page_offers_search_and_the_latest_notes(open_page, notes, server):
    page, response, _ = open_page(MISSING, viewport=WIDE)
    assert response.status == 404
    latest = page.locator("article ul.note-latest a")
    assert latest.all_inner_texts() == [note.meta.title for note in notes.notes[:5]]
    page.locator("article input[name=q]").fill("rerun")
    page.locator("article form button").click()
    expect(page.locator("input.md-search__input")).to_have_value("rerun")
    expect(page.locator("a.md-search-result__link").first).to_be_visible()


def test_tags_page_starts_with_every_tag_and_its_count(open_page, notes):
    page, _, _ = open_page("tags/", viewport=WIDE)
    counts = {}
    for note in notes.notes:
        for tag in note.meta.tags:
            counts[tag] = counts.get(tag, 0) + 1
    shown = page.locator("nav.tag-index a").evaluate_all(
        "links => links.map(a => [a.firstChild.textContent.trim(), Number(a.lastChild.textContent), a.hash])"
    )
    assert {tag: count for tag, count, _ in shown} == counts
    for tag, _, anchor in shown:  # each goes to that tag's list
        expect(page.locator(f'[id="{unquote(anchor[1:])}"]')).to_contain_text(tag)
