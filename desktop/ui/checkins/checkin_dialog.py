"""A quick check-in (Ctrl+Shift+K): Stress Continuum zone, optional energy and sleep, a note.

Each zone is a radio button with its name and colour in words and a swatch beside it
(colour is never the only signal). The dialog opens window-modal with ``open()`` and
reports the answer in ``submitted``; the caller saves it on the runner.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop.models.checkin import StressZone
from desktop.ui.common.widgets import fit_height_to_text, label, mark_sensitive
from desktop.ui.common.zones import ZONE_SWATCH, swatch_icon

ATTRIBUTION = (
    "Stress Continuum: US Navy and Marine Corps Combat and Operational Stress Control "
    "model (public domain)."
)
NOTE_MAX = 500


class ScaleRow(QWidget):
    """An optional 0–10 slider: unset until the user ticks its box or moves it."""

    def __init__(self, name: str, low: str, high: str) -> None:
        super().__init__()
        self.enabled = QCheckBox(name)
        self.enabled.setAccessibleName(f"Record {name.lower()}")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setValue(5)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setAccessibleName(f"{name}, 0 to 10")
        self.value_text = label("not recorded", "Muted", wrap=False)
        self.value_text.setMinimumWidth(110)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(label(low, "Muted", wrap=False))
        row.addWidget(self.slider, 1)
        row.addWidget(label(high, "Muted", wrap=False))
        row.addWidget(self.value_text)
        self.slider.valueChanged.connect(lambda _: self.enabled.setChecked(True))
        self.slider.valueChanged.connect(self._show)
        self.enabled.toggled.connect(self._show)

    def _show(self, *_: object) -> None:
        self.value_text.setText(
            f"{self.slider.value()} of 10" if self.enabled.isChecked() else "not recorded"
        )

    def value(self) -> int | None:
        return self.slider.value() if self.enabled.isChecked() else None


class CheckInDialog(QDialog):
    """Asks how the user is doing; ``submitted(zone, energy, sleep, note)``."""

    submitted = Signal(str, object, object, str)

    def __init__(self, parent: QWidget | None = None, *, for_debrief: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check in")
        self.setAccessibleName("Check in")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.zone_group = QButtonGroup(self)
        self.zone_buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(label("How are you right now?", "ScreenTitle"))
        if for_debrief:
            layout.addWidget(label("This check-in is kept with the open debrief.", "Muted"))
        for zone in StressZone:
            radio = QRadioButton(zone.text)
            radio.setIcon(swatch_icon(ZONE_SWATCH[zone]))
            radio.setAccessibleName(f"{zone.label}, {zone.colour}")
            radio.setAccessibleDescription(zone.description)
            self.zone_group.addButton(radio)
            self.zone_buttons[zone.value] = radio
            words = label(zone.description, "Muted")  # wraps; a radio button's text cannot
            words.setIndent(24)
            layout.addWidget(radio)
            layout.addWidget(words)
        self.energy = ScaleRow("Energy", "low", "high")
        self.sleep = ScaleRow("Sleep", "poor", "good")
        layout.addSpacing(4)
        layout.addWidget(self.energy)
        layout.addWidget(self.sleep)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText("A short note, if you like")
        self.note.setAccessibleName("Check-in note")
        mark_sensitive(self.note)
        layout.addWidget(label("&Note", buddy=self.note))
        layout.addWidget(self.note)
        layout.addWidget(label(ATTRIBUTION, "Muted"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.save_button.setToolTip("Choose how you are first")
        layout.addWidget(self.buttons)
        self.zone_group.buttonToggled.connect(lambda *_: self.save_button.setEnabled(True))
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(520)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_height_to_text(self)

    def choose(self, zone: str) -> None:
        self.zone_buttons[zone].setChecked(True)

    def chosen_zone(self) -> str | None:
        for value, radio in self.zone_buttons.items():
            if radio.isChecked():
                return value
        return None

    def _save(self) -> None:
        zone = self.chosen_zone()
        if zone is None:
            return
        self.submitted.emit(zone, self.energy.value(), self.sleep.value(), self.note.text())
        self.accept()

    def done(self, result: int) -> None:
        self.note.setText("")  # the note is content: gone once the dialog closes
        super().done(result)
