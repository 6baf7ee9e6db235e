"""A view built before its vault opened: its database jobs wait, then run in order."""

from __future__ import annotations

import pytest

from desktop.ui.common.notices import VaultNotices
from desktop.ui.common.ops import VaultOps, VaultSlot
from tests.ui.helpers import wait_idle


def test_jobs_asked_before_the_vault_is_attached_run_after_it_in_order(qtbot, context, vault):
    vault.debriefs.add("Already there", "Body")
    errors: list[BaseException] = []
    slot = VaultSlot()
    ops = VaultOps(context, slot, errors.append, VaultNotices(None))
    results: list[object] = []
    ops.run(lambda v: v.debriefs.add("Written while waiting", "Body").title, results.append)
    ops.bound_to(None).run(lambda v: len(v.debriefs.list()), results.append)
    qtbot.wait(50)
    assert results == []  # nothing ran
    assert not context.runner.busy  # and nothing is pending on a lane
    with pytest.raises(RuntimeError):
        _ = ops.vault
    slot.attach(vault)
    wait_idle(qtbot, context)
    assert results == ["Written while waiting", 2]
    assert errors == []
    assert ops.vault is vault
    ops.run(lambda v: len(v.debriefs.list()), results.append)  # attached: runs at once
    wait_idle(qtbot, context)
    assert results[-1] == 2
