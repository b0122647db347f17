"""The front-matter schema on its own: what it accepts, and what it says about what it refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from notesite import frontmatter, index

GOOD = """---
title: A note
summary: One sentence about it.
date: 2026-03-01
tags: [sql, data-quality]
---
Body text with five words.
"""


def test_a_complete_note_parses():
    meta, problems, body = frontmatter.parse(GOOD, "docs/engineering/a.md")
    assert problems == []
    assert meta.date == dt.date(2026, 3, 1)
    assert meta.tags == ("sql", "data-quality")
    assert body.strip() == "Body text with five words."


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("title: A note\n", ""), "a.md:1: title: required field is missing"),
        (("title: A note", "title: ''"), "a.md:2: title: expected a non-empty line of text"),
        (("date: 2026-03-01", "date: 01/03/2026"), "a.md:4: date: expected an ISO date"),
        (("date: 2026-03-01", "date: 2026-03-01T10:00:00"), "a.md:4: date: expected an ISO date"),
        (("tags: [sql, data-quality]", "tags: [SQL]"), "a.md:5: tags: 'SQL' is not a lower-case"),
        (("tags: [sql, data-quality]", "tags: [sql, sql]"), "a.md:5: tags: a tag is listed twice"),
        (("tags: [sql, data-quality]", "tags: []"), "a.md:5: tags: expected a non-empty list"),
        (("---\n", "---\nupdated: 2026-01-01\n", 1), "updated: 2026-01-01 is before the note's date"),
        (("---\n", "---\nfeatured: yes please\n", 1), "featured: expected true or false"),
        (("title: A note", "title: [unclosed"), "front matter is not valid YAML"),
        (("---\n", "", 1), "no front matter"),
    ],
)
def test_each_problem_is_named_with_file_line_and_expectation(change, expected):
    text = GOOD.replace(*change)
    meta, problems, _ = frontmatter.parse(text, "docs/engineering/a.md")
    assert meta is None
    assert any(expected in str(problem) for problem in problems), problems


def test_reading_time_counts_prose_not_code():
    body = "word " * 440 + "\n```python\n" + "code " * 1000 + "\n```\n<!-- not-run: x -->\n"
    assert index.prose_words(body) == 440


def test_git_dates_count_changes_after_the_first_commit_only(tmp_path):
    import subprocess

    from notesite.site import discovery

    def git(*args, date="2026-01-01T12:00:00"):
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "a@example.org")
    git("config", "user.name", "A")
    (tmp_path / "a.md").write_text("one")
    (tmp_path / "b.md").write_text("one")
    git("add", ".")
    git("commit", "-qm", "add")
    (tmp_path / "a.md").write_text("two")
    git("commit", "-qam", "edit", date="2026-02-03T12:00:00")
    assert discovery.git_dates(tmp_path) == {"a.md": dt.date(2026, 2, 3)}
    assert discovery.git_dates(tmp_path / "missing") == {}
