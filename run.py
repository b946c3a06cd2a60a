#!/usr/bin/env python3
"""Set up what a task needs, then run it with invoke (see tasks.py).

    python3 run.py build        # build the site into output/
    python3 run.py test         # run the whole test suite
    python3 run.py serve        # preview with live reload at http://127.0.0.1:8000/
    python3 run.py edit         # the same plus a form editor at http://127.0.0.1:8001/admin/
    python3 run.py <task> ...   # any other invoke task, arguments passed through
    python3 run.py setup        # install what `test` needs, run nothing (used by CI)

Needs only Python 3.11+ (standard library). It creates .venv when missing and
installs the pinned requirements whenever requirements*.txt changed (a hash
stamp lives in .venv). For `test` it also installs the pinned dev requirements,
Debian's chromium, a headless Java runtime and libical's GObject bindings (as root,
with apt-get), the calendar client libraries of requirements-clients.txt in a
virtual environment of their own (.venv-clients: they need an older python-dateutil
than the build), and the Node packages from package-lock.json (`npm ci`, whenever
the lockfile changed).
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
# Where a virtual environment keeps its programs: Scripts\ on Windows, bin/ elsewhere.
VENV_BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
VENV_PYTHON = VENV_BIN / "python"
REQUIREMENTS = "requirements.txt"
DEV_REQUIREMENTS = "requirements-dev.txt"
CLIENT_REQUIREMENTS = "requirements-clients.txt"
CLIENTS_VENV = ROOT / ".venv-clients"
STAMP_PREFIX = ".requirements-"
NODE_STAMP = ROOT / "node_modules" / ".package-lock.sha256"

# Tasks that need more than the build requirements. Extend when a task needs more.
DEV_TASKS = {"test", "setup", "lint"}
NODE_TASKS = {"test", "setup", "audit", "edit"}
SYSTEM_TASKS = {"test", "setup", "audit"}
CLIENT_TASKS = {"test", "setup"}
# Executable -> Debian package that provides it.
SYSTEM_PACKAGES = {"/usr/bin/chromium": "chromium", "java": "default-jre-headless"}
# File pattern -> Debian package: libical's GObject bindings, for tests/clients/read_libical.py
# under Debian's /usr/bin/python3.
SYSTEM_FILES = {
    "/usr/lib/python3/dist-packages/gi/__init__.py": "python3-gi",
    "/usr/lib/*/girepository-1.0/ICal-3.0.typelib": "gir1.2-ical-3.0",
}


class SetupError(Exception):
    """Something the machine lacks that this script cannot install."""


def say(message: str) -> None:
    print(f"run.py: {message}", flush=True)


def run(command: list[str], **kwargs) -> None:
    say("$ " + " ".join(command))
    result = subprocess.run(command, **kwargs)
    if result.returncode != 0:
        raise SetupError(f"command failed with exit code {result.returncode}: {' '.join(command)}")


def file_hash(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def ensure_python_version() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py runs under any python3 and must say why it stops
        found = ".".join(map(str, sys.version_info[:3]))
        raise SetupError(f"Python 3.11 or newer is needed; this is Python {found}.")


def ensure_venv(requirements: str) -> None:
    """Create .venv if missing; install `requirements` if it changed since the last install."""
    if not VENV_PYTHON.exists():
        say(f"creating the virtual environment {VENV.name}/")
        try:
            import ensurepip  # noqa: F401  (Debian ships it separately, in python3-venv)
        except ImportError:
            raise SetupError(
                "Python's venv support is missing. On Debian or Ubuntu: apt-get install python3-venv"
            ) from None
        run([sys.executable, "-m", "venv", str(VENV)])
    # requirements-dev.txt includes requirements.txt, so both go into its hash.
    sources = [ROOT / REQUIREMENTS] + ([ROOT / DEV_REQUIREMENTS] if requirements == DEV_REQUIREMENTS else [])
    stamp = VENV / (STAMP_PREFIX + requirements + ".sha256")
    wanted = file_hash(*sources)
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    say(f"installing the pinned packages from {requirements}")
    run([str(VENV_PYTHON), "-m", "pip", "install", "--disable-pip-version-check",
         "--quiet", "-r", str(ROOT / requirements)])
    stamp.write_text(wanted + "\n")


def ensure_system_packages() -> None:
    """Debian's chromium (browser tests), a Java runtime (HTML checker) and libical (iCal client tests)."""
    missing = [package for program, package in SYSTEM_PACKAGES.items() if not shutil.which(program)]
    missing += [package for pattern, package in SYSTEM_FILES.items() if not glob.glob(pattern)]
    if not missing:
        return
    names = " ".join(missing)
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SetupError(
            f"the tests need the Debian packages {names}, which are not installed.\n"
            f"Install them as root (apt-get update && apt-get install -y {names}) "
            "or run this script as root."
        )
    say(f"installing the Debian packages {names}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update"], env=env)
    run(["apt-get", "install", "-y", *missing], env=env)


def ensure_client_venv() -> None:
    """.venv-clients with requirements-clients.txt, whenever that file changed."""
    python = CLIENTS_VENV / "bin" / "python"
    if not python.exists():
        say(f"creating the virtual environment {CLIENTS_VENV.name}/")
        run([sys.executable, "-m", "venv", str(CLIENTS_VENV)])
    stamp = CLIENTS_VENV / (STAMP_PREFIX + CLIENT_REQUIREMENTS + ".sha256")
    wanted = file_hash(ROOT / CLIENT_REQUIREMENTS)
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    say(f"installing the pinned packages from {CLIENT_REQUIREMENTS}")
    run([str(python), "-m", "pip", "install", "--disable-pip-version-check",
         "--quiet", "-r", str(ROOT / CLIENT_REQUIREMENTS)])
    stamp.write_text(wanted + "\n")


def ensure_node_packages() -> None:
    """`npm ci` when node_modules is missing or package-lock.json changed since."""
    lockfile = ROOT / "package-lock.json"
    if not lockfile.exists():
        raise SetupError("package-lock.json is missing; it pins the Node packages the tests use.")
    if not shutil.which("npm"):
        raise SetupError("npm is not installed. Install Node.js 20 or newer with npm.")
    wanted = file_hash(lockfile)
    if NODE_STAMP.exists() and NODE_STAMP.read_text().strip() == wanted:
        return
    say("installing the Node packages from package-lock.json")
    # --ignore-scripts: vnu-jar's install script would fetch a Java runtime; we use Debian's.
    run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ROOT)
    NODE_STAMP.write_text(wanted + "\n")


def prepare(task: str) -> None:
    ensure_python_version()
    ensure_venv(DEV_REQUIREMENTS if task in DEV_TASKS else REQUIREMENTS)
    if task in SYSTEM_TASKS:
        ensure_system_packages()
    if task in CLIENT_TASKS:
        ensure_client_venv()
    if task in NODE_TASKS:
        ensure_node_packages()


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__.strip())
        return 0 if argv else 2
    task = argv[0]
    try:
        prepare(task)
    except SetupError as error:
        say(f"error: {error}")
        return 1
    if task == "setup":
        say("everything the tests need is installed")
        return 0
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("PYTHONHOME", None)
    say("$ invoke " + " ".join(argv))
    try:
        return subprocess.run([str(VENV_BIN / "invoke"), *argv], cwd=ROOT, env=env).returncode
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
