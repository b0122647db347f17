"""Markdown for the generated pages: the home page and one page per section.

The note cards are plain HTML: on a large site, Markdown-in-HTML for every card cost more than the rest of
these pages together. Their links are not hand-written but computed by the caller from MkDocs' own File
objects (`href(note)`), so a card cannot point at a page that does not exist; the section headings stay
Markdown links, which MkDocs validates like any other.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from .index import Note, NoteIndex, Section

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


def section_block(index: NoteIndex, section: Section, href: Href, heading: str) -> str:
    notes = index.in_section(section)
    cards = "".join(card(note, href, heading) for note in notes) or "<p><em>No notes yet.</em></p>\n"
    return f'<div class="note-list">\n{cards}</div>\n'


def home(index: NoteIndex, site_name: str, intro: str, href: Href) -> str:
    parts = [INDEX_FRONT_MATTER, f"# {text(site_name)}\n\n{text(intro)}\n{{ .note-intro }}\n"]
    featured = index.featured()
    if featured:
        parts.append(f'\n<div class="note-featured">\n{card(featured, href, "h2")}</div>\n')
    for section in index.sections:
        parts.append(
            f"\n## [{text(section.title)}]({section.index_uri}) {{ #{section.key} }}\n\n"
            f"{text(section.description)}\n{{ .note-section__description }}\n\n"
        )
        parts.append(section_block(index, section, href, "h3"))
    return "".join(parts)


def section_page(index: NoteIndex, section: Section, href: Href) -> str:
    return (
        f"{INDEX_FRONT_MATTER}# {text(section.title)}\n\n{text(section.description)}\n"
        "{ .note-section__description }\n\n" + section_block(index, section, href, "h2")
    )
