"""`python -m builder import`: each kind of extraction damage (NOTES.md §3) on real excerpts.

The excerpts are copied verbatim from ../shared/sources/004_c4e1fffcc732be2c.txt ("004:N" is its
1-based line N), trailing spaces included where they matter.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from builder import importer
from builder.importer import (
    collapse_letter_spacing,
    dehyphenate,
    draft_article,
    extract_footnotes,
    join_paragraphs,
    propose_annotations,
    remove_running_heads,
    unglue_markers,
)

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared")) / "sources"
BOOK = "004_c4e1fffcc732be2c.txt"
HEAD = "International security organizations in Eurasia: Rivalry and co-operation"


def body_of(draft: str) -> str:
    return draft.split("\n---\n", 1)[1]


# 004:118–126: a paragraph broken by the page bottom, with the bodies of fns 1–2 between
# "in the" and the next page's first line (which starts with a space).
PAGE_BREAK_WITH_NOTES = """\
NATO assets and capabilities. Such arrangements were firstly tested 
when the EU’s operation Concordia took over from NATO in the 

1 Dodier Bigo, in: International relations theory and the politics of European 
integration, 2000. 
2 Christopher Hill, The Actors in European Foreign Policy, 1996.
 former Yugoslav Republic of Macedonia. The overall assessment 
was that Berlin Plus worked well for Concordia, despite some 
problems in the chain of command such as the role performed by 
""".splitlines()


def test_paragraph_rejoined_across_page_break_with_footnote_block():
    notes = extract_footnotes(PAGE_BREAK_WITH_NOTES, first_note=1)
    assert notes.bodies == {
        1: "Dodier Bigo, in: International relations theory and the politics of European integration, 2000.",
        2: "Christopher Hill, The Actors in European Foreign Policy, 1996.",
    }
    paragraphs = join_paragraphs(notes.prose)
    assert len(paragraphs) == 1
    assert "took over from NATO in the former Yugoslav Republic of Macedonia. The overall" in paragraphs[0]
    # With a first page, the page start is marked where it falls, mid-sentence.
    paragraphs = join_paragraphs(notes.prose, first_page=8)
    assert "from NATO in the {{page:9 inferred}} former Yugoslav" in paragraphs[0]


def test_definitions_at_the_end_in_number_order():
    draft = draft_article(PAGE_BREAK_WITH_NOTES, source_file=BOOK, first_line=118, first_note=1)
    body = body_of(draft)
    assert body.index("[^1]: Dodier Bigo") < body.index("[^2]: Christopher Hill")
    assert body.index("The overall assessment") < body.index("[^1]:")
    assert 'lines: "118-126"' in draft


# 004:80–81 (`Europe1.`, after a page start) and 004:107–108 (`denominator2.`).
GLUED = """\
enemies is gaining more and more support inside different agencies 
 within Europe1. Thus, the agenda of security policy today is based on 
bargaining leading to agreement on a policy of the lowest common 
denominator2. 
""".splitlines()


def test_markers_glued_to_words():
    text = " ".join(join_paragraphs(GLUED))
    text, found = unglue_markers(text, first_note=1)
    assert "within Europe[^1]. Thus" in text
    assert "lowest common denominator[^2]." in text
    assert found == [1, 2]


# 004:1410–1412: "199820." is 1998 + note 20.
YEAR_GLUED = """\
In 1995-1996 Kyrgyzstan unilaterally withdrew its peacekeeping 
battalion from Tajikistan, attributing the decision to the lack of funds 
to support it. Uzbekistan came next in 199820. 
""".splitlines()


def test_marker_glued_to_a_year():
    text, found = unglue_markers(" ".join(join_paragraphs(YEAR_GLUED)), first_note=20)
    assert text.endswith("came next in 1998[^20].")
    assert "In 1995-1996 Kyrgyzstan" in text          # ordinary numbers untouched
    assert found == [20]


# 004:1454–1455: the marker stands after the closing quote, separated by a space.
SPACED_MARKER = """\
organized trans-national crime, illegal migration and other threats 
to the security of the member States” 21.
""".splitlines()


def test_space_separated_marker():
    text, _ = unglue_markers(" ".join(join_paragraphs(SPACED_MARKER)), first_note=21)
    assert text.endswith("of the member States”[^21].")


def test_only_the_expected_number_is_a_marker():
    # 004:1410–1412 again: with note 21 expected, "1998" + "20" is left as printed.
    text, found = unglue_markers(" ".join(join_paragraphs(YEAR_GLUED)), first_note=21)
    assert "199820." in text and found == []


# 004:4549–4556: fn 117's body is letter-spaced, glued to its number once collapsed.
LETTER_SPACED = """\
member states118.

1 1 7 I T A R - T A S S .  ( 2 0 0 5 ) .  P u t i n  a n d  N a z a r b a e v  M e t  i n  A l m a - A t a .  
http://www.itartass.ur.ru/vlast/?id=2271
118 The CSTO. (2005). General Information. http://www.dkb.gov.ru/start/ 
index.htm
 The Collective Security Treaty was signed in 1992 for the period 
""".splitlines()


def test_letter_spaced_note():
    assert collapse_letter_spacing(LETTER_SPACED[2]) == (
        "117ITAR-TASS. (2005). Putin and Nazarbaev Met in Alma-Ata.")
    # 004:4775, fn 133, with irregular spacing ("C ST O  Wo r k s").
    assert collapse_letter_spacing(
        "1 3 3 B o r d u z h a ,  N .  ( 2 0 0 4 ) .  C ST O  Wo r k s  E f f e c t i v e l y ,  "
        "I TA R - TA S S .  ") == "133Borduzha, N. (2004). CSTO Works Effectively, ITAR-TASS."
    # Ordinary prose is left alone.
    assert collapse_letter_spacing("the two countries  grew by 150% and") == "the two countries  grew by 150% and"
    draft = draft_article(LETTER_SPACED, source_file=BOOK, first_line=4549, first_note=117)
    body = body_of(draft)
    assert ("[^117]: ITAR-TASS. (2005). Putin and Nazarbaev Met in Alma-Ata. "
            "http://www.itartass.ur.ru/vlast/?id=2271") in body
    # The URL broken over two lines (NOTES §3.7) is rejoined.
    assert "[^118]: The CSTO. (2005). General Information. http://www.dkb.gov.ru/start/index.htm" in body
    assert "member states[^118]." in body


# 004:54–55 (a real compound) and 004:430–432 (a word split in Emerson's table).
REAL_HYPHEN = """\
(2003) forwards mechanisms to deal with the threats in the post-
Cold War globalised/unipolar world. Cooper argues that we must 
""".splitlines()
SOFT_HYPHEN = """\
The ‘other’ party is isolated, 
weakened, returns to the ne-
gotiation table, settlement and 
""".splitlines()
# 004:225: the same author spells the word elsewhere.
ELSEWHERE = "– Cyprus, where our recent study was shadowing the negotiation "


def test_real_hyphen_is_kept():
    assert join_paragraphs(REAL_HYPHEN) == [
        "(2003) forwards mechanisms to deal with the threats in the post-Cold War "
        "globalised/unipolar world. Cooper argues that we must"]
    assert dehyphenate("Alma-", "Ata", "") == ("Alma-Ata", False)
    assert dehyphenate("co-", "operation", "") == ("co-operation", False)


def test_word_splitting_hyphen():
    # Alone, the span gives no evidence: the hyphen stays and the curator is asked.
    paragraphs = join_paragraphs(SOFT_HYPHEN, corpus="\n".join(SOFT_HYPHEN))
    assert "returns to the ne-gotiation table" in paragraphs[0]
    assert paragraphs[1] == "<!-- check hyphen: ne-gotiation -->"
    # With "negotiation" attested in the span, it is joined.
    corpus = "\n".join(SOFT_HYPHEN + [ELSEWHERE])
    paragraphs = join_paragraphs(SOFT_HYPHEN, corpus=corpus)
    assert paragraphs == ["The ‘other’ party is isolated, weakened, returns to the negotiation table, "
                          "settlement and"]


# 004:22–25 and 004:612–615: lines starting with years are prose, not footnote bodies.
YEAR_LINES = """\

All articles in this book are the result of different conferences and 
expert seminars organized by the Center for Euro-Atlantic Security in 
2004 – 2009. This collective work is composed of texts of the authors 

Finally on Turkey and its Kurds. The conflict between Turkey 
and the PKK Marxist separatist Kurds raged for 15 years, but by 
1999 Turkey had virtually won the war, employing harsh and much 
""".splitlines()


def test_year_lines_are_not_notes():
    for first_note in (1, 2, 20):
        notes = extract_footnotes(YEAR_LINES, first_note=first_note)
        assert notes.bodies == {}
        assert notes.prose == YEAR_LINES
    paragraphs = join_paragraphs(YEAR_LINES)
    assert "Security in 2004 – 2009. This collective" in paragraphs[0]
    assert "raged for 15 years, but by 1999 Turkey had" in paragraphs[1]


# 004:2375–2383: the running head of p. 58 splits a sentence.
RUNNING_HEAD = """\
and strategic bombers that belonged to Ukraine and Kazakhstan 



58

International security organizations in Eurasia: Rivalry and co-operation

were transferred to Russia, partially with the assistance of Western 
""".splitlines()


def test_running_head_removed():
    lines = remove_running_heads(RUNNING_HEAD, [HEAD])
    assert "58" not in lines and HEAD not in lines
    assert join_paragraphs(lines) == [
        "and strategic bombers that belonged to Ukraine and Kazakhstan were transferred to Russia, "
        "partially with the assistance of Western"]
    # The printed number anchors the page marker.
    assert "Kazakhstan {{page:58}} were transferred" in join_paragraphs(lines, first_page=57)[0]


ALIASES = [("EvrAzEC", "org", "eurasec"), ("EurAsEC", "org", "eurasec"),
           ("Kyrgyz Republic", "country", "kgz"), ("the Kyrgyz Republic", "country", "kgz"),
           ("Kyrgyzstan", "country", "kgz"), ("Russia", "country", "rus"),
           ("CSTO", "org", "csto"), ("CST", "org", "cst")]


def test_annotation_proposals():
    # 004:3319–3320 and 004:2974.
    text = ("only Armenia and Uzbekistan are now members of the CSTO, but not members of the "
            "EvrAzEC[^82]. On 16 January 1994, the Kyrgyz Republic joined this agreement. "
            "Russian-led Russia’s")
    out = propose_annotations(text, ALIASES)
    assert "[[org:eurasec|EvrAzEC]][^82]." in out
    assert "[[country:kgz|the Kyrgyz Republic]] joined" in out           # longest alias first
    assert "the [[org:csto|CSTO]], but" in out                            # not CST inside CSTO
    assert "Russian-led [[country:rus|Russia]]’s" in out                  # not inside a word
    assert propose_annotations(out, ALIASES) == out                       # never inside an annotation


def test_annotation_aliases_from_site_data():
    aliases = {surface: (kind, ident) for surface, kind, ident in importer.entity_aliases(ROOT / "site_data")}
    assert aliases["EvrAzEC"] == ("org", "eurasec")
    assert aliases["Kyrgyz Republic"] == ("country", "kgz")
    assert "the Union" not in aliases                                     # too ambiguous to propose


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    missing = subprocess.run([sys.executable, "-m", "builder", "import", str(tmp_path / "nope.txt"),
                              "--lines", "1-2", "--slug", "x", "--out", str(tmp_path / "x.md")],
                             capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    source = tmp_path / "s.txt"
    source.write_text("a\nb\n", encoding="utf-8")
    for spec in ("2-1", "x", "1-9"):
        bad = subprocess.run([sys.executable, "-m", "builder", "import", str(source), "--lines", spec,
                              "--slug", "x", "--out", str(tmp_path / "x.md")],
                             capture_output=True, text=True, cwd=ROOT)
        assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1, spec
        assert "Traceback" not in bad.stderr


@pytest.mark.skipif(not (SOURCES / BOOK).is_file(), reason="the shared sources are not here")
def test_end_to_end_on_the_real_file(tmp_path):
    first, last = 2360, 2400      # KAZ: the p.58 running head, notes 50–52 and their bodies
    out = tmp_path / "draft.md"
    command = [sys.executable, "-m", "builder", "import", str(SOURCES / BOOK), "--lines", f"{first}-{last}",
               "--slug", "draft", "--out", str(out), "--first-note", "50", "--first-page", "57",
               "--running-head", HEAD]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    draft = out.read_text(encoding="utf-8")
    body = body_of(draft)
    labels = re.findall(r"^\[\^(\d+)\]:", body, re.MULTILINE)
    markers = re.findall(r"\[\^(\d+)\](?!:)", body)
    assert labels == sorted(labels, key=int) and labels
    assert set(markers) == set(labels)
    assert "{{page:58}}" in body and HEAD not in body
    # Every word of the span survives (hyphen joins and markers aside).
    span = (SOURCES / BOOK).read_text(encoding="utf-8").splitlines()[first - 1:last]
    flat = re.sub(r"\[\[[a-z]+:[\w-]+\|(.*?)\]\]", r"\1", body)
    flat = re.sub(r"\[\^(\d+)\]:?", r" \1 ", flat)
    words = set(re.findall(r"[^\W\d_]+|\d+", flat))
    for line in span:
        if line.strip() in (HEAD, "58"):
            continue
        for word in re.findall(r"[^\W\d_]+", line):
            assert word in words or any(word in w for w in words), (word, line)
    # Refuses to overwrite without --force.
    again = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 2 and "--force" in again.stderr
