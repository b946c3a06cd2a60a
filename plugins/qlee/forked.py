"""The writing of the site shared by forked processes.

Pure Python, no Pelican. Once every file is read, what is left is rendering
and writing some 1,800 files, one after the other, about half of a build.
:func:`split` forks copies of the build at that point; each process then
runs the same output code over the same state, so the write calls come in
the same order in all of them. :meth:`Share.mine` tells a process whether a
call is its own: the first process to get to a call claims it (a counter in
shared memory), the others skip it. A process that is busy elsewhere (the
iCal files) simply claims fewer pages. Every file is written exactly once,
and the same file as without the split (tests/test_parallel_build.py
compares whole sites).

Only on Linux. A child never returns into the caller's code: :func:`run_child`
ends it with ``os._exit`` whatever happens, and the first process learns of a
failure from :meth:`Share.wait`.

Pelican shows a spinner from a second thread while it builds. A fork copies
only the calling thread, and every lock as it was at that moment: had the
spinner just been writing, the terminal's locks (stdout's, and those of
Pelican's log console) stay locked in the child for good. So a child gets
its own stdout, stderr and log handler first (:func:`reset_after_fork`), and
touches nothing the spinner uses. Logging's own locks and the import lock
are reset by Python in a forked child.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from multiprocessing.sharedctypes import Synchronized
from typing import NoReturn

logger = logging.getLogger(__name__)

# Below this many files forking costs more than it saves (starting processes, passing results).
MIN_FILES = 50


def extra_processes(setting: int | None, files: int) -> int:
    """How many processes to fork for work on ``files`` files.

    ``setting`` is ``QLEE_WORKERS``: None for one per CPU but one (this process
    works too), 0 for none. None are forked for fewer than MIN_FILES files, nor
    anywhere but on Linux.
    """
    if files < MIN_FILES or sys.platform != "linux":
        return 0
    return max(0, available_cpus() - 1 if setting is None else setting)


def available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextlib.contextmanager
def forking() -> Iterator[None]:
    """Around a fork: Python 3.12+ warns about forking next to other threads (see the module's docstring)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r".*fork\(\) may lead to deadlocks", DeprecationWarning)
        yield


class ShareFailed(RuntimeError):
    """A forked process did not write its share of the site."""


class Share:
    """This process's part of the output: the write calls it gets to first."""

    def __init__(self, index: int, count: int, claimed: Synchronized, children: tuple[int, ...] = ()) -> None:
        self.index = index  # 0: the process that started the build
        self.count = count
        self._claimed = claimed  # shared by all processes: calls below it are taken
        self._children = children  # process ids, in the first process only
        self._calls = 0

    @property
    def is_child(self) -> bool:
        return self.index > 0

    @property
    def last(self) -> bool:
        """Whether this process does the work that is not split by calls (exactly one process does)."""
        return self.index == self.count - 1

    def mine(self) -> bool:
        """Whether this process makes the current write call; call it once for every call, in order."""
        call = self._calls
        self._calls += 1
        # Each process sees every call in the same order, so the counter is at
        # ``call`` (free) or above it (taken) whenever a process gets here.
        with self._claimed.get_lock():
            if self._claimed.value > call:
                return False
            self._claimed.value = call + 1
            return True

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
    claimed = multiprocessing.get_context("fork").Value("q", 0)
    # Python's cycle collector writes to every object it visits, and a write
    # makes the kernel copy the page that a fork shares: the objects of the
    # build so far are left out of collection from here on (as the gc docs
    # advise before a fork).
    gc.freeze()
    children = []
    for index in range(1, count):
        sys.stdout.flush()
        sys.stderr.flush()
        with forking():
            pid = os.fork()
        if pid == 0:
            reset_after_fork()
            return Share(index, count, claimed)
        children.append(pid)
    return Share(0, count, claimed, tuple(children))


def reset_after_fork() -> None:
    """In a forked child: stdout, stderr and a log handler of its own (see the module's docstring)."""
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115 - lives until os._exit
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False, buffering=1)  # noqa: SIM115
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)


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
