"""Load and validate the whole project input in one call, for the CLI and the plugin alike."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from builder.core.dates import DateError, PartialDate
from builder.core.model import Dataset
from builder.load import loader, validate
from builder.load.articles import Article, article_files, load_articles
from builder.load.problems import DataError, Problem, display_path
from builder.load.redirects import Redirect, load_redirects


@dataclass
class Project:
    data: Dataset
    articles: list[Article] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)


def as_of_day(value: object) -> dt.date:
    """The day the data speaks for (mkdocs.yml, plugin option `as_of`); ValueError says why not."""
    try:
        return PartialDate.parse(value).last_day
    except DateError as error:
        raise ValueError(f"mkdocs.yml: plugin 'reference', option 'as_of': {error}") from None


def load_dataset(data_dir: Path, docs_dir: Path, root: Path, as_of: dt.date | None = None) -> Dataset:
    """The validated dataset, or DataError carrying every problem found."""
    return load_project(data_dir, docs_dir, root, as_of).data


# A project that `python -m builder build` has just checked, kept for the MkDocs build it then
# runs in the same process: the plugin takes it over instead of reading and validating every file
# a second time, unless one of them changed in between. Taken once, then forgotten.
_handed_over: tuple[tuple, Project] | None = None


def load_project(data_dir: Path, docs_dir: Path, root: Path, as_of: dt.date | None = None, *,
                 hand_over: bool = False) -> Project:
    """The validated data, articles and redirects, or DataError carrying every problem in them.

    With `hand_over`, the next call with the same inputs (the build after a check) gets this same
    project without loading it again."""
    global _handed_over
    inputs = _inputs(data_dir, docs_dir, root, as_of)
    if _handed_over is not None:
        (handed_inputs, project), _handed_over = _handed_over, None
        if handed_inputs == inputs:
            return project
    project = _load(data_dir, docs_dir, root, as_of)
    if hand_over:
        _handed_over = (inputs, project)
    return project


def _inputs(data_dir: Path, docs_dir: Path, root: Path, as_of: dt.date | None) -> tuple:
    """What a loaded project depends on: the folders, the day, and every file's size and time."""
    files = []
    for folder in (data_dir.resolve(), docs_dir.resolve()):
        for current, _dirs, names in os.walk(folder):
            for name in names:
                path = os.path.join(current, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    stat = None
                files.append((path, stat and (stat.st_mtime_ns, stat.st_size)))
    return (data_dir.resolve(), docs_dir.resolve(), root.resolve(), as_of, sorted(files, key=lambda f: f[0]))


def _load(data_dir: Path, docs_dir: Path, root: Path, as_of: dt.date | None) -> Project:
    problems = outside_links(docs_dir, root) + outside_links(data_dir, root)
    data, data_problems = loader.load(data_dir, root)
    problems += data_problems
    slugs = [p.stem for p in article_files(docs_dir / "articles")]
    problems += validate.validate(data, slugs, as_of)
    articles, article_problems = load_articles(docs_dir / "articles", root, data)
    problems += article_problems
    redirects_file = data_dir / "redirects.yaml"
    redirects, redirect_problems = load_redirects(redirects_file, display_path(redirects_file, root))
    problems += redirect_problems
    if problems:
        raise DataError(problems)
    data.article_labels = {a.slug: a.byline for a in articles}
    for article in articles:
        for key, count in article.mentions.items():
            data.mentions[key] = data.mentions.get(key, 0) + count
    return Project(data, articles, redirects)


def outside_links(folder: Path, root: Path) -> list[Problem]:
    """Symbolic links that lead out of the project: MkDocs would publish what they point at."""
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    project = root.resolve()
    for current, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(current) / name
            if path.is_symlink() and not path.resolve().is_relative_to(project):
                problems.append(Problem(display_path(path, root), 1,
                                        f"a symbolic link to {os.readlink(path)}, outside the project; "
                                        f"copy what it points at into the project instead"))
    return problems
