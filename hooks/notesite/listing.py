"""Markdown for the generated pages: the home page and one page per section.

Links are written as Markdown links to the notes' source files, so MkDocs rewrites and validates them like
any hand-written link: a listing can never point at a page that does not exist.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath

from .index import Note, NoteIndex, Section

# Index pages list notes themselves: the sidebar and the table of contents would only repeat the list.
INDEX_FRONT_MATTER = "---\nhide:\n  - navigation\n  - toc\n---\n\n"


def human_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def text(value: str) -> str:
    """Escape a front-matter string for Markdown with inline HTML: no markup from titles or summaries."""
    escaped = html.escape(value, quote=True)
    return "".join("\\" + ch if ch in "\\`*_[]{}#|!" else ch for ch in escaped)


def card(note: Note, from_uri: str, heading: str = "###") -> str:
    link = posixpath.relpath(note.src_uri, posixpath.dirname(from_uri) or ".")
    title = text(note.meta.title)
    dates = f'<time datetime="{note.meta.date.isoformat()}">{human_date(note.meta.date)}</time>'
    if note.meta.updated:
        updated = note.meta.updated
        dates += f' · updated <time datetime="{updated.isoformat()}">{human_date(updated)}</time>'
    return (
        f'<article class="note-card" markdown>\n\n'
        f"{heading} [{title}]({link})\n\n"
        f"{text(note.meta.summary)}\n\n"
        f'<p class="note-card__meta">{dates} · {note.reading_minutes} min read</p>\n\n'
        f'[Read<span class="visually-hidden"> {html.escape(note.meta.title)}</span> '
        f'<span aria-hidden="true">→</span>]({link}){{ .note-card__read }}\n\n'
        f"</article>\n"
    )


def section_block(index: NoteIndex, section: Section, from_uri: str, heading: str) -> str:
    notes = index.in_section(section)
    cards = "\n".join(card(note, from_uri, heading) for note in notes) or "_No notes yet._\n"
    return f'<div class="note-list" markdown>\n\n{cards}\n</div>\n'


def home(index: NoteIndex, site_name: str, intro: str) -> str:
    parts = [INDEX_FRONT_MATTER, f"# {text(site_name)}\n\n{text(intro)}\n{{ .note-intro }}\n"]
    featured = index.featured()
    if featured:
        parts.append(f'\n<div class="note-featured" markdown>\n\n{card(featured, "index.md", "##")}\n</div>\n')
    for section in index.sections:
        link = section.index_uri
        parts.append(
            f"\n## [{text(section.title)}]({link}) {{ #{section.key} }}\n\n"
            f"{text(section.description)}\n{{ .note-section__description }}\n\n"
        )
        parts.append(section_block(index, section, "index.md", "###"))
    return "".join(parts)


def section_page(index: NoteIndex, section: Section) -> str:
    return (
        f"{INDEX_FRONT_MATTER}# {text(section.title)}\n\n{text(section.description)}\n"
        "{ .note-section__description }\n\n" + section_block(index, section, section.index_uri, "##")
    )
