"""Problems in the input, reported all at once as `FILE:LINE: what is wrong`."""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


def display_path(path: Path, root: Path) -> str:
    """How a problem names a file: relative to the project, as the user types it."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class DataError(Exception):
    """Raised with every problem found, so a user fixes them in one round."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self, outcome: str = "nothing was built.") -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; {outcome}")
        return "\n".join(lines)


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix, or nothing when no choice is close."""
    close = difflib.get_close_matches(str(value), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
