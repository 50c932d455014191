"""Command line: `python -m builder check`, `build`, `audit`, `import`, `urls --update` and `bench`.

`build` validates first, builds into a staging folder, and only then replaces `site/`, so a
failed build leaves the previous site exactly as it was.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import traceback
from pathlib import Path

import yaml

from builder.core.model import SLUG
from builder.load.problems import DataError, display_path
from builder.load.project import as_of_day, load_project
from builder.load.validate import check_plugin_options


def _config_text(config_file: Path) -> str | None:
    if not config_file.exists():
        return None
    try:
        return config_file.read_text(encoding="utf-8")
    except OSError as error:
        raise SystemExit(f"{config_file.name}: cannot be read: {error}") from None


def _site_config(config_file: Path, text: str | None = None) -> dict | None:
    """mkdocs.yml read as plain YAML (MkDocs is not needed for a check or an import); None when
    there is none."""
    text = _config_text(config_file) if text is None else text
    if text is None:
        return None
    try:
        config = yaml.load(text, Loader=_TolerantLoader) or {}
    except yaml.YAMLError as error:
        raise SystemExit(f"{config_file.name}: cannot be read: {error}") from None
    return config if isinstance(config, dict) else {}


def _plugin_options(config: dict | None) -> dict:
    """Our plugin's options from mkdocs.yml."""
    for plugin in (config or {}).get("plugins") or []:
        if isinstance(plugin, dict) and "reference" in plugin:
            return plugin["reference"] or {}
    return {}


def _docs_dir(root: Path, config: dict | None) -> Path:
    """The Markdown folder mkdocs.yml names (`docs_dir`, MkDocs' default `docs`); `content`, the
    layout `new` makes, when there is no mkdocs.yml yet (None)."""
    if config is None:
        return root / "content"
    return root / str(config.get("docs_dir") or "docs")


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!ENV` and `!!python/name` tags; a check only needs plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def check(root: Path, config_file: Path, hand_over: bool = False) -> int:
    """Validate the project; with `hand_over`, keep it for the build that follows (load_project)."""
    text = _config_text(config_file)  # read once: the options, the docs folder, the option check
    config = _site_config(config_file, text)
    options = _plugin_options(config)
    data_dir = root / options.get("data_dir", "site_data")
    as_of = None
    if options.get("as_of") is not None:
        try:
            as_of = as_of_day(str(options["as_of"]))
        except ValueError as error:
            print(error, file=sys.stderr)
            return 1
    try:
        project = load_project(data_dir, _docs_dir(root, config), root, as_of, hand_over=hand_over)
        data, articles = project.data, project.articles
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    problems = check_plugin_options(options, data, text or "", config_file.name)
    if problems:
        print(DataError(problems).report(), file=sys.stderr)
        return 1
    print(f"{data_dir.relative_to(root)}: {len(data.organizations)} organizations, "
          f"{len(data.countries)} countries, {len(data.memberships)} memberships, "
          f"{len(data.events)} events, {len(data.people)} people, {len(data.sources)} sources, "
          f"{len(articles)} articles: no problems",
          flush=True)
    return 0


BASELINE = "audit-baseline.json"


def audit(root: Path, config_file: Path, baseline: Path | None, update: bool) -> int:
    """What the data still lacks (builder.audit), one finding a line, then the counts; with a
    baseline, exit 1 when a count has grown past it."""
    from builder import audit as auditing
    from builder.markdown.passages import article_passages

    text = _config_text(config_file)
    config = _site_config(config_file, text)
    options = _plugin_options(config)
    data_dir = root / options.get("data_dir", "site_data")
    try:
        as_of = as_of_day(str(options["as_of"])) if options.get("as_of") is not None else None
        project = load_project(data_dir, _docs_dir(root, config), root, as_of)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    except DataError as error:
        print(error.report("nothing was audited."), file=sys.stderr)
        return 1
    texts = auditing.Texts()
    extensions = ["toc", "tables", "fenced_code", *_markdown_extensions(config)]
    for article in project.articles:
        whole = (root / article.file).read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        front = re.match(r"\A---\n.*?\n---\n", whole, re.DOTALL)
        body = whole[front.end():] if front else whole
        texts.files[article.slug] = article.file
        texts.bodies[article.slug] = (body, whole[: front.end()].count("\n") + 1 if front else 1)
        if isinstance(article.publication.get("year"), int):
            texts.years[article.slug] = article.publication["year"]
        texts.passages[article.slug] = article_passages(body, extensions)
    findings = auditing.audit(project.data, texts)
    sys.stdout.write(auditing.report(findings))
    found = auditing.counts(findings)
    path = baseline or data_dir / BASELINE
    if update:
        auditing.write_baseline(path, found)
        print(f"{display_path(path, root)}: the counts recorded")
        return 0
    if baseline is not None:
        if not baseline.is_file():
            print(f"{display_path(baseline, root)}: no baseline; record one with --update-baseline", file=sys.stderr)
            return 1
        grew = auditing.grown(found, auditing.read_baseline(baseline))
        for sentence in grew:
            print(f"audit: {sentence} (baseline {display_path(baseline, root)})", file=sys.stderr)
        if grew:
            return 1
    return 0


def _markdown_extensions(config: dict | None) -> list:
    """mkdocs.yml's markdown_extensions, as Python-Markdown takes them (names, or name: options)."""
    found: list = []
    for item in (config or {}).get("markdown_extensions") or []:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            found += [name for name in item]
    return found


def source_date_epoch(root: Path, config_file: Path) -> str:
    """The build's date, never the clock: SOURCE_DATE_EPOCH, else the last commit, else as_of."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                               text=True, check=True).stdout.strip()
        if stamp.isdigit():
            return stamp
    except (OSError, subprocess.CalledProcessError):
        pass
    as_of = str(_plugin_options(_site_config(config_file)).get("as_of", "2000-01-01"))
    day = dt.datetime.strptime(as_of, "%Y-%m-%d").replace(tzinfo=dt.UTC)
    return str(int(day.timestamp()))


def update_urls(root: Path, config_file: Path) -> int:
    """Build into a temporary folder and add every newly published URL and anchor to the manifest."""
    import tempfile

    from builder.output import published

    options = _plugin_options(_site_config(config_file))
    manifest = root / options.get("data_dir", "site_data") / published.MANIFEST
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if build(root, config_file, site) != 0:
            return 1
        current = published.collect(site)
    before = set(published.read_manifest(manifest))
    published.write_manifest(manifest, before | current)
    added = len(current - before)
    print(f"{manifest.relative_to(root)}: {added} new URL{'s' if added != 1 else ''} and anchors recorded, "
          f"{len(before | current)} in all")
    return 0


def build(root: Path, config_file: Path, site_dir: Path) -> int:
    """Check, then build; the plugin stages the output, so site/ changes only when all succeeded."""
    if check(root, config_file, hand_over=True) != 0:
        print(f"build stopped; {site_dir.name}/ was left as it was.", file=sys.stderr)
        return 1
    if _mkdocs_build(root, config_file, site_dir) != 0:
        print(f"build failed; {site_dir.name}/ was left as it was.", file=sys.stderr)
        return 1
    print(f"built {site_dir.relative_to(root) if site_dir.is_relative_to(root) else site_dir}/")
    return 0


def _mkdocs_build(root: Path, config_file: Path, site_dir: Path) -> int:
    """`mkdocs build --strict` in this process, from the project folder: its exit status.

    In this process, the plugin takes over the project `check` has just loaded (and starting a
    second Python would cost as much again as the real site's data)."""
    from jinja2 import TemplateSyntaxError
    from mkdocs.__main__ import cli

    saved_epoch, saved_cwd = os.environ.get("SOURCE_DATE_EPOCH"), os.getcwd()
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root, config_file)
    os.chdir(root)
    try:
        # Not --quiet: MkDocs then stops counting warnings, and strict mode would let them pass.
        cli.main(args=["build", "--strict", "--config-file", str(config_file), "--site-dir", str(site_dir)],
                 prog_name="mkdocs")
        return 0
    except SystemExit as stop:  # click ends every command so, with its status
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except TemplateSyntaxError as error:  # a site's own template (custom_dir) that does not compile
        place = Path(error.filename) if error.filename else config_file
        print(f"{display_path(place, root)}:{error.lineno}: template syntax error: {error.message}", file=sys.stderr)
        return 1
    except Exception:  # not the user's mistake but ours: the whole story, as Python tells it
        traceback.print_exc()
        return 1
    finally:
        os.chdir(saved_cwd)
        if saved_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved_epoch


def new(folder: Path) -> int:
    from builder.scaffold import new_site

    problems = new_site(folder)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"A new site in {folder}/: its data in site_data/, its texts in content/.\n"
          f"Build it:   mkdocs build -f {folder / 'mkdocs.yml'}\n"
          f"Preview it: mkdocs serve -f {folder / 'mkdocs.yml'}")
    return 0


def import_article(root: Path, args: argparse.Namespace) -> int:
    """Read the span, draft it (builder.importer), write it; bad input is one line and exit 2."""
    from builder import importer

    def fail(message: str) -> int:
        print(f"import: {message}", file=sys.stderr)
        return 2

    if not SLUG.match(args.slug):
        return fail(f"--slug {args.slug!r} must be lowercase letters, digits and single hyphens")
    try:
        lines = args.source.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        return fail(f"{args.source}: cannot be read: {getattr(error, 'strerror', None) or error}")
    if lines and lines[-1] == "":
        lines.pop()
    try:
        first, last = importer.parse_lines(args.lines, len(lines))
    except ValueError as error:
        return fail(str(error))
    out = args.out or _docs_dir(root, _site_config(root / "mkdocs.yml")) / "articles" / f"{args.slug}.md"
    if out.exists() and not args.force:
        return fail(f"{out} exists; use --force to overwrite it")
    draft = importer.draft_article(
        lines[first - 1:last], source_file=args.source.name, first_line=first, title=args.title,
        first_note=args.first_note, first_page=args.first_page, running_heads=args.running_head,
        aliases=importer.entity_aliases(root / "site_data"),
    )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(draft, encoding="utf-8")
    except OSError as error:
        return fail(f"{out}: cannot be written: {error.strerror or error}")
    print(f"wrote draft {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate site_data/ without building")
    build_parser = commands.add_parser("build", help="validate, then build the site into site/")
    build_parser.add_argument("--site-dir", type=Path, help="output folder (default: ROOT/site)")
    import_parser = commands.add_parser("import", help="draft an article from a span of a source text")
    import_parser.add_argument("source", type=Path, help="the extracted text, e.g. 004_….txt")
    import_parser.add_argument("--lines", required=True, help="the span, A-B (1-based, inclusive)")
    import_parser.add_argument("--slug", required=True, help="the article's slug")
    import_parser.add_argument("--out", type=Path, help="default: ROOT/content/articles/SLUG.md")
    import_parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    import_parser.add_argument("--title", default="", help="the title as printed")
    import_parser.add_argument("--first-note", type=int, default=1, help="first note number expected")
    import_parser.add_argument("--first-page", type=int, help="printed page the span starts on")
    import_parser.add_argument("--running-head", action="append", default=[],
                               help="a running head line to drop (repeatable)")
    bench_parser = commands.add_parser("bench", help="build a synthetic project of N articles, and plain MkDocs")
    bench_parser.add_argument("--scale", type=int, action="append",
                              help="number of articles (default 100); repeat it to compare scales in one run")
    bench_parser.add_argument("--rounds", type=int, default=1,
                              help="build each project this many times, the scales in turn; medians are reported")
    bench_parser.add_argument("--json", action="store_true", help="print one line of JSON")
    bench_parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    new_parser = commands.add_parser("new", help="start a new site: an example site in a new folder")
    new_parser.add_argument("folder", type=Path, help="the new site's folder (missing or empty)")
    audit_parser = commands.add_parser("audit", help="what the data still lacks: one finding a line, then counts")
    audit_parser.add_argument("--baseline", type=Path, nargs="?", const=Path(), default=None,
                              help=f"fail when a count is above this file's (default: DATA_DIR/{BASELINE})")
    audit_parser.add_argument("--update-baseline", action="store_true", help="record the counts in the baseline")
    urls_parser = commands.add_parser("urls", help="the manifest of published URLs and anchors")
    urls_parser.add_argument("--update", action="store_true", required=True,
                             help="build, then record every newly published URL and anchor")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    config_file = root / "mkdocs.yml"
    if args.command == "new":
        return new(args.folder)
    if args.command == "import":
        return import_article(root, args)
    if args.command == "check":
        return check(root, config_file)
    if args.command == "urls":
        return update_urls(root, config_file)
    if args.command == "audit":
        baseline = args.baseline
        if baseline == Path():  # --baseline without a file: the data folder's
            options = _plugin_options(_site_config(config_file))
            baseline = root / options.get("data_dir", "site_data") / BASELINE
        return audit(root, config_file, baseline, args.update_baseline)
    if args.command == "bench":
        from builder import bench

        if args.rounds < 1 or any(scale < 1 for scale in args.scale or []):
            parser.error("--scale and --rounds must be at least 1")
        return bench.main(args.scale or [100], args.json, args.keep, args.rounds)
    site_dir = (args.site_dir or root / "site").resolve()
    return build(root, config_file, site_dir)


if __name__ == "__main__":
    sys.exit(main())
