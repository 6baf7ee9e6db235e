"""The debriefing UI (issue 3): places, list, editor, search, check-ins, export."""
