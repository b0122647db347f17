"""What a Databricks notebook task's parameters resolve to, interactively, from a caller and in a job run.

A model of the documented order, not a call to Databricks: every value reaches the notebook as the
text `dbutils.widgets.get(name)` returns, and the layers are passed in as plain dicts. job.json has
the shape of `settings` in the answer of `databricks jobs get <job_id>`.
"""

import ast
import copy
import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).parent
JOB = json.loads((HERE / "job.json").read_text())


def source_of(notebook):
    """A notebook's source, kept beside this file: load_orders -> _load_orders.py."""
    return (HERE / f"_{notebook}.py").read_text()


def notebook_of(task):
    """/Workspace/etl/load_orders -> load_orders."""
    return Path(task["notebook_task"]["notebook_path"]).name


# --8<-- [start:resolve]
def widgets_of(source):
    """The widgets a notebook declares, with their defaults, and the names it reads with get()."""
    declared, read = {}, set()
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if ast.unparse(node.func.value) != "dbutils.widgets" or not node.args:
            continue
        name = ast.literal_eval(node.args[0])
        if node.func.attr in ("text", "dropdown", "combobox", "multiselect"):
            declared[name] = ast.literal_eval(node.args[1])
        elif node.func.attr == "get":
            read.add(name)
    return declared, read


def calls_of(source):
    """Each dbutils.notebook.run(path, timeout, {arguments}) in a notebook: (notebook, arguments)."""
    calls = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "dbutils.notebook.run" and len(node.args) > 2:
            calls.append((Path(ast.literal_eval(node.args[0])).name, ast.literal_eval(node.args[2])))
    return calls


# load_orders' widgets, read from its source; widgets hold text, the code needs these types.
TYPES = {"trigger_date": date, "target_schema": str, "batch_size": int, "dry_run": bool, "full_refresh": bool}
LOAD_ORDERS, _ = widgets_of(source_of("load_orders"))
WIDGETS = {name: (default, TYPES[name]) for name, default in LOAD_ORDERS.items()}


def reference(text, trigger):
    """A dynamic value reference becomes text when the run is triggered, in UTC; no arithmetic."""
    utc = trigger.astimezone(UTC)
    values = {
        "{{job.trigger.time.iso_date}}": utc.date().isoformat(),
        "{{job.trigger.time.timestamp_ms}}": str(int(utc.timestamp() * 1000)),
    }
    return values.get(text, text)


def layers(mode, values=None, job=None, trigger=None, task_key="load_orders"):
    """Databricks' order for a notebook task, lowest precedence first."""
    defaults = {name: default for name, (default, _) in WIDGETS.items()}
    if mode in ("typed", "caller"):  # the widget bar, or dbutils.notebook.run's arguments
        return [("widget default", defaults), (mode, values)]
    task = next(t for t in job["tasks"] if t["task_key"] == task_key)
    base = task["notebook_task"].get("base_parameters", {})
    params = {p["name"]: reference(p["default"], trigger) for p in job.get("parameters", [])}
    # "Job parameters take precedence over task parameters": every task of the job gets all of them.
    return [("widget default", defaults), ("task", base), ("job", params)]


def strict(kind, text):
    """Text to the type the code needs; anything else is refused, the empty string included."""
    if kind is bool and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if kind is int and re.fullmatch(r"[0-9]+", text):
        return int(text)
    if kind is date and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return date.fromisoformat(text)
    if kind is str and re.fullmatch(r"[a-z_][a-z0-9_]*", text):
        return text
    raise ValueError(f"{text!r} is not a valid {kind.__name__}")


def business_date(trigger_date):
    """The day a daily run loads: the UTC trigger date minus one day (a schedule in UTC)."""
    return trigger_date - timedelta(days=1)


def business_date_in(zone, trigger_ms):
    """A schedule in another timezone: pass {{job.trigger.time.timestamp_ms}}, convert, subtract."""
    fired = datetime.fromtimestamp(int(trigger_ms) / 1000, UTC).astimezone(ZoneInfo(zone))
    return fired.date() - timedelta(days=1)


def resolve(stack):
    """Per parameter: value, winning layer, layers overridden. Plus what is refused.

    Only this model knows the layers apart: a notebook sees merged text, so names nothing declares are
    left to the deploy check."""
    table, refused = {}, []
    for name, (_, kind) in WIDGETS.items():
        found = [(layer, values[name]) for layer, values in stack if name in values]
        layer, text = found[-1]
        try:
            value = strict(kind, text)
        except ValueError as error:
            value = None
            refused.append(f"{name} from {layer}: {error}")
        table[name] = (value, layer, [lower for lower, _ in reversed(found[:-1])])
    return table, refused


def deploy_check(job, sources):
    """Before deploying, from job.json and each notebook's source (keyed by notebook name): every job
    parameter is declared by some task's notebook; every task parameter and caller argument by the
    notebook it goes to; every name a notebook reads by that notebook (get() of an undeclared name
    works in a job and fails by hand)."""
    notebooks = {name: widgets_of(source) for name, source in sources.items()}
    tasks = {task["task_key"]: task for task in job["tasks"]}
    everywhere = set().union(*(notebooks[notebook_of(task)][0] for task in tasks.values()))
    names = [p["name"] for p in job["parameters"]]
    problems = [f"job parameter {name!r} is declared by no task" for name in names if name not in everywhere]
    for key, task in sorted(tasks.items()):
        declared = notebooks[notebook_of(task)][0]
        base = task["notebook_task"].get("base_parameters", {})
        problems += [f"task {key} passes {name!r}, undeclared" for name in sorted(set(base) - set(declared))]
    for notebook, (declared, read) in sorted(notebooks.items()):
        problems += [f"{notebook} reads {name!r} but declares no widget" for name in sorted(read - set(declared))]
        for target, arguments in calls_of(sources[notebook]):
            undeclared = [name for name in sorted(arguments) if name not in notebooks[target][0]]
            problems += [f"{notebook} passes {name!r} to {target}, undeclared" for name in undeclared]
    return problems


def run_now_changed(job_parameters):
    """From `databricks jobs get-run`: the parameters Run now set to something other than the job's
    default. A default holding a dynamic value reference differs on every run, so it is skipped."""
    return [p["name"] for p in job_parameters if "{{" not in p["default"] and p["value"] != p["default"]]


# --8<-- [end:resolve]


def loose(stack, to_bool):
    """The usual first version: dbutils.widgets.get, then to_bool or int(); dates stay text."""
    cast = {bool: to_bool, int: int, date: str, str: str}
    merged = {}
    for _, values in stack:
        merged.update(values)
    return {name: cast[kind](merged[name]) for name, (_, kind) in WIDGETS.items()}


def plan(p):
    kind = "full refresh" if p["full_refresh"] else "incremental load"
    dry = ", DRY RUN" if p["dry_run"] else ""
    return f"{kind} of {p['target_schema']}.orders, batch {p['batch_size']}{dry}"


def show(title, stack):
    table, refused = resolve(stack)
    print(title)
    print(f"  {'parameter':<15}{'value':<12}{'from':<16}overrode")
    for name in sorted(table):
        value, layer, overrode = table[name]
        shown = "-" if value is None else str(value)
        print(f"  {name:<15}{shown:<12}{layer:<16}{', '.join(overrode) or '-'}")
    if refused:
        print("  refused:")
        for problem in refused:
            print(f"    {problem}")
    else:
        values = {name: v for name, (v, _, _) in table.items()}
        print(f"  business date: {business_date(values['trigger_date'])} (trigger_date - 1 day)")
        print(f"  plan: {plan(values)}")
    print()
    return table


# --8<-- [start:runs]
# A notebook session: the widget bar still holds values typed in an earlier session.
interactive = layers("typed", {"trigger_date": "2026-07-01", "dry_run": "False", "full_refresh": "True"})
# The scheduled run of job.json, triggered at 02:00 UTC on 6 July.
at = datetime(2026, 7, 6, 2, 0, tzinfo=UTC)
scheduled = layers("job", job=JOB, trigger=at)
# The same job after its parameter was renamed to trigger-date.
renamed_job = copy.deepcopy(JOB)
renamed_job["parameters"][0]["name"] = "trigger-date"
renamed = layers("job", job=renamed_job, trigger=at)
# The same job after someone deleted its dry_run parameter.
no_dry_run_job = copy.deepcopy(JOB)
del no_dry_run_job["parameters"][1]
no_dry_run = layers("job", job=no_dry_run_job, trigger=at)
# Another notebook calls load_orders with a typo in its arguments.
sources = {name: source_of(name) for name in ("load_orders", "publish_orders", "reprocess_orders")}
[(_, arguments)] = calls_of(sources["reprocess_orders"])
caller = layers("caller", arguments)
# The deploy check's fix: publish_orders declares trigger_date, reprocess_orders spells batch_size.
fixed = dict(
    sources,
    publish_orders='dbutils.widgets.text("trigger_date", "")\n' + sources["publish_orders"],
    reprocess_orders=sources["reprocess_orders"].replace('"batchsize"', '"batch_size"'),
)
# job_parameters of the scheduled run as `databricks jobs get-run` returns them; then a Run now.
periodic = [
    {"name": "trigger_date", "default": "{{job.trigger.time.iso_date}}", "value": "2026-07-06"},
    {"name": "dry_run", "default": "false", "value": "false"},
    {"name": "notify", "default": "true", "value": "true"},
]
one_time = [dict(p, value="true") if p["name"] == "dry_run" else p for p in periodic]
# --8<-- [end:runs]

a = show("interactive run", interactive)
b = show(f"scheduled run, triggered {at:%Y-%m-%d %H:%M} UTC", scheduled)
show("scheduled run, job parameter renamed to trigger-date", renamed)
show("scheduled run, job parameter dry_run deleted", no_dry_run)
show("called by another notebook", caller)
differs = sorted(name for name in WIDGETS if a[name][0] != b[name][0])
print("differ between interactive and scheduled:")
print(f"  {', '.join(differs)}")
for label, table in (("interactive", a), ("scheduled", b)):
    values = {name: v for name, (v, _, _) in table.items()}
    print(f"  {label + ':':<13}{business_date(values['trigger_date'])}, {plan(values)}")
print()
print("changed by Run now (get-run job_parameters, value != default, no {{...}}):")
for label, run in (("scheduled run", periodic), ("Run now, dry_run=true", one_time)):
    print(f"  {label + ':':<23}{', '.join(run_now_changed(run)) or '-'}")
print()
print("deploy check, job.json against each notebook's source:")
checks = [("orders_daily", JOB, sources), ("renamed", renamed_job, sources), ("orders_daily, fixed", JOB, fixed)]
for label, job, notebooks in checks:
    problems = deploy_check(job, notebooks)
    print(f"  {label}: {'ok' if not problems else ''}".rstrip())
    for problem in problems:
        print(f"    {problem}")
print()
berlin = datetime(2026, 7, 6, 1, 30, tzinfo=ZoneInfo("Europe/Berlin"))
trigger_date = date.fromisoformat(reference("{{job.trigger.time.iso_date}}", berlin))
trigger_ms = reference("{{job.trigger.time.timestamp_ms}}", berlin)
print(f"scheduled {berlin:%H:%M} Europe/Berlin on {berlin:%Y-%m-%d}, {berlin.astimezone(UTC):%Y-%m-%d %H:%M} UTC:")
print(f"  {'iso_date ' + str(trigger_date) + ' - 1 day':<40}{business_date(trigger_date)}")
print(f"  {'timestamp_ms in Europe/Berlin - 1 day':<40}{business_date_in('Europe/Berlin', trigger_ms)}")
print()
print("read loosely (widgets.get, then bool() or == 'true'), where strict differs:")
print(f"  {'run':<13}{'parameter':<14}{'bool()':<8}{'=="true"':<10}strict")
runs = [("interactive", interactive), ("scheduled", scheduled), ("renamed", renamed), ("no dry_run", no_dry_run)]
for label, stack in runs:
    strict_table, _ = resolve(stack)
    by_bool, by_eq = loose(stack, bool), loose(stack, lambda text: text == "true")
    for name in WIDGETS:
        right = strict_table[name][0]
        if str(by_bool[name]) != str(right) or str(by_eq[name]) != str(right):
            shown = "refused" if right is None else right
            print(f"  {label:<13}{name:<14}{by_bool[name]!r:<8}{by_eq[name]!r:<10}{shown}")
