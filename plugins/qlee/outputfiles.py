"""Output files that are written only when their content changed.

Pure Python, no Pelican. A rebuild renders every page again, but most of
them come out the same. Rewriting a file costs more than reading it (the
file system truncates it, frees its blocks and allocates new ones), and an
unchanged file keeps its modification time, so a preview server reloads
and a deployment copies only what changed. The bytes on disk are always
exactly the new content.
"""

from __future__ import annotations

import io
from pathlib import Path


def write_if_changed(path: str | Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless the file already holds exactly that; whether it wrote."""
    try:
        with open(path, "rb") as handle:
            if handle.read() == data:
                return False
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        pass
    with open(path, "wb") as handle:
        handle.write(data)
    return True


class ChangedOnlyFile(io.StringIO):
    """A text file to write to, as ``open(path, "w")`` gives, that reaches the disk on close if it changed."""

    def __init__(self, path: str | Path, encoding: str = "utf-8") -> None:
        super().__init__()
        self._path = path
        self._encoding = encoding

    def __exit__(self, kind, value, traceback) -> None:
        if kind is None:
            write_if_changed(self._path, self.getvalue().encode(self._encoding))
        super().__exit__(kind, value, traceback)
