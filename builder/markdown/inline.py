"""Python-Markdown's inline pass, without trying the patterns that cannot match.

Python-Markdown applies every inline pattern (about twenty) to every piece of text in turn, and
each try costs several Python calls even when the pattern's regular expression finds nothing.
An article has thousands of such tries, nearly all fruitless: most of an article's build time.
`QuickInlineProcessor` first asks the pattern's compiled expression alone, in one C call, and
hands the text to Python-Markdown's own code only when it matches, so the result is the same by
construction (tests/test_golden.py checks the whole site byte for byte).
"""
from __future__ import annotations

from markdown import util
from markdown.inlinepatterns import BACKTICK_RE, LINK_RE
from markdown.inlinepatterns import InlineProcessor as PatternProcessor
from markdown.treeprocessors import InlineProcessor

# Python-Markdown's expressions that the regular-expression engine scans slowly (a look-behind or
# an alternation before the literal), with the characters one of which every match contains:
# text without any of them cannot match. Keyed by the expression itself, so that a pattern
# changed in a later Python-Markdown only loses the shortcut.
_REQUIRED = {BACKTICK_RE: ("`",), LINK_RE: ("[",), r"\*|_": ("*", "_")}


def _probe(expression):
    """`probe(text, start)`: False when the expression certainly finds nothing from `start` on."""
    required = _REQUIRED.get(expression.pattern)
    if required is None:
        return lambda text, start: expression.search(text, start) is not None
    return lambda text, start: (any(text.find(c, start) >= 0 for c in required)
                                and expression.search(text, start) is not None)


class QuickInlineProcessor(InlineProcessor):
    def run(self, tree, ancestors=None):
        # The patterns' probes, made once a document; None for old-style patterns, which always
        # take the original path.
        self._probes = [_probe(pattern.getCompiledRegExp()) if isinstance(pattern, PatternProcessor) else None
                        for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802
        # Python-Markdown's __handleInline, with the fruitless tries cut short: a new-style
        # pattern whose expression finds nothing from startIndex on leaves the text as it is and
        # moves on to the next pattern from the start, exactly what __applyPattern would return.
        if isinstance(data, util.AtomicString):
            return data
        patterns, probes = self.inlinePatterns, self._probes
        start, count = 0, len(probes)
        while patternIndex < count:
            probe = probes[patternIndex]
            if probe is not None and not probe(data, start):
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(  # type: ignore[attr-defined]
                patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data

