"""A pre-imported parent that forks crash-test children on request.

Starting a fresh Python per kill would cost ~0.3 s of imports, and crash tests kill
hundreds of children. The zygote imports the vault once, then for each line
`<module>:<function> <folder> <argument>` on stdin forks a child that runs
`function(folder, argument, report)`. Lines on stdout:

    pid <n>          the child's process id (kill it with SIGKILL)
    ok <payload>     the child confirmed something (a save, a passphrase change)
    reaped <status>  the child is gone; the next request may follow

The zygote itself has no open vault and no threads when it forks.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

import desktop.vault  # noqa: F401  (imported once here so children start instantly)

Report = Callable[[str], None]


def _report(payload: str) -> None:
    os.write(1, f"ok {payload}\n".encode())


def _serve() -> None:
    for line in sys.stdin:
        target, folder, argument = line.split(maxsplit=2)
        module_name, function_name = target.split(":")
        function = getattr(importlib.import_module(module_name), function_name)
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                function(Path(folder), argument.strip(), _report)
            except BaseException:
                code = 3
            os._exit(code)
        os.write(1, f"pid {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        os.write(1, f"reaped {status}\n".encode())


if __name__ == "__main__":
    _serve()
