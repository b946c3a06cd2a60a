"""tasks.py: what reaches the tools behind the tasks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import tasks

from conftest import PROJECT


def test_arguments_after_the_double_dash_keep_their_quoting(monkeypatch):
    monkeypatch.setattr(tasks.program, "argv", ["invoke", "test", "--", "-m", "not browser", "-k", "a or b"])
    assert tasks.remainder() == ["-m", "not browser", "-k", "a or b"]
    monkeypatch.setattr(tasks.program, "argv", ["invoke", "build"])
    assert tasks.remainder() == []


def test_the_readme_example_reaches_pytest_as_given():
    """README: `python3 run.py test -- -m "not browser"` (run.py passes its arguments to invoke unchanged)."""
    invoke = Path(sys.prefix) / "bin" / "invoke"
    command = [str(invoke), "test", "--", "-m", "not browser", "--collect-only", "-q", "-p", "no:cacheprovider",
               "tests/test_slugs.py"]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\d+ tests collected", result.stdout, re.MULTILINE), result.stdout
