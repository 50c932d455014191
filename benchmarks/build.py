"""Benchmark: how long a full build takes and how big the site is.

    .venv/bin/python benchmarks/build.py [--runs 3]

Prints the median wall time of `python -m builder build` over the runs, and the size of the
output: number of HTML pages, total bytes, the largest page. Speed and size are measured here,
not asserted in timed tests.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_once(site_dir: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "builder", "--root", str(ROOT), "build", "--site-dir", str(site_dir)],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def measure(site_dir: Path) -> dict:
    pages = list(site_dir.rglob("*.html"))
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    largest = max(pages, key=lambda p: p.stat().st_size)
    return {
        "pages": len(pages),
        "files": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "largest page": f"{largest.relative_to(site_dir)} ({largest.stat().st_size:,} bytes)",
        "search index bytes": (site_dir / "search/search_index.json").stat().st_size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times = [build_once(site) for _ in range(args.runs)]
        sizes = measure(site)
    print(f"build: median {statistics.median(times):.2f} s over {args.runs} runs "
          f"(min {min(times):.2f} s, max {max(times):.2f} s)")
    for key, value in sizes.items():
        print(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
