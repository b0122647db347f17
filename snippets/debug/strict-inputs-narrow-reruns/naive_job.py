"""The job as it ran: check each day's inputs as it goes, stop at the first gap."""

import sys

sys.dont_write_bytecode = True  # importing the helper must not write into the snippet folder
from _upstream import LANDING, REQUIRED, read_inputs, timeline, write_output  # noqa: E402


# --8<-- [start:job]
def run(days: list[str]) -> int:
    for day in days:
        for source in REQUIRED:
            part = LANDING / source / f"dt={day}"
            if not part.is_dir():  # "present" taken for "complete"
                raise FileNotFoundError(part.as_posix())
        write_output(day, read_inputs(day))  # every run rewrites every day it reaches
    return 0


# --8<-- [end:job]

timeline(run)
