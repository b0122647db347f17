"""Proof a reader can see (issue 15), on the fixture site: the verification record that `make test` writes, and
what the build shows from it: dated, versioned marks; "not yet verified" for an example changed since; an Examples
page; a strict CI build that refuses to publish a mark the record contradicts."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, require
from bs4 import BeautifulSoup
from static_server import GzipSiteServer

from notesite import record

NOTE = "docs/engineering/alpha.md"
CHECK = "snippets/debug/gamma/check.py"
GAMMA = "debug/gamma/index.html"
RECORD = ".cache/notesite/verification.json"


def marks(site, uri: str = "engineering/alpha/index.html") -> list[str]:
    html = (site.root / "_site" / uri).read_text(encoding="utf-8")
    return [" ".join(p.get_text().split()) for p in BeautifulSoup(html, "html.parser").select("p.snippet-check")]


def test_make_test_writes_a_record_that_matches_its_schema(site):
    assert site.verify().returncode == 0
    data = json.loads(site.read(RECORD))
    jsonschema.validate(data, json.loads(record.SCHEMA_FILE.read_text(encoding="utf-8")))
    assert set(data["snippets"]) == {
        "engineering/alpha/hello.py",
        "engineering/alpha/totals.sql",
        "debug/gamma/check.py",
    }
    assert set(data["notebooks"]) == {"study/beta.ipynb"}
    totals = data["snippets"]["engineering/alpha/totals.sql"]
    assert (totals["kind"], totals["result"], totals["packages"]["duckdb"]) == (
        "sql",
        "passed",
        __import__("duckdb").__version__,
    )


def test_a_cached_pass_keeps_the_record_of_the_run_that_verified_it(site):
    assert site.verify(cache=True).returncode == 0
    first = json.loads(site.read(RECORD))
    again = site.verify(cache=True)
    assert "not re-run" in again.output
    assert json.loads(site.read(RECORD))["snippets"] == first["snippets"]  # notebooks are re-executed every run


def test_the_build_shows_when_and_with_what_each_example_was_verified(site):
    assert site.verify().returncode == 0
    entry = json.loads(site.read(RECORD))["snippets"]["engineering/alpha/totals.sql"]
    assert site.build().returncode == 0
    first = (site.root / "_site/engineering/alpha/index.html").read_text(encoding="utf-8")
    shown = marks(site)
    assert len(shown) == 2
    assert all(mark.startswith("✓ Verified output: the test suite ran") for mark in shown)
    assert f"with Python {entry['python']} · duckdb {entry['packages']['duckdb']}" in shown[1]
    assert site.build().returncode == 0  # dates are the record's: a second build from it is identical
    assert (site.root / "_site/engineering/alpha/index.html").read_text(encoding="utf-8") == first
    examples = BeautifulSoup((site.root / "_site/examples/index.html").read_text(encoding="utf-8"), "html.parser")
    rows = [tr.get_text(" ", strip=True) for tr in examples.select("tbody tr")]
    assert len(rows) == 4 and sum("✓ verified" in row for row in rows) == 4
    assert any(row.startswith("beta.ipynb Notebook") for row in rows)


def test_an_example_changed_since_the_record_says_so_and_fails_a_strict_ci_build(site):
    assert site.verify().returncode == 0
    site.replace(CHECK, "missing partitions:", "partitions missing:")
    assert site.build().returncode == 0  # an author's build says it, and goes on
    assert marks(site, GAMMA) == [
        "! Not yet verified: check.py changed after the test suite last ran it (" + today(site) + ")."
    ]
    assert all(mark.startswith("✓ Verified output") for mark in marks(site))  # another note folder: unchanged
    ci = site.build(env={"CI": "true"})
    assert ci.returncode != 0
    assert "docs/debug/gamma.md: debug/gamma/check.py: changed since the verification record" in ci.output


def today(site) -> str:
    import datetime as dt

    verified = json.loads(site.read(RECORD))["snippets"]["debug/gamma/check.py"]["verified"]
    day = dt.date.fromisoformat(verified[:10])
    return f"{day.day} {day:%b %Y}"


def test_without_a_record_the_build_passes_and_says_less(site):
    built = site.build(env={"CI": "true"})
    assert built.returncode == 0, built.output
    assert marks(site) == [
        "✓ Verified output: the test suite runs hello.py and fails if it prints anything else.",
        "✓ Verified output: the test suite runs totals.sql and fails if it prints anything else.",
    ]
    page = (site.root / "_site/examples/index.html").read_text(encoding="utf-8")
    assert "This build had no verification record" in page


@pytest.mark.xdist_group("browser")
def test_a_reader_sees_both_states_in_the_browser(site, tmp_path):
    require(CHROMIUM.is_file(), f"Chromium is not installed ({CHROMIUM}); install it: apt-get install chromium")
    from playwright.sync_api import expect, sync_playwright

    assert site.verify().returncode == 0
    site.replace(CHECK, "missing partitions:", "partitions missing:")
    assert site.build().returncode == 0
    with GzipSiteServer(site.root / "_site") as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(server.url("debug/gamma/"))
        stale = page.locator("p.snippet-check")
        expect(stale).to_be_visible()
        expect(stale).to_contain_text("Not yet verified: check.py changed after the test suite last ran it")
        page.goto(server.url("engineering/alpha/"))
        verified = page.locator("p.snippet-check").nth(1)
        expect(verified).to_be_visible()
        expect(verified).to_contain_text("Verified output: the test suite ran totals.sql on")
        expect(verified.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))
        browser.close()


def test_records_of_shards_merge_into_one_with_the_newest_entry_of_each_example(site, tmp_path):
    assert site.verify("snippets/engineering").returncode == 0
    first = tmp_path / "one.json"
    first.write_bytes(site.path(RECORD).read_bytes())
    site.path(RECORD).unlink()
    assert site.verify("snippets/debug", "snippets/engineering/alpha/hello.py").returncode == 0
    second = tmp_path / "two.json"
    second.write_bytes(site.path(RECORD).read_bytes())
    merged = tmp_path / "merged.json"
    import subprocess
    import sys

    from conftest import REPO

    done = subprocess.run(
        [sys.executable, "-m", "notesite.record", "merge", str(first), str(second), "--into", str(merged)],
        env={"PYTHONPATH": str(REPO / "hooks")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(merged.read_text(encoding="utf-8"))
    assert set(data["snippets"]) == {
        "engineering/alpha/hello.py",
        "engineering/alpha/totals.sql",
        "debug/gamma/check.py",
    }
    hello = json.loads(second.read_text(encoding="utf-8"))["snippets"]["engineering/alpha/hello.py"]
    assert data["snippets"]["engineering/alpha/hello.py"] == hello  # the later run's entry
