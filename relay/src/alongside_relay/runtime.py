"""Process-wide Python settings for a serving relay, applied by the command that starts it.

They belong to the process, not the app: tests that build the app in-process keep the
interpreter's defaults. Each was found by `bench/relay_load.py` (docs/performance.md).
"""

from __future__ import annotations

import gc
import sys

# The database thread wakes from each fsync needing the GIL back; with the default 5 ms
# switch interval it waits behind the event loop's Python work while the store sits idle.
SWITCH_INTERVAL_SECONDS = 0.0005

# Requests make mostly acyclic garbage that reference counting frees; with thousands of
# parked long-polls alive, the default young-generation threshold (700) ran collections
# often enough to cost about half a millisecond a request.
GC_YOUNG_THRESHOLD = 50_000


def tune_for_serving() -> None:
    """Apply the relay's interpreter settings; call once, after the app is built."""
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
    # Everything built so far (routes, pydantic schemas) lives as long as the process;
    # freezing it keeps each full collection from walking it again.
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 20, 20)
