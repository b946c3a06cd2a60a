"""Set up the pre-commit hook (`invoke hooks`): every `git commit` then checks the changed content.

The hook itself is configured in ``.pre-commit-config.yaml``. pre-commit is a
development requirement (``requirements-dev.txt``); editors need it alone, not
the whole test tooling, so the version pinned there is installed into the
running environment (``.venv``) when it is missing or another version.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .checking import PROJECT

PACKAGE = "pre-commit"
REQUIREMENTS = "requirements-dev.txt"

Echo = Callable[[str], None]
Run = Callable[..., subprocess.CompletedProcess]

DONE = (
    "Die automatische Prüfung ist eingerichtet: Jedes „git commit“ prüft jetzt die geänderten "
    "Inhalte und lehnt den Commit bei Fehlern mit der Meldung ab."
)


class HookSetupFailed(Exception):
    """The hook was not installed; the message is for editors."""

    exitcode = 1


def pinned_version(requirements: Path, package: str = PACKAGE) -> str:
    """The version ``package==X`` pins in ``requirements`` (a developer's error if there is none)."""
    wanted = _normalised(package)
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*([A-Za-z0-9._-]+)\s*==\s*([^\s;#]+)", line)
        if match and _normalised(match[1]) == wanted:
            return match[2]
    raise RuntimeError(f"{requirements} pins no version of {package}")


def installed_version(python: Path, package: str = PACKAGE) -> str | None:
    """The version of ``package`` in ``python``'s environment, or None when it is not installed."""
    probe = (
        "import importlib.metadata, sys\n"
        "try:\n    print(importlib.metadata.version(sys.argv[1]))\n"
        "except importlib.metadata.PackageNotFoundError:\n    pass\n"
    )
    result = subprocess.run([str(python), "-c", probe, package], capture_output=True, text=True, check=True)
    return result.stdout.strip() or None


def install(
    project: Path = PROJECT,
    *,
    python: Path = Path(sys.executable),
    run: Run = subprocess.run,
    echo: Echo = print,
) -> None:
    """Install the pinned pre-commit if needed, then its git hook in ``project``."""
    version = pinned_version(project / REQUIREMENTS)
    if installed_version(python) != version:
        echo(f"Installiere {PACKAGE} {version} für die automatische Prüfung …")
        pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", f"{PACKAGE}=={version}"]
        if run(pip).returncode != 0:
            raise HookSetupFailed(
                f"{PACKAGE} ließ sich nicht installieren (Meldung oben). Prüfen Sie die "
                "Internetverbindung und versuchen Sie es erneut."
            )
    # pre-commit's own output ("pre-commit installed at .git/hooks/pre-commit") passes through.
    if run([str(python), "-m", "pre_commit", "install"], cwd=project).returncode != 0:
        raise HookSetupFailed(
            "Die automatische Prüfung konnte nicht eingerichtet werden (Meldung oben). "
            "Der Befehl muss im Projektordner laufen, der mit „git clone“ angelegt wurde."
        )
    echo(DONE)


def _normalised(name: str) -> str:
    # PEP 503: pre-commit, pre_commit and Pre.Commit are one package.
    return re.sub(r"[-_.]+", "-", name).lower()


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="hooks", description="Install the pre-commit hook.")
    parser.add_argument("--project", type=Path, default=PROJECT)
    args = parser.parse_args(argv)
    try:
        install(args.project.resolve())
    except HookSetupFailed as error:
        print(error, file=sys.stderr)
        return error.exitcode
    return 0


if __name__ == "__main__":
    sys.exit(main())
