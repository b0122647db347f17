"""The bad-input table of DESIGN.md, row by row: each bad input stops the build or the checks with a
message that names the file, the line and the page, and says what to do; nothing of the author's is lost.

Each test breaks one thing in a fresh copy of tests/fixture_site and runs the real `mkdocs build --strict`
or the real snippet checks on it, in a subprocess, as an author would.
"""

from __future__ import annotations

import json

import pytest

NOTE = "docs/engineering/alpha.md"
HELLO = "snippets/engineering/alpha/hello.py"


def test_the_fixture_site_is_clean(site):
    """The baseline every other test breaks: it builds and all its checks pass."""
    assert site.build().returncode == 0
    result = site.verify()
    assert result.returncode == 0, result.output
    assert "11 passed" in result.output  # 3 snippets; 3 pages and a notebook, 2 checks each


# --- front matter --------------------------------------------------------------------------------


def test_missing_front_matter_field_names_file_and_field(site):
    site.replace(
        NOTE, "summary: A small note that shows one Python snippet and one SQL snippet with their outputs.\n", ""
    )
    result = site.build()
    assert result.returncode != 0
    assert "docs/engineering/alpha.md:1: summary: required field is missing" in result.output
    assert "Traceback" not in result.output


def test_wrong_type_names_line_and_expectation(site):
    site.replace(NOTE, "tags: [fixture, sql]", "tags: sql")
    result = site.build()
    assert result.returncode != 0
    assert "docs/engineering/alpha.md:5: tags: expected a non-empty list" in result.output


def test_bad_date_names_line_and_format(site):
    site.replace(NOTE, "date: 2026-01-02", "date: 2026-13-02")
    result = site.build()
    assert result.returncode != 0
    assert "docs/engineering/alpha.md:4: date: expected an ISO date like 2026-01-31, got '2026-13-02'" in result.output


def test_misspelt_field_suggests_the_right_one(site):
    site.replace(NOTE, "featured: true", "featured: true\nsumary: typo")
    result = site.build()
    assert result.returncode != 0
    assert "sumary: unknown field; did you mean `summary`?" in result.output


def test_every_problem_is_reported_at_once(site):
    site.replace(NOTE, "date: 2026-01-02", "date: yesterday")
    site.replace("docs/debug/gamma.md", "tags: [fixture]", "tags: [Fixture]")
    result = site.build()
    assert "2 problems in note front matter" in result.output
    assert "docs/engineering/alpha.md:4: date" in result.output
    assert "docs/debug/gamma.md:5: tags: 'Fixture' is not a lower-case" in result.output


def test_unknown_section_lists_the_known_ones(site):
    site.write("docs/misc/stray.md", site.read("docs/debug/gamma.md").replace("Gamma", "Stray"))
    result = site.build()
    assert result.returncode != 0
    assert "docs/misc/stray.md:1: `misc` is not a section; notes live in one of: engineering, study, debug" in (
        result.output
    )


def test_two_notes_with_one_slug(site):
    site.write("docs/debug/alpha.md", site.read("docs/debug/gamma.md").replace("Gamma", "Other"))
    result = site.build()
    assert result.returncode != 0
    assert "docs/engineering/alpha.md:1: same slug as docs/debug/alpha.md: 'alpha'" in result.output


def test_two_notes_with_one_title(site):
    site.write("docs/debug/delta.md", site.read("docs/debug/gamma.md"))
    result = site.build()
    assert result.returncode != 0
    assert "docs/debug/gamma.md:1: same title as docs/debug/delta.md" in result.output


def test_hand_written_home_page_is_refused_not_overwritten(site):
    site.write("docs/index.md", "# My own home page\n")
    result = site.build()
    assert result.returncode != 0
    assert "docs/index.md: this page is generated from the notes' front matter; delete the file" in result.output
    assert site.read("docs/index.md") == "# My own home page\n"


# --- includes and links --------------------------------------------------------------------------


def test_include_of_a_missing_file_names_page_line_and_target(site):
    site.replace(NOTE, "engineering/alpha/hello.out", "engineering/alpha/hello.txt")
    result = site.build()
    assert result.returncode != 0
    assert (
        'docs/engineering/alpha.md:16: --8<-- "engineering/alpha/hello.txt": no file '
        "snippets/engineering/alpha/hello.txt" in result.output
    )
    assert "Traceback" not in result.output


def test_include_of_a_missing_section(site):
    site.replace(NOTE, "hello.py:shown", "hello.py:hidden")
    result = site.build()
    assert result.returncode != 0
    assert "docs/engineering/alpha.md:12:" in result.output
    assert "has no section `hidden`" in result.output


def test_broken_internal_link_fails_the_strict_build(site):
    site.append(NOTE, "\nSee [a note that is not there](missing-note.md).\n")
    result = site.build()
    assert result.returncode != 0
    assert "missing-note.md" in result.output and "engineering/alpha.md" in result.output


def test_broken_anchor_fails_the_strict_build(site):
    site.append(NOTE, "\nSee [the debug note's checks](../debug/gamma.md#no-such-heading).\n")
    result = site.build()
    assert result.returncode != 0
    assert "no-such-heading" in result.output


# --- snippets ------------------------------------------------------------------------------------


def test_snippet_that_raises_names_its_line_pages_and_traceback(site):
    site.append(HELLO, "raise KeyError('rate')\n")
    result = site.verify()
    assert result.returncode == 1
    assert "snippets/engineering/alpha/hello.py:8: raised KeyError: 'rate'" in result.output
    assert "shown on: docs/engineering/alpha.md:12 (code), docs/engineering/alpha.md:16 (output)" in result.output
    assert "Traceback (most recent call last)" in result.output
    assert "10 passed" in result.output  # the other checks still ran


def test_drift_shows_a_diff_and_the_accept_command(site):
    site.append(HELLO, "print('c=3')\n")
    result = site.verify()
    assert result.returncode == 1
    assert "snippets/engineering/alpha/hello.out:3: output drifted" in result.output
    assert "+c=3" in result.output
    assert "make accept NOTE=alpha" in result.output
    assert site.read("snippets/engineering/alpha/hello.out") == "a=1\nb=2\n"  # nothing rewritten unasked


def test_hang_is_killed_at_its_timeout_and_the_rest_still_runs(site):
    site.write(
        HELLO,
        "# snippet: timeout=1\nprint('working', flush=True)\n# --8<-- [start:shown]\nwhile True:\n    pass\n"
        "# --8<-- [end:shown]\n",
    )
    result = site.verify()
    assert result.returncode == 1
    assert "hello.py: timed out after 1 s and was killed" in result.output
    assert "working" in result.output
    assert "10 passed" in result.output


def test_interpreter_crash_reports_the_exit_status(site):
    site.append(HELLO, "import os\nos._exit(3)\n")
    result = site.verify()
    assert "hello.py: exited with status 3, expected 0" in result.output
    assert "10 passed" in result.output


def test_segfault_reports_the_signal(site):
    site.append(HELLO, "import ctypes\nctypes.string_at(0)\n")
    result = site.verify()
    assert "hello.py: crashed: killed by signal SIGSEGV" in result.output
    assert "10 passed" in result.output


def test_failing_sql_names_the_statement_line(site):
    site.append("snippets/engineering/alpha/totals.sql", "\nselect * from refunds;\n")
    result = site.verify()
    assert "snippets/engineering/alpha/totals.sql:5: CatalogException" in result.output
    assert "refunds does not exist" in result.output


@pytest.mark.parametrize("target", ["snippets", HELLO], ids=["folder", "file named on the command line"])
def test_snippet_writes_only_in_its_temporary_folder(site, target):
    """Named as a file, a snippet must still not be imported by pytest as a test module (which would run it
    inside the repository)."""
    before = site.files()
    site.append(HELLO, "open('scratch.txt', 'w').write('x')\n")
    before[HELLO] = site.path(HELLO).read_bytes()
    result = site.verify(target)
    assert result.returncode == 0, result.output
    assert site.files() == before


def test_orphan_snippet_fails_naming_it(site):
    site.write("snippets/engineering/alpha/unused.py", "print('never shown')\n")
    site.write("snippets/engineering/alpha/unused.out", "never shown\n")
    result = site.verify()
    assert "snippets/engineering/alpha/unused.py: not shown on any page" in result.output
    assert '--8<-- "engineering/alpha/unused.py"' in result.output


def test_output_that_is_not_shown_fails(site):
    site.replace(NOTE, '```text title="Output"\n--8<-- "engineering/alpha/hello.out"\n```\n', "")
    result = site.verify()
    assert "snippets/engineering/alpha/hello.out: the output is checked but not shown on any page" in result.output


def test_a_cached_pass_does_not_hide_an_output_the_page_stopped_showing(site):
    first = site.verify("snippets", cache=True)
    assert first.returncode == 0, first.output
    assert "not re-run" in site.verify("snippets", cache=True).output  # the cache is in use
    site.replace(NOTE, '```text title="Output"\n--8<-- "engineering/alpha/hello.out"\n```\n', "")
    result = site.verify("snippets", cache=True)
    assert "snippets/engineering/alpha/hello.out: the output is checked but not shown on any page" in result.output


def test_missing_expected_output_says_how_to_record_it(site):
    site.write("snippets/debug/gamma/extra.py", "print('fresh')\n")
    site.append("docs/debug/gamma.md", '\n```python\n--8<-- "debug/gamma/extra.py"\n```\n')
    result = site.verify("snippets")
    assert "snippets/debug/gamma/extra.py: no expected output yet" in result.output
    assert "make accept NOTE=gamma" in result.output
    assert not site.path("snippets/debug/gamma/extra.out").exists()


def test_accept_rewrites_only_expected_output_and_lists_it(site):
    site.append(HELLO, "print('c=3')\n")
    before = site.files()
    result = site.verify("--accept", "snippets")
    assert result.returncode == 0, result.output
    assert "wrote snippets/engineering/alpha/hello.out" in result.output
    after = site.files()
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {"snippets/engineering/alpha/hello.out"}
    assert site.read("snippets/engineering/alpha/hello.out") == "a=1\nb=2\nc=3\n"


def test_unverified_runnable_fence_names_page_and_line(site):
    site.append("docs/debug/gamma.md", "\n```sql\nselect 1;\n```\n")
    result = site.verify("docs")
    assert "docs/debug/gamma.md:23: ```sql block that nothing runs" in result.output
    assert "<!-- not-run:" in result.output


# --- notebooks -----------------------------------------------------------------------------------


def _edit_notebook(site, change) -> None:
    notebook = json.loads(site.read("docs/study/beta.ipynb"))
    change(notebook["cells"])
    site.write("docs/study/beta.ipynb", json.dumps(notebook, indent=1))


def test_notebook_with_changed_output_names_notebook_and_cell(site):
    _edit_notebook(site, lambda cells: cells[1]["outputs"][0].update(text=["4\n"]))
    result = site.verify("docs")
    assert 'docs/study/beta.ipynb: cell 2 (`layers = ["transport", "storage", "compute"]`): output changed' in (
        result.output
    )
    assert "-4\n+3" in result.output


def test_notebook_cell_error_names_notebook_and_cell(site):
    _edit_notebook(site, lambda cells: cells[2].update(source="{'layers': sorted(layer)}"))
    result = site.verify("docs")
    assert "docs/study/beta.ipynb: a cell raised when re-executed" in result.output
    assert "NameError" in result.output


def test_malformed_include_line_stops_the_build(site):
    """A mangled include would otherwise be shown to readers as a literal `--8<--` line."""
    site.replace(NOTE, '--8<-- "engineering/alpha/hello.py:shown"', '--8 < --"engineering/alpha/hello.py:shown"')
    result = site.build()
    assert result.returncode != 0
    assert "docs/engineering/alpha.md:12: --8 < --" in result.output
    assert "pymdownx.snippets does not read this as an include and prints it as text" in result.output


def test_accept_stores_a_notebooks_new_outputs_and_nothing_else(site):
    _edit_notebook(site, lambda cells: cells[1]["outputs"][0].update(text=["4\n"]))
    result = site.verify("--accept", "docs")
    assert result.returncode == 0, result.output
    assert "wrote docs/study/beta.ipynb" in result.output
    cells = json.loads(site.read("docs/study/beta.ipynb"))["cells"]
    assert cells[1]["outputs"][0]["text"] in ("3\n", ["3\n"])
    assert site.verify("docs").returncode == 0
