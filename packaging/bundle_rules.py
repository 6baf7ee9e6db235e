"""What goes into the frozen app and what stays out: used by alongside.spec at build time.

PyInstaller's Qt hooks collect every plugin type and translation a Qt module might use;
Alongside is a QtWidgets app drawn in software, so most of them are dead weight. The
rules here keep the plugins that a clinician's desktop needs (X11, Wayland, input
methods, native dialogs, printing) and the offscreen platform used by the self-test,
then drop every shared library nothing kept still links to. The build's smoke test runs
``ldd`` over the result, so a rule that drops too much fails CI, not a clinic PC.
"""

from __future__ import annotations

import posixpath
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

# Qt modules the app imports (grep "PySide6.Qt" desktop/): printing the recovery code
# uses QtPrintSupport. Every other PySide6 extension module is excluded.
USED_QT_MODULES = frozenset({"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"})

# Python packages that must never be in the desktop bundle, and why.
EXCLUDED_MODULES = (
    # The relay is a separate distribution (relay/, DESIGN.md §1); nothing in the app imports it.
    "alongside_relay",
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

# Plugin folders kept, by platform; a plugin type absent here is dropped whole.
# `None` keeps every plugin in the folder; a set keeps only those plugin base names.
PluginRule = frozenset[str] | None
LINUX_PLUGINS: dict[str, PluginRule] = {
    # X11, Wayland, and offscreen (the self-test and headless runs).
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen"}),
    # Native file dialogs through XDG desktop portals. The GTK 3 theme is left out: it
    # drags the build machine's cairo/pango/GDK stack into the bundle, to be mixed at run
    # time with the clinic PC's own GTK (and it cannot load at all where GTK is absent).
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Dead keys / compose sequences and IBus (accents, CJK input).
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "xcbglintegrations": None,
    # Wayland: the standard desktop shell protocol and client-side window decorations.
    # Graphics-integration plugins are left out: widgets draw in software (shared memory).
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": None,
    # Printing the recovery code to a CUPS printer.
    "printsupport": None,
}
WINDOWS_PLUGINS: dict[str, PluginRule] = {
    "platforms": frozenset({"qwindows", "qoffscreen"}),
    "styles": None,  # the native Windows 11 style plugin (we apply Fusion; harmless)
    "printsupport": None,
}
MACOS_PLUGINS: dict[str, PluginRule] = {
    "platforms": frozenset({"qcocoa", "qoffscreen"}),
    "styles": None,
    "printsupport": None,
}
# Libraries left to the operating system rather than copied from the build machine.
# libcups must match the PC's print system (and pulls ~10 MB of GnuTLS, Kerberos and
# Avahi); where it is absent Qt's print dialog offers "Print to PDF" only.
LINUX_SYSTEM_LIBRARIES = frozenset({"libcups.so.2"})

# Image formats: PNG is built into QtGui; the theme's style sheet draws SVG icons from
# resources/icons (check marks), through the SVG image format and icon engine. Add a
# format here (e.g. "qjpeg") when a feature starts loading one; the self-test loads
# every file in resources/icons, so a missing format fails the smoke test.
IMAGE_FORMATS: frozenset[str] = frozenset({"qsvg"})
ICON_ENGINES: frozenset[str] = frozenset({"qsvgicon"})


def plugin_rules(platform: str = sys.platform) -> dict[str, PluginRule]:
    """The plugin folders (and plugins) kept on `platform`."""
    if platform.startswith("win"):
        rules = dict(WINDOWS_PLUGINS)
    elif platform == "darwin":
        rules = dict(MACOS_PLUGINS)
    else:
        rules = dict(LINUX_PLUGINS)
    rules["imageformats"] = IMAGE_FORMATS
    rules["iconengines"] = ICON_ENGINES
    return rules


def unused_qt_modules(pyside_dir: Path) -> list[str]:
    """Every PySide6 extension module in `pyside_dir` that the app does not import."""
    names = {entry.name.split(".")[0] for entry in pyside_dir.iterdir()}
    return sorted(
        f"PySide6.{name}"
        for name in names
        if name.startswith("Qt") and name not in USED_QT_MODULES and name != "Qt"
    )


def _plugin_location(dest: str) -> tuple[str, str] | None:
    """(plugin type, plugin base name) for a Qt plugin's destination path, else None."""
    parts = Path(dest).parts
    if "plugins" not in parts:
        return None
    index = parts.index("plugins")
    # PySide6/Qt/plugins/... on Linux and macOS, PySide6/plugins/... on Windows.
    if index < 1 or parts[index - 1] not in {"Qt", "PySide6"} or len(parts) < index + 3:
        return None
    stem = parts[-1].split(".")[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    if stem.endswith("d") and parts[-1].lower().endswith("d.dll"):
        stem = stem[:-1]
    return parts[index + 1], stem


def keep_plugin(dest: str, rules: dict[str, PluginRule]) -> bool:
    """Whether a collected file is kept under the plugin rules (non-plugins always are)."""
    location = _plugin_location(dest)
    if location is None:
        return True
    kind, name = location
    if kind not in rules:
        return False
    allowed = rules[kind]
    return allowed is None or name in allowed


def is_system_library(dest: str, platform: str = sys.platform) -> bool:
    """Whether a collected shared library is one we leave to the operating system."""
    return platform.startswith("linux") and _normalise(dest) in LINUX_SYSTEM_LIBRARIES


def is_qt_translation(dest: str) -> bool:
    """Qt's own .qm translations: the app is English-only and loads none of them."""
    parts = Path(dest).parts
    return "translations" in parts and dest.endswith(".qm") and "PySide6" in parts


def _normalise(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1].lower()


def direct_imports(
    path: str, fallback: Callable[[str], Iterable[tuple[str, str | None]]]
) -> list[str]:
    """The library names `path` links to directly (not their dependencies in turn).

    On Linux PyInstaller's own lookup runs ``ldd``, which lists the whole transitive
    closure, so a dropped library's dependencies would look needed; ``objdump -p`` (which
    PyInstaller already requires there) gives the DT_NEEDED entries only. Elsewhere
    `fallback` (PyInstaller's ``get_imports``) already answers with direct imports.
    """
    if not sys.platform.startswith("linux"):
        return [name for pair in fallback(path) for name in pair if name]
    if shutil.which("objdump") is None:
        # Without it every library would look unneeded and be pruned.
        raise RuntimeError("Building on Linux needs objdump and strip (package binutils).")
    output = subprocess.run(
        ["objdump", "-p", path], capture_output=True, text=True, check=False
    ).stdout
    return [line.split()[1] for line in output.splitlines() if line.strip().startswith("NEEDED")]


def prune_unreachable(
    binaries: Iterable[tuple[str, str, str]],
    imports_of: Callable[[str], Iterable[str]],
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Drop shared libraries that no kept extension module, plugin or libpython links to.

    `binaries` is PyInstaller's TOC of (dest, source, typecode); `imports_of(path)` names
    the libraries a file links to directly. Roots are the Python extension modules, the
    Qt plugins that survived the rules and the Python library; any other library stays
    only if a root needs it, directly or through a kept library (a symlink found by name
    leads to its target). Symlinks themselves are never dropped here: those left pointing
    at nothing go in `drop_dangling_symlinks`, so a macOS framework's
    ``Versions/Current`` survives.
    """
    entries = list(binaries)
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    by_dest = {entry[0]: entry for entry in entries}
    for entry in entries:
        by_name.setdefault(_normalise(entry[0]), []).append(entry)
    roots = [
        entry
        for entry in entries
        if entry[2] == "EXTENSION"
        or _plugin_location(entry[0]) is not None
        or _normalise(entry[0]).startswith(("libpython", "python"))
    ]
    kept: set[tuple[str, str, str]] = set()
    pending = list(roots)
    while pending:
        entry = pending.pop()
        if entry in kept:
            continue
        kept.add(entry)
        if entry[2] == "SYMLINK":  # (link name, target relative to the link, "SYMLINK")
            target = by_dest.get(_link_target(entry[0], entry[1]))
            if target is not None:
                pending.append(target)
            continue
        for name in imports_of(entry[1]):
            pending.extend(by_name.get(_normalise(name), []))
    dropped = sorted(entry[0] for entry in entries if entry not in kept and entry[2] != "SYMLINK")
    return [e for e in entries if e in kept or e[2] == "SYMLINK"], dropped


def _link_target(dest: str, source: str) -> str:
    """A SYMLINK entry's target as a bundle path (`source` is relative to the link)."""
    dest = dest.replace("\\", "/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(dest), source.replace("\\", "/")))


def drop_dangling_symlinks(
    toc: Iterable[tuple[str, str, str]], present: set[str]
) -> list[tuple[str, str, str]]:
    """Remove SYMLINK entries whose target (relative to the link) is no longer collected.

    `present` holds the bundle paths collected; folders holding them count as present
    too, since a link may point at a folder (a macOS framework's ``Versions/Current``).
    """
    paths = {path.replace("\\", "/") for path in present}
    for path in list(paths):
        parent = posixpath.dirname(path)
        while parent and parent not in paths:
            paths.add(parent)
            parent = posixpath.dirname(parent)
    kept = []
    for dest, source, typecode in toc:
        if typecode == "SYMLINK" and _link_target(dest, source) not in paths:
            continue
        kept.append((dest, source, typecode))
    return kept
