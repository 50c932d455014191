"""Identifiers a bibliography entry can carry where a document has no stable web address: each
scheme's form, checked when the data is read, and the address of its official resolver where one
is established (a DOI at doi.org); the others are shown as they are, to look up where the scheme
says.

A wrong identifier is worse than none: a reader who follows it finds another document, or
nothing. So each value is checked against its scheme's form and, for ISBN and ISSN, their check
digit, and the build refuses one that does not fit.
"""
from __future__ import annotations

import re

# Scheme -> (what it is, for messages and pages; its form).
SCHEMES: dict[str, tuple[str, re.Pattern]] = {
    "celex": ("CELEX number (EUR-Lex)", re.compile(r"[0-9CE]\d{4}[A-Z]{1,2}[0-9A-Z()/_.-]{1,12}")),
    "doi": ("DOI", re.compile(r"10\.\d{4,9}/\S+")),
    "isbn": ("ISBN", re.compile(r"(?:\d[- ]?){9}[\dX]|(?:\d[- ]?){12}\d")),
    "issn": ("ISSN", re.compile(r"\d{4}-\d{3}[\dX]")),
    "un_symbol": ("document symbol", re.compile(r"[A-Z][A-Z0-9]*(?:/[A-Za-z0-9.()-]+)+(?: \(\d{4}\))?")),
    "unts": ("Treaty Series registration number", re.compile(r"(?:I|II)-\d{1,6}")),
    "oclc": ("OCLC number (WorldCat)", re.compile(r"\d{1,12}")),
}
EXAMPLES = {"celex": "32007D0427", "doi": "10.1000/182", "isbn": "978-0-19-953827-0", "issn": "0028-0836",
            "un_symbol": "A/RES/47/1", "unts": "I-54669", "oclc": "1234567"}


def problem(scheme: str, value: str) -> str | None:
    """Why `value` is not a valid identifier of `scheme`, or None."""
    what, form = SCHEMES[scheme]
    if not form.fullmatch(value):
        return f"'{value}' is not a {what} like '{EXAMPLES[scheme]}'"
    if scheme == "isbn" and not isbn_valid(value):
        return f"'{value}' is not a valid ISBN: its check digit does not match"
    if scheme == "issn" and not issn_valid(value):
        return f"'{value}' is not a valid ISSN: its check digit does not match"
    return None


def isbn_valid(value: str) -> bool:
    digits = value.replace("-", "").replace(" ", "")
    if len(digits) == 10:
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return "X" not in digits[:9] and total % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        return sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits)) % 10 == 0
    return False


def issn_valid(value: str) -> bool:
    digits = value.replace("-", "")
    total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def label(scheme: str) -> str:
    return SCHEMES[scheme][0]


def resolver_url(scheme: str, value: str) -> str | None:
    """The identifier's address at its official resolver, for the schemes that have one."""
    if scheme == "doi":
        return f"https://doi.org/{value}"
    return None
