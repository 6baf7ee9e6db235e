"""Measure a one-folder bundle on disk, split by component, beside the bare-window baseline.

Used by packaging/build.py after every build (and runnable alone:
``python packaging/bundle_size.py dist/alongside build/bare-dist/bare-window``). Sizes are
the files' apparent sizes in MiB (symlinks count nothing); the pure-Python modules inside
the executable's embedded archive are split into our code, the stdlib and third-party
packages by reading the archive's table of contents.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

MIB = 1024 * 1024

# Components in report order; the first matching rule names a file's component.
COMPONENTS = (
    "Qt libraries",
    "ICU (Qt's Unicode data)",
    "Qt plugins",
    "Qt translations",
    "PySide6 + shiboken6 bindings",
    "sqlcipher3 (SQLCipher)",
    "cryptography",
    "pydantic-core",
    "PyNaCl (libsodium) + cffi",
    "Python: interpreter + stdlib",
    "Other third-party Python",
    "System libraries (X11/xcb, glib, fontconfig, OpenSSL, …)",
    "Alongside code + resources",
    "Executable (bootloader)",
    "Other",
)


def _classify_file(relative: str) -> str:
    """The component one file in `_internal/` (or the bundle root) belongs to."""
    parts = relative.split("/")
    name = parts[-1]
    top = parts[0]
    if name.startswith("libicu"):
        return "ICU (Qt's Unicode data)"
    if "plugins" in parts and "Qt" in parts:
        return "Qt plugins"
    if "translations" in parts and "Qt" in parts:
        return "Qt translations"
    if name.startswith("libQt6") or name.startswith(("Qt6", "libQt6")):
        return "Qt libraries"
    if top in {"PySide6", "shiboken6"} or name.startswith(("libpyside6", "libshiboken6")):
        return "PySide6 + shiboken6 bindings"
    if top.startswith("sqlcipher3"):
        return "sqlcipher3 (SQLCipher)"
    if top.startswith("cryptography"):
        return "cryptography"
    if top.startswith("pydantic_core"):
        return "pydantic-core"
    if top.startswith(("nacl", "PyNaCl", "_cffi_backend", "cffi")):
        return "PyNaCl (libsodium) + cffi"
    if top == "resources" or top.startswith("alongside"):
        return "Alongside code + resources"
    if (
        name.startswith(("libpython", "python3"))
        or top.startswith("python3")
        or name == "base_library.zip"
    ):
        return "Python: interpreter + stdlib"
    if (name.startswith("lib") and ".so" in name) or name.endswith((".dll", ".dylib")):
        return "System libraries (X11/xcb, glib, fontconfig, OpenSSL, …)"
    if relative.endswith((".dist-info", ".py", ".pyc")) or ".dist-info/" in relative:
        return "Other third-party Python"
    return "Other"


def _classify_module(module: str) -> str:
    """The component of one module stored in the embedded PYZ archive."""
    top = module.split(".")[0]
    if top == "desktop":
        return "Alongside code + resources"
    if top in sys.stdlib_module_names:
        return "Python: interpreter + stdlib"
    if top in {"PySide6", "shiboken6"}:
        return "PySide6 + shiboken6 bindings"
    if top == "cryptography":
        return "cryptography"
    if top in {"nacl", "cffi"}:
        return "PyNaCl (libsodium) + cffi"
    if top == "sqlcipher3":
        return "sqlcipher3 (SQLCipher)"
    if top == "pydantic_core":
        return "pydantic-core"
    return "Other third-party Python"


def _executable(bundle: Path) -> Path | None:
    for candidate in sorted(bundle.iterdir()):
        if (
            candidate.is_file()
            and candidate.name != "alongside.portable"
            and (candidate.suffix in {"", ".exe"})
        ):
            return candidate
    return None


def archive_modules(executable: Path) -> dict[str, int]:
    """Compressed size of each module in the executable's embedded PYZ archive."""
    from PyInstaller.archive.readers import CArchiveReader

    package = CArchiveReader(str(executable))
    modules: dict[str, int] = {}
    for name, entry in package.toc.items():
        if entry[-1] == "z":  # the PYZ archive of pure-Python modules
            pyz = package.open_embedded_archive(name)
            for module, (_typecode, _offset, length) in pyz.toc.items():
                modules[module] = length
    return modules


def measure(bundle: Path) -> dict[str, int]:
    """Bytes per component for the one-folder bundle at `bundle`."""
    sizes: dict[str, int] = defaultdict(int)
    executable = _executable(bundle)
    modules = archive_modules(executable) if executable else {}
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        if path == executable:
            archived = sum(modules.values())
            for module, length in modules.items():
                sizes[_classify_module(module)] += length
            sizes["Executable (bootloader)"] += size - archived
            continue
        relative = path.relative_to(bundle).as_posix()
        for prefix in ("_internal/", "Contents/Frameworks/", "Contents/Resources/"):
            relative = relative.removeprefix(prefix)
        sizes[_classify_file(relative)] += size
    return dict(sizes)


def _mib(size: int) -> str:
    return f"{size / MIB:7.1f}"


def report(app: Path, bare: Path | None, zip_file: Path | None = None) -> dict[str, object]:
    """Print the per-component table (and the ratio to the bare bundle); return the figures."""
    app_sizes = measure(app)
    bare_sizes = measure(bare) if bare and bare.is_dir() else {}
    app_total = sum(app_sizes.values())
    bare_total = sum(bare_sizes.values())
    print(f"{'component':58} {'app MiB':>8} {'bare MiB':>9}")
    for component in COMPONENTS:
        if component in app_sizes or component in bare_sizes:
            bare_text = _mib(bare_sizes.get(component, 0)) if bare_sizes else "      -"
            print(f"{component:58} {_mib(app_sizes.get(component, 0))}  {bare_text}")
    print(f"{'total':58} {_mib(app_total)}  {_mib(bare_total) if bare_sizes else '      -'}")
    figures: dict[str, object] = {
        "app_bytes": app_total,
        "bare_bytes": bare_total,
        "app_components": app_sizes,
        "bare_components": bare_sizes,
    }
    if bare_total:
        ratio = app_total / bare_total
        figures["ratio"] = round(ratio, 3)
        verdict = "within" if ratio <= 1.35 else "OVER"
        print(f"app / bare = {ratio:.2f}x ({verdict} the 1.35x target)")
    if zip_file and zip_file.is_file():
        figures["zip_bytes"] = zip_file.stat().st_size
        print(f"portable zip: {zip_file.stat().st_size / MIB:.1f} MiB ({zip_file.name})")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", type=Path)
    parser.add_argument("bare", type=Path, nargs="?")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    figures = report(args.app, args.bare)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
