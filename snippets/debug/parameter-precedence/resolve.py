"""Resolve a job's parameters from five layers and print, for each, the value and the layer that won.

Nothing is read from the real environment: each run mode passes its layers in as plain dicts.
"""

import tomllib
from pathlib import Path

DEFAULTS = {
    "run_date": "",
    "target_schema": "analytics_dev",
    "batch_size": 1000,
    "dry_run": True,
    "full_refresh": False,
}
CONFIG = tomllib.loads((Path(__file__).parent / "job.toml").read_text())["params"]


# --8<-- [start:resolve]
# Lowest precedence first. A scheduled run has no widgets; an interactive one has no job parameters.
LAYERS = {
    "interactive": ["default", "config", "env", "widget"],
    "scheduled": ["default", "config", "env", "job"],
}


def coerce(name, raw):
    """Env, widget and job values arrive as text: convert them to the default's type, strictly."""
    kind = type(DEFAULTS[name])
    if kind is bool and isinstance(raw, str):
        if raw.lower() not in ("true", "false"):
            raise ValueError(f"{name}: {raw!r} is not true/false")
        return raw.lower() == "true"  # bool("False") would be True
    return kind(raw)


def resolve(mode, sources):
    """Return {parameter: (value, winning layer, layers it overrode)}."""
    resolved = {}
    for name in sorted(DEFAULTS):
        found = []
        for layer in LAYERS[mode]:
            values = sources.get(layer, {})
            key = f"JOB_{name.upper()}" if layer == "env" else name
            if key in values:
                found.append((layer, values[key]))
        layer, raw = found[-1]
        overrode = [lower for lower, _ in reversed(found[:-1])]
        resolved[name] = (coerce(name, raw), layer, overrode)
    return resolved


# --8<-- [end:resolve]


def show(mode, resolved):
    print(f"{mode} run")
    print(f"  {'parameter':<15}{'value':<12}{'won':<9}overrode")
    for name, (value, layer, overrode) in resolved.items():
        print(f"  {name:<15}{value!s:<12}{layer:<9}{', '.join(overrode) or '-'}")


# --8<-- [start:runs]
# A notebook session on a laptop: the shell exports a scratch schema, and the widgets still hold
# the values typed in an earlier session.
interactive = resolve(
    "interactive",
    {
        "default": DEFAULTS,
        "config": CONFIG,
        "env": {"JOB_TARGET_SCHEMA": "scratch", "HOME": "/home/me"},
        "widget": {"run_date": "2026-06-30", "dry_run": "False", "full_refresh": "true"},
    },
)
# The scheduler: its own environment, and the parameters of the job definition.
scheduled = resolve(
    "scheduled",
    {
        "default": DEFAULTS,
        "config": CONFIG,
        "env": {"JOB_BATCH_SIZE": "20000"},
        "job": {"run_date": "2026-07-06", "dry_run": "false"},
    },
)
# --8<-- [end:runs]

show("interactive", interactive)
print()
show("scheduled", scheduled)
print()
differs = [name for name in DEFAULTS if interactive[name][0] != scheduled[name][0]]
print(f"values that differ between the two modes: {', '.join(sorted(differs))}")
