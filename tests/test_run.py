"""run.py, the bootstrap behind the README's commands: what it installs, and when.

The commands it would run (pip, apt-get, npm) are recorded instead of run; the decisions
(stamps, missing programs, root or not) are the real code's.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture
def bootstrap(tmp_path, monkeypatch):
    """run.py loaded as a module, pointed at a scratch project in tmp_path, commands recorded."""
    spec = importlib.util.spec_from_file_location("run_under_test", PROJECT / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "requirements.txt").write_text("pelican==4.12.0\n")
    (tmp_path / "requirements-dev.txt").write_text("-r requirements.txt\npytest==9.2.0\n")
    (tmp_path / "package-lock.json").write_text("{}\n")
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    (tmp_path / "node_modules").mkdir()
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "VENV", venv)
    monkeypatch.setattr(module, "VENV_PYTHON", venv / "bin" / "python")
    monkeypatch.setattr(module, "NODE_STAMP", tmp_path / "node_modules" / ".package-lock.sha256")
    commands: list[list[str]] = []
    monkeypatch.setattr(module, "run", lambda command, **kwargs: commands.append(command))
    module.commands = commands
    return module


def test_requirements_are_installed_once_and_again_when_they_change(bootstrap, tmp_path):
    bootstrap.ensure_venv("requirements.txt")
    bootstrap.ensure_venv("requirements.txt")
    assert [c[-1] for c in bootstrap.commands] == [str(tmp_path / "requirements.txt")]
    (tmp_path / "requirements.txt").write_text("pelican==4.12.0\nbabel==2.18.0\n")
    bootstrap.ensure_venv("requirements.txt")
    assert len(bootstrap.commands) == 2


def test_dev_requirements_follow_changes_in_either_file(bootstrap, tmp_path):
    bootstrap.ensure_venv("requirements-dev.txt")
    bootstrap.ensure_venv("requirements-dev.txt")
    assert len(bootstrap.commands) == 1
    (tmp_path / "requirements.txt").write_text("pelican==4.12.0\nbabel==2.18.0\n")
    bootstrap.ensure_venv("requirements-dev.txt")
    assert len(bootstrap.commands) == 2
    assert bootstrap.commands[-1][-1] == str(tmp_path / "requirements-dev.txt")


def test_npm_ci_runs_when_the_lockfile_changed(bootstrap, tmp_path, monkeypatch):
    monkeypatch.setattr(bootstrap.shutil, "which", lambda name: f"/usr/bin/{name}")
    bootstrap.ensure_node_packages()
    bootstrap.ensure_node_packages()
    assert bootstrap.commands == [["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"]]
    (tmp_path / "package-lock.json").write_text('{"lockfileVersion": 3}\n')
    bootstrap.ensure_node_packages()
    assert len(bootstrap.commands) == 2


def test_missing_lockfile_is_an_error(bootstrap, tmp_path):
    (tmp_path / "package-lock.json").unlink()
    with pytest.raises(bootstrap.SetupError, match=r"package-lock\.json"):
        bootstrap.ensure_node_packages()


def test_missing_browser_as_root_installs_the_debian_packages(bootstrap, monkeypatch):
    monkeypatch.setattr(bootstrap.shutil, "which", lambda name: None if "chromium" in name else "/usr/bin/" + name)
    monkeypatch.setattr(bootstrap.os, "geteuid", lambda: 0)
    bootstrap.ensure_system_packages()
    assert bootstrap.commands == [["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]]


def test_missing_tools_without_root_stop_with_a_clear_message(bootstrap, monkeypatch):
    monkeypatch.setattr(bootstrap.shutil, "which", lambda name: None if name != "apt-get" else "/usr/bin/apt-get")
    monkeypatch.setattr(bootstrap.os, "geteuid", lambda: 1000)
    with pytest.raises(bootstrap.SetupError) as failure:
        bootstrap.ensure_system_packages()
    assert "chromium default-jre-headless" in str(failure.value)
    assert "apt-get install -y chromium default-jre-headless" in str(failure.value)
    assert bootstrap.commands == []


def test_present_tools_install_nothing(bootstrap, monkeypatch):
    monkeypatch.setattr(bootstrap.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(bootstrap.os, "geteuid", lambda: 0)
    bootstrap.ensure_system_packages()
    assert bootstrap.commands == []


@pytest.mark.parametrize(
    ("task", "expected"),
    [
        ("build", ["requirements.txt"]),
        ("check", ["requirements.txt"]),
        ("test", ["requirements-dev.txt", "apt", "clients", "npm"]),
    ],
)
def test_each_task_prepares_what_it_needs(bootstrap, monkeypatch, task, expected):
    steps = []
    monkeypatch.setattr(bootstrap, "ensure_venv", steps.append)
    monkeypatch.setattr(bootstrap, "ensure_system_packages", lambda: steps.append("apt"))
    monkeypatch.setattr(bootstrap, "ensure_client_venv", lambda: steps.append("clients"))
    monkeypatch.setattr(bootstrap, "ensure_node_packages", lambda: steps.append("npm"))
    bootstrap.prepare(task)
    assert steps == expected
