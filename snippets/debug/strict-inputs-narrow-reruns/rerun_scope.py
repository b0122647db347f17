"""The same job with a check that collects every gap first and a write loop that skips finished days."""

import sys

sys.dont_write_bytecode = True  # importing the helper must not write into the snippet folder
from _upstream import COMMAND, LANDING, OUTPUT, REQUIRED, fingerprint, read_inputs, timeline, write_output  # noqa: E402


# --8<-- [start:job]
def missing_inputs(days: list[str]) -> list[tuple[str, str, str]]:
    """Every required partition of every day that is not ready, with the reason."""
    missing = []
    for day in days:
        for source in REQUIRED:
            part = LANDING / source / f"dt={day}"
            if not part.is_dir():
                missing.append((source, day, "absent"))
            elif not (part / "_SUCCESS").exists():
                missing.append((source, day, "no _SUCCESS marker"))
    return missing


def is_current(day: str) -> bool:
    """Written before, from exactly the input files there now."""
    marker = OUTPUT / f"dt={day}" / "_SUCCESS"
    return marker.exists() and marker.read_text() == fingerprint(read_inputs(day))


def run(days: list[str]) -> int:
    missing = missing_inputs(days)  # the whole window, before any write
    blocked = sorted({day for _, day, _ in missing})
    for day in days:
        if day not in blocked and not is_current(day):
            write_output(day)
    if not missing:
        return 0
    print(f"FAILED: required partitions not ready: {len(missing)}")
    for source, day, reason in missing:
        print(f"  {source}/dt={day}: {reason}")
    print(f"blocked: {', '.join(blocked)}")
    print(f"rerun: {COMMAND}")
    return 1


# --8<-- [end:job]

timeline(run)
