"""The generated pages: the home page and one page per section.

Each page is Markdown (title, intro, section headings) with an empty placeholder where each list of note
cards goes; the cards themselves are plain HTML, put in place of the placeholders after the page is rendered
(`home_cards`, `section_cards`, `fill`). On a large site Markdown never parses a thousand cards twice (home
and section page), and search does not index every note's title and summary again as text of the home and
section pages, which would make those pages a second hit for every query. The cards' links are not
hand-written but computed by the caller from MkDocs' own File objects (`href(note)`), so a card cannot point
at a page that does not exist; the section headings stay Markdown links, which MkDocs validates like any other.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from ..index import Note, NoteIndex, Section

# Index pages list notes themselves: the sidebar and the table of contents would only repeat the list.
INDEX_FRONT_MATTER = "---\nhide:\n  - navigation\n  - toc\n---\n\n"
Href = Callable[[Note], str]  # a note's URL relative to the page being generated


def human_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def dates(published: dt.date, updated: dt.date | None) -> str:
    """`20 Oct 2026 · updated 3 Nov 2026`, machine-readable too; an update on or before publication is not one."""
    shown = f'<time datetime="{published.isoformat()}">{human_date(published)}</time>'
    if updated and updated > published:
        shown += f' · updated <time datetime="{updated.isoformat()}">{human_date(updated)}</time>'
    return shown


def text(value: str) -> str:
    """Escape a front-matter string for Markdown with inline HTML: no markup from titles or summaries."""
    escaped = html.escape(value, quote=True)
    return "".join("\\" + ch if ch in "\\`*_[]{}#|!" else ch for ch in escaped)


def card(note: Note, href: Href, heading: str = "h3") -> str:
    """One note as a card. No blank line inside: the whole list stays one raw-HTML block for Markdown."""
    link, title = html.escape(href(note), quote=True), html.escape(note.meta.title)
    return (
        '<article class="note-card">\n'
        f'<{heading}><a href="{link}">{title}</a></{heading}>\n'
        f"<p>{html.escape(note.meta.summary)}</p>\n"
        f'<p class="note-card__meta">{dates(note.meta.date, note.meta.updated)} · {note.reading_minutes} min read</p>\n'
        f'<p><a class="note-card__read" href="{link}">Read<span class="visually-hidden"> {title}</span> '
        '<span aria-hidden="true">→</span></a></p>\n'
        "</article>\n"
    )


def placeholder(name: str) -> str:
    """An empty element that Markdown passes through untouched, replaced by the cards after rendering."""
    return f'<div class="note-list" data-cards="{name}"></div>'


def card_list(notes: list[Note], href: Href, heading: str) -> str:
    cards = "".join(card(note, href, heading) for note in notes) or "<p><em>No notes yet.</em></p>\n"
    return f'<div class="note-list">\n{cards}</div>'


def home(index: NoteIndex, site_name: str, intro: str) -> str:
    parts = [INDEX_FRONT_MATTER, f"# {text(site_name)}\n\n{text(intro)}\n{{ .note-intro }}\n"]
    if index.featured():
        parts.append(f"\n{placeholder('featured')}\n")
    for section in index.sections:
        parts.append(
            f"\n## [{text(section.title)}]({section.index_uri}) {{ #{section.key} }}\n\n"
            f"{text(section.description)}\n{{ .note-section__description }}\n\n{placeholder(section.key)}\n"
        )
    return "".join(parts)


def section_page(section: Section) -> str:
    return (
        f"{INDEX_FRONT_MATTER}# {text(section.title)}\n\n{text(section.description)}\n"
        f"{{ .note-section__description }}\n\n{placeholder(section.key)}\n"
    )


def home_cards(index: NoteIndex, href: Href) -> dict[str, str]:
    """Placeholder -> cards, for the page `home` wrote."""
    cards = {placeholder(s.key): card_list(index.in_section(s), href, "h3") for s in index.sections}
    featured = index.featured()
    if featured:
        cards[placeholder("featured")] = f'<div class="note-featured">\n{card(featured, href, "h2")}</div>'
    return cards


def section_cards(index: NoteIndex, section: Section, href: Href) -> dict[str, str]:
    """Placeholder -> cards, for the page `section_page` wrote."""
    return {placeholder(section.key): card_list(index.in_section(section), href, "h2")}


def fill(output: str, cards: dict[str, str], page: str) -> str:
    """Put the cards in place of their placeholders in a rendered page. A placeholder that did not survive
    rendering is a bug in the engine, not in a note: stop rather than publish a page without its list."""
    for mark, html_cards in cards.items():
        if output.count(mark) != 1:
            raise RuntimeError(f"{page}: expected one {mark} in the rendered page, found {output.count(mark)}")
        output = output.replace(mark, html_cards, 1)
    return output


def about_page(site_name: str, author: str | None, about: str) -> str:
    """The About page, from mkdocs.yml: `extra.notes.about` (Markdown) and `site_author`."""
    by = f"\n\nWritten by {text(author)}.\n" if author else "\n"
    return f"{INDEX_FRONT_MATTER}# About {text(site_name)}\n\n{about.strip()}{by}"


def tag_index(counts: dict[str, int], anchor: Callable[[str], str]) -> str:
    """Every tag with its number of notes, linking to its heading on the tags page; most used first."""
    items = "".join(
        f'<li><a class="md-tag" href="#{html.escape(anchor(tag), quote=True)}">{html.escape(tag)}'
        f'<span class="tag-index__count"> {count}</span></a></li>'
        for tag, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )
    return f'<nav class="tag-index" aria-label="Tags and their number of notes"><ul>{items}</ul></nav>\n\n'


def not_found(latest: list[Note], href: Href, search_action: str) -> str:
    """What the 404 page offers: a search of the notes and the latest notes."""
    items = "".join(f'<li><a href="{html.escape(href(n), quote=True)}">{html.escape(n.meta.title)}</a></li>' for n in latest)
    return (
        "<h1>Page not found</h1>\n"
        "<p>There is no page at this address. Search the notes, or start from the latest ones.</p>\n"
        f'<form class="note-search" action="{html.escape(search_action, quote=True)}" method="get" role="search">'
        '<label for="note-search-q">Search the notes</label> '
        '<input id="note-search-q" name="q" type="search" required> '
        '<button class="md-button md-button--primary" type="submit">Search</button></form>\n'
        + (f'<h2>Latest notes</h2>\n<ul class="note-latest">{items}</ul>\n' if items else "")
    )
