"""`mkdocs serve` as the author uses it: edits to a snippet or to the engine show up without a restart."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager

import pytest
from conftest import BIN, _env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, seconds: float = 30) -> str:
    """Poll the page until it contains `text`; return the last page seen."""
    deadline, page = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            page = fetch(url)
            if text in page:
                return page
        except OSError:
            pass
        time.sleep(0.3)
    return page


@contextmanager
def serving(site, *options: str):
    """`mkdocs serve` on the site, as `make serve` runs it (`--dirty`: incremental rebuilds), on a free port."""
    port = free_port()
    command = [str(BIN / "mkdocs"), "serve", "--dirty", "--livereload", "--dev-addr", f"127.0.0.1:{port}", *options]
    server = subprocess.Popen(command, cwd=site.root, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.xdist_group("serve")
def test_editing_a_snippet_or_the_engine_updates_the_served_page(site):
    with serving(site) as url:
        page = wait_for(f"{url}/engineering/alpha/", "a=1")
        assert "a=1" in page, "the served note never showed its snippet output"
        assert "livereload" in page, "the served page has no live-reload script"

        site.replace("snippets/engineering/alpha/hello.py", "print(f", "print('edited while serving')\n    print(f")
        page = wait_for(f"{url}/engineering/alpha/", "edited while serving")
        assert "edited while serving" in page, "the page did not pick up the snippet edit"

        site.replace("hooks/notesite/site/listing.py", "min read", "minutes of reading")
        page = wait_for(f"{url}/", "minutes of reading")
        assert "minutes of reading" in page, "the home page did not pick up the engine edit"


@pytest.mark.xdist_group("serve")
def test_a_drifting_snippet_is_flagged_on_the_served_page_only(site):
    with serving(site) as url:
        assert "a=1" in wait_for(f"{url}/engineering/alpha/", "a=1")
        site.append("snippets/engineering/alpha/hello.py", "print('drift')\n")
        page = wait_for(f"{url}/engineering/alpha/", "admonition failure", seconds=60)
        assert "hello.py fails the test suite right now" in page
        assert "output drifted" in page and "+drift" in page
    built = site.build()
    assert built.returncode == 0, built.output
    assert "admonition failure" not in (site.root / "_site/engineering/alpha/index.html").read_text(encoding="utf-8")
