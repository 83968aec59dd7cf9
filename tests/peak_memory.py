"""Peak memory of a Python snippet run in a fresh process.

The peak is the process's own high-water mark (``VmHWM`` of /proc/self/status, in KB), not
``ru_maxrss``: Linux carries ``ru_maxrss`` over an exec from the process that forked it, so a
child of a large pytest reports at least pytest's size and a difference of two such children
says nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_REPORT = """
import sys

def _peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
"""


def available() -> bool:
    return Path("/proc/self/status").exists()


def run(snippet: str, *args: str, timeout: int = 300) -> tuple[int, str, int]:
    """Exit code, output (stdout and stderr) and peak memory in bytes of ``snippet`` run with
    ``args`` as ``sys.argv[1:]``; the process exits with the snippet's ``exit_code`` (0 if unset)."""
    code = (_REPORT + snippet + "\nprint('PEAK', _peak_kb(), file=sys.stderr)\n"
            "sys.exit(globals().get('exit_code', 0))\n")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = result.stderr.rstrip("\n").split("\n")
    peak = next((int(line.split()[1]) for line in reversed(lines) if line.startswith("PEAK ")), 0)
    output = result.stdout + "\n".join(line for line in lines if not line.startswith("PEAK "))
    return result.returncode, output, peak * 1024
