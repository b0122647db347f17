"""Turn table dependencies into a script graph and a migration order in waves."""

import contextlib
import io
import sys
from collections import defaultdict
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
from _legacy import Deps, load_scripts, table_deps  # noqa: E402

with contextlib.redirect_stdout(io.StringIO()):  # importing regex_deps.py runs its report
    from regex_deps import regex_deps  # noqa: E402


# --8<-- [start:graph]
def script_graph(deps: dict[str, Deps], keep_self: bool = False, resets: bool = True) -> dict[str, set[str]]:
    """script -> the scripts it must run after."""
    writers, readers = defaultdict(set), defaultdict(set)
    for script, d in deps.items():
        for table in d.writes:
            writers[table].add(script)
        for table in d.reads:
            readers[table].add(script)
    for table, scripts in sorted(writers.items()):
        if len(scripts) > 1:
            print(f"  {table} has {len(scripts)} writers, order them by hand:")
            print(f"    {', '.join(sorted(scripts))}")
    graph = {}
    for script, d in deps.items():
        after = {w for t in d.reads for w in writers[t]}  # read after write
        # A script that drops a table and writes it too (IF OBJECT_ID(...) DROP, then SELECT ... INTO) resets
        # it: only a drop of a table the script does not write waits for every read and write of the table.
        final = d.drops - d.writes if resets else d.drops
        after |= {s for t in final for s in readers[t] | writers[t]}
        graph[script] = after if keep_self else after - {script}
    return graph


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

orders = {
    "parsed, DROP as a drop": parsed,
    "parsed, DROP skipped": {name: d._replace(drops=set()) for name, d in parsed.items()},
    "regex, DROP as a write": {name: Deps(*regex_deps(sql), set(), []) for name, sql in scripts.items()},
}
for label, deps in orders.items():
    print(f"\n{label}:")
    for number, wave in enumerate(waves(script_graph(deps)), 1):
        print(f"  wave {number}: {', '.join(wave)}")

# The common loader idiom: load_customers.sql drops and re-creates the table, no cleanup script
reset = {name: sql for name, sql in scripts.items() if name != "cleanup_staging.sql"}
reset["load_customers.sql"] = (
    "IF OBJECT_ID('staging.customers') IS NOT NULL\n    DROP TABLE staging.customers;\n" + scripts["load_customers.sql"]
)
reset_deps = {name: table_deps(sql) for name, sql in reset.items()}
print("\ndrop and re-create in load_customers.sql:")
try:
    waves(script_graph(reset_deps, resets=False))
except CycleError as err:
    print("  every drop final, a cycle:")
    print("    " + " -> ".join(err.args[1]))
print("  drop of a table it writes as a reset:")
for number, wave in enumerate(waves(script_graph(reset_deps)), 1):
    print(f"    wave {number}: {', '.join(wave)}")
# --8<-- [end:run]
