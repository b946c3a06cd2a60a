"""Output files written only when their content changed (plugins/qlee/outputfiles.py and
the site writer in plugins/qlee/wiring/parallel.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import PROJECT, build, copy_fixture
from pelican.settings import read_settings
from pelican.writers import FileOverwriteFailedError

from qlee.outputfiles import ChangedOnlyFile, write_if_changed
from qlee.wiring import parallel

LONG_AGO = 1_000_000_000  # 2001: any rewrite gives a newer modification time


def age(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (LONG_AGO, LONG_AGO))


def rewritten(root: Path) -> set[str]:
    """The files written since age(); not the theme's static files, which Pelican copies with their own time."""
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and path.stat().st_mtime != LONG_AGO and not path.relative_to(root).as_posix().startswith("theme/")
    }


def test_write_if_changed(tmp_path):
    target = tmp_path / "seite.html"
    assert write_if_changed(target, "Grüße\n".encode()) is True
    age(tmp_path)
    assert write_if_changed(target, "Grüße\n".encode()) is False
    assert target.stat().st_mtime == LONG_AGO
    assert write_if_changed(target, b"neu\n") is True
    assert target.read_bytes() == b"neu\n" and target.stat().st_mtime != LONG_AGO


def test_a_file_that_fails_while_being_written_is_left_alone(tmp_path):
    target = tmp_path / "seite.html"
    target.write_text("alt\n", encoding="utf-8")
    with pytest.raises(RuntimeError), ChangedOnlyFile(target) as handle:
        handle.write("halb")
        raise RuntimeError("Vorlage kaputt")
    assert target.read_text(encoding="utf-8") == "alt\n"
    with ChangedOnlyFile(target) as handle:
        handle.write("Grüße\n")
    assert target.read_text(encoding="utf-8") == "Grüße\n"


def test_a_rebuild_rewrites_only_what_changed(tmp_path, source_date_epoch):
    content = copy_fixture("events_basic", tmp_path) / "content"
    output = build(content, tmp_path / "output")
    files = {path for path in output.rglob("*") if path.is_file()}
    age(output)
    build(content, output)
    assert rewritten(output) == set()
    assert {path for path in output.rglob("*") if path.is_file()} == files

    course = content / "kurse" / "solar-grundkurs.md"
    lines = course.read_text(encoding="utf-8").split("\n")
    lines = ["title: Neu im Programm" if line.startswith("title:") else line for line in lines]
    course.write_text("\n".join(lines), encoding="utf-8")
    build(content, output)
    changed = rewritten(output)
    page = f"kurse/{course.stem}/index.html"
    assert page in changed and "kalender.ics" in changed
    assert "impressum/index.html" not in changed and len(changed) < len(files) / 2
    assert "Neu im Programm" in (output / page).read_text(encoding="utf-8")


def test_writing_one_file_twice_is_still_an_error(tmp_path):
    settings = read_settings(str(PROJECT / "pelicanconf.py"), override={"OUTPUT_PATH": str(tmp_path)})
    writer = parallel._writer_class(None)(str(tmp_path), settings=settings)
    target = str(tmp_path / "seite.html")
    with writer._open_w(target, "utf-8") as handle:
        handle.write("eins")
    with pytest.raises(FileOverwriteFailedError):
        writer._open_w(target, "utf-8")
    with writer._open_w(target, "utf-8", override=True) as handle:
        handle.write("zwei")
    assert Path(target).read_text(encoding="utf-8") == "zwei"
