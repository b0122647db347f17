"""What a Databricks notebook task's parameters resolve to, interactively and in a job run.

A model of the documented order, not a call to Databricks: every value reaches the notebook as the
text `dbutils.widgets.get(name)` returns, and the layers are passed in as plain dicts. job.json has
the shape of `settings` in the answer of `databricks jobs get <job_id>`.
"""

import copy
import json
import re
from datetime import date, datetime
from pathlib import Path

JOB = json.loads((Path(__file__).parent / "job.json").read_text())

# --8<-- [start:resolve]
# The notebook's first cell: dbutils.widgets.text(name, default) for each parameter. Widgets hold
# text; the second item is the type the code needs.
WIDGETS = {
    "run_date": ("", date),
    "target_schema": ("dev", str),
    "batch_size": ("1000", int),
    "dry_run": ("true", bool),
    "full_refresh": ("false", bool),
}


def layers(mode, typed=None, job=None, trigger=None):
    """Databricks' order for a notebook task, lowest precedence first."""
    defaults = {name: default for name, (default, _) in WIDGETS.items()}
    if mode == "interactive":  # the widget bar: whatever was typed last, in any session
        return [("widget default", defaults), ("typed", typed)]
    task = job["tasks"][0]["notebook_task"].get("base_parameters", {})
    # A dynamic value reference is replaced by its value when the run is triggered.
    references = {"{{job.trigger.time.iso_date}}": trigger.date().isoformat()}
    params = {p["name"]: references.get(p["default"], p["default"]) for p in job.get("parameters", [])}
    # Job parameters are pushed down to the task and win over task parameters of the same key.
    return [("widget default", defaults), ("task", task), ("job", params)]


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


def resolve(stack):
    """Per parameter: value, winning layer, layers overridden. Plus every problem found."""
    table, problems = {}, []
    for name, (_, kind) in WIDGETS.items():
        found = [(layer, values[name]) for layer, values in stack if name in values]
        layer, text = found[-1]
        try:
            value = strict(kind, text)
        except ValueError as error:
            value = None
            problems.append(f"{name} from {layer}: {error}")
        table[name] = (value, layer, [lower for lower, _ in reversed(found[:-1])])
    for layer, values in stack[1:]:  # a name no widget declares is ignored by Databricks: report it
        problems += [f"{layer} parameter {k!r} matches no widget" for k in sorted(values) if k not in WIDGETS]
    return table, problems


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
    return f"{kind} of {p['target_schema']}.orders on {p['run_date']}, batch {p['batch_size']}{dry}"


def show(title, stack):
    table, problems = resolve(stack)
    print(title)
    print(f"  {'parameter':<15}{'value':<12}{'from':<16}overrode")
    for name in sorted(table):
        value, layer, overrode = table[name]
        shown = "-" if value is None else str(value)
        print(f"  {name:<15}{shown:<12}{layer:<16}{', '.join(overrode) or '-'}")
    if problems:
        print("  refused:")
        for problem in problems:
            print(f"    {problem}")
    else:
        print(f"  plan: {plan({name: v for name, (v, _, _) in table.items()})}")
    print()
    return table


# --8<-- [start:runs]
# A notebook session: the widget bar still holds values typed in an earlier session.
interactive = layers("interactive", typed={"run_date": "2026-06-30", "dry_run": "False", "full_refresh": "True"})
# The scheduled run of job.json, triggered at 02:00 on 6 July.
at = datetime(2026, 7, 6, 2, 0)
scheduled = layers("scheduled", job=JOB, trigger=at)
# The same job after its parameter was renamed to the bundle's hyphenated style.
renamed_job = copy.deepcopy(JOB)
renamed_job["parameters"][0]["name"] = "run-date"
renamed = layers("scheduled", job=renamed_job, trigger=at)
# The same job after someone deleted its dry_run parameter.
no_dry_run_job = copy.deepcopy(JOB)
del no_dry_run_job["parameters"][1]
no_dry_run = layers("scheduled", job=no_dry_run_job, trigger=at)
# --8<-- [end:runs]

a = show("interactive run", interactive)
b = show("scheduled run", scheduled)
show("scheduled run, job parameter renamed to run-date", renamed)
show("scheduled run, job parameter dry_run deleted", no_dry_run)
differs = sorted(name for name in WIDGETS if a[name][0] != b[name][0])
print("differ between interactive and scheduled:")
print(f"  {', '.join(differs)}")
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
