"""Smoke-test the frozen app that packaging/build.py made: does the bundle run here, alone?

Run by CI after the build (``python3 scripts/dev.py build --smoke-test``), or alone with
the venv's Python: ``.venv/bin/python packaging/smoke_test.py``. Checks, in order:

1. ``alongside --version``, ``--check`` (offscreen) and ``--self-test`` from ``dist/``;
2. (Linux) every ELF file in the bundle resolves its libraries, and what the bundle
   expects from the OS is listed;
3. nothing excluded (relay, unused Qt modules, Qt translations) slipped into the bundle;
4. the portable zip, unpacked, runs ``--check`` and ``--self-test`` and starts its window
   (offscreen, and on X11 through Xvfb where it is installed) with HOME, XDG_* and TMPDIR
   pointed at empty sandboxes — which must stay empty, while everything lands in
   ``data/`` beside the app (DESIGN.md §2);
5. start-up to the shown window, frozen beside source (median of several runs).

Prints a line per check and exits non-zero if any failed.
"""

from __future__ import annotations

import os
import shutil
import stat
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
SHOWN_MARKER = "alongside: window shown"  # printed by desktop.app under the bench flag
BENCH_FLAG = "ALONGSIDE_BENCH_EXIT_ON_SHOWN"
IS_LINUX = sys.platform.startswith("linux")
TIMEOUT = 120

# Libraries the bundle itself must provide; one missing is a packaging bug.
BUNDLED_LIBRARY_PREFIXES = ("libQt6", "libicu", "libpyside6", "libshiboken6", "libpython")
# Must not be in the bundle (files, by name fragment; modules, by top-level name).
FORBIDDEN_FILE_FRAGMENTS = (
    "Qt6Qml",
    "Qt6Quick",
    "Qt6WebEngine",
    "Qt63D",
    "Qt6Multimedia",
    "Qt6Network",
    "Qt6Pdf",
    "QtQml",
    "QtQuick",
    "QtWebEngine",
    "QtNetwork",
    "tcl",
    "tk8",
)
FORBIDDEN_MODULES = (
    "alongside_relay",
    "fastapi",
    "uvicorn",
    "starlette",
    "pydantic_settings",
    "sqlite3",
    "tkinter",
    "pytest",
    "hypothesis",
    "tests",
)


class Results:
    """Collects PASS/FAIL lines and says whether everything passed."""

    def __init__(self) -> None:
        self.failed: list[str] = []

    def check(self, name: str, passed: bool, detail: str = "") -> bool:
        print(f"{'PASS' if passed else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)
        if not passed:
            self.failed.append(name)
        return passed


def executable_in(bundle: Path) -> Path:
    """The console executable: alongside-cli.exe on Windows, else alongside."""
    if sys.platform.startswith("win"):
        return bundle / "alongside-cli.exe"
    return bundle / "alongside"


def sandbox_env(base: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """An environment whose home, config, data, cache, state, runtime and temp folders are
    fresh empty folders under `base`, so anything written there can be listed afterwards."""
    folders = {
        "HOME": "home",
        "XDG_CONFIG_HOME": "config",
        "XDG_DATA_HOME": "data",
        "XDG_CACHE_HOME": "cache",
        "XDG_STATE_HOME": "state",
        "XDG_RUNTIME_DIR": "runtime",
        "TMPDIR": "tmp",
        "TEMP": "tmp",
        "TMP": "tmp",
        "USERPROFILE": "home",
        "APPDATA": "appdata",
        "LOCALAPPDATA": "localappdata",
    }
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in folders and not key.startswith(("QT_", "XDG_", "ALONGSIDE_", "PYTHON"))
    }
    for variable, name in folders.items():
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o700)
        env[variable] = str(folder)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra or {})
    return env


def listing(folder: Path) -> list[str]:
    """Every file and folder under `folder`, relative, sorted."""
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*"))


def run(
    command: list[str], env: Mapping[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _tail(result: subprocess.CompletedProcess[str]) -> str:
    text = (result.stdout + result.stderr).strip().splitlines()
    return " | ".join(text[-3:])


def check_commands(results: Results, executable: Path, scratch: Path) -> None:
    """--version, --check and --self-test of the installed (non-portable) folder."""
    env = sandbox_env(scratch / "installed")
    version = run([str(executable), "--version"], env)
    results.check(
        "--version",
        version.returncode == 0
        and version.stdout.startswith("Alongside ")
        and "unknown" not in version.stdout,
        version.stdout.strip() or _tail(version),
    )
    check = run([str(executable), "--check"], env)
    sqlcipher = next((ln for ln in check.stdout.splitlines() if ln.startswith("SQLCipher: ")), "")
    results.check(
        "--check (offscreen)",
        check.returncode == 0 and sqlcipher.startswith("SQLCipher: 4."),
        sqlcipher or _tail(check),
    )
    self_test = run([str(executable), "--self-test"], env)
    results.check("--self-test (installed mode)", self_test.returncode == 0, _tail(self_test))


def _is_elf(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"\x7fELF"


def check_libraries(results: Results, bundle: Path) -> None:
    """Linux: every ELF file resolves its libraries as the bootloader would load them."""
    if not IS_LINUX:
        return
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    from_os: dict[str, set[str]] = {}
    missing_bundled: set[str] = set()
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and _is_elf(p)]
    for path in files:
        output = run(["ldd", str(path)], env).stdout
        for line in output.splitlines():
            if "not found" not in line:
                continue
            name = line.split()[0]
            if name.startswith(BUNDLED_LIBRARY_PREFIXES):
                missing_bundled.add(name)
            else:
                from_os.setdefault(name, set()).add(path.name)
    missing = f"; MISSING from bundle: {', '.join(sorted(missing_bundled))}"
    results.check(
        "libraries resolve",
        not missing_bundled,
        f"{len(files)} ELF files" + (missing if missing_bundled else ""),
    )
    for name, users in sorted(from_os.items()):
        needed_by = ", ".join(sorted(users))
        print(f"  note: {name} comes from the OS (absent here), needed by {needed_by}")


def check_exclusions(results: Results, bundle: Path, executable: Path) -> None:
    """No relay, unused Qt module, Qt translation or test tool in the bundle."""
    sys.path.insert(0, str(ROOT / "packaging"))
    from bundle_size import archive_modules

    modules = archive_modules(executable)
    bad_modules = sorted(
        name
        for name in modules
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_MODULES)
    )
    names = [path.relative_to(bundle).as_posix() for path in bundle.rglob("*")]
    bad_files = sorted(
        name
        for name in names
        if any(fragment in Path(name).name for fragment in FORBIDDEN_FILE_FRAGMENTS)
        or (name.endswith(".qm") and "PySide6/" in name)
    )
    qt_modules = sorted(
        {
            Path(name).name.split(".")[0]
            for name in names
            if Path(name).parent.name == "PySide6" and Path(name).name.startswith("Qt")
        }
    )
    results.check(
        "exclusions",
        not bad_modules and not bad_files,
        f"Qt modules: {', '.join(qt_modules)}; "
        f"{len(modules)} archived modules, none of {', '.join(FORBIDDEN_MODULES)}"
        + (f"; FOUND modules {bad_modules[:8]}" if bad_modules else "")
        + (f"; FOUND files {bad_files[:8]}" if bad_files else ""),
    )


def extract_zip(zip_path: Path, target: Path) -> None:
    """Unzip keeping executable bits and symlinks (Python's extractall drops both)."""
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            mode = info.external_attr >> 16
            destination = target / info.filename
            if ".." in Path(info.filename).parts:
                raise ValueError(f"unsafe name in zip: {info.filename}")
            if stat.S_ISLNK(mode):
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.symlink(archive.read(info).decode(), destination)
                continue
            archive.extract(info, target)
            if mode and not info.is_dir():
                destination.chmod(stat.S_IMODE(mode))


def time_to_window(command: list[str], env: Mapping[str, str], cwd: Path | None = None) -> float:
    """Seconds from launch until the app reports its main window shown (then it quits)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env={**env, BENCH_FLAG: "1"},
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    shown = None
    for line in process.stdout:
        if SHOWN_MARKER in line and shown is None:
            shown = time.perf_counter() - started
    process.wait(timeout=TIMEOUT)
    if shown is None or process.returncode != 0:
        raise RuntimeError(f"{command[0]} did not show its window (exit {process.returncode})")
    return shown


def check_x11(results: Results, executable: Path, env: Mapping[str, str]) -> None:
    """Linux with Xvfb installed: the real start-up shows its window through the xcb plugin."""
    xvfb = shutil.which("Xvfb")
    if not IS_LINUX or xvfb is None:
        print("SKIP window on X11 (xcb): Xvfb is not installed")
        return
    server = subprocess.Popen(
        [xvfb, "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        display = f":{server.stdout.readline().strip()}"
        x11_env = {k: v for k, v in env.items() if k != "QT_QPA_PLATFORM"}
        x11_env["DISPLAY"] = display
        try:
            seconds = time_to_window([str(executable)], x11_env)
            results.check("window on X11 (xcb)", True, f"Xvfb {display}, shown in {seconds:.2f} s")
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            results.check("window on X11 (xcb)", False, str(exc))
    finally:
        server.terminate()
        server.wait(timeout=10)


def check_portable(results: Results, zip_path: Path, scratch: Path, runs: int) -> None:
    """Unpack the zip; run it in sandboxes that must stay empty; time its start-up."""
    unpacked = scratch / "unpacked"
    extract_zip(zip_path, unpacked)
    folder = next(unpacked.iterdir())
    executable = executable_in(folder)
    results.check(
        "portable zip layout",
        (executable.parent / "alongside.portable").is_file() and os.access(executable, os.X_OK),
        f"{zip_path.name}: {folder.name}/ with alongside.portable beside the executable",
    )
    sandboxes = scratch / "sandboxes"
    env = sandbox_env(sandboxes)
    check = run([str(executable), "--check"], env)
    results.check(
        "portable --check",
        check.returncode == 0 and "Mode: portable" in check.stdout,
        next((ln for ln in check.stdout.splitlines() if ln.startswith("Data folder:")), "")
        or _tail(check),
    )
    self_test = run([str(executable), "--self-test"], env)
    results.check("portable --self-test", self_test.returncode == 0, _tail(self_test))
    for line in self_test.stdout.splitlines():
        print(f"  {line}")

    frozen_times: list[float] = []
    source_times: list[float] = []
    source_env = sandbox_env(scratch / "source-sandbox")
    source_command = [sys.executable, "-m", "desktop"]
    try:
        time_to_window([str(executable)], env)  # warm the page cache for both
        time_to_window(source_command, source_env, cwd=ROOT)
        for _ in range(runs):  # interleaved, so background load hits both alike
            frozen_times.append(time_to_window([str(executable)], env))
            source_times.append(time_to_window(source_command, source_env, cwd=ROOT))
        started = True
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        started = False
        print(f"  start-up timing failed: {exc}")
    results.check("portable window starts", started)
    check_x11(results, executable, env)

    appeared = listing(sandboxes)
    folders = {path.split("/")[0] for path in appeared}
    leaked = [path for path in appeared if path not in folders]
    results.check(
        "portable sandboxes stay empty",
        not leaked,
        "HOME, XDG_CONFIG/DATA/CACHE/STATE/RUNTIME_DIR, TMPDIR: "
        + (f"{len(leaked)} new files: {', '.join(leaked[:10])}" if leaked else "nothing appeared"),
    )
    data = folder / "data"
    print(f"  data/ beside the app: {', '.join(listing(data)) if data.is_dir() else '(none)'}")
    if frozen_times and source_times:
        frozen = statistics.median(frozen_times)
        source = statistics.median(source_times)
        print(
            f"start-up to window shown (median of {runs}, offscreen): "
            f"frozen {frozen:.2f} s, source {source:.2f} s ({frozen / source:.2f}x)"
        )


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 5
    results = Results()
    bundle = DIST / "alongside"
    executable = executable_in(bundle)
    zips = sorted(DIST.glob("alongside-*-portable.zip"))
    if not results.check("bundle built", executable.is_file() and bool(zips), str(bundle)):
        return 1
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="alongside-smoke-") as temporary:
        scratch = Path(temporary)
        check_commands(results, executable, scratch)
        check_libraries(results, bundle)
        check_exclusions(results, bundle, executable)
        check_portable(results, zips[-1], scratch, runs)
    elapsed = time.perf_counter() - started
    if results.failed:
        print(f"smoke test FAILED ({', '.join(results.failed)}) in {elapsed:.0f} s")
        return 1
    print(f"smoke test passed in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
