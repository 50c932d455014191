"""Builder of the reference site: data model, validation, page generation and the MkDocs plugin.

Everything here except `plugin.py` is plain Python that knows nothing about MkDocs.
"""
