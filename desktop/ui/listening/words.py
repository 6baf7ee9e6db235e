"""What the listening session says, in one place: calm, plain, warm (UI.md "Words").

The listening prompts are our own words in the spirit of Intentional Peer Support
(connection, not fixing). The format is credited to Russell and Jones's
#SpacesforListening (2020); their name is never used as the name of a feature.
"""

from __future__ import annotations

WINDOW_TITLE = "Listening session"  # never a participant's name

ROUTINE_SPACE = (
    "This is a routine space for colleagues to be heard, not a debrief after an incident."
)
# Why (a tooltip on that line): NICE NG116 advises against single-session debriefing.
ROUTINE_SPACE_WHY = (
    "After a traumatic event, NICE guideline NG116 advises against single-session "
    "psychological debriefing; offer practical support and active monitoring instead."
)
HOW_IT_WORKS = (
    "Each person has the same time, in turn, to say how they are. "
    "Everyone else only listens. Nothing about the session is saved unless you ask."
)
CREDIT = (
    "The idea of equal turns of listening comes from #SpacesforListening (Russell and Jones, 2020)."
)

LISTENING_PROMPTS_TITLE = "While you listen"
LISTENING_PROMPTS = (
    "Listen to understand, not to reply.",
    "No need to fix anything; being heard is the point.",
    "Notice what stirs in you, and let it wait.",
    "When the turn ends, a simple “thank you” is enough.",
)

NEARLY_DONE = "A few seconds left"
TIME_UP = "Time. Thank you."
GIVEN_BACK = "Thank you."
PAUSED = "Paused"

LEAVE_TITLE = "Leave the session?"
LEAVE_TEXT = "The session ends here for everyone. Nothing about it is saved."

FINISHED_TITLE = "Thank you for listening"
FINISHED_EQUAL = "Everyone was offered the same time in every round."
LEFT_EARLY_TITLE = "The session has ended"
LEFT_EARLY = "Thank you for the time you gave each other."
REFLECTION_OFFER = (
    "If it helps, write a few private lines about the session. "
    "They are kept in your vault as a Free note."
)
REFLECTION_LOCKED = (
    "Your vault is locked. Unlock it in the main window, then choose "
    "“Write a private reflection” again."
)
REFLECTION_OPENED = "Your reflection is open in the main window."


def round_heading(number: int, total: int, question: str) -> str:
    return f"Round {number} of {total}: {question}"


def minutes_and_seconds(seconds: float) -> str:
    """ "1:05" for a countdown; whole seconds rounded up, so 0:00 means the time is up."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


def spoken_time(seconds: float) -> str:
    """The countdown for a screen reader: "1 minute 5 seconds left"."""
    whole = int(-(-seconds // 1))
    minutes, rest = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts) + " left"
