"""Domain models: pydantic, no I/O, no Qt."""

from desktop.models.debrief import Debrief

__all__ = ["Debrief"]
