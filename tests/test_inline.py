"""The quick inline pass (builder/markdown/inline.py) writes exactly what Python-Markdown's own writes."""
from __future__ import annotations

import markdown
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown.treeprocessors import InlineProcessor

from builder.markdown import inline
from builder.markdown.inline import QuickInlineProcessor

EXTENSIONS = ["footnotes", "attr_list", "tables", "toc", "sane_lists", "abbr", "def_list", "md_in_html"]


def convert(text: str, quick: bool) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS)
    processor = QuickInlineProcessor(md) if quick else InlineProcessor(md)
    md.treeprocessors.register(processor, "inline", 20)
    return md.convert(text)


# Text dense in what inline patterns look for: emphasis, code, links, images, footnotes,
# escapes, entities, raw HTML, autolinks, hard breaks.
_PIECES = st.sampled_from(["*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "!", "\\", "<", ">", "&",
                           "&amp;", "&#42;", "[^1]", "[x]", "[x][]", "[x](y)", "![i](s)", "<b>", "</b>",
                           "<http://a.b/c>", "<a@b.c>", "  \n", "\n", "\n\n", " ", "word", "é", "{: .c}"])
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
@example("Use `code` and *em* and __strong__ and a [link](http://x) and [^1].\n\n[^1]: A *note*.")
@example("\\`not code\\` and `` a ` b `` and [ref][r]\n\n[r]: http://r \"t\"")
@example("***both*** _a_b_ *a*b* ![i](p) <span>*x*</span> &copy; a  \nb")
def test_the_quick_pass_writes_what_python_markdown_writes(text):
    assert convert(text, quick=True) == convert(text, quick=False)


def test_the_shortcuts_apply_to_the_patterns_they_were_written_for():
    """If Python-Markdown changed these expressions, the shortcut would silently stop applying."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    expressions = {pattern.getCompiledRegExp().pattern for pattern in md.inlinePatterns}
    assert set(inline._REQUIRED) <= expressions


def test_a_probe_never_rules_out_a_text_its_expression_matches():
    md = markdown.Markdown(extensions=EXTENSIONS)
    for pattern in md.inlinePatterns:
        expression = pattern.getCompiledRegExp()
        probe = inline._probe(expression)
        for text in ["`", "a `b`", "\\\\`", "[a]", "![a]", "*a*", "_a_", "plain text", "x  \ny"]:
            for start in range(len(text) + 1):
                assert probe(text, start) == (expression.search(text, start) is not None), (expression.pattern, text)
