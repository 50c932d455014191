"""Atomic output: a build writes into a staging folder beside `site/` and swaps it in at the end.

Whatever stops a build (a refused check, an exception, SIGKILL), `site/` is either the previous
site or the new one, never a mix: the new site is moved in with one atomic rename (Linux's
renameat2 RENAME_EXCHANGE where the filesystem has it). A lock file beside `site/` lets one
build at a time stage and swap; a second build waits for it. What a killed build leaves behind
(its staging folder) is removed by the next one.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TextIO

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc if hasattr(libc, "renameat2") else None
    except OSError:
        return None


_LIBC = _libc()


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step; False when the system cannot (the caller falls back)."""
    if _LIBC is None:
        return False
    result = _LIBC.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def remove_site(folder: Path) -> None:
    """`rm -rf folder`, its folders two levels down on a few threads at once.

    Removing a site is one system call a file, each letting go of Python's lock: at 25,000 files
    (the old site a large build replaces) four threads take about half the time of one, and the
    build's command returns that much sooner. Whatever cannot be removed is left, as by
    `shutil.rmtree(ignore_errors=True)`: the next build clears what a build left behind."""
    branches: list[str] = []
    try:
        with os.scandir(folder) as top:
            for entry in top:
                if entry.is_dir(follow_symlinks=False):
                    with os.scandir(entry.path) as inner:
                        branches += [e.path for e in inner if e.is_dir(follow_symlinks=False)]
    except OSError:
        pass  # gone already, or not a folder: rmtree below says nothing either way
    if len(branches) > 1:
        with ThreadPoolExecutor(max_workers=4, thread_name_prefix="remove-site") as pool:
            pool.map(partial(shutil.rmtree, ignore_errors=True), branches)  # the pool's end waits
    shutil.rmtree(folder, ignore_errors=True)


class StagedSite:
    """The output folder of one build: `path` while building, swapped in as `target` by `commit`."""

    def __init__(self, target: Path):
        self.target = target.resolve()
        self.parent = self.target.parent
        self.prefix = f".{self.target.name}-staging-"
        self.path: Path | None = None
        self._lock: TextIO | None = None

    def begin(self) -> Path:
        """Wait for any other build of the same folder, clear what killed builds left, and stage."""
        self.parent.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.parent / f".{self.target.name}.lock", "w")
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        self._recover()
        for leftover in self.parent.glob(f"{self.prefix}*"):
            remove_site(leftover)
        self.path = Path(tempfile.mkdtemp(prefix=self.prefix, dir=self.parent))
        os.chmod(self.path, 0o755)  # like a folder made by mkdir, for the web server that serves it
        return self.path

    def commit(self) -> None:
        """Put the staged site in place of the old one, then remove the old one."""
        assert self.path is not None
        try:
            if self.target.exists():
                if not exchange(self.path, self.target):
                    self._swap_by_renames()
            else:
                self.path.rename(self.target)
                self.path = None
        finally:
            self._discard()

    def abort(self) -> None:
        """Drop the staged files; the old site stays as it was."""
        self._discard()

    def _swap_by_renames(self) -> None:
        # Two renames: between them there is no target for an instant, which `_recover` repairs.
        previous = self.parent / f".{self.target.name}-previous"
        shutil.rmtree(previous, ignore_errors=True)
        assert self.path is not None  # begin() made it
        self.target.rename(previous)
        self.path.rename(self.target)
        self.path = previous

    def _recover(self) -> None:
        previous = self.parent / f".{self.target.name}-previous"
        if previous.exists():
            if self.target.exists():
                shutil.rmtree(previous, ignore_errors=True)
            else:
                previous.rename(self.target)

    def _discard(self) -> None:
        if self.path is not None:
            remove_site(self.path)
            self.path = None
        if self._lock is not None:
            self._lock.close()  # releases the lock
            self._lock = None
