"""Work around PySide6 6.12 dropping references to None and True on Python 3.11.

Measured here (PySide6 6.12.0, CPython 3.11): every Python slot called from a signal
loses one reference to ``None``, every ``Signal.emit()`` one to ``True``, and static
void calls such as ``QCoreApplication.processEvents()`` one to ``None``. A fresh
interpreter holds only ~600 references to ``True`` and ~5,000 to ``None``, so after a
few thousand keystrokes the count reaches zero and the interpreter aborts
("Fatal Python error: none_dealloc"). Python 3.12 made these singletons immortal
(PEP 683), which hides the bug; we do the same on older Pythons by giving them a huge
reference count once. They are statically allocated and never freed, so an extra count
changes nothing else. Remove this module once PySide6 is fixed or Python ≥ 3.12 is
required.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # far more references than any run can drop
_applied = False


def immortalize_singletons() -> bool:
    """Give None, True and False effectively unlimited references (Python < 3.12 only)."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += _HEADROOM
    _applied = True
    return True
