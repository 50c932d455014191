#!/usr/bin/env python3
"""The two commands of the README, for a machine that has only python3.

    python3 run.py build   # validate site_data/ and build the site into site/
    python3 run.py test    # run the whole test suite
    python3 run.py new DIR # start a new site: an example site in DIR (then: mkdocs build -f DIR/mkdocs.yml)

Both create the project's virtual environment in .venv/ when there is none (or when
pyproject.toml changed since it was made), then run inside it. Extra arguments are passed on
(to `python -m builder build` or to pytest).
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".installed-from"


def _requirements_digest() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> None:
    """Create .venv and install the project with its test extras, once per pyproject.toml."""
    digest = _requirements_digest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    if not PYTHON.exists():
        print("run.py: creating the virtual environment in .venv/", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("run.py: installing the project and its test tools into .venv/", flush=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True
    )
    STAMP.write_text(digest + "\n")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"build", "test", "check", "serve", "new"}:
        print(__doc__.strip())
        return 2
    command, rest = argv[0], argv[1:]
    ensure_environment()
    if command == "test":
        args = [str(PYTHON), "-m", "pytest", *rest]
    elif command == "serve":
        args = [str(PYTHON), "-m", "mkdocs", "serve", *rest]
    else:
        args = [str(PYTHON), "-m", "builder", command, *rest]
    return subprocess.run(args, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
