"""The reference theme, installed with the generator as the Python package `builder.theme`.

MkDocs finds a theme through the `mkdocs.themes` entry point (pyproject.toml: `reference`), by
the folder of this file; so a site says `theme: {name: reference}` in its mkdocs.yml and can
override single templates with `custom_dir`. This folder, `templates/`, is the theme's only copy.
"""
