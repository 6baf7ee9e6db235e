"""Spare PySide6 from reading the source of every module imported after it.

PySide6 replaces ``__import__`` to support ``from __feature__ import snake_case``. After
each import it classifies the imported module, once, by reading its whole source file
(``inspect.getsource``, kept in ``linecache``) and searching it for "PySide6"
(``shibokensupport/feature.py``, ``feature_imported``). For the ~35 modules the unlock
window needs that is ~4 ms of start-up, and every module imported later (pydantic, nacl,
…) has its source read and kept in memory too.

Alongside never selects a feature, so every module's answer is "no feature" (0), which
for a module that does not use PySide6 behaves exactly like "ignore" (-1): there is no
other selection to keep. A meta-path finder that only looks at the name records 0 before
the import runs, and PySide6 then skips the scan. If a PySide6 release drops the
dictionary, nothing is recorded and imports work as before (``tests/ui/common/
test_feature_scan.py`` notices). Measured in docs/performance.md ("Start-up").
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

NO_FEATURE = 0


class _FeatureScanSkipper:
    """A finder that finds nothing: it marks each module as "no feature" as it is asked."""

    @staticmethod
    def find_spec(
        fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        feature = sys.modules.get("shibokensupport.feature")
        table = getattr(feature, "pyside_feature_dict", None)
        if isinstance(table, dict):
            table.setdefault(fullname, NO_FEATURE)
        return None


def skip_feature_scans() -> None:
    """Mark the modules imported so far, and install the finder for those to come.

    Call it right after PySide6 is imported: modules imported before it are classified
    too, the first time an ``import`` statement names them again.
    """
    for name in list(sys.modules):
        _FeatureScanSkipper.find_spec(name)
    if not any(isinstance(finder, _FeatureScanSkipper) for finder in sys.meta_path):
        sys.meta_path.insert(0, _FeatureScanSkipper())
