"""The theme is installed with the generator: `theme: {name: reference}`, overridable template by template."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.utils import get_theme_dir

from conftest import ROOT, make_project, run_builder, write


def test_the_installed_theme_is_the_repository_templates_folder():
    assert Path(get_theme_dir("reference")) == ROOT / "templates"


def test_a_site_overrides_one_template_and_keeps_the_rest_of_the_theme(tmp_path):
    project = make_project(tmp_path / "site-project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  name: reference" in config
    (project / "mkdocs.yml").write_text(config.replace("  name: reference", "  name: reference\n  custom_dir: overrides"),
                                        encoding="utf-8")
    write(project / "overrides/partials/events.html", '<p class="site-events">This site lists its events elsewhere.</p>\n')
    result = run_builder(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    organization = (project / "site/organizations/csto/index.html").read_text(encoding="utf-8")
    assert '<p class="site-events">This site lists its events elsewhere.</p>' in organization
    assert 'href="../../assets/site.css"' in organization  # the rest is the theme's
    assert (project / "site/assets/search.js").is_file() and (project / "site/404.html").is_file()


def test_the_wheel_ships_every_file_of_the_theme_the_new_site_and_the_map_data(tmp_path):
    # Built from a copy: building in place would leave build/ in the checkout.
    source = tmp_path / "source"
    for part in ("builder", "templates"):
        shutil.copytree(ROOT / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", source / "pyproject.toml")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(tmp_path / "wheel"), str(source)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for folder, package in ((ROOT / "templates", "builder/theme/"), (ROOT / "builder/scaffold", "builder/scaffold/"),
                            (ROOT / "builder/views/world", "builder/views/world/")):
        shipped = {name.removeprefix(package) for name in names if name.startswith(package)}
        assert shipped == {p.relative_to(folder).as_posix() for p in folder.rglob("*")
                           if p.is_file() and "__pycache__" not in p.parts}
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in zipfile.ZipFile(wheel).namelist()
                                                    if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "[mkdocs.themes]\nreference = builder.theme" in entry_points


def test_a_site_without_articles_does_not_link_to_an_articles_index(tmp_path):
    project = make_project(tmp_path / "no-articles")  # the small data, and no article
    result = run_builder(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / "site/articles").exists()
    for page in ["index.html", "organizations/csto/index.html", "404.html"]:
        html = BeautifulSoup((project / "site" / page).read_text(encoding="utf-8"), "html.parser")
        links = [a["href"] for part in html.select("nav.site-sections, footer.site-footer") for a in part.select("a[href]")]
        assert links and not [link for link in links if "articles" in link], page
    write(project / "content/articles/short.md", "---\ntitle: A short text\nkind: chapter\n---\n\nA text.\n")
    assert run_builder(project, "build").returncode == 0
    assert 'href="articles/">Articles</a>' in (project / "site/index.html").read_text(encoding="utf-8")


def test_serve_watches_the_data_and_the_theme(tmp_path):
    from mkdocs.config import load_config

    project = make_project(tmp_path / "served")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config.replace("  name: reference", "  name: reference\n  custom_dir: overrides"),
                                        encoding="utf-8")
    (project / "overrides").mkdir()
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)

    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(str(Path(path).resolve()))

    server = config.plugins.on_serve(Server(), config=config, builder=None)
    assert set(server.watched) == {str(project / "site_data"), str(project / "overrides"), str(ROOT / "templates")}
