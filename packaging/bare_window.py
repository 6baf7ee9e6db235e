"""The smallest PySide6-Essentials window: the baseline the Alongside bundle is sized against.

Built by packaging/build.py with the same PyInstaller, in the same run, with PyInstaller's
default Qt collection (no plugin or translation trimming) and the same stripping.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

if __name__ == "__main__":
    app = QApplication(sys.argv)
    window = QWidget()
    window.setWindowTitle("Bare window")
    window.show()
    if "--quit" in sys.argv:
        QTimer.singleShot(0, app.quit)
    sys.exit(app.exec())
