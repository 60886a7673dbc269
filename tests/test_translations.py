"""The shipped catalogues are current, complete and compiled: every language under
``wagtail_physio/locale/`` is checked against the source as it is now.

Uses GNU gettext's own tools (``xgettext`` through Django's makemessages,
``msgfmt``, ``msgattrib``, ``msgen``) and reads compiled catalogues with the standard
library, so the check adds no dependency beyond gettext itself. docs/translating.md
says how to bring a catalogue up to date when one of these tests fails.
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

import wagtail_physio

PACKAGE_DIR = Path(wagtail_physio.__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"

#: The options the catalogues are made with (docs/translating.md). File names
#: without line numbers, so a catalogue only changes when its messages do.
MAKEMESSAGES_OPTIONS = ["--no-obsolete", "--add-location", "file", "--no-wrap"]
UPDATE_COMMAND = (
    "cd wagtail_physio && django-admin makemessages -l {language} "
    + " ".join(MAKEMESSAGES_OPTIONS)
    + " && django-admin compilemessages -l {language}"
)

LANGUAGES = sorted(
    path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/django.po")
)

WELSH_PLURAL_FORMS = (
    "nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : "
    "(n==6) ? 4 : 5;"
)


def gettext_tool(name: str) -> str:
    """The path of a GNU gettext program; a clear failure, never a skip, without it."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"GNU gettext's {name} is not installed, so the translation catalogues "
            "cannot be checked. Install it: apt-get install gettext (Debian, "
            "Ubuntu), brew install gettext (macOS)."
        )
    return path


def run(command: list[str], cwd: Path | None = None) -> str:
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, env=command_env()
    )
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stderr}"
    return result.stdout


def command_env() -> dict[str, str]:
    # makemessages and compilemessages need no project settings; without them
    # they cannot pick up the test settings' LOCALE_PATHS by mistake.
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def catalogue_of_mo(path: Path) -> dict[object, str]:
    """The messages of a compiled catalogue: ``msgid`` (``"context\\x04msgid"``
    with a context, ``(msgid, form)`` for plurals) to translation."""
    with path.open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    return {key: text for key, text in compiled._catalog.items() if key != ""}


def msgids_of(po_path: Path, workdir: Path) -> set[object]:
    """Every message of a .po file, translated or not: ``msgen`` copies each msgid
    to its msgstr, so the compiled catalogue lists them all."""
    filled, compiled = workdir / "filled.po", workdir / "filled.mo"
    run([gettext_tool("msgen"), "--no-wrap", "-o", str(filled), str(po_path)])
    run([gettext_tool("msgfmt"), "-o", str(compiled), str(filled)])
    return {
        key[0] if isinstance(key, tuple) else key for key in catalogue_of_mo(compiled)
    }


def entries_of(po_text: str) -> list[str]:
    """The msgids of a .po file's entries, leaving out the header."""
    return [msgid for msgid in re.findall(r'^msgid "(.*)"$', po_text, re.M) if msgid]


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def test_the_package_ships_welsh():
    assert "cy" in LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_every_message_of_the_source_and_no_other(language, tmp_path):
    """makemessages run now, into a copy of the package, finds the same messages
    as the shipped catalogue: nothing new left out, nothing removed left in."""
    gettext_tool("xgettext")
    copy = tmp_path / "wagtail_physio"
    shutil.copytree(
        PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
    )
    run(
        [sys.executable, "-m", "django", "makemessages", "-l", language]
        + MAKEMESSAGES_OPTIONS,
        cwd=copy,
    )
    fresh = msgids_of(
        copy / "locale" / language / "LC_MESSAGES" / "django.po", tmp_path
    )
    shipped = msgids_of(po_path(language), tmp_path)

    missing, stale = (
        sorted(map(str, fresh - shipped)),
        sorted(map(str, shipped - fresh)),
    )
    assert not missing and not stale, (
        f"The {language} catalogue is out of date with the source.\n"
        f"Not in the catalogue: {missing}\nNo longer in the source: {stale}\n"
        f"Update it: {UPDATE_COMMAND.format(language=language)}, then translate."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_fully_translated_with_nothing_fuzzy_or_obsolete(language):
    po = str(po_path(language))
    msgattrib = gettext_tool("msgattrib")
    problems = {
        kind: entries_of(run([msgattrib, option, "--no-wrap", po]))
        for kind, option in (
            ("untranslated", "--untranslated"),
            ("fuzzy", "--only-fuzzy"),
            ("obsolete", "--only-obsolete"),
        )
    }
    assert not any(problems.values()), (
        f"The {language} catalogue is not finished: {problems}. Translate the "
        "untranslated, check and unmark the fuzzy (delete the “#, fuzzy” line), "
        "delete the obsolete."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_well_formed(language, tmp_path):
    """msgfmt's checks: placeholders kept, header and plural forms consistent."""
    run(
        [
            gettext_tool("msgfmt"),
            "--check",
            "-o",
            str(tmp_path / "django.mo"),
            str(po_path(language)),
        ]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language, tmp_path):
    """The shipped .mo is the .po compiled now: no translation edited but not built."""
    shipped_mo = po_path(language).with_suffix(".mo")
    assert shipped_mo.exists(), (
        f"{shipped_mo} is missing: {UPDATE_COMMAND.format(language=language)}"
    )
    fresh_mo = tmp_path / "django.mo"
    run([gettext_tool("msgfmt"), "-o", str(fresh_mo), str(po_path(language))])

    shipped, fresh = catalogue_of_mo(shipped_mo), catalogue_of_mo(fresh_mo)
    changed = sorted(
        str(key)
        for key in shipped.keys() | fresh.keys()
        if shipped.get(key) != fresh.get(key)
    )
    assert not changed, (
        f"The compiled {language} catalogue is stale for {changed[:10]} "
        f"({len(changed)} in all): django-admin compilemessages -l {language} "
        "in wagtail_physio/."
    )
    with shipped_mo.open("rb") as mo_file:
        shipped_header = gettext.GNUTranslations(mo_file).info()
    with fresh_mo.open("rb") as mo_file:
        assert (
            shipped_header["plural-forms"]
            == (gettext.GNUTranslations(mo_file).info()["plural-forms"])
        )


def test_welsh_uses_its_six_plural_forms():
    """Welsh counts 0, 1, 2, 3, 6 and the rest differently ("2 dudalen", "3
    tudalen", "6 thudalen"), though Django's own Welsh catalogue has four forms:
    Django keeps each catalogue's plural rule."""
    header = po_path("cy").read_text(encoding="utf-8")
    assert f'"Plural-Forms: {WELSH_PLURAL_FORMS}\\n"' in header

    singular = "%(count)d page due for clinical review"
    plural = "%(count)d pages due for clinical review"
    with translation.override("cy"):
        shown = {
            n: translation.ngettext(singular, plural, n) % {"count": n}
            for n in (0, 1, 2, 3, 5, 6, 11)
        }
        # Django's own catalogue still answers with its own plural rule.
        assert translation.gettext("a.m.") == "y.b."
    assert shown == {
        0: "0 tudalen yn ddyledus i’w hadolygu’n glinigol",
        1: "1 dudalen yn ddyledus i’w hadolygu’n glinigol",
        2: "2 dudalen yn ddyledus i’w hadolygu’n glinigol",
        3: "3 tudalen yn ddyledus i’w hadolygu’n glinigol",
        5: "5 tudalen yn ddyledus i’w hadolygu’n glinigol",
        6: "6 thudalen yn ddyledus i’w hadolygu’n glinigol",
        11: "11 tudalen yn ddyledus i’w hadolygu’n glinigol",
    }
