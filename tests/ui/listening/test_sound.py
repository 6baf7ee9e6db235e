"""The chime: a short, soft sound of our own, played by what each platform already has."""

from __future__ import annotations

import array
import wave

from desktop.ui.listening.sound import chime_path, choose_player


def test_the_chime_is_short_soft_and_ours() -> None:
    with wave.open(str(chime_path()), "rb") as chime:
        assert chime.getnchannels() == 1
        assert chime.getsampwidth() == 2
        seconds = chime.getnframes() / chime.getframerate()
        samples = array.array("h", chime.readframes(chime.getnframes()))
    assert 0.5 <= seconds <= 2.0
    peak = max(abs(s) for s in samples) / 32768
    assert 0.1 < peak < 0.5  # audible, well below an alarm
    assert abs(samples[0]) < 200
    assert abs(samples[-1]) < 200  # starts and ends at silence: no click
    readme = (chime_path().parent / "README.md").read_text(encoding="utf-8")
    assert "chime.wav" in readme
    assert "make_chime.py" in readme


def test_each_platform_gets_its_own_player() -> None:
    def only(name: str):
        return lambda candidate: f"/usr/bin/{candidate}" if candidate == name else None

    assert choose_player("linux", only("paplay"))[0] == "paplay"
    assert choose_player("linux", only("aplay"))[0] == "aplay"
    assert choose_player("linux", lambda _: None)[0] == "beep"  # the fallback
    assert choose_player("darwin", lambda _: None)[0] == "afplay"


def test_the_beep_fallback_plays_without_error(qapp) -> None:
    name, play = choose_player("linux", lambda _: None)
    assert name == "beep"
    play()
