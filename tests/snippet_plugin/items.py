"""pytest collection: one test item per snippet file, failing with a message an author can act on."""

from __future__ import annotations

import pytest

from . import cache, report, runner, zygotes
from .project import Project
from .report import SnippetFailure
from .snippet import DeclarationError, Snippet


class AuthorItem(pytest.Item):
    """An item whose failures are complete messages for the author: no Python traceback around them."""

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, SnippetFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)


class SnippetFile(pytest.File):
    def collect(self):
        item = SnippetItem.from_parent(self, name=self.path.name)
        group = zygote_group(item.path)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
        yield item


def zygote_group(path) -> str | None:
    """Snippets whose zygote is slow to warm (zygotes.SLOW_TO_WARM) run in one pytest-xdist worker (with
    `--dist loadgroup`), so that it imports its modules once per run instead of once per worker. Other snippets
    are spread freely; a bad declaration is reported when the item runs."""
    try:
        if runner.chosen_runner() != "zygote":
            return None
        modules = zygotes.preload_for(Snippet.at(path))
    except (ValueError, DeclarationError):  # a bad SNIPPET_RUNNER or declaration: reported when the item runs
        return None
    return f"zygote-{'+'.join(modules)}" if zygotes.SLOW_TO_WARM.intersection(modules) else None


class SnippetItem(AuthorItem):
    @property
    def project(self) -> Project:
        return self.config.stash[PROJECT]

    def runtest(self) -> None:
        project = self.project
        try:
            snippet = Snippet.at(self.path)
        except DeclarationError as error:
            raise report.declaration(project, self.path, error) from None
        if not project.places(snippet.path):
            raise report.orphan(project, snippet)

        expected = snippet.expected.read_text(encoding="utf-8") if snippet.expected.exists() else None
        # Before the cache: a page that stops showing the output must fail even if the snippet is unchanged.
        if expected and not project.places(snippet.expected):
            raise report.output_not_shown(project, snippet)

        accept = self.config.getoption("accept")
        store = getattr(self.config, "cache", None)  # absent with -p no:cacheprovider
        cache_key = f"snippets/{project.rel(snippet.path)}"
        fingerprint = cache.key(snippet.note_dir, snippet.path.name, project.root / "requirements.txt")
        if not accept and store is not None and store.get(cache_key, None) == fingerprint:
            self.user_properties.append(("snippet", "cached"))
            return

        result = runner.run(snippet)
        if result.timed_out:
            raise report.timed_out(project, snippet, result)
        if result.returncode != snippet.expected_exit:
            raise report.failed(project, snippet, result)
        if expected != result.stdout:
            if not accept:
                if expected is None:
                    raise report.missing_expected(project, snippet, result)
                raise report.drifted(project, snippet, result, expected)
            snippet.expected.write_text(result.stdout, encoding="utf-8")
            self.user_properties.append(("accepted", project.rel(snippet.expected)))
            if result.stdout and not project.places(snippet.expected):
                raise report.output_not_shown(project, snippet)
            # The expected output is part of the key, and it has just changed.
            fingerprint = cache.key(snippet.note_dir, snippet.path.name, project.root / "requirements.txt")
        if store is not None:
            store.set(cache_key, fingerprint)

    def reportinfo(self):
        return self.path, None, f"snippet {self.project.rel(self.path)}"


PROJECT = pytest.StashKey[Project]()
