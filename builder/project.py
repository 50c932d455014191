"""Load and validate the whole project input in one call, for the CLI and the plugin alike."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import loader, validate
from .articles import Article, article_files, load_articles
from .model import Dataset
from .problems import DataError, display_path
from .redirects import Redirect, load_redirects


@dataclass
class Project:
    data: Dataset
    articles: list[Article] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)


def load_dataset(data_dir: Path, docs_dir: Path, root: Path) -> Dataset:
    """The validated dataset, or DataError carrying every problem found."""
    return load_project(data_dir, docs_dir, root).data


def load_project(data_dir: Path, docs_dir: Path, root: Path) -> Project:
    """The validated data, articles and redirects, or DataError carrying every problem in them."""
    data, problems = loader.load(data_dir, root)
    slugs = [p.stem for p in article_files(docs_dir / "articles")]
    problems += validate.validate(data, slugs)
    articles, article_problems = load_articles(docs_dir / "articles", root, data)
    problems += article_problems
    redirects_file = data_dir / "redirects.yaml"
    redirects, redirect_problems = load_redirects(redirects_file, display_path(redirects_file, root))
    problems += redirect_problems
    if problems:
        raise DataError(problems)
    data.article_labels = {a.slug: a.byline for a in articles}
    return Project(data, articles, redirects)

