"""`mkdocs serve` with a mistake in the data: the preview shows the problems, keeps answering,
and shows the site again once the data is fixed."""
from __future__ import annotations

import html
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import make_project, write


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _wait_for(url: str, text: str, seconds: float = 60) -> tuple[int, str]:
    deadline, last = time.monotonic() + seconds, (0, "")
    while time.monotonic() < deadline:
        try:
            last = _get(url)
            if text in last[1]:
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s; last: {last[0]} {last[1][-500:]}")


def test_a_data_error_shows_in_the_preview_and_a_fix_brings_the_site_back(tmp_path):
    project = make_project(tmp_path / "served")
    bad = write(project / "site_data/memberships/extra.yaml",
                "- org: ctso\n  country: uzb\n  status: member\n  from: 2004\n  sources: [csto-charter-2002]\n")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        problem = "site_data/memberships/extra.yaml:1: unknown organization 'ctso' (did you mean 'csto'?)"
        status, front = _wait_for(base, "The site could not be built")
        assert status == 200 and problem in html.unescape(front)
        status, other = _get(base + "organizations/csto/")  # any other address: the 404 page, with the problems
        assert status == 404 and problem in html.unescape(other)
        bad.unlink()
        status, front = _wait_for(base + "organizations/csto/", "Collective Security Treaty Organization")
        assert status == 200
        assert "could not be built" not in _get(base)[1]
        write(bad, "- org: csto\n  country: uzb\n  status: membr\n  from: 2004\n  sources: [csto-charter-2002]\n")
        status, front = _wait_for(base, "The site could not be built")  # a new mistake, while serving
        assert "'status' 'membr' is not one of the allowed values" in html.unescape(front)
    finally:
        server.terminate()
        server.wait(timeout=10)
