"""The help page's words. Facts that live elsewhere in the code — the places, the zones,
every shortcut — are read from there, so the page cannot drift from the app."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from desktop.models.checkin import StressZone

PLACE_PURPOSES = {
    "Today": "Where you land after unlocking: a one-click check-in, a new debrief, open "
    "action points and gentle reminders.",
    "Debriefs": "Your debriefs: write one with a structure (Gibbs, STOP5, What/So what/Now "
    "what) or a free note; search, filter and export them. Everything saves as you type.",
    "Check-ins": "Where you are on the Stress Continuum over days, weeks and months, with "
    "energy and sleep if you like.",
    "Actions": "The action points from your debriefs until they are done.",
    "Peers": "The people in your support network, and pairing with the one colleague you "
    "share notes with (a short code and a safety number to compare).",
    "Shared": "Notes you keep with your sharing partner: only these leave your vault, "
    "encrypted for them. Either of you can edit; changes made apart are merged, and when "
    "they clash both versions are kept.",
    "Resources": "Crisis lines: who to call when it is urgent, for you or someone else.",
    "Trash": "Debriefs you deleted, for 30 days; restore them or remove them for good.",
}

LOCKING = (
    "Alongside locks after a few quiet minutes (Vault > Auto-lock), when you press Ctrl+L "
    "and when you close it. Locking saves what you typed and clears the screen; only the "
    "unlock screen and the crisis lines stay."
)
RECOVERY = (
    "Your recovery code (seven groups of four) opens the vault if you forget your "
    "passphrase: on the unlock screen choose “Forgot passphrase?”. Keep it on paper, away "
    "from the computer. Nobody else — not your IT team, not us — can open your vault "
    "without one of the two."
)
DATA = (
    "A vault is one folder: an encrypted database and its key file. It lives in this "
    "computer's own data folder (never the roaming profile), beside Alongside in portable "
    "mode, or on a USB stick you chose. Vault > Back up… writes one encrypted file you can "
    "keep elsewhere; Restore from a backup… checks it before it replaces anything."
)


def help_html(places: Iterable[tuple[str, str]], shortcuts: Iterable[tuple[str, str]]) -> str:
    """The page, from (place, shortcut) and (action, shortcut) pairs and the zones."""
    parts = ["<h2>Alongside help</h2>", "<h3>The places</h3>", "<table cellpadding='4'>"]
    for title, key in places:
        purpose = PLACE_PURPOSES.get(title, "")
        parts.append(
            f"<tr><td><b>{escape(title)}</b><br>{escape(key)}</td><td>{escape(purpose)}</td></tr>"
        )
    parts += ["</table>", "<h3>The Stress Continuum</h3>", "<p>"]
    parts.append(
        "A check-in says where you are right now. Every zone is a normal response to hard "
        "work; none is a diagnosis.</p><ul>"
    )
    parts += [f"<li><b>{escape(z.text)}</b>: {escape(z.description)}</li>" for z in StressZone]
    parts += ["</ul>", "<h3>Keyboard</h3>", "<table cellpadding='2'>"]
    parts += [
        f"<tr><td>{escape(action)}</td><td><b>{escape(key)}</b></td></tr>"
        for action, key in shortcuts
    ]
    parts += [
        "</table>",
        "<h3>Locking</h3>",
        f"<p>{escape(LOCKING)}</p>",
        "<h3>The recovery code</h3>",
        f"<p>{escape(RECOVERY)}</p>",
        "<h3>Where your data lives</h3>",
        f"<p>{escape(DATA)}</p>",
    ]
    return "\n".join(parts)
