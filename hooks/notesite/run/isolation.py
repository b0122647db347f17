"""No network for a snippet: a network namespace of its own, holding only a loopback device that is down.

Used by the zygote once at start-up (every child it forks inherits the namespace) and by the subprocess runner in
the child before it runs the interpreter. As root, a network namespace alone; otherwise inside a user namespace
that maps the caller's own uid and gid, so files keep their owner. A snippet that declares `network` runs in the
plain subprocess runner, without either. Imports nothing beyond the standard library: zygote.py imports it
before any snippet module.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys

HINT = (
    "run as root, or allow unprivileged user namespaces (Debian: sysctl kernel.unprivileged_userns_clone=1; "
    "Ubuntu 24.04: sysctl kernel.apparmor_restrict_unprivileged_userns=0)"
)


class IsolationError(OSError):
    pass


def isolate_network() -> str:
    """Move the calling process into a new network namespace; returns how. Raises IsolationError."""
    try:
        os.unshare(os.CLONE_NEWNET)
        return "network namespace"
    except (PermissionError, AttributeError, OSError):
        pass
    uid, gid = os.getuid(), os.getgid()
    try:
        os.unshare(os.CLONE_NEWUSER | os.CLONE_NEWNET)
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as file:
                file.write(text)
        return "user and network namespace"
    except (AttributeError, OSError) as error:
        raise IsolationError(f"cannot take the network away from snippets here ({error}); {HINT}") from None


@functools.cache
def available() -> str | None:
    """How this machine isolates snippets from the network, or None when it cannot (asked once, in a child)."""
    probe = [
        sys.executable,
        "-c",
        f"import sys; sys.path.insert(0, {os.path.dirname(__file__)!r}); "
        "import isolation; print(isolation.isolate_network())",
    ]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


if __name__ == "__main__":
    print(available() or f"unavailable: {HINT}")
