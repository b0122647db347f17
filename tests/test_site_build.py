"""The real site: it builds strictly, and what the generated pages list agrees with the notes themselves."""

from __future__ import annotations

import json
import re

import pytest
from conftest import note_page, page

pytestmark = pytest.mark.xdist_group("site")  # one build per worker that runs these tests
LOCAL = ("http://127.0.0.1", "/", "./", "../", "#", "data:")


def test_strict_build_passes_without_warnings(built):
    assert built.returncode == 0, built.output
    assert "WARNING" not in built.output and "ERROR" not in built.output, built.output


def test_every_section_has_a_note(notes):
    for section in notes.sections:
        assert notes.in_section(section), f"no note in {section.key}"


def test_home_lists_every_note_under_its_section_newest_first(built, notes):
    site = built
    home = page(site, "index.html")
    for section in notes.sections:
        heading = home.find(id=section.key)
        assert heading is not None and section.title in heading.get_text()
        listing = heading.find_next("div", class_="note-list")
        cards = listing.find_all("article", class_="note-card")
        titles = [card.find(["h2", "h3"]).get_text(strip=True).rstrip("¶") for card in cards]
        assert titles == [note.meta.title for note in notes.in_section(section)]
        for card, note in zip(cards, notes.in_section(section)):
            assert note.meta.summary in card.get_text(" ", strip=True)
            read = card.find("a", class_="note-card__read")
            assert read.get_text(" ", strip=True).startswith("Read")
            target = site.root / read["href"] / "index.html"
            assert target.exists(), f"Read link of {note.src_uri} goes to {read['href']}"


def test_featured_note_is_on_top_of_home(built, notes):
    site = built
    featured = notes.featured()
    block = page(site, "index.html").find("div", class_="note-featured")
    if featured is None:
        assert block is None
    else:
        assert featured.meta.title in block.get_text()


def test_section_pages_list_their_notes(built, notes):
    site = built
    for section in notes.sections:
        html = page(site, f"{section.key}/index.html")
        titles = [h.get_text(strip=True).rstrip("¶") for h in html.select("article.note-card h2")]
        assert titles == [note.meta.title for note in notes.in_section(section)]


def test_search_finds_a_note_on_its_own_page_not_again_on_the_listings(built, notes):
    """The cards are put in after search has indexed a page: a query matching a summary finds the note, not
    also the home and section pages that list it."""
    index = json.loads((built.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    text_of = {doc["location"]: doc["text"] for doc in index["docs"]}
    listings = [""] + [f"{section.key}/" for section in notes.sections]
    for note in notes.notes:
        for location in listings:
            assert note.meta.summary not in text_of[location], f"{note.src_uri}'s summary indexed on /{location}"
    titled = {doc["title"] for doc in index["docs"]}
    assert all(note.meta.title in titled for note in notes.notes)
    for location in listings:
        html = (built.root / location / "index.html").read_text(encoding="utf-8")
        assert "data-cards" not in html, f"a card placeholder is left on /{location}"


def test_note_pages_have_summary_as_description_and_a_small_navigation(built, notes):
    site = built
    for note in notes.notes:
        html = page(site, note_page(note))
        assert html.find("meta", attrs={"name": "description"})["content"] == note.meta.summary
        nav = html.find("nav", class_="md-nav--primary")
        linked = {a.get("href", "") for a in nav.find_all("a")}
        others = [n for n in notes.notes if n is not note and any(n.slug in href for href in linked)]
        assert not others, f"{note.src_uri}: the sidebar lists other notes: {[n.slug for n in others]}"


def test_no_page_loads_anything_from_another_host(built):
    site = built
    for html_file in site.root.rglob("*.html"):
        html = page(site, html_file.relative_to(site.root).as_posix())
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in html.find_all(tag):
                url = element.get(attribute)
                if not url or (tag == "link" and element.get("rel") in (["canonical"], ["alternate"])):
                    continue
                assert url.startswith(LOCAL) or not re.match(r"^[a-z]+:", url), f"{html_file}: {tag} {url}"
