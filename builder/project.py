"""Load and validate the whole project input in one call, for the CLI and the plugin alike."""
from __future__ import annotations

from pathlib import Path

from . import loader, validate
from .model import Dataset
from .problems import DataError


def article_slugs(articles_dir: Path) -> list[str]:
    if not articles_dir.is_dir():
        return []
    return sorted(p.stem for p in articles_dir.glob("*.md") if p.stem != "index")


def load_dataset(data_dir: Path, docs_dir: Path, root: Path) -> Dataset:
    """The validated dataset, or DataError carrying every problem found."""
    data, problems = loader.load(data_dir, root)
    problems += validate.validate(data, article_slugs(docs_dir / "articles"))
    if problems:
        raise DataError(problems)
    return data
