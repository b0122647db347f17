"""What helps a reader find and trust a note, checked on the real built site: related notes, backlinks,
tags, the feed, social meta tags, and the marks on verified examples."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import PurePosixPath

import pytest
from conftest import REPO, note_page, page

from notesite import config
from notesite.site.page_parts import RELATED_LIMIT

pytestmark = pytest.mark.xdist_group("site")


def linked_notes(soup, css: str) -> list[str]:
    block = soup.find("nav", class_=css)
    return [a.get_text(strip=True) for a in block.find_all("a")] if block else []


def test_related_notes_share_a_tag_or_a_link_and_no_note_with_one_lacks_them(built, notes):
    """A content check that a freshly scaffolded note (tagged `draft`, linking nowhere) passes too: a note that
    shares nothing with any other lists none; one that shares a tag or a link lists one to RELATED_LIMIT."""
    by_title = {note.meta.title: note for note in notes.notes}
    for note in notes.notes:
        related = linked_notes(page(built, note_page(note)), "note-links--related")
        kin = [
            other
            for other in notes.notes
            if other is not note
            and (
                set(note.meta.tags) & set(other.meta.tags) or other.src_uri in note.links or note.src_uri in other.links
            )
        ]
        assert (1 <= len(related) <= RELATED_LIMIT) if kin else not related, f"{note.src_uri}: {related}"
        for title in related:
            other = by_title[title]
            assert other is not note
            shares = set(note.meta.tags) & set(other.meta.tags)
            linked = other.src_uri in note.links or note.src_uri in other.links
            assert shares or linked, f"{note.src_uri} lists {other.src_uri} as related with nothing in common"


def test_notes_that_link_here_lead_the_one_related_list_once_each(built, notes):
    """One list at the end of a note: every note that links here (up to the list's length), marked so, then notes
    that share a tag; no note twice."""
    for note in notes.notes:
        soup = page(built, note_page(note))
        assert len(soup.find_all("nav", class_="note-links")) <= 1, note.src_uri
        linking = [o.meta.title for o in notes.notes if note.src_uri in o.links and o is not note]  # newest first
        items = soup.select("nav.note-links li")
        shown = [li.find("a").get_text(strip=True) for li in items]
        assert len(shown) == len(set(shown)) <= RELATED_LIMIT, f"{note.src_uri}: {shown}"
        assert shown[: len(linking)] == linking[:RELATED_LIMIT], f"{note.src_uri}: {shown}"
        marked = [li.find("a").get_text(strip=True) for li in items if "links here" in li.get_text()]
        assert marked == linking[:RELATED_LIMIT], f"{note.src_uri}: {marked}"


def test_tags_page_lists_every_tag_and_note_pages_link_to_it(built, notes):
    tags_page = page(built, "tags/index.html").get_text(" ")
    for tag in {tag for note in notes.notes for tag in note.meta.tags}:
        assert tag in tags_page, f"tag {tag} missing from the tags page"
    note = notes.notes[0]
    links = [a["href"] for a in page(built, note_page(note)).select("a.md-tag")]
    assert len(links) == len(note.meta.tags) and all("tags/" in href for href in links)


def test_feed_has_every_note_with_title_summary_and_date_and_is_advertised(built, notes):
    channel = ET.parse(built.root / "feed_rss_created.xml").getroot().find("channel")
    items = {item.findtext("title"): item for item in channel.findall("item")}
    for note in notes.notes:
        item = items[note.meta.title]
        assert item.findtext("description").strip() == note.meta.summary
        assert item.findtext("link").rstrip("/").endswith(PurePosixPath(note.src_uri).with_suffix("").as_posix())
        assert note.meta.date.strftime("%d %b %Y") in item.findtext("pubDate")
    alternate = page(built, "index.html").find("link", rel="alternate", type="application/rss+xml")
    assert alternate is not None and alternate["href"].endswith("feed_rss_created.xml")
    # The feed's image is the site's icon, as an absolute URL that the site serves (the plugin wrote "None").
    image = channel.findtext("image/url")
    assert image.startswith(("http://", "https://")) and image.endswith(".png"), image
    assert (built.root / "assets" / image.split("/assets/", 1)[-1]).is_file(), image


def test_note_pages_carry_social_meta_and_a_canonical_url(built, notes):
    for note in notes.notes:
        soup = page(built, note_page(note))
        meta = {tag.get("property") or tag.get("name"): tag.get("content") for tag in soup.find_all("meta")}
        assert meta["og:title"] == note.meta.title
        assert meta["og:description"] == meta["twitter:description"] == note.meta.summary
        assert meta["og:type"] == "article"
        canonical = soup.find("link", rel="canonical")["href"]
        assert meta["og:url"] == canonical and canonical.endswith(note_page(note).removesuffix("index.html"))


def test_every_shown_output_carries_a_mark_linking_to_its_tested_source(built, notes):
    snippets = REPO / "snippets"
    for note in notes.notes:
        if not note.src_uri.endswith(".md"):
            continue
        scanned = config.load(REPO).includes().scan((REPO / "docs" / note.src_uri).read_text())
        outputs = [i for i in scanned.includes if i.path.endswith(".out")]
        marks = page(built, note_page(note)).select("p.snippet-check")
        assert len(marks) == len(outputs), f"{note.src_uri}: {len(outputs)} outputs, {len(marks)} marks"
        for mark in marks:
            source = (built.root / note_page(note)).parent / mark.find("a")["href"]
            tested = snippets / source.resolve().relative_to((built.root / "snippets").resolve())
            assert source.read_bytes() == tested.read_bytes()


def test_every_note_shows_its_date_and_reading_time(built, notes):
    for note in notes.notes:
        line = page(built, note_page(note)).find("p", class_="note-meta")
        assert line.find("time")["datetime"] == note.meta.date.isoformat()
        assert f"{note.reading_minutes} min read" in line.get_text()
