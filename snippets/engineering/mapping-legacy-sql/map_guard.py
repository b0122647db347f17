"""The CI checks that keep the map honest, run on the maps and changes this note has shown."""

import contextlib
import io
import sys
from collections import Counter
from pathlib import Path

sys.dont_write_bytecode = True  # import the helpers without leaving __pycache__ beside them
sys.path.insert(0, str(Path(__file__).parent))
import _legacy  # noqa: E402
from _legacy import Deps, batches, load_scripts, table_deps  # noqa: E402

with contextlib.redirect_stdout(io.StringIO()):  # importing a snippet runs its report
    from regex_deps import regex_deps  # noqa: E402
    from review_flags import script_flags  # noqa: E402

HERE = Path(__file__).parent
EUR_RATES = (HERE / "incoming" / "eur_rates.sql").read_text(encoding="utf-8")  # a new script, no ';'


def listed(name: str) -> list[str]:
    """A list kept in the repository: one entry a line, '#' comments."""
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


# --8<-- [start:guard]
def map_problems(deps: dict[str, Deps], external: set[str]) -> list[str]:
    """Every read is written by a script or listed as external; nothing is left unmapped."""
    written = set().union(*(d.writes for d in deps.values()))
    problems = [
        f"{script}: reads {table}: not written, not listed"
        for script, d in deps.items()
        for table in sorted(d.reads - written - external)
    ]
    return problems + [f"{script}: {note}" for script, d in deps.items() for note in d.unmapped]


def batches_mapped(scripts: dict[str, str]) -> tuple[int, int]:
    """(mapped, total): a batch is mapped when the walk left nothing of it unmapped."""
    results = [not table_deps(text).unmapped for sql in scripts.values() for _, text in batches(sql)]
    return sum(results), len(results)


def new_flags(scripts: dict[str, str], reviewed: Counter) -> list[str]:
    """The ratchet: flags beyond the reviewed list, counted by script and reason (lines move)."""
    now = Counter(f"{script}: {why}" for script, sql in scripts.items() for _, why in script_flags(sql))
    return sorted((now - reviewed).elements())


def check(label: str, problems: list[str]) -> None:
    print(f"{'FAIL' if problems else 'pass'}  {label}")
    for problem in problems:
        print(f"      {problem}")


# --8<-- [end:guard]


# --8<-- [start:run]
external = set(listed("external_sources.txt"))
scripts = load_scripts()
for label, folder in (("parser's map", scripts), ("with eur_rates.sql", {**scripts, "eur_rates.sql": EUR_RATES})):
    mapped, total = batches_mapped(folder)
    deps = {n: table_deps(sql) for n, sql in folder.items()}
    check(f"{label}, batches mapped {mapped}/{total}", map_problems(deps, external))
check("regex map", map_problems({n: Deps(*regex_deps(sql), set(), []) for n, sql in scripts.items()}, external))
_legacy.CASE_INSENSITIVE = False
check("parser's map, CS collation", map_problems({n: table_deps(sql) for n, sql in scripts.items()}, external))

reviewed = Counter(listed("reviewed_flags.txt"))
check("flags as reviewed", new_flags(scripts, reviewed))
changed = dict(scripts)  # a change under review: the summary keeps only recent customers
changed["customer_summary.sql"] = scripts["customer_summary.sql"].replace(
    "= r.customer_id;", "= r.customer_id\nWHERE r.last_order_date >= DATEADD(day, -90, GETDATE());"
)
check("flags after the change", new_flags(changed, reviewed))
# --8<-- [end:run]
