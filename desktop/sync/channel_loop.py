"""The channel's background loop: long-poll, apply, send; back off when the relay is away.

Runs as one job on the long-job lane while a paired vault is unlocked. Each round
long-polls the relay (`LONG_POLL_SECONDS`), so a message from the partner wakes it at
once and an idle channel costs one request per long-poll; after a failure it waits
`retry_delay` (backoff with jitter), never in a busy loop. It stops within a moment when
``stop`` is set (the lock closes the vault and the relay client). What it applies reaches
open screens through the vault's change notices; what it reports is only a state word,
never content.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import StrEnum

from desktop.sync.channel_sync import ChannelSync, retry_delay
from desktop.sync.inbox_client import RelayRefused, RelayUnreachable, RepairNeeded
from desktop.vault import VaultError

log = logging.getLogger("alongside.sync")

LONG_POLL_SECONDS = 25.0


class ChannelState(StrEnum):
    """What the Peers page says about the channel."""

    NOT_PAIRED = "not paired"
    ONLINE = "online"
    WAITING = "waiting for the relay"
    REPAIR = "re-pair needed"


def run_until_stopped(
    sync: ChannelSync,
    stop: threading.Event,
    report: Callable[[ChannelState], None],
    *,
    wait: float = LONG_POLL_SECONDS,
) -> None:
    """Loop rounds until ``stop`` is set, the vault closes, or the pairing is gone."""
    failures = 0
    while not stop.is_set():
        try:
            sync.sync_once(wait=wait)
        except RepairNeeded:
            report(ChannelState.REPAIR)
            return
        except (RelayUnreachable, RelayRefused):
            if stop.is_set():
                return  # the lock closed the client under the long-poll
            failures += 1
            report(ChannelState.WAITING)
            stop.wait(retry_delay(failures))
            continue
        except VaultError:
            return  # locked meanwhile
        except Exception as unexpected:  # e.g. a proxy answering HTML: never end the loop
            if stop.is_set():
                return  # the lock closed the client under the long-poll
            log.warning("sync.round_failed %s", type(unexpected).__name__)
            failures += 1
            report(ChannelState.WAITING)
            stop.wait(retry_delay(failures))
            continue
        failures = 0
        report(ChannelState.ONLINE)
