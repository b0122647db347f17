"""Links between pages, as written in Markdown: read once per note when the index is built."""

from __future__ import annotations

import posixpath
import re

# [text](other-note.md) or [text](../debug/other.md#anchor "title"); images and external URLs don't match.
# The pattern starts with the literal `[` and looks behind it for the `!` of an image: a pattern that starts with
# the look-behind is tried at every character of the page, and took 6 times as long.
LINK = re.compile(
    r"\[(?<!!\[)[^\]]*\]\(\s*<?(?P<target>[^)\s>#:]+\.(?:md|ipynb))(?:#[^)\s>]*)?>?(?:\s+\"[^\"]*\")?\s*\)"
)


def links_in(src_uri: str, body: str) -> frozenset[str]:
    """The docs-relative paths a page links to."""
    folder = posixpath.dirname(src_uri)
    return frozenset(posixpath.normpath(posixpath.join(folder, m.group("target"))) for m in LINK.finditer(body))
