""" "Shown" means "verified": one test per hole found in the old contract (issue 12's rows), on the fixture site.

Each test breaks one thing in a fresh copy of tests/fixture_site, or runs a small snippet through both runners,
and checks the outcome an author gets: an error naming the file, the line and the page, or a correct pass.
"""

from __future__ import annotations

import socket
import textwrap
import threading

import pytest

from notesite import contract
from notesite.contract import Snippet
from notesite.run import isolation, runner, zygotes
from notesite.verify import cache

NOTE = "docs/engineering/alpha.md"
HELLO = "snippets/engineering/alpha/hello.py"


# --- row 1: an include line pymdownx would print as text -----------------------------------------------------


def test_an_include_with_trailing_spaces_stops_the_build_and_fails_the_suite(site):
    site.replace(NOTE, '--8<-- "engineering/alpha/hello.out"', '--8<-- "engineering/alpha/hello.out"   ')
    built = site.build()
    assert built.returncode != 0
    assert "docs/engineering/alpha.md:16:" in built.output and "trailing spaces" in built.output
    verified = site.verify()
    assert verified.returncode != 0
    assert "docs/engineering/alpha.md:16:" in verified.output and "trailing spaces" in verified.output


# --- row 2: section syntax is pymdownx's, spaces included ----------------------------------------------------


def test_a_section_marker_with_spaces_inside_the_brackets_is_a_section(site):
    text = site.read(HELLO).replace("[start:shown]", "[start: shown ]").replace("[end:shown]", "[ end : shown]")
    site.write(HELLO, text)
    built = site.build()
    assert built.returncode == 0, built.output
    shown = (site.root / "_site/engineering/alpha/index.html").read_text(encoding="utf-8")
    assert "rows = " not in shown and "8&lt;" not in shown  # only the section, markers removed
    assert site.verify().returncode == 0


# --- row 3: a runnable file outside a note folder ------------------------------------------------------------


@pytest.mark.parametrize("where", ["snippets/loose.py", "snippets/engineering/loose.sql"])
def test_a_runnable_file_outside_a_note_folder_fails_naming_it(site, where):
    site.write(where, "print('never run')\n" if where.endswith(".py") else "select 1;\n")
    result = site.verify()
    assert result.returncode != 0
    assert f"{where}: a runnable file outside a note folder is never run" in result.output


# --- row 4: an expected output whose snippet is gone ---------------------------------------------------------


def test_an_output_whose_snippet_was_deleted_fails_the_build_and_the_suite(site):
    site.path(HELLO).unlink()
    site.replace(NOTE, '```python title="hello.py"\n--8<-- "engineering/alpha/hello.py:shown"\n```\n', "")
    built = site.build()
    assert built.returncode != 0
    assert 'docs/engineering/alpha.md:13: --8<-- "engineering/alpha/hello.out": an expected output with no snippet' in (
        built.output
    )
    verified = site.verify()
    assert verified.returncode != 0
    assert "snippets/engineering/alpha/hello.out: an expected output with no snippet" in verified.output
    assert "shown on: docs/engineering/alpha.md:13" in verified.output


# --- row 5: bytes in, bytes out ------------------------------------------------------------------------------

CSV_SNIPPET = """\
import csv, sys
# --8<-- [start:shown]
writer = csv.writer(sys.stdout)
writer.writerows([("a", 1), ("b", 2)])
# --8<-- [end:shown]
"""


def test_crlf_output_is_accepted_as_bytes_and_passes_again(site):
    site.write(HELLO, CSV_SNIPPET)
    accepted = site.verify("--accept")
    assert accepted.returncode == 0, accepted.output
    assert site.path("snippets/engineering/alpha/hello.out").read_bytes() == b"a,1\r\nb,2\r\n"
    again = site.verify()
    assert again.returncode == 0, again.output


def test_a_line_ending_change_is_named_in_the_drift_report(site):
    site.write(HELLO, CSV_SNIPPET)
    site.path("snippets/engineering/alpha/hello.out").write_bytes(b"a,1\nb,2\n")
    result = site.verify()
    assert result.returncode != 0
    assert "snippets/engineering/alpha/hello.out:1: output drifted" in result.output
    assert "line 1 differs in its line ending only" in result.output


# --- row 6: a background child dies with its snippet, under both runners -------------------------------------


def write_snippet(tmp_path, name: str, source: str):
    path = tmp_path / "engineering" / "note" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return Snippet.at(path)


@pytest.mark.parametrize("which", ["zygote", "subprocess"])
def test_a_background_child_dies_with_its_snippet_and_never_writes_into_the_next(tmp_path, which, monkeypatch):
    monkeypatch.setenv(runner.RUNNER_VARIABLE, which)
    leaves = write_snippet(
        tmp_path,
        "leaves.py",
        """\
        # snippet: timeout=5
        import subprocess, sys
        subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.4); print('late', flush=True)"])
        print("leaves")
        """,
    )
    innocent = write_snippet(tmp_path, "innocent.py", "import time\ntime.sleep(1.0)\nprint('innocent')\n")
    first = runner.run(leaves)
    second = runner.run(innocent)
    assert (first.returncode, first.stdout, first.runner) == (0, b"leaves\n", which)
    assert first.seconds < 4, "the runner waited for the background child instead of ending it"
    assert (second.returncode, second.stdout) == (0, b"innocent\n")


# --- row 7: SQL results are compared whole -------------------------------------------------------------------


def test_a_change_past_the_200th_row_of_a_sql_result_fails(site):
    site.write(
        "snippets/engineering/alpha/totals.sql",
        "-- --8<-- [start:totals]\nselect range as n from range(250);\n-- --8<-- [end:totals]\n",
    )
    assert site.verify("--accept").returncode == 0
    assert b"\xe2\x94\x82   249 \xe2\x94\x82" in site.path("snippets/engineering/alpha/totals.out").read_bytes()
    site.replace("snippets/engineering/alpha/totals.sql", "select range as n", "select range + (range = 240)::int as n")
    result = site.verify()
    assert result.returncode != 0
    assert "totals.out:" in result.output and "output drifted" in result.output


# --- row 8: the cache key covers everything that can change a result ----------------------------------------


def test_the_runner_invalidates_the_cache(site):
    first = site.verify(cache=True)
    assert first.returncode == 0, first.output
    assert "not re-run" in site.verify(cache=True).output  # unchanged: cached
    other = site.verify(cache=True, env={runner.RUNNER_VARIABLE: "subprocess"})
    assert other.returncode == 0, other.output
    assert "not re-run" not in other.output, "SNIPPET_RUNNER=subprocess re-ran nothing"


@pytest.mark.parametrize(
    "change",
    ["runner", "environment", "interpreter", "packages", "engine", "folder file"],
)
def test_each_input_of_the_cache_key_changes_it(tmp_path, monkeypatch, change):
    snippet = write_snippet(tmp_path, "hello.py", "print('hello')\n")
    (snippet.path.parent / "data.csv").write_text("a\n1\n")
    monkeypatch.setenv(runner.RUNNER_VARIABLE, "zygote")
    before = cache.key(snippet)
    if change == "runner":
        monkeypatch.setenv(runner.RUNNER_VARIABLE, "subprocess")
    elif change == "environment":
        monkeypatch.setenv("HOME", str(tmp_path / "another-home"))  # a variable the runner passes on
    elif change == "interpreter":
        monkeypatch.setattr(cache, "interpreter", lambda: "another interpreter")
    elif change == "packages":
        monkeypatch.setattr(cache, "packages", lambda: '[["duckdb", "0.0.1"]]')
    elif change == "engine":
        monkeypatch.setattr(cache, "engine_code", lambda: "another engine")
    else:
        (snippet.path.parent / "data.csv").write_text("a\n2\n")
    assert cache.key(snippet) != before


def test_a_variable_the_runner_does_not_pass_leaves_the_key_alone(tmp_path, monkeypatch):
    snippet = write_snippet(tmp_path, "hello.py", "print('hello')\n")
    before = cache.key(snippet)
    monkeypatch.setenv("SOME_SHELL_VARIABLE", "changes every time")
    assert cache.key(snippet) == before
    assert "SOME_SHELL_VARIABLE" not in runner.environment()


# --- row 9: no network unless declared -----------------------------------------------------------------------


@pytest.fixture
def listening():
    """A server on this machine's loopback that a snippet can try to reach."""
    server = socket.create_server(("127.0.0.1", 0))
    threading.Thread(target=lambda: server.accept(), daemon=True).start()
    yield server.getsockname()[1]
    server.close()


CONNECT = (
    "{declare}import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=3).close()\nprint('connected')\n"
)


@pytest.mark.skipif(isolation.available() is None, reason="this machine cannot make network namespaces")
@pytest.mark.parametrize("which", ["zygote", "subprocess"])
def test_a_snippet_cannot_connect_out_and_the_failure_says_how_to_declare_it(site, listening, which):
    site.write(HELLO, CONNECT.format(declare="", port=listening))
    result = site.verify("snippets", env={runner.RUNNER_VARIABLE: which})
    assert result.returncode != 0
    assert "Snippets run without network, and this one tried to connect" in result.output
    assert "# snippet: network" in result.output


def test_a_snippet_that_declares_the_network_reaches_it(tmp_path, listening):
    snippet = write_snippet(tmp_path, "fetch.py", CONNECT.format(declare="# snippet: network\n", port=listening))
    assert snippet.network
    result = runner.run(snippet)
    assert (result.returncode, result.stdout, result.runner) == (0, b"connected\n", "subprocess"), result.stderr


def test_network_isolation_is_available_here():
    """CI runs as root: a machine where snippets could reach the network would make the rows above vacuous."""
    assert isolation.available(), isolation.HINT


# --- row 10: a byte-order mark is not part of the text -------------------------------------------------------


def test_a_note_saved_with_a_byte_order_mark_builds_and_verifies(site):
    site.path(NOTE).write_bytes(b"\xef\xbb\xbf" + site.path(NOTE).read_bytes())
    built = site.build()
    assert built.returncode == 0, built.output
    assert site.verify().returncode == 0


# --- one definition --------------------------------------------------------------------------------------------


def test_the_contract_reads_includes_as_pymdownx_does(site):
    includes = contract.Includes({"base_path": [str(site.root / "snippets")], "dedent_subsections": True})
    page = (
        '```py\n--8<-- "engineering/alpha/hello.py:shown"\n```\n'
        ';--8<-- "escaped.py"\n--8<--\nengineering/alpha/hello.out\n--8<--\n'
    )
    scanned = includes.scan(page)
    assert [(i.line, i.path, i.section) for i in scanned.includes] == [
        (2, "engineering/alpha/hello.py", "shown"),
        (6, "engineering/alpha/hello.out", None),
    ]
    assert includes.text(scanned.includes[0]) == 'for name, value in sorted(rows):\n    print(f"{name}={value}")'
    assert not scanned.unread


def test_zygotes_share_one_network_namespace_and_it_is_not_the_host_one(tmp_path, monkeypatch):
    monkeypatch.setenv(runner.RUNNER_VARIABLE, "zygote")
    probe = write_snippet(tmp_path, "ns.py", "import os\nprint(os.readlink('/proc/self/ns/net'))\n")
    result = runner.run(probe)
    assert result.runner == "zygote", result.stderr
    assert result.stdout.strip() and result.stdout.strip().decode() != __import__("os").readlink("/proc/self/ns/net")
    assert zygotes.running()


# --- prose that cannot rot (issue 15) -------------------------------------------------------------------------


def test_a_figure_the_prose_quotes_from_an_output_passes(site):
    result = site.verify("docs")
    assert result.returncode == 0, result.output


def test_a_changed_figure_in_prose_fails_naming_page_line_figure_and_outputs(site):
    site.replace(NOTE, "Customer x spent 15.0", "Customer x spent 15.5")
    result = site.verify("docs")
    assert result.returncode != 0
    assert "docs/engineering/alpha.md:27: figure 15.5 appears in no example this page shows" in result.output
    assert "searched: engineering/alpha/hello.py:shown, engineering/alpha/hello.out" in result.output


def test_accepting_an_output_that_changes_a_quoted_figure_fails(site):
    site.replace("snippets/engineering/alpha/_setup.sql", "(1, 'x', 10.5)", "(1, 'x', 11.5)")
    accepted = site.verify("--accept", "snippets")
    assert accepted.returncode == 0, accepted.output
    result = site.verify()
    assert result.returncode != 0
    assert "docs/engineering/alpha.md:27: figure 15.0 appears in no example this page shows" in result.output


def test_a_marked_figure_is_allowed_and_a_marker_needs_a_reason(site):
    site.append(NOTE, "\nThe site pins MkDocs 1.6.1.\n")
    assert "figure 1.6.1" not in site.verify("docs").output  # a version: three parts, not a decimal figure
    site.append(NOTE, "\nIt was released in 2024.\n")
    assert "figure 2024 appears in no example" in site.verify("docs").output
    site.append(NOTE, "\n<!-- figure 2024 -->\n")
    assert "figure 2024 appears in no example" in site.verify("docs").output  # no reason: not a marker
    site.append(NOTE, "\n<!-- figure 2024: the release year, not an output -->\n")
    assert site.verify("docs").returncode == 0
