"""Write resources/sounds/chime.wav: a soft two-note chime for the listening session.

Made here from sine waves (no recording, no third-party sound), so it is ours to ship.
Two partials a fifth apart with a slow attack and a long exponential fade, at a modest
level: a cue for a quiet room, not an alarm. Run: python3 scripts/make_chime.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
SECONDS = 1.6
LEVEL = 0.28  # of full scale: soft, well below a system alert
NOTES = ((659.25, 1.0), (987.77, 0.45))  # E5 and a B5 above it, the B quieter
ATTACK = 0.02  # seconds: no click at the start
DECAY = 2.8  # per second: a bell-like fade

OUT = Path(__file__).resolve().parent.parent / "resources" / "sounds" / "chime.wav"


def sample(t: float) -> float:
    envelope = min(1.0, t / ATTACK) * math.exp(-DECAY * t)
    tone = sum(weight * math.sin(2 * math.pi * freq * t) for freq, weight in NOTES)
    return LEVEL * envelope * tone / sum(weight for _, weight in NOTES)


def main() -> None:
    frames = bytearray()
    count = int(RATE * SECONDS)
    for n in range(count):
        fade_out = min(1.0, (count - n) / (RATE * 0.05))  # end at silence, no click
        frames += struct.pack("<h", round(32767 * sample(n / RATE) * fade_out))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
