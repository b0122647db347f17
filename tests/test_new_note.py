"""`make new`: a new note passes every check as it is, and a refused one leaves the tree exactly as it was.

Each test runs hooks/new_note.py (what `make new` runs) in a fresh copy of tests/fixture_site, in a
subprocess, then reads the files it wrote with the site's own front-matter schema, runs the real snippet
checks and the strict build on the copy.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import new_note
import pytest
from conftest import BIN, REPO, Result, _run

from notesite import frontmatter

# One title per section; the first has quotes, a colon, a backslash, a dollar and non-ASCII letters.
NEW_NOTES = [
    ("engineering", 'Why "COUNT(*)" lies: a café’s $HOME \\ path', "why-count-lies-a-cafes-home-path"),
    ("study", "Queues in the Networking Course", "queues-in-the-networking-course"),
    ("debug", "A Rerun That Skipped Partitions", "a-rerun-that-skipped-partitions"),
]
# The shape of each kind of note, as the writing guide gives it.
HEADINGS = {
    "engineering": [
        "The situation",
        "The mechanism",
        "The fix",
        "How to check for it",
        "Trade-offs and when not to use it",
        "Checklist",
    ],
    "debug": ["Symptom", "Likely causes, most common first", "Checks", "Checklist"],
    "study": ["The coursework", "Where it shows up in production", "What to take away"],
}


def run_new(site, *args: str) -> Result:
    return _run([sys.executable, "hooks/new_note.py", *args], site.root)


def snapshot(site) -> tuple[dict[str, bytes], list[str]]:
    """Every file with its bytes, and every folder: an empty folder left behind is a change too."""
    folders = sorted(path.relative_to(site.root).as_posix() for path in site.root.rglob("*") if path.is_dir())
    return site.files(), folders


def include_lines(section: str, slug: str) -> str:
    """The include markup of README "Adding a snippet", for the example."""
    return (
        f'```python title="example.py"\n--8<-- "{section}/{slug}/example.py:example"\n```\n\n'
        f'```text title="Output"\n--8<-- "{section}/{slug}/example.out"\n```\n'
    )


def test_a_new_note_in_each_section_passes_its_checks_and_builds(site):
    first_day = dt.date.today()
    for section, title, slug in NEW_NOTES:
        result = run_new(site, "--section", section, "--title", title)
        assert result.returncode == 0, result.output
        for created in (f"snippets/{section}/{slug}/example.py", f"snippets/{section}/{slug}/example.out"):
            assert f"created {created}\n" in result.output
        assert f"created docs/{section}/{slug}.md\n" in result.output

        meta, problems, body = frontmatter.read(site.path(f"docs/{section}/{slug}.md"), f"docs/{section}/{slug}.md")
        assert problems == []
        assert meta.title == title
        assert first_day <= meta.date <= dt.date.today()
        assert meta.tags == ("draft",)
        assert "TODO" in meta.summary, "the placeholder summary must be easy to spot"
        assert include_lines(section, slug) in body

    new_paths = [
        p for section, _, slug in NEW_NOTES for p in (f"snippets/{section}/{slug}", f"docs/{section}/{slug}.md")
    ]
    checks = site.verify(*new_paths)
    assert checks.returncode == 0, checks.output
    assert "9 passed" in checks.output  # three snippets, three pages with two checks each

    build = site.build()
    assert build.returncode == 0, build.output
    assert "north: 165" in site.read("_site/engineering/why-count-lies-a-cafes-home-path/index.html")


@pytest.mark.parametrize("section", HEADINGS)
def test_the_body_has_the_shape_of_its_section_and_shows_the_example(site, section):
    assert run_new(site, "--section", section, "--title", "Shape").returncode == 0
    body = site.read(f"docs/{section}/shape.md")
    headings = [line.removeprefix("## ") for line in body.splitlines() if line.startswith("## ")]
    assert headings == HEADINGS[section]
    assert body.count("--8<--") == 2, "the example and its output, shown once each"


def test_the_new_snippet_passes_the_repository_lint(site):
    assert run_new(site, "--section", "debug", "--title", "Lint me").returncode == 0
    snippet = site.path("snippets/debug/lint-me/example.py")
    for command in (["check"], ["format", "--check"]):
        done = subprocess.run(
            [str(BIN / "ruff"), *command, "--no-cache", "--config", str(REPO / "pyproject.toml"), str(snippet)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr


REFUSALS = [
    pytest.param(
        ["--section", "engineering", "--title", "Alpha"], "docs/engineering/alpha.md already exists", id="note"
    ),
    pytest.param(["--section", "debug", "--title", "alpha"], "docs/engineering/alpha.md already exists", id="slug"),
    pytest.param(
        ["--section", "study", "--title", "ALPHA, a fixture note"],
        "docs/engineering/alpha.md already has this title",
        id="title",
    ),
    pytest.param(
        ["--section", "misc", "--title", "Stray"],
        "unknown SECTION=misc; choose one of: engineering, study, debug",
        id="unknown-section",
    ),
    pytest.param(["--title", "Stray"], "SECTION is missing; choose one of: engineering", id="no-section"),
    pytest.param(["--section", "debug", "--title", "!!!"], "has no letters or digits", id="empty-slug"),
    pytest.param(["--section", "debug", "--title", ""], "TITLE is missing", id="empty-title"),
    pytest.param(["--section", "debug"], "TITLE is missing", id="no-title"),
    pytest.param(["--section", "debug", "--title", "Index"], "taken by the section page", id="index-slug"),
    pytest.param(["--section", "debug", "--title", "x" * 130], "title: 130 characters", id="long-title"),
]


@pytest.mark.parametrize(("args", "message"), REFUSALS)
def test_a_refusal_says_why_in_one_line_and_changes_nothing(site, args, message):
    before = snapshot(site)
    result = run_new(site, *args)
    assert result.returncode == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert snapshot(site) == before


def test_a_second_new_with_the_same_title_leaves_the_first_note_unchanged(site):
    assert run_new(site, "--section", "debug", "--title", "Twice").returncode == 0
    site.append("docs/debug/twice.md", "\nThe author has started writing.\n")
    before = snapshot(site)

    result = run_new(site, "--section", "debug", "--title", "Twice")
    assert result.returncode == 1
    assert "docs/debug/twice.md already exists" in result.output
    assert snapshot(site) == before


def test_a_snippet_folder_without_a_note_is_not_taken_over(site):
    site.write("snippets/study/left-over/data.csv", "id\n1\n")
    before = snapshot(site)

    result = run_new(site, "--section", "engineering", "--title", "Left over")
    assert result.returncode == 1
    assert "snippets/study/left-over/ already exists and no note has the slug `left-over`" in result.output
    assert snapshot(site) == before


def test_a_failed_write_removes_what_was_written(tmp_path: Path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder is needed", encoding="utf-8")
    files = {
        tmp_path / "snippets" / "example.py": "print()\n",
        tmp_path / "snippets" / "example.out": "\n",
        blocker / "note.md": "never written",
    }
    with pytest.raises(new_note.Refusal, match="nothing was created"):
        new_note.create(files)
    assert sorted(tmp_path.iterdir()) == [blocker]


def test_an_existing_file_is_never_overwritten(tmp_path: Path):
    note = tmp_path / "note.md"
    note.write_text("the author's words", encoding="utf-8")
    with pytest.raises(new_note.Refusal):
        new_note.create({note: "a template"})
    assert note.read_text(encoding="utf-8") == "the author's words"
