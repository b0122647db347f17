"""What the engine does to a notebook page that mkdocs-jupyter rendered: the converted notebook as Markdown, and
the finished page.

mkdocs-jupyter (0.27) converts the notebook to HTML with nbconvert and, with `markdown_cell_processor: mkdocs`,
hands that HTML to MkDocs as the page's Markdown, so it goes through Markdown a second time. After the notebook's
HTML, its nb2html appends the notebook's Pygments stylesheet as `<style>[…]</style>`, indented by eight spaces
(and as the repr of a Python list). Read as Markdown, lines indented by four spaces after a blank line are an
indented code block: readers got the stylesheet printed as code after the notebook. The engine's template
(notebook/notebook.html.j2) makes everything else Material's markup, so that stylesheet styles nothing: it is
removed before Markdown reads the page.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATE = Path(__file__).with_name("notebook") / "notebook.html.j2"  # set by events.notebook_template
APPENDED_STYLESHEET = re.compile(r"\n[ \t]*<style>\n.*?\n[ \t]*</style>\s*\Z", re.S)
FIGURE_ALT = 'alt="No description has been provided for this image"'


def markdown(converted: str) -> str:
    """The converted notebook without the stylesheet nb2html appends after it (see the module's docstring)."""
    return APPENDED_STYLESHEET.sub("\n", converted)


def page(output: str, title: str) -> str:
    """nbconvert cannot take an alt text per output: name each figure after the page instead."""
    return output.replace(FIGURE_ALT, f'alt="Figure from the notebook {title}"')
