"""Test configuration shared by every test package.

Qt runs offscreen here (never set by hand, DESIGN.md §5), and no test may touch the real
keyring: an in-memory backend stands in for the one thing outside the machine.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
