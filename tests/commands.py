"""`python -m builder …` and `mkdocs …` for tests that run them many times over.

Each run is a fresh process forked from a server that has already imported MkDocs, Markdown,
Jinja2 and the builder, so a run costs its own work only (starting Python and importing those
was most of a failed build's time). The child gets its own working directory, stdout and
stderr, and exits with the command's status, as the command would from a shell.
"""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PRELOADED = ["builder.__main__", "builder.mkdocs.plugin", "mkdocs.__main__", "mkdocs.commands.build",
             "mkdocs.contrib.search", "markdown", "jinja2", "yaml"]
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["commands", *PRELOADED])


def _child(program: str, args: list[str], cwd: str, out: str, err: str, status: str) -> None:
    os.chdir(cwd)
    sys.stdout.flush()
    sys.stderr.flush()
    for fd, path in ((1, out), (2, err)):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(target, fd)
        os.close(target)
    code = 0
    try:
        if program == "builder":
            from builder.__main__ import main

            sys.argv = [str(Path(sys.modules["builder.__main__"].__file__)), *args]
            code = main(args)
        else:
            from mkdocs.__main__ import cli

            sys.argv = ["mkdocs", *args]
            cli.main(args=args, prog_name="mkdocs")
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    Path(status).write_text(str(code or 0))
    os._exit(code or 0)


def run(program: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """`python -m builder ARGS` (program "builder") or `mkdocs ARGS` (program "mkdocs") in `cwd`."""
    with tempfile.TemporaryDirectory() as folder:
        out, err, status = (os.path.join(folder, name) for name in ("out", "err", "status"))
        process = _CONTEXT.Process(target=_child, args=(program, list(args), str(cwd), out, err, status))
        process.start()
        process.join()
        # The status the command exited with, as it wrote it: with processes started from several
        # threads, the fork server sometimes loses a child's exit status (and reports 255).
        code = int(Path(status).read_text()) if os.path.exists(status) else process.exitcode
        return subprocess.CompletedProcess([program, *args], code,
                                           Path(out).read_text(encoding="utf-8", errors="replace"),
                                           Path(err).read_text(encoding="utf-8", errors="replace"))
