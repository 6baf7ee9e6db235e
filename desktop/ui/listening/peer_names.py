"""The seam for peer contacts (issue 14): first names to suggest when setting up a session.

Until peer contacts exist this suggests nothing, and typing names is the whole story.
When they do, read them here on the database lane (``ops.run``) and hand them to
``on_loaded``; the set-up dialog offers them as completions. Names stay in memory.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.ui.common.ops import VaultOps


def load_suggested_names(ops: VaultOps, on_loaded: Callable[[list[str]], None]) -> None:
    """Call ``on_loaded`` with names to suggest (none yet: peer contacts are issue 14)."""
    del ops  # issue 14: ops.run(lambda vault: [p.first_name for p in vault.peers.list()], ...)
    on_loaded([])
