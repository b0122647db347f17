"""`mkdocs build --strict` with a stopwatch on every plugin and hook event, and a counter on jupytext.

    python bench/timed_build.py <site folder>      prints one JSON object

Run in its own process by build.py, beside (never instead of) the plain `mkdocs build --strict` it times: it
answers where a build's time goes (MkDocs, each plugin, our hooks), whether the hooks stay linear in the
number of notes, and whether mkdocs-jupyter reads Markdown pages with jupytext (it must not: it is told to
ignore `*.md`). The stopwatch wraps PluginCollection.run_event, which calls every plugin's and hook's event
methods; the cost is one clock read per call. Once the hooks have (re)imported the engine, every function of
the `notesite` package gets a stopwatch too (inclusive time: a function's callees count in it).
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
import types
from collections import defaultdict

import click
import jupytext
from mkdocs.__main__ import cli
from mkdocs.plugins import PluginCollection

seconds_by_origin: dict[str, float] = defaultdict(float)
seconds_by_engine_function: dict[str, float] = defaultdict(float)
jupytext_reads: list[str] = []
ENGINE = "notesite"


def stopwatch(name: str, function):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds_by_engine_function[name] += time.perf_counter() - started

    return timed


def time_engine_functions() -> None:
    """Put a stopwatch on every function defined in the engine's modules; calls between them go through the
    module globals, so they are timed too."""
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith(f"{ENGINE}."):
            for name, value in list(vars(module).items()):
                if isinstance(value, types.FunctionType) and value.__module__ == module_name:
                    setattr(module, name, stopwatch(f"{module_name[len(ENGINE) + 1 :]}.{name}", value))


def timed_run_event(self, name, item=None, **kwargs):
    """PluginCollection.run_event (MkDocs 1.6), with each method's time added to its plugin's total."""
    pass_item = item is not None
    for method in self.events[name]:
        self._current_plugin = self._event_origins.get(method, "<unknown>")
        started = time.perf_counter()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        seconds_by_origin[self._current_plugin] += time.perf_counter() - started
        if result is not None:
            item = result
    self._current_plugin = None
    if name == "config":  # the hooks import the engine afresh in on_config
        time_engine_functions()
    return item


def counted(read):
    def read_and_count(path, *args, **kwargs):
        jupytext_reads.append(str(path))
        return read(path, *args, **kwargs)

    return read_and_count


def main() -> None:
    root = sys.argv[1]
    os.chdir(root)
    PluginCollection.run_event = timed_run_event
    jupytext.read = counted(jupytext.read)
    started = time.perf_counter()
    try:
        cli(["build", "--strict"], standalone_mode=False)  # logs go to stderr, the figures to stdout
        ok = True
    except click.ClickException as error:  # MkDocs' Abort after warnings in strict mode is one
        print(error.format_message(), file=sys.stderr)
        ok = False
    total = time.perf_counter() - started
    markdown_reads = [path for path in jupytext_reads if path.endswith(".md")]
    print(
        json.dumps(
            {
                "ok": ok,
                "seconds": total,
                "by_origin": dict(seconds_by_origin),
                "engine": dict(seconds_by_engine_function),
                "jupytext_reads": len(jupytext_reads),
                "jupytext_reads_of_markdown": len(markdown_reads),
            }
        )
    )


if __name__ == "__main__":
    main()
