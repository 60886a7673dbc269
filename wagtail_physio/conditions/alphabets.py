"""Alphabets for the conditions index: the letter a title is filed under, the order
titles sort in and the letters the A–Z navigation offers, per language.

An alphabet is a list of letters in order, each written as the navigation shows it.
A letter may be more than one character: in Welsh "Ch", "Dd", "Ff", "Ng", "Ll",
"Ph", "Rh" and "Th" are letters of their own, so "Llwybr" is filed under "Ll",
after every title starting with "L". Characters that are not letters of the
alphabet are folded to ASCII with ``anyascii`` (already a dependency of Wagtail):
"Épaule" is filed under "E", "Øre" under "O", "Łokieć" under "L" and "Ωmega" under
"O" in English. An alphabet may list such letters itself ("Æ", "Ø", "Å" in Danish)
to keep them as letters. Titles starting with a digit or a symbol go under
``OTHER_GROUP``, listed first.

The English (Latin A–Z) and Welsh alphabets ship with the package; a project adds
or replaces one with ``WAGTAIL_PHYSIO["ALPHABETS"]`` (docs/finding-conditions.md).
ICU collation would bring a C library and still need the Welsh rules spelt out,
so the ordering is worked out here, from the letters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any, NamedTuple

from anyascii import anyascii
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from ..core.conf import SETTINGS_NAME, physio_settings

#: Group for titles that do not start with a letter (digits, symbols).
OTHER_GROUP = "0–9"

LATIN_LETTERS: tuple[str, ...] = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

#: The Welsh alphabet: no K, Q, V, X or Z, and eight digraphs that are letters.
WELSH_LETTERS: tuple[str, ...] = (
    "A", "B", "C", "Ch", "D", "Dd", "E", "F", "Ff", "G", "Ng", "H", "I", "J",
    "L", "Ll", "M", "N", "O", "P", "Ph", "R", "Rh", "S", "T", "Th", "U", "W", "Y",
)  # fmt: skip

#: Alphabets by language code; any language not listed uses ``LATIN_LETTERS``.
BUILT_IN_ALPHABETS: dict[str, Sequence[str]] = {"cy": WELSH_LETTERS}

# Sort keys are strings, which Python compares in C. Letters the folded text does
# not sort right by itself are written with private-use characters, which come
# after every ASCII character; spaces, digits and punctuation stay before any
# letter ("Back pain" before "Backache").
_FIRST_WEIGHT = 0xE000
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


class Filing(NamedTuple):
    """Where a title goes in the A–Z list: its letter and its sort key."""

    letter: str
    key: tuple[bool, str, str]


def _strip_marks(text: str) -> str:
    return unicodedata.normalize(
        "NFC",
        "".join(
            char
            for char in unicodedata.normalize("NFD", text)
            if not unicodedata.combining(char)
        ),
    )


class Alphabet:
    """Files titles under the letters of one alphabet. Make one with ``alphabet_of``."""

    def __init__(self, letters: Sequence[str]) -> None:
        self.letters: tuple[str, ...] = tuple(letters)
        # Hashed on every lookup in the filing cache: worked out once.
        self._hash = hash(self.letters)
        folded = [unicodedata.normalize("NFC", letter.casefold()) for letter in letters]
        self._display = dict(zip(folded, self.letters, strict=True))
        # Each letter weighs twice its position; an ASCII letter the alphabet lacks
        # ("k" in Welsh) weighs one more than the last letter it follows in ASCII,
        # so a loanword sorts where a reader of the language would look for it.
        weights = {letter: 2 * (n + 1) for n, letter in enumerate(folded)}
        for char in sorted(_ASCII_LETTERS):
            if char not in weights:
                before = [weights[letter] for letter in folded if letter <= char]
                weights[char] = max(before, default=0) + 1
        self._weights = weights
        # By the letter as shown: "Ll", or "K" for a letter the alphabet lacks.
        self._letter_weights = {
            self._display.get(token, token.upper()): weight
            for token, weight in weights.items()
        }
        # A sort key is the folded title itself wherever that already sorts
        # right: for an alphabet whose one-character ASCII letters are in ASCII
        # order (English, Welsh, Danish...), everywhere but at its other letters.
        # Such a letter ("ll", "ø") is written as the ASCII letter before it in
        # the alphabet and a private-use character, which sorts after any letter:
        # "ly" < "l\ue0xx" (ll) < "m". Any other alphabet has every letter written
        # as a private-use character by its weight.
        singles = [letter for letter in folded if letter in _ASCII_LETTERS]
        codes: dict[str, str] = {}
        self._translation: dict[int, str] | None = None
        if singles == sorted(singles):
            base = ""
            for n, letter in enumerate(folded):
                if letter in _ASCII_LETTERS:
                    base = letter
                else:
                    codes[letter] = base + chr(_FIRST_WEIGHT + n)
        else:
            for token, weight in weights.items():
                code = chr(_FIRST_WEIGHT + weight)
                if len(token) == 1:
                    self._translation = self._translation or {}
                    self._translation[ord(token)] = code
                else:
                    codes[token] = code
        self._codes = codes
        # Longest first, so "ll" wins over "l".
        self._special_letters = (
            re.compile("|".join(map(re.escape, sorted(codes, key=len, reverse=True))))
            if codes
            else None
        )
        own = sorted((letter for letter in folded if not letter.isascii()), key=len)
        self._own_letters = (
            re.compile("(" + "|".join(re.escape(x) for x in reversed(own)) + ")")
            if own
            else None
        )

    def __repr__(self) -> str:
        return f"Alphabet({' '.join(self.letters)})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Alphabet) and other.letters == self.letters

    def __hash__(self) -> int:
        return self._hash

    def fold(self, text: str) -> str:
        """``text`` in lower case with every character that is not a letter of this
        alphabet turned to ASCII: "Épaule" → "epaule"."""
        text = unicodedata.normalize("NFC", text.strip().casefold())
        if text.isascii():
            return text
        if self._own_letters is None:
            return anyascii(text).lower()
        parts = []
        # Odd items of a split on a capturing group are the alphabet's own letters.
        for n, part in enumerate(self._own_letters.split(text)):
            if n % 2:
                parts.append(part)
            elif part:
                # An accent the alphabet does not know comes off first, so a Greek
                # alphabet files "ά" under "α" rather than under a Latin "a".
                for m, rest in enumerate(self._own_letters.split(_strip_marks(part))):
                    parts.append(rest if m % 2 else anyascii(rest).lower())
        return "".join(parts)

    def file(self, title: str | None) -> Filing:
        """The letter ``title`` is filed under and its key in A–Z order."""
        return _file(self, title or "")

    def letter_of(self, title: str | None) -> str:
        return self.file(title).letter

    def navigation_letters(self, used: Iterable[str]) -> list[str]:
        """The letters for the A–Z navigation: the whole alphabet, with any letter
        it lacks but ``used`` has (a loanword's "Z") in its place, and
        ``OTHER_GROUP`` first when used."""
        used = set(used)
        letters = sorted(
            set(self.letters) | (used & self._letter_weights.keys()),
            key=self._letter_weights.__getitem__,
        )
        return [OTHER_GROUP, *letters] if OTHER_GROUP in used else letters

    def _filing(self, title: str) -> Filing:
        folded = self.fold(title)
        special = self._special_letters
        first = special.match(folded) if special else None
        token = first.group() if first else folded[:1]
        if first or (token and token in _ASCII_LETTERS):
            letter = self._display.get(token, token.upper())
        else:
            letter = OTHER_GROUP
        key = folded
        if special:
            key = special.sub(lambda match: self._codes[match.group()], key)
        if self._translation:
            key = key.translate(self._translation)
        # Titles the same but for accents or case keep one order: by their text.
        return Filing(letter, (letter != OTHER_GROUP, key, title.casefold()))


@lru_cache(maxsize=20_000)
def _file(alphabet: Alphabet, title: str) -> Filing:
    # Titles change rarely and an index files every one of them on each request.
    return alphabet._filing(title)


@cache
def alphabet_of(letters: tuple[str, ...]) -> Alphabet:
    return Alphabet(letters)


def normalise_language_code(language_code: str) -> str:
    return language_code.strip().lower().replace("_", "-")


def configured_alphabets() -> dict[str, Any]:
    """The built-in alphabets with ``WAGTAIL_PHYSIO["ALPHABETS"]`` over them, by
    language code; a value may still be a dotted path (see ``resolve_letters``)."""
    alphabets: dict[str, Any] = dict(BUILT_IN_ALPHABETS)
    configured = physio_settings.ALPHABETS
    if isinstance(configured, dict):  # else system check E019 reports it
        for code, letters in configured.items():
            alphabets[normalise_language_code(str(code))] = letters
    return alphabets


def resolve_letters(value: Any) -> Any:
    """A list of letters, given as itself or as the dotted path of one."""
    return import_string(value) if isinstance(value, str) else value


def letters_error(value: Any) -> str | None:
    """Why ``value`` is not an alphabet, or None when it is one."""
    try:
        letters = resolve_letters(value)
    except ImportError as error:
        return f"cannot import {value!r} ({error})"
    if isinstance(letters, str) or not isinstance(letters, Sequence):
        return f"is {type(letters).__name__}, not a list of letters"
    if not letters:
        return "lists no letters"
    for letter in letters:
        if not isinstance(letter, str) or not letter or not letter.isalpha():
            return f"has {letter!r}, which is not a letter"
    folded = [letter.casefold() for letter in letters]
    duplicates = sorted({letter for letter in folded if folded.count(letter) > 1})
    if duplicates:
        return f"lists {', '.join(duplicates)} more than once"
    return None


def alphabet_for_language(language_code: str | None) -> Alphabet:
    """The alphabet of a language ("cy", "cy-gb"), the Latin A–Z for any other."""
    return _alphabet_for_code(normalise_language_code(language_code or ""))


@cache
def _alphabet_for_code(code: str) -> Alphabet:
    alphabets = configured_alphabets()
    for candidate in (code, code.split("-")[0]):
        if candidate in alphabets and letters_error(alphabets[candidate]) is None:
            return alphabet_of(tuple(resolve_letters(alphabets[candidate])))
    return alphabet_of(LATIN_LETTERS)


@receiver(setting_changed)
def forget_alphabets(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTINGS_NAME:
        _alphabet_for_code.cache_clear()
