"""Shared test helpers: in-process Pelican builds of the real site or of fixture sites."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The build date the tests pretend it is, unless a test sets its own (2025-01-01 00:00 UTC).
DEFAULT_EPOCH = "1735689600"


def _tiny_jpeg() -> bytes:
    """A real 2 × 2 JPEG: pictures are decoded by check and build, a few magic bytes are not enough."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (0, 90, 102)).save(buffer, "JPEG")
    return buffer.getvalue()


TINY_JPEG = _tiny_jpeg()


def build(content: Path, output: Path, *, settings_file: str = "pelicanconf.py", **override) -> Path:
    """Build ``content`` with the project's settings, theme and plugins into ``output``.

    Paths in the settings file are relative to the project, so the build runs from there.
    """
    previous = os.getcwd()
    os.chdir(PROJECT)
    try:
        settings = read_settings(
            str(PROJECT / settings_file),
            override={"PATH": str(content), "OUTPUT_PATH": str(output), **override},
        )
        Pelican(settings).run()
    finally:
        os.chdir(previous)
    return output


def copy_fixture(name: str, destination: Path) -> Path:
    """A writable copy of ``tests/fixtures/<name>`` (its content folder)."""
    target = destination / name
    shutil.copytree(FIXTURES / name, target)
    return target


@pytest.fixture
def source_date_epoch(monkeypatch):
    """Pin the build date; returns a setter for tests that need another one."""

    def set_epoch(value: str = DEFAULT_EPOCH) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)

    set_epoch()
    return set_epoch


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real ``content/`` built once per test session, build date pinned to DEFAULT_EPOCH.

    Shared by the site, HTML-validity, link and browser tests; treat it as read-only.
    """
    output = tmp_path_factory.mktemp("real-site") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
        build(PROJECT / "content", output)
    return output
