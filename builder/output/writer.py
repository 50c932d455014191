"""Files written beside the pages by a thread of their own, while the next page is rendered.

Creating a file costs the system a fraction of a millisecond, and a large edition writes tens of
thousands of small ones beside its pages (`cite.bib`, `cite.ris`, `cite.json`, …): 20,000 at 1,000
articles, seconds when written one after the other at the end of the build. The system call lets
go of Python's lock, so a thread writing while the build renders the next page hides most of it
on two cores. The files and their contents are the same either way.
"""
from __future__ import annotations

import queue
import threading
from pathlib import Path

_DONE = None  # put on the queue: no more files


class BackgroundWriter:
    """Writes groups of files under `root` in order on one thread; `finish` waits and raises the
    first failure.

    A plain queue and one thread, not an executor: a future a group would be tens of thousands of
    objects more for the garbage collector to walk while the build runs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._failure: BaseException | None = None
        self._cancelled = False
        self._thread = threading.Thread(target=self._run, name="site-files", daemon=True)
        self._thread.start()

    def write(self, folder: str, files: dict[str, str]) -> None:
        """`files` (name -> text) into `folder` under the root (a page's URL), made if it is missing."""
        if files:
            self._queue.put((self.root / folder, files))

    def _run(self) -> None:
        while (item := self._queue.get()) is not _DONE:
            if self._failure is not None or self._cancelled:
                continue  # drained, not written
            folder, files = item
            try:
                folder.mkdir(parents=True, exist_ok=True)  # MkDocs makes it too, when it writes the page
                for name, text in files.items():
                    (folder / name).write_text(text, encoding="utf-8", newline="")
            except BaseException as failure:  # raised by finish(), in the build's own thread
                self._failure = failure

    def finish(self) -> None:
        """Every file written, or the first error met (a full disk, a folder not writable)."""
        self._stop()
        if self._failure is not None:
            raise self._failure

    def cancel(self) -> None:
        """A failed build: nothing more is written, and nothing is being written when this returns."""
        self._cancelled = True
        self._stop()

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(_DONE)
            self._thread.join()
