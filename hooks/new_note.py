"""`make new SECTION=… TITLE="…"`: start a note that passes `make test` as it is.

For a title and one of the sections of mkdocs.yml (`extra.notes.sections`) it creates:

    docs/<section>/<slug>.md                front matter, a body in the section's shape, the example included
    snippets/<section>/<slug>/example.py    a first runnable example
    snippets/<section>/<slug>/example.out   what the example prints, which the page shows under it

Everything is checked before anything is written, and no file is ever overwritten. When it refuses (no
title, an unknown section, a title without letters or digits, a slug or a title another note already has)
it says why in one line, exits 1 and leaves the disk as it was. Run it from the folder of mkdocs.yml.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from slugify import slugify

from notesite import config, contract, frontmatter
from notesite.index import NOTE_SUFFIXES, Section

EXAMPLE = "example"  # the snippet's file name, and the named section of it that the page shows
DRAFT_TAG = "draft"  # valid, and easy to find: `grep -rl 'tags: \[draft\]' docs`
SUMMARY = "TODO: one sentence, the reader's reason to click (the card text, the feed entry, the meta description)."
RESERVED_SLUGS = {"index": "the section page the engine generates"}

DRAFT_NOTE = (
    "<!-- Started by `make new`: replace every TODO, rewrite each heading to say what its part shows, replace\n"
    "the example with your own (then `make accept NOTE={slug}` and read example.out), drop the draft tag. -->"
)

# Deterministic on purpose (sorted), like every snippet must be. Kept free of the title: a title may
# contain quotes or backslashes, and generated code must not depend on escaping them right.
EXAMPLE_CODE = '''\
"""The first example of this note: replace it with the smallest program that shows the point.

The whole file runs; the page shows only the part between the markers.
"""

# --8<-- [start:example]
orders = [("north", 120), ("south", 80), ("north", 45)]
totals: dict[str, int] = {}
for region, amount in orders:
    totals[region] = totals.get(region, 0) + amount
for region in sorted(totals):
    print(f"{region}: {totals[region]}")
# --8<-- [end:example]
'''
EXAMPLE_OUTPUT = "north: 165\nsouth: 80\n"

# The body of a new note, per section: (heading, placeholder). `{example}` is where the example is shown.
SHAPES: dict[str, tuple[tuple[str, str], ...]] = {
    "engineering": (
        ("The situation", "TODO: two or three paragraphs: the system, what looked fine, what was wrong."),
        ("The mechanism", "TODO: why it happens, shown with the smallest example that reproduces it.\n\n{example}"),
        ("The fix", "TODO: the pattern or the fix, run on the same input as the example above."),
        ("How to check for it", "TODO: the test, the query or the metric that catches it next time."),
        ("Trade-offs and when not to use it", "TODO: what the fix costs, and where it does not apply."),
        ("Checklist", "- TODO: five to ten lines a reader can paste into a runbook."),
    ),
    "debug": (
        ("Symptom", "TODO: what the reader sees when this goes wrong."),
        ("Likely causes, most common first", "1. TODO: the most common cause."),
        ("Checks", "TODO: the check that tells the causes apart.\n\n{example}"),
        ("Checklist", "- TODO: the lines a reader can paste into a runbook."),
    ),
    "study": (
        ("The coursework", "TODO: the idea from the course, in a paragraph."),
        ("Where it shows up in production", "TODO: the system where this idea decides the outcome.\n\n{example}"),
        ("What to take away", "- TODO: what a working engineer does differently because of it."),
    ),
}
OTHER_SHAPE = (("TODO: a heading that says what this part shows", "TODO: the point, shown.\n\n{example}"),)


class Refusal(Exception):
    """Why no note was created: one line that says what is wrong and what to do."""


@dataclass(frozen=True)
class NewNote:
    slug: str
    files: dict[Path, str]  # path -> text, in the order they are written: the note last


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        site = load_site(Path.cwd())
        new = plan(site, args.section.strip(), " ".join(args.title.split()), dt.date.today())
        create(new.files)
    except Refusal as refusal:
        print(f"make new: {refusal}", file=sys.stderr)
        return 1
    for path in new.files:
        print(f"created {shown(site, path)}")
    print(f"next: make serve, replace every TODO and the example, then make accept NOTE={new.slug} and make test")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Create a note, its first snippet and its expected output.")
    parser.add_argument("--section", default="", help="a section key of mkdocs.yml extra.notes.sections")
    parser.add_argument("--title", default="", help="the note's title; the file name (slug) is made from it")
    return parser.parse_args(argv)


def load_site(root: Path) -> config.SiteConfig:
    try:
        return config.load(root)
    except FileNotFoundError:
        raise Refusal(f"no {config.CONFIG_FILE} in {root}; run it from the site's folder") from None


def plan(site: config.SiteConfig, section_key: str, title: str, today: dt.date) -> NewNote:
    """The files to create and their text; Refusal when any of them must not be created."""
    if not title:
        raise Refusal('TITLE is missing; run: make new SECTION=<section> TITLE="What the note shows"')
    section = choose_section(site, section_key)
    slug = slug_for(title)
    refuse_if_taken(site, slug, title)
    snippet_dir = site.snippets_dir / section.key / slug
    note = site.docs_dir / section.key / f"{slug}.md"
    text = note_text(section, slug, title, today)
    refuse_if_invalid(text, shown(site, note))
    example = snippet_dir / f"{EXAMPLE}.py"
    files = {example: EXAMPLE_CODE, contract.expected_output(example): EXAMPLE_OUTPUT, note: text}
    return NewNote(slug, files)


def choose_section(site: config.SiteConfig, key: str) -> Section:
    try:
        sections = site.sections
    except ValueError as error:  # extra.notes.sections missing or malformed: the message says how to fix it
        raise Refusal(str(error)) from None
    known = ", ".join(section.key for section in sections)
    if not key:
        raise Refusal(f"SECTION is missing; choose one of: {known}")
    for section in sections:
        if section.key == key:
            return section
    raise Refusal(f"unknown SECTION={key}; choose one of: {known}")


def slug_for(title: str) -> str:
    """The note's file name: lower-case ASCII words joined by hyphens (`make verify NOTE=` takes it too)."""
    slug = slugify(title)
    if not slug:
        raise Refusal(f"TITLE={title!r} has no letters or digits to make a file name from; use words")
    if slug in RESERVED_SLUGS:
        raise Refusal(f"TITLE={title!r} makes the file name `{slug}`, taken by {RESERVED_SLUGS[slug]}; reword it")
    return slug


def refuse_if_taken(site: config.SiteConfig, slug: str, title: str) -> None:
    """A slug names one note and one snippet folder across all sections; a title names one note (the build
    refuses duplicates of either, so creating one would only break `make test`)."""
    notes = sorted(path for suffix in NOTE_SUFFIXES for path in site.docs_dir.glob(f"*/{slug}{suffix}"))
    if notes:
        raise Refusal(f"{shown(site, notes[0])} already exists; choose another TITLE, or edit that note")
    folders = sorted(site.snippets_dir.glob(f"*/{slug}"))
    if folders:
        raise Refusal(
            f"{shown(site, folders[0])}/ already exists and no note has the slug `{slug}`; "
            "choose another TITLE, or delete that folder if it is left over"
        )
    same_title = note_titled(site.docs_dir, title)
    if same_title is not None:
        raise Refusal(f"{shown(site, same_title)} already has this title; choose another TITLE")


def note_titled(docs_dir: Path, title: str) -> Path | None:
    """The note whose title is `title` (ignoring case, as the build does), if any."""
    wanted = title.casefold()
    for path in sorted(docs_dir.glob("*/*")):
        if path.suffix not in NOTE_SUFFIXES or path.name == "index.md":
            continue
        try:
            meta, _, _ = frontmatter.read(path, shown_as=str(path))
        except (OSError, UnicodeDecodeError):
            continue  # an unreadable note is the build's to report, not a reason to refuse this one
        if meta is not None and meta.title.casefold() == wanted:
            return path
    return None


def note_text(section: Section, slug: str, title: str, today: dt.date) -> str:
    # A JSON string is a valid double-quoted YAML string: any title survives, colons and quotes included.
    front_matter = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"summary: {json.dumps(SUMMARY)}",
        f"date: {today.isoformat()}",
        f"tags: [{DRAFT_TAG}]",
        "---",
    ]
    body = [DRAFT_NOTE.format(slug=slug)]
    for heading, placeholder in SHAPES.get(section.key, OTHER_SHAPE):
        body += [f"## {heading}", placeholder.replace("{example}", example_include(section.key, slug))]
    return "\n".join(front_matter) + "\n\n" + "\n\n".join(body) + "\n"


def example_include(section_key: str, slug: str) -> str:
    """The example's code (its named section) and its output, as README "Adding a snippet" shows them."""
    code = PurePosixPath(section_key, slug, f"{EXAMPLE}.py")
    output = contract.expected_output(code)
    return (
        f'```python title="{code.name}"\n--8<-- "{code}:{EXAMPLE}"\n```\n\n'
        f'```text title="Output"\n--8<-- "{output}"\n```'
    )


def refuse_if_invalid(text: str, shown_as: str) -> None:
    """The generated front matter goes through the site's own schema (a 200-character title fails here)."""
    _, problems, _ = frontmatter.parse(text, shown_as)
    if problems:
        raise Refusal(f"the note would be invalid: {problems[0].message}; shorten or reword TITLE")


def create(files: dict[Path, str]) -> None:
    """Write every file, or none: a file that appeared meanwhile is never overwritten, and on any error
    what was already written (and any folder made for it) is removed again."""
    made: list[Path] = []
    try:
        for path, text in files.items():
            made += make_folders(path.parent)
            with path.open("x", encoding="utf-8") as handle:  # "x": fails rather than overwrite
                made.append(path)
                handle.write(text)
    except OSError as error:
        for path in reversed(made):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()
        raise Refusal(f"could not write {error.filename}: {error.strerror}; nothing was created") from None


def make_folders(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; return the ones created, outermost first."""
    missing = [path for path in (folder, *folder.parents) if not path.exists()][::-1]
    for path in missing:
        path.mkdir()
    return missing


def shown(site: config.SiteConfig, path: Path) -> str:
    """A path as the author types it: relative to the site's folder."""
    try:
        return path.relative_to(site.root).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
