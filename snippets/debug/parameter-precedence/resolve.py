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


def source_of(task):
    """A task's notebook source, kept beside this file: /Workspace/etl/load_orders -> _load_orders.py."""
    return (HERE / f"_{Path(task['notebook_task']['notebook_path']).name}.py").read_text()


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


# load_orders' widgets, read from its source; widgets hold text, the code needs these types.
TYPES = {"trigger_date": date, "target_schema": str, "batch_size": int, "dry_run": bool, "full_refresh": bool}
LOAD_ORDERS, _ = widgets_of(source_of(JOB["tasks"][0]))
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
    """Per parameter: value, winning layer, layers overridden. Plus what is refused or reported."""
    table, refused, reported = {}, [], []
    for name, (_, kind) in WIDGETS.items():
        found = [(layer, values[name]) for layer, values in stack if name in values]
        layer, text = found[-1]
        try:
            value = strict(kind, text)
        except ValueError as error:
            value = None
            refused.append(f"{name} from {layer}: {error}")
        table[name] = (value, layer, [lower for lower, _ in reversed(found[:-1])])
    for layer, values in stack[1:]:  # passed, but this notebook's code never reads it
        for name in sorted(set(values) - set(WIDGETS)):
            # Job parameters reach every task, so another task may declare it: only report it here.
            problem = f"{layer} parameter {name!r} matches no widget"
            (reported if layer == "job" else refused).append(problem)
    return table, refused, reported


def deploy_check(job, sources):
    """Before deploying: each job parameter is declared by some task's notebook, and each name a
    notebook reads is declared there (get() of an undeclared name works in a job, fails by hand)."""
    notebooks = {task: widgets_of(source) for task, source in sources.items()}
    everywhere = set().union(*(declared for declared, _ in notebooks.values()))
    names = [p["name"] for p in job["parameters"]]
    problems = [f"job parameter {name!r} is declared by no task" for name in names if name not in everywhere]
    for task, (declared, read) in sorted(notebooks.items()):
        problems += [f"{task} reads {name!r} but declares no widget" for name in sorted(read - set(declared))]
    return problems


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
    table, refused, reported = resolve(stack)
    print(title)
    print(f"  {'parameter':<15}{'value':<12}{'from':<16}overrode")
    for name in sorted(table):
        value, layer, overrode = table[name]
        shown = "-" if value is None else str(value)
        print(f"  {name:<15}{shown:<12}{layer:<16}{', '.join(overrode) or '-'}")
    for problem in reported:
        print(f"  reported: {problem}")
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
# Another notebook: dbutils.notebook.run("./load_orders", 600, {...}), with a typo.
caller = layers("caller", {"trigger_date": "2026-07-06", "batchsize": "5000"})
# Each task's notebook source, as the deploy check reads it; then publish_orders declaring trigger_date.
sources = {task["task_key"]: source_of(task) for task in JOB["tasks"]}
fixed = dict(sources, publish_orders='dbutils.widgets.text("trigger_date", "")\n' + sources["publish_orders"])
# --8<-- [end:runs]

a = show("interactive run", interactive)
b = show(f"scheduled run, triggered {at:%Y-%m-%d %H:%M} UTC", scheduled)
show("scheduled run, job parameter renamed to trigger-date", renamed)
show("scheduled run, job parameter dry_run deleted", no_dry_run)
show("called by another notebook", caller)
differs = sorted(name for name in WIDGETS if a[name][0] != b[name][0])
print("differ between interactive and scheduled:")
print(f"  {', '.join(differs)}")
print()
print("deploy check, job.json against each task's notebook source:")
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
    strict_table, _, _ = resolve(stack)
    by_bool, by_eq = loose(stack, bool), loose(stack, lambda text: text == "true")
    for name in WIDGETS:
        right = strict_table[name][0]
        if str(by_bool[name]) != str(right) or str(by_eq[name]) != str(right):
            shown = "refused" if right is None else right
            print(f"  {label:<13}{name:<14}{by_bool[name]!r:<8}{by_eq[name]!r:<10}{shown}")
