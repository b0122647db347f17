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


def is_current(day: str, files: dict) -> bool:
    """Written before, from exactly these input files."""
    marker = OUTPUT / f"dt={day}" / "_SUCCESS"
    return marker.exists() and marker.read_text() == fingerprint(files)


def run(days: list[str]) -> int:
    missing = missing_inputs(days)  # the whole window, before any write
    blocked = {day for _, day, _ in missing}
    for day in days:
        if day in blocked:
            continue
        files = read_inputs(day)  # one read: the gate, the fingerprint and the output
        unfinished = [source for source in REQUIRED if (source, "_SUCCESS") not in files]
        if unfinished:  # a rewrite began after the check
            missing += [(source, day, "no _SUCCESS in the files read") for source in unfinished]
            blocked.add(day)
        elif not is_current(day, files):
            write_output(day, files)
    if not missing:
        return 0
    print(f"FAILED: required partitions not ready: {len(missing)}")
    for source, day, reason in missing:
        print(f"  {source}/dt={day}: {reason}")
    print(f"blocked: {', '.join(sorted(blocked))}")
    print(f"rerun: {COMMAND}")
    return 1


# --8<-- [end:job]

timeline(run)
