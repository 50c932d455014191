"""Load and validate the whole project input in one call, for the CLI and the plugin alike."""
from __future__ import annotations

from pathlib import Path

from . import loader, validate
from .articles import Article, article_files, load_articles
from .model import Dataset
from .problems import DataError


def load_dataset(data_dir: Path, docs_dir: Path, root: Path) -> Dataset:
    """The validated dataset, or DataError carrying every problem found."""
    return load_project(data_dir, docs_dir, root)[0]


def load_project(data_dir: Path, docs_dir: Path, root: Path) -> tuple[Dataset, list[Article]]:
    """The validated dataset and articles, or DataError carrying every problem in either."""
    data, problems = loader.load(data_dir, root)
    slugs = [p.stem for p in article_files(docs_dir / "articles")]
    problems += validate.validate(data, slugs)
    articles, article_problems = load_articles(docs_dir / "articles", root, data)
    problems += article_problems
    if problems:
        raise DataError(problems)
    return data, articles
