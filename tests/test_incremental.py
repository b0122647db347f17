"""`make serve` rebuilds incrementally (hooks/notesite/site/incremental.py); what it serves after edits must be
exactly what a cold `mkdocs build` of the same sources produces, page by page."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from test_serve import serving, wait_for

LIVERELOAD = re.compile(r"<script>\s*var livereload.*?</script>", re.S)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def served_equals_cold(site, url: str) -> None:
    cold = site.build(env={"SITE_URL": url + "/"})
    assert cold.returncode == 0, cold.output
    pages = sorted(p.relative_to(site.root / "_site") for p in (site.root / "_site").rglob("index.html"))
    assert len(pages) >= 8
    for page in pages:
        path = page.parent.as_posix().removeprefix(".")
        served = LIVERELOAD.sub("", fetch(f"{url}/{path + '/' if path else ''}"))
        expected = (site.root / "_site" / page).read_text(encoding="utf-8")
        assert served == expected, f"/{path}: the served page differs from a cold build"
    index = json.loads(fetch(f"{url}/search/search_index.json"))
    cold_index = json.loads((site.root / "_site/search/search_index.json").read_text(encoding="utf-8"))
    key = lambda doc: (doc["location"], doc["title"], doc["text"])  # noqa: E731
    assert sorted(map(key, index["docs"])) == sorted(map(key, cold_index["docs"]))


@pytest.mark.xdist_group("serve")
def test_after_edits_the_served_site_equals_a_cold_build_page_by_page(site):
    with serving(site) as url:
        assert "a=1" in wait_for(f"{url}/engineering/alpha/", "a=1")
        # A note's prose, a snippet and its output, and front matter that other pages list (title, tags).
        site.replace("docs/engineering/alpha.md", "A paragraph of prose.", "A paragraph of edited prose.")
        assert "edited prose" in wait_for(f"{url}/engineering/alpha/", "edited prose")
        site.replace("snippets/engineering/alpha/hello.py", "print(f", "print('served')\n    print(f")
        site.write("snippets/engineering/alpha/hello.out", "served\na=1\nserved\nb=2\n")
        assert "served" in wait_for(f"{url}/engineering/alpha/", "served\nb=2")
        site.replace("docs/debug/gamma.md", "title: Gamma, a fixture checklist", "title: Gamma, a renamed checklist")
        site.replace("docs/debug/gamma.md", "tags: [fixture]", "tags: [fixture, renamed]")
        assert "renamed checklist" in wait_for(f"{url}/", "renamed checklist")
        assert "renamed" in wait_for(f"{url}/tags/", 'id="tag:renamed"')
        served_equals_cold(site, url)
