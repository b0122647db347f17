"""The kinds of synthetic snippet the benchmarks use, and their expected output.

- trivial: a few lines of plain Python, the floor of what verifying a snippet costs;
- duckdb: a `.sql` snippet, run on DuckDB by hooks/notesite/run/run_sql.py like every SQL snippet;
- pandas: a small DataFrame grouped and printed;
- dbt: a two-model dbt project run with dbtRunner on DuckDB, the pattern of the multi-tenant-dbt-models note.

Every instance of a kind prints the same thing (only a comment differs), so the expected output is recorded
once per kind, by running the first instance the way the test suite does (a fresh interpreter).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import measure  # noqa: F401  (makes the repository's snippet plugin importable)

from notesite import contract
from notesite.contract import Snippet
from notesite.run import runner

TRIVIAL = """\
# Synthetic snippet {number}: plain Python.
values = [3, 1, 2]
print("sorted:", sorted(values), "total:", sum(values))
"""

DUCKDB = """\
-- Synthetic snippet {number}: DuckDB.
with orders(region, amount) as (values ('north', 120), ('south', 80), ('north', 45), ('west', 60))
select region, count(*) as orders, sum(amount) as total
from orders
group by region
order by region;
"""

PANDAS = """\
# Synthetic snippet {number}: pandas.
import pandas as pd

orders = pd.DataFrame({{"region": ["north", "south", "north", "west"], "amount": [120, 80, 45, 60]}})
print(orders.groupby("region")["amount"].agg(["count", "sum"]).to_string())
"""

DBT = """\
# Synthetic snippet {number}: dbt on DuckDB, in the snippet's temporary folder.
# snippet: timeout=120
import json
import os
import shutil
from pathlib import Path

HERE, WORK = Path(__file__).parent, Path.cwd()
os.environ.update(DBT_SEND_ANONYMOUS_USAGE_STATS="False", DO_NOT_TRACK="1", DBT_LOG_PATH=str(WORK / "logs"))

from dbt.cli.main import dbtRunner  # noqa: E402  (after the environment is set)

shutil.copytree(HERE / "project", WORK / "project")
outputs = {{"dev": {{"type": "duckdb", "path": str(WORK / "dev.duckdb"), "threads": 1}}}}
(WORK / "profiles.yml").write_text(json.dumps({{"synthetic": {{"target": "dev", "outputs": outputs}}}}))
args = ["run", "--project-dir", str(WORK / "project"), "--profiles-dir", str(WORK)]
args += ["--quiet", "--no-use-colors", "--log-level", "none", "--no-version-check"]
result = dbtRunner().invoke(args)
print("success:", result.success)
for node in sorted(result.result, key=lambda r: r.node.name):
    print(node.node.name, node.status)
"""

DBT_PROJECT = {
    "project/dbt_project.yml": "name: synthetic\nversion: '1.0'\nprofile: synthetic\nmodel-paths: [models]\n",
    "project/models/orders.sql": "select * from (values ('north', 120), ('south', 80)) as t(region, amount)\n",
    "project/models/totals.sql": "select region, sum(amount) as total from {{ ref('orders') }} group by region\n",
}

# kind -> (template, file name); a name must not shadow a module the snippet imports (its folder is sys.path[0]).
KINDS = {
    "trivial": (TRIVIAL, "sums.py"),
    "duckdb": (DUCKDB, "totals.sql"),
    "pandas": (PANDAS, "frame.py"),
    "dbt": (DBT, "run_models.py"),
}


class Recorder:
    """Expected output per kind, recorded from the first instance written."""

    def __init__(self):
        self.outputs: dict[str, str] = {}

    def expected(self, kind: str, path: Path) -> bytes:
        if kind not in self.outputs:
            result = runner.run_in_subprocess(Snippet.at(path))
            if result.returncode != 0:
                raise SystemExit(f"{path}: the {kind} template failed ({result.returncode}):\n{result.stderr_text}")
            self.outputs[kind] = result.stdout
        return self.outputs[kind]


def kind_of(path: Path) -> str:
    return next(kind for kind, (_, name) in KINDS.items() if name == path.name)


def write(kind: str, folder: Path, number: int, recorder: Recorder) -> str:
    """Write snippet `number` of `kind` and its expected output into `folder`; return the snippet's file name."""
    template, name = KINDS[kind]
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "dbt":
        for support, text in DBT_PROJECT.items():
            (folder / support).parent.mkdir(parents=True, exist_ok=True)
            (folder / support).write_text(text, encoding="utf-8")
    path = folder / name
    path.write_text(template.format(number=number), encoding="utf-8")
    contract.expected_output(path).write_bytes(recorder.expected(kind, path))
    return path.name


def include_lines(note_folder: str, name: str) -> list[str]:
    """What a note writes to show a snippet and its output."""
    language = "sql" if name.endswith(".sql") else "python"
    output = contract.expected_output(PurePosixPath(name))
    return [
        f'```{language} title="{name}"\n--8<-- "{note_folder}/{name}"\n```',
        f'```text title="Output"\n--8<-- "{note_folder}/{output}"\n```',
    ]
