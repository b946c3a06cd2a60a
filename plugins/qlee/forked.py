"""The writing of the site shared by forked processes.

Pure Python, no Pelican. Once every file is read, what is left is rendering
and writing some 1,800 files, one after the other, about half of a build.
:func:`split` forks copies of the build at that point; each process then
runs the same output code over the same state, so the write calls come in
the same order in all of them, and :meth:`Share.mine` lets each process
write every n-th file and skip the rest. Every file is written exactly once,
and the same file as without the split (tests/test_prefetch.py compares
whole sites).

Only on Linux (see prefetch.py on forking next to Pelican's spinner thread).
A child never returns into the caller's code: :func:`run_child` ends it with
``os._exit`` whatever happens, and the first process learns of a failure
from :meth:`Share.wait`.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from collections.abc import Callable
from typing import NoReturn

logger = logging.getLogger(__name__)


class ShareFailed(RuntimeError):
    """A forked process did not write its share of the site."""


class Share:
    """This process's part of the output: every ``count``-th write call, from the ``index``-th."""

    def __init__(self, index: int, count: int, children: tuple[int, ...] = ()) -> None:
        self.index = index  # 0: the process that started the build
        self.count = count
        self._children = children  # process ids, in the first process only
        self._calls = 0

    @property
    def is_child(self) -> bool:
        return self.index > 0

    @property
    def last(self) -> bool:
        """Whether this process also does the work that is not split by calls (one process does it)."""
        return self.index == self.count - 1

    def mine(self) -> bool:
        """Whether this process makes the current write call (count each call exactly once)."""
        turn = self._calls % self.count == self.index
        self._calls += 1
        return turn

    def wait(self) -> None:
        """In the first process: wait for the others; ShareFailed if one of them failed."""
        failed = [pid for pid in self._children if os.waitpid(pid, 0)[1] != 0]
        self._children = ()
        if failed:
            raise ShareFailed(
                f"{len(failed)} von {self.count} Prozessen, die die Website schreiben, sind gescheitert "
                "(Meldungen siehe oben); die Ausgabe ist unvollständig."
            )


def split(count: int) -> Share:
    """Fork ``count - 1`` copies of this process; the Share of whichever process returns."""
    children = []
    for index in range(1, count):
        sys.stdout.flush()
        sys.stderr.flush()
        with warnings.catch_warnings():
            # Python 3.12+ warns about forking next to other threads; see prefetch.py.
            warnings.filterwarnings("ignore", r".*fork\(\) may lead to deadlocks", DeprecationWarning)
            pid = os.fork()
        if pid == 0:
            return Share(index, count)
        children.append(pid)
    return Share(0, count, tuple(children))


def run_child(job: Callable[[], None]) -> NoReturn:
    """Run a child's share of the work and end the child: exit code 0 if ``job`` returned."""
    code = 1
    try:
        job()
        code = 0
    except BaseException:  # noqa: BLE001 - anything, since the child must end here
        logger.exception("Ein Prozess, der einen Teil der Website schreibt, ist gescheitert")
    finally:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
