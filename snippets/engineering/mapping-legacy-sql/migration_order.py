"""Turn table dependencies into a script graph and a migration order in waves."""

import contextlib
import io
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _legacy import load_scripts, table_deps  # noqa: E402

with contextlib.redirect_stdout(io.StringIO()):  # importing regex_deps.py runs its report
    from regex_deps import regex_deps  # noqa: E402


# --8<-- [start:graph]
def script_graph(deps: dict[str, tuple[set[str], set[str]]], keep_self: bool = False):
    """script -> the scripts that write a table it reads."""
    writers: dict[str, set[str]] = {}
    for script, (_, writes) in deps.items():
        for table in writes:
            writers.setdefault(table, set()).add(script)
    shared = {t: sorted(s) for t, s in writers.items() if len(s) > 1}
    if shared:
        print("tables with more than one writer (order them by hand):", shared)
    return {
        script: {w for t in reads for w in writers.get(t, ()) if keep_self or w != script}
        for script, (reads, _) in deps.items()
    }


def waves(graph: dict[str, set[str]]) -> list[list[str]]:
    """Scripts whose inputs are all migrated can be migrated (and reconciled) together."""
    sorter = TopologicalSorter(graph)
    sorter.prepare()  # raises CycleError
    result = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        result.append(ready)
        sorter.done(*ready)
    return result


# --8<-- [end:graph]


# --8<-- [start:run]
scripts = load_scripts()
parsed = {name: table_deps(sql) for name, sql in scripts.items()}
try:
    waves(script_graph(parsed, keep_self=True))
except CycleError as err:
    print("self-reads kept:", err.args[0], err.args[1])

graph = script_graph(parsed)
guessed = script_graph({name: regex_deps(sql) for name, sql in scripts.items()})
for script in scripts:
    print(f"{script:<21} after {', '.join(sorted(graph[script])) or '-'}")
    if guessed[script] != graph[script]:
        print(f"{'':<21} regex: {', '.join(sorted(guessed[script])) or '-'}")
for number, wave in enumerate(waves(graph), 1):
    print(f"wave {number}: {', '.join(wave)}")
# --8<-- [end:run]
