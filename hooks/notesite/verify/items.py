"""pytest collection: one test item per snippet file, and one per stray file, failing with a message an author
can act on (no Python traceback around it)."""

from __future__ import annotations

import pytest

from .. import contract, record
from ..contract import DeclarationError, Snippet
from ..run import runner, zygotes
from . import api, cache
from .project import Project
from .report import SnippetFailure

PROJECT = pytest.StashKey[Project]()


class AuthorItem(pytest.Item):
    """An item whose failures are complete messages for the author: no Python traceback around them."""

    @property
    def project(self) -> Project:
        return self.config.stash[PROJECT]

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, SnippetFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, 0, f"{self.project.rel(self.path)}: {self.name}"


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
        snippet = Snippet.at(path)
        if runner.runner_for(snippet) != "zygote":
            return None
        modules = zygotes.preload_for(snippet)
    except (ValueError, DeclarationError):  # a bad SNIPPET_RUNNER or declaration: reported when the item runs
        return None
    return f"zygote-{'+'.join(modules)}" if zygotes.SLOW_TO_WARM.intersection(modules) else None


class SnippetItem(AuthorItem):
    def runtest(self) -> None:
        project = self.project
        snippet = api.load(project, self.path)
        api.shown(project, snippet)  # before the cache: a page that stops showing the output must fail

        accept = self.config.getoption("accept")
        store = getattr(self.config, "cache", None)  # absent with -p no:cacheprovider
        cache_key = f"notesite/{project.rel(snippet.path)}"
        name = snippet.path.relative_to(project.snippets_dir).as_posix()  # its name in the verification record
        files = contract.fingerprint(snippet.path)  # read once: the cache key and the record both use it
        fingerprint = cache.key(snippet, files)
        stored = store.get(cache_key, None) if store is not None else None
        if not accept and isinstance(stored, dict) and stored.get("key") == fingerprint:
            self.user_properties.append(("snippet", "cached"))
            self.user_properties.append(("record", ("snippets", name, stored["record"])))  # the run that verified it
            return
        try:
            verdict = api.run(project, snippet, accept)
        except SnippetFailure:
            entry = record.snippet_entry(snippet.path, files, "failed", runner.runner_for(snippet), None)
            self.user_properties.append(("record", ("snippets", name, entry)))
            raise
        if verdict.accepted:
            self.user_properties.append(("accepted", project.rel(verdict.accepted)))
            files = contract.fingerprint(snippet.path)  # the expected output is part of it, and it has just changed
            fingerprint = cache.key(snippet, files)
        entry = record.snippet_entry(snippet.path, files, "passed", verdict.runner, verdict.seconds)
        self.user_properties.append(("record", ("snippets", name, entry)))
        if store is not None:
            store.set(cache_key, {"key": fingerprint, "record": entry})

    def reportinfo(self):
        return self.path, 0, f"snippet {self.project.rel(self.path)}"


class StrayFile(pytest.File):
    """A file under the snippets folder that looks like part of an example but that nothing runs."""

    def __init__(self, *, problem: str, **kwargs):
        super().__init__(**kwargs)
        self.problem = problem

    def collect(self):
        yield StrayItem.from_parent(self, name=self.path.name, problem=self.problem)


class StrayItem(AuthorItem):
    def __init__(self, *, problem: str, **kwargs):
        super().__init__(**kwargs)
        self.problem = problem

    def runtest(self) -> None:
        from . import report

        raise report.stray(self.project, self.path, self.problem)

    def reportinfo(self):
        return self.path, 0, f"unverified file {self.project.rel(self.path)}"
