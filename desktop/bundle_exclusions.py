"""What the frozen desktop bundle must never contain, and why: defined once.

Used by the PyInstaller spec (through packaging/bundle_rules.py) to leave these out,
by the frozen app's own ``--self-test`` (inside the bundle) and by the packaging smoke
test (outside it) to prove they stayed out. Stdlib only: nothing here is imported at
start-up.
"""

from __future__ import annotations

# Qt modules the app imports (grep "PySide6.Qt" desktop/): printing the recovery code
# uses QtPrintSupport. Every other PySide6 extension module is excluded.
USED_QT_MODULES = frozenset({"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"})

# Python packages that must never be in the desktop bundle, and why.
EXCLUDED_MODULES = (
    # The relay is a separate distribution (relay/, DESIGN.md §1); nothing in the app
    # imports it. The wire protocol (alongside_wire) is the client's too and is bundled.
    "alongside_relay",
    "psycopg",
    "psycopg_pool",
    "fastapi",
    "uvicorn",
    "starlette",
    "pydantic_settings",
    "dotenv",
    "httptools",
    "uvloop",
    "watchfiles",
    "websockets",
    # The app's only database is SQLCipher (sqlcipher3); excluding the plain stdlib
    # driver makes an accidental unencrypted database fail loudly in the bundle.
    "sqlite3",
    # Pretty-printers reached only from debugging helpers (pydantic's
    # pretty_print_core_schema, httpx's command line): ~2.4 MB the app never runs.
    "rich",
    "pygments",
    "markdown_it",
    "mdurl",
    # Development and test tools.
    "tests",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "mypyc",
    "schemathesis",
    "pypdf",
    "setuptools",
    "pkg_resources",
    "pip",
    # GUI toolkits and stdlib corners the app never uses.
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "ensurepip",
    "venv",
)

# Qt modules that a bundle could plausibly pick up by accident; the self-test and the
# smoke test probe these by name (the build itself drops every module not in
# USED_QT_MODULES, computed from the installed PySide6).
PROBED_UNUSED_QT_MODULES = (
    "QtNetwork",
    "QtQml",
    "QtQuick",
    "QtWebEngineCore",
    "QtMultimedia",
    "Qt3DCore",
)


def never_bundled() -> tuple[str, ...]:
    """Every module name that must be absent from the bundle (packages and Qt modules)."""
    return (*EXCLUDED_MODULES, *(f"PySide6.{name}" for name in PROBED_UNUSED_QT_MODULES))
