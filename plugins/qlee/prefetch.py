"""Markdown bodies converted ahead of the reader, in worker processes.

Pure Python, no Pelican. Converting Markdown is about half of a build's CPU
time, and Pelican reads one file after the other. :class:`Prefetch` hands the
bodies of the files about to be read to a pool of forked processes, in the
order the reader will ask for them, so that the reader mostly finds each
body's HTML ready. Each worker has its own converter with the same settings
(:func:`markdown_setup.converter`), and the reader uses a result only if it
was made from the very body it read itself: the HTML is the same as without
prefetching (tests/test_parallel_build.py builds a site both ways).

The workers are forked (on Linux; elsewhere :func:`start` returns None and
the reader converts as before): they start in milliseconds with everything
imported. Like the output processes, each first gets a terminal and log
handler of its own (:func:`forked.reset_after_fork` says why).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from markdown import Markdown

from . import forked, frontmatter, markdown_setup

logger = logging.getLogger(__name__)

_worker_converter: Markdown | None = None  # one per worker process


class Prefetch:
    """The HTML of Markdown bodies, converted in worker processes and, while it would wait, in this one."""

    def __init__(self, paths: Sequence[str], config: Mapping[str, Any], workers: int) -> None:
        context = multiprocessing.get_context("fork")
        self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(config,))
        with forked.forking():
            self._pending: dict[str, Future] = {path: self._pool.submit(_convert, path) for path in paths}
        self._running = True
        self._converter = markdown_setup.converter(config)
        self._done_here: dict[str, tuple[str, str] | None] = {}

    def take(self, path: str, body: str) -> str | None:
        """The HTML for ``body`` read from ``path``, if it was converted from exactly that body; else None."""
        if path in self._done_here:
            converted = self._done_here.pop(path)
        else:
            future = self._pending.pop(path, None)
            if future is None or future.cancel():  # not prefetched, or no worker has got to it: None
                return None
            # Rather than wait, convert the last file no worker has started: the
            # workers go front to back, this process from the back.
            while not future.done() and self._convert_last_here():
                pass
            try:
                converted = future.result()
            except Exception:  # a failed worker costs time, never the build: the reader converts itself
                logger.debug("Prefetching %s failed", path, exc_info=True)
                return None
        if not self._pending and self._running:
            self.close()
        if converted is None or converted[0] != body:
            return None
        return converted[1]

    def close(self) -> None:
        """Stop the workers; bodies they have not converted yet are dropped."""
        self._pending.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._running = False

    def _convert_last_here(self) -> bool:
        if not self._pending:
            return False
        path, future = next(reversed(self._pending.items()))
        # Work goes to the workers in order: if the last cannot be cancelled, none can.
        if not future.cancel():
            return False
        del self._pending[path]
        self._done_here[path] = _convert(path, self._converter)
        return True


def start(paths: Sequence[str], config: Mapping[str, Any], *, workers: int | None = None) -> Prefetch | None:
    """A :class:`Prefetch` for ``paths`` (in reading order), or None where it would not pay or not be used.

    ``workers`` is ``QLEE_WORKERS`` (see :func:`forked.extra_processes`); the
    reader's own process converts too (see Prefetch.take).
    """
    count = forked.extra_processes(workers, len(paths))
    return Prefetch(paths, config, count) if count else None


def _start_worker(config: Mapping[str, Any]) -> None:
    global _worker_converter  # noqa: PLW0603 - one converter per worker process, as in the reader
    forked.reset_after_fork()
    _worker_converter = markdown_setup.converter(config)


def _convert(path: str, converter: Markdown | None = None) -> tuple[str, str] | None:
    """(body, HTML) of the file at ``path``; None if it cannot be read or has no proper fences."""
    try:
        with open(path, encoding="utf-8") as handle:
            body = frontmatter.body_of(handle.read())
    except (OSError, UnicodeDecodeError):
        return None
    if body is None:
        return None
    converter = converter or _worker_converter
    assert converter is not None
    converter.reset()
    return body, converter.convert(body)
