"""Build Alongside's portable one-folder app for this platform: ``python3 scripts/dev.py build``.

Produces, from a clean slate each time:

- ``dist/alongside/`` — the one-folder bundle (``dist/Alongside.app`` too on macOS);
- ``dist/alongside-<version>-<platform>-portable.zip`` — the same folder with an
  ``alongside.portable`` marker beside the executable, so settings and vaults stay in
  ``data/`` beside it (DESIGN.md §2);
- ``build/bare-dist/bare-window/`` — the smallest bare PySide6 window, built with the same
  PyInstaller in the same run, as the size baseline (skip with ``--no-bare``);
- ``build/bundle-size.json`` — the per-component size breakdown printed at the end.

``--smoke-test`` then runs packaging/smoke_test.py against the result (CI does).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
WORK = BUILD / "pyinstaller"
BARE_DIST = BUILD / "bare-dist"
APP_NAME = "alongside"
MARKER = "alongside.portable"
MARKER_TEXT = (
    "This file puts Alongside in portable mode: its settings and vaults are kept in the\n"
    "'data' folder beside it, and nothing is written to this computer's user folders.\n"
    "Delete this file to keep them in the user's own application data folder instead.\n"
)


def platform_tag() -> str:
    """e.g. ``linux-x86_64``, ``windows-amd64``, ``macos-arm64``."""
    names = {"win32": "windows", "darwin": "macos"}
    system = names.get(sys.platform, sys.platform.rstrip("0123456789"))
    return f"{system}-{platform.machine().lower()}"


def _nice() -> list[str]:
    """Run the heavy steps at low priority where `nice` exists (shared CI and dev boxes)."""
    return ["nice", "-n", "10"] if shutil.which("nice") else []


def run_pyinstaller(spec: Path, distpath: Path) -> float:
    """One PyInstaller build of `spec` into `distpath`; returns the seconds it took."""
    started = time.perf_counter()
    command = [
        *_nice(),
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(distpath),
        "--workpath",
        str(WORK),
        str(spec),
    ]
    subprocess.run(command, cwd=ROOT, check=True)
    return time.perf_counter() - started


def app_folder() -> Path:
    """The folder the portable zip is made of: the .app on macOS, else the one-folder app."""
    return DIST / "Alongside.app" if sys.platform == "darwin" else DIST / APP_NAME


def executable_folder(bundle: Path) -> Path:
    """Where the executable sits, i.e. where the portable marker goes."""
    return bundle / "Contents" / "MacOS" if bundle.suffix == ".app" else bundle


def make_portable_zip(bundle: Path, destination: Path) -> Path:
    """Zip `bundle` with the portable marker beside the executable, keeping modes and links."""
    destination.unlink(missing_ok=True)
    marker_path = executable_folder(bundle).relative_to(bundle) / MARKER
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(bundle.rglob("*")):
            name = f"{bundle.name}/{path.relative_to(bundle).as_posix()}"
            mode = path.lstat().st_mode
            if path.is_symlink():
                info = zipfile.ZipInfo(name)
                info.create_system = 3  # Unix, so unzip honours the mode bits below
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, os.readlink(path))
            elif path.is_dir():
                continue
            else:
                info = zipfile.ZipInfo.from_file(path, name)
                info.create_system = 3
                info.external_attr = (mode & 0xFFFF) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as source, archive.open(info, "w") as target:
                    shutil.copyfileobj(source, target, 1024 * 1024)
        marker = zipfile.ZipInfo(f"{bundle.name}/{marker_path.as_posix()}", time.localtime()[:6])
        marker.create_system = 3
        marker.external_attr = (stat.S_IFREG | 0o644) << 16
        archive.writestr(marker, MARKER_TEXT)
    return destination


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-bare", action="store_true", help="skip the bare-window baseline")
    parser.add_argument("--smoke-test", action="store_true", help="run the smoke test after")
    args = parser.parse_args(argv)

    # No stale plugin or library from an earlier build may survive into this one.
    for stale in (DIST / APP_NAME, DIST / "Alongside.app", BARE_DIST):
        shutil.rmtree(stale, ignore_errors=True)
    timings: dict[str, float] = {}
    print("Building dist/alongside (PyInstaller)…", flush=True)
    timings["app"] = run_pyinstaller(PACKAGING / "alongside.spec", DIST)
    if not args.no_bare:
        print("Building the bare-window baseline…", flush=True)
        timings["bare"] = run_pyinstaller(PACKAGING / "bare.spec", BARE_DIST)

    started = time.perf_counter()
    zip_path = DIST / f"{APP_NAME}-{version('alongside')}-{platform_tag()}-portable.zip"
    for old in DIST.glob(f"{APP_NAME}-*-portable.zip"):
        old.unlink()
    make_portable_zip(app_folder(), zip_path)
    timings["zip"] = time.perf_counter() - started

    sys.path.insert(0, str(PACKAGING))
    from bundle_size import report

    print()
    figures = report(DIST / APP_NAME, None if args.no_bare else BARE_DIST / "bare-window", zip_path)
    figures["build_seconds"] = {name: round(value, 1) for name, value in timings.items()}
    figures["platform"] = platform_tag()
    BUILD.mkdir(exist_ok=True)
    (BUILD / "bundle-size.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(
        "build times: "
        + ", ".join(f"{name} {value:.0f} s" for name, value in timings.items())
        + f"\napp: {DIST / APP_NAME}\nportable zip: {zip_path}"
    )
    if args.smoke_test:
        from smoke_test import main as smoke_test

        return smoke_test([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
