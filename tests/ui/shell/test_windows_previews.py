"""Windows taskbar previews: the calls made to dwmapi, checked against Microsoft's
documented attributes with a recording stand-in (the real DLL exists only on Windows,
where our tests do not run: docs/shared-pc.md)."""

from __future__ import annotations

from desktop.ui.shell.windows_previews import hide_live_previews


class RecordingDwmApi:
    def __init__(self, result: int = 0) -> None:
        self.calls: list[tuple[int, int, int, int]] = []
        self._result = result

    def DwmSetWindowAttribute(self, hwnd, attribute, value_ref, size) -> int:
        self.calls.append((hwnd.value, attribute, value_ref._obj.value, size))
        return self._result


def test_icon_only_thumbnails_and_no_peek_for_the_main_window(qtbot, window):
    dwm = RecordingDwmApi()
    assert hide_live_previews(window, dwm) is True
    hwnd = int(window.winId())
    # DWMWA_FORCE_ICONIC_REPRESENTATION = 7, DWMWA_DISALLOW_PEEK = 11; TRUE as a 4-byte BOOL
    assert dwm.calls == [(hwnd, 7, 1, 4), (hwnd, 11, 1, 4)]


def test_a_refusal_is_reported_and_nothing_breaks(qtbot, window):
    assert hide_live_previews(window, RecordingDwmApi(result=-2147024809)) is False


def test_off_windows_nothing_is_called(qtbot, window):
    assert hide_live_previews(window) is False
