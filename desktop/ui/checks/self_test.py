"""``alongside --self-test``: a scripted headless session proving this build works here.

Run by the packaging smoke test against the frozen app (and by a unit test from source):
it creates a vault in a temporary folder, writes and reads a debrief, locks and unlocks,
loads the shipped resources through `desktop.resources`, prints a PDF through
QtPrintSupport and shows the real main window on Qt's offscreen platform. So a missing
SQLCipher library, Qt plugin or resource file fails here, in CI, rather than on a
clinician's PC. Prints one line per step; on failure, one line naming the step and the
error type, and a non-zero exit code. Only synthetic text is written; the temporary
folder is removed afterwards (in portable mode it lies inside ``data/``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop.bundle_exclusions import never_bundled
from desktop.clock import SYSTEM_CLOCK
from desktop.ui.common.locations import Locations, redirect_scratch_folders, resolve_locations

# Synthetic content; also a canary: it must never appear in clear in the database file.
CANARY_TITLE = "self-test debrief 7f3c"
CANARY_BODY = "self-test body: the frozen app can write and read an encrypted note 9d21"
PASSPHRASE = "self-test passphrase: correct horse battery staple"  # noqa: S105 (synthetic)

# Must be absent from the frozen bundle (DESIGN.md §1: the relay is not shipped; only the
# Qt modules the app uses are bundled); the one list is desktop/bundle_exclusions.py.
NOT_BUNDLED = never_bundled()


class SelfTestFailure(Exception):
    """A self-test check did not hold; the message names what was expected."""


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise SelfTestFailure(what)


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def check_bundle_contents() -> str:
    """Frozen only: the SQLCipher module comes from the bundle; excluded modules are absent."""
    if not _frozen():
        return "skipped (running from source)"
    import sqlcipher3._sqlite3 as native

    bundle = Path(getattr(sys, "_MEIPASS", "")).resolve()
    native_file = Path(native.__file__ or "").resolve()
    _expect(bundle in native_file.parents, "sqlcipher3's native module is inside the bundle")
    present = [name for name in NOT_BUNDLED if _module_available(name)]
    _expect(not present, f"not bundled: {', '.join(present)}")
    # Imported only after the window shows (inside functions), yet bundled: PyInstaller
    # follows function-level imports. Screen-lock signals (jeepney on Linux, PyObjC on
    # macOS) and "Remember on this computer".
    per_platform = {"linux": ["jeepney.io.blocking"], "darwin": ["AppKit", "Foundation"]}
    later = ["keyring", *per_platform.get(sys.platform.rstrip("0123456789"), [])]
    missing = [name for name in later if not _module_available(name)]
    _expect(not missing, f"bundled: {', '.join(missing)}")
    return f"sqlcipher3 from {native_file.relative_to(bundle)}; {len(NOT_BUNDLED)} excluded"


def _module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a parent package is absent
        return False


def check_sqlcipher() -> str:
    """The SQLCipher build inside sqlcipher3 answers with a 4.x cipher version."""
    import sqlcipher3

    connection = sqlcipher3.connect(":memory:")
    try:
        row = connection.execute("PRAGMA cipher_version").fetchone()
    finally:
        connection.close()
    version = str(row[0]) if row else ""
    _expect(version.startswith("4."), "SQLCipher reports a 4.x cipher_version")
    return f"SQLCipher {version}"


def check_resources() -> str:
    """Templates, crisis lines and themes load through the one resource helper."""
    from desktop.resources import builtin_templates, load_crisis_lines, resource_path

    templates = builtin_templates()
    crisis = load_crisis_lines()
    _expect(len(crisis.lines) > 0, "the crisis lines list is not empty")
    themes = [resource_path("themes", name) for name in ("base.qss", "light.json", "dark.json")]
    missing = [path.name for path in themes if not path.is_file()]
    _expect(not missing, f"theme files present ({', '.join(missing)} missing)")
    return f"{len(templates)} templates, {len(crisis.lines)} crisis lines, {len(themes)} themes"


def check_identifiers() -> str:
    """The identifier check finds its kinds; phone numbers need libphonenumber's metadata,
    which it imports per country at run time (a bundle could leave it out)."""
    from datetime import date

    from desktop.privacy.identifiers import IdentifierCheck

    text = "DOB 12/03/1985, NHS 943 476 5919, +49 30 1234567, 07911 123456, a@example.org"
    check = IdentifierCheck(date(2026, 1, 1), region="GB")
    kinds = [finding.kind.value for finding in check.find(text)]
    expected = ["birth_date", "nhs_number", "phone", "phone", "email"]
    _expect(kinds == expected, "the identifier check finds dates, NHS numbers, phones, e-mail")
    return f"{len(kinds)} identifiers found in the sample"


def check_vault(scratch: Path) -> str:
    """Create a vault, write and read a debrief, lock, unlock with the passphrase, read again."""
    from desktop.vault import FLOOR_KDF, WrongPassphrase, create_vault, open_vault

    folder = scratch / "vault"
    vault, recovery_code = create_vault(folder, "Self-test", PASSPHRASE, kdf=FLOOR_KDF)
    try:
        _expect(bool(recovery_code), "a recovery code is issued")
        saved = vault.debriefs.add(CANARY_TITLE, CANARY_BODY)
        _expect(vault.debriefs.get(saved.id).body == CANARY_BODY, "the debrief reads back")
    finally:
        vault.close()  # lock: the connection closes and the key is dropped
    on_disk = b"".join(path.read_bytes() for path in folder.iterdir() if path.is_file())
    _expect(CANARY_BODY.encode() not in on_disk, "no debrief text in clear on disk")
    try:
        open_vault(folder, PASSPHRASE + "?").close()
    except WrongPassphrase:
        pass
    else:
        raise SelfTestFailure("a wrong passphrase is refused")
    vault = open_vault(folder, PASSPHRASE)  # unlock
    try:
        listed = vault.debriefs.list()
        _expect([d.id for d in listed] == [saved.id], "the debrief is listed after unlock")
        again = vault.debriefs.get(saved.id)
        _expect((again.title, again.body) == (CANARY_TITLE, CANARY_BODY), "same text")
    finally:
        vault.close()
    return "created, written, read, locked, wrong passphrase refused, unlocked, read"


def check_window(scratch: Path, locations: Locations) -> str:
    """QApplication, the themed real main window shown offscreen, and a PDF printed."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication, QTextDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from desktop.startup_settings import load_settings
    from desktop.ui.common.context import AppContext
    from desktop.ui.common.theme import apply_theme
    from desktop.ui.shell.window import ShellWindow
    from desktop.vault import FLOOR_KDF

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "alongside"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Alongside")
    # The window gets its own data folder, so the self-test never touches real settings.
    window_locations = Locations(
        data_dir=scratch / "data", portable=locations.portable, root=locations.root
    )
    window_locations.data_dir.mkdir()
    context = AppContext(
        locations=window_locations,
        settings=load_settings(window_locations.settings_file),
        kdf=FLOOR_KDF,
    )
    theme = apply_theme(app, "system")
    window = ShellWindow(context)
    window.show()
    QCoreApplication.processEvents()
    try:
        _expect(window.isVisible(), "the main window is shown")
        pdf = scratch / "print-test.pdf"
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        document = QTextDocument()
        document.setPlainText("Alongside self-test")
        document.print_(printer)
        _expect(pdf.read_bytes().startswith(b"%PDF"), "QtPrintSupport writes a PDF")
        icons = _load_icons()
    finally:
        window.close()
        context.runner.wait_for_all()
        QCoreApplication.processEvents()
    return (
        f"platform {QGuiApplication.platformName()}, theme {theme}, window shown, "
        f"PDF printed, {icons} icons drawn"
    )


def _load_icons() -> int:
    """Draw every shipped icon, so a missing image-format plugin (e.g. SVG) fails here."""
    from PySide6.QtGui import QIcon

    from desktop.resources import resource_path

    folder = resource_path("icons")
    paths = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    for path in paths:
        pixmap = QIcon(str(path)).pixmap(16, 16)
        _expect(not pixmap.isNull(), f"the icon {path.name} can be drawn")
    return len(paths)


def run_self_test() -> int:
    """Run every check headless; print a line each; 0 if all hold, 1 at the first failure."""
    started = SYSTEM_CLOCK.monotonic()
    # Headless by design, whatever display this session has.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from desktop.hardening import disable_core_dumps

    disable_core_dumps()
    locations = resolve_locations()
    if locations.portable:
        redirect_scratch_folders(locations.data_dir)
    print(f"self-test: mode {'portable' if locations.portable else 'installed'}", flush=True)
    # In portable mode the scratch folder lies in data/tmp, never the system temp folder.
    parent = locations.data_dir / "tmp" if locations.portable else None
    with tempfile.TemporaryDirectory(prefix="alongside-self-test-", dir=parent) as temporary:
        scratch = Path(temporary)
        steps: list[tuple[str, Callable[[], str]]] = [
            ("bundle", check_bundle_contents),
            ("sqlcipher", check_sqlcipher),
            ("resources", check_resources),
            ("identifiers", check_identifiers),
            ("vault", lambda: check_vault(scratch)),
            ("window", lambda: check_window(scratch, locations)),
        ]
        for name, step in steps:
            try:
                detail = step()
            except SelfTestFailure as failure:
                print(f"self-test FAILED at {name}: expected {failure}", file=sys.stderr)
                return 1
            except Exception as exc:
                # Type only: SQL and validation messages can repeat text (DESIGN.md §3).
                kind = f"{type(exc).__module__}.{type(exc).__qualname__}"
                print(f"self-test FAILED at {name}: {kind}", file=sys.stderr)
                return 1
            print(f"self-test: {name} ok: {detail}", flush=True)
    print(f"self-test: OK in {SYSTEM_CLOCK.monotonic() - started:.2f} s", flush=True)
    return 0
