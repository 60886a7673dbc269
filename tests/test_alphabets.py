"""A–Z of the conditions index per language: the letter each title is filed under,
the order titles are listed in and the letters the navigation offers, in English,
in Welsh (whose digraphs are letters) and for titles with accents and letters
outside A–Z; alphabets a project adds, and the system check on them."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from tests.factories import make_condition_index, make_live_condition, soup
from wagtail_physio.conditions.alphabets import (
    LATIN_LETTERS,
    OTHER_GROUP,
    WELSH_LETTERS,
    alphabet_for_language,
)
from wagtail_physio.conditions.checks import check_alphabets

#: A Danish alphabet, as a project would add it: Æ, Ø and Å are letters after Z.
DANISH = [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "Æ", "Ø", "Å"]

WELSH_TITLES = [
    "Ysgwydd wedi rhewi",
    "Llwybr adfer",
    "Lymffoedema",
    "Lwmbar",
    "Cyhyrau",
    "Chwarae chwaraeon",
    "Dannedd",
    "Ddannoedd",
    "Gwddf",
    "Ngwddf stiff",
    "Hamstring",
    "Rhan isaf y cefn",
    "Rwyg yn y cyhyr",
    "Tendon",
    "Thorasig",
    "Ffêr",
    "Fibwla",
    "Pen-glin",
    "Phoen nerf",
]

ACCENTED_TITLES = [
    "Œdème",
    "Eye strain",
    "Épaule gelée",
    "Elbow pain",
    "Æble",
    "Øre",
    "Łokieć",
    "Lumbar pain",
    "Ωmega exercises",
    "Osteoarthritis",
    "3D gait analysis",
    "«Tennis» elbow",
]


def filed(alphabet, titles):
    """[(letter, title)] in the alphabet's A–Z order."""
    ordered = sorted(titles, key=lambda title: alphabet.file(title).key)
    return [(alphabet.letter_of(title), title) for title in ordered]


# Unit: filing and ordering --------------------------------------------------


def test_english_folds_accents_and_letters_outside_a_to_z():
    english = alphabet_for_language("en-gb")
    assert filed(english, ACCENTED_TITLES) == [
        ("0–9", "3D gait analysis"),
        ("0–9", "«Tennis» elbow"),
        ("A", "Æble"),
        # Épaule between Elbow and Eye, not after Eye.
        ("E", "Elbow pain"),
        ("E", "Épaule gelée"),
        ("E", "Eye strain"),
        ("L", "Łokieć"),
        ("L", "Lumbar pain"),
        ("O", "Œdème"),
        ("O", "Ωmega exercises"),
        ("O", "Øre"),
        ("O", "Osteoarthritis"),
    ]


def test_titles_that_differ_only_by_accents_keep_one_order():
    english = alphabet_for_language("en")
    for titles in (["Résumé", "Resume"], ["Resume", "Résumé"]):
        assert filed(english, titles) == [("R", "Resume"), ("R", "Résumé")]


def test_welsh_digraphs_are_letters_of_their_own():
    welsh = alphabet_for_language("cy")
    assert filed(welsh, WELSH_TITLES) == [
        ("C", "Cyhyrau"),
        ("Ch", "Chwarae chwaraeon"),
        ("D", "Dannedd"),
        ("Dd", "Ddannoedd"),
        ("F", "Fibwla"),
        ("Ff", "Ffêr"),
        ("G", "Gwddf"),
        ("Ng", "Ngwddf stiff"),
        ("H", "Hamstring"),
        # Every "L" word first, however it goes on: "Lw" before "Ly" and "Ll".
        ("L", "Lwmbar"),
        ("L", "Lymffoedema"),
        ("Ll", "Llwybr adfer"),
        ("P", "Pen-glin"),
        ("Ph", "Phoen nerf"),
        ("R", "Rwyg yn y cyhyr"),
        ("Rh", "Rhan isaf y cefn"),
        ("T", "Tendon"),
        ("Th", "Thorasig"),
        ("Y", "Ysgwydd wedi rhewi"),
    ]


def test_welsh_orders_digraphs_inside_words_too():
    titles = ["Anadl", "Allan", "Anghenion", "Alma"]
    # Inside a word as at its start, "ng" comes after "g" (before "l"), and
    # "ll" after "l".
    welsh = alphabet_for_language("cy-gb")
    assert [t for _letter, t in filed(welsh, titles)] == [
        "Anghenion",
        "Alma",
        "Allan",
        "Anadl",
    ]
    # English compares letter by letter.
    english = alphabet_for_language("en")
    assert [t for _letter, t in filed(english, titles)] == [
        "Allan",
        "Alma",
        "Anadl",
        "Anghenion",
    ]


def test_welsh_files_loanwords_under_their_own_latin_letter_in_its_place():
    welsh = alphabet_for_language("cy")
    assert filed(welsh, ["Zimmer", "Kinesio", "Lwmbar", "Jaw", "Ysgwydd"]) == [
        ("J", "Jaw"),
        ("K", "Kinesio"),
        ("L", "Lwmbar"),
        ("Y", "Ysgwydd"),
        ("Z", "Zimmer"),
    ]


def test_navigation_letters_per_language():
    english, welsh = alphabet_for_language("en"), alphabet_for_language("cy")
    assert english.navigation_letters({"A"}) == list(LATIN_LETTERS)
    assert welsh.navigation_letters({"A"}) == list(WELSH_LETTERS)
    assert "K" not in welsh.navigation_letters({"A", "Ll"})
    # A letter the alphabet lacks shows only when a title uses it, in its place.
    with_k = welsh.navigation_letters({"K", OTHER_GROUP})
    assert with_k[0] == OTHER_GROUP
    assert with_k[with_k.index("J") + 1] == "K"
    assert with_k[with_k.index("K") + 1] == "L"


def test_unknown_languages_and_none_use_english():
    english = alphabet_for_language("en")
    assert alphabet_for_language("fr") is english
    assert alphabet_for_language(None) is english
    assert alphabet_for_language("CY_GB") is alphabet_for_language("cy")


def test_a_project_adds_an_alphabet(settings):
    settings.WAGTAIL_PHYSIO = {"ALPHABETS": {"da": DANISH}}
    danish = alphabet_for_language("da-dk")
    assert filed(danish, ["Øre", "Åben", "Æble", "Ost", "Zone", "Ærme"]) == [
        ("O", "Ost"),
        ("Z", "Zone"),
        ("Æ", "Æble"),
        ("Æ", "Ærme"),
        ("Ø", "Øre"),
        ("Å", "Åben"),
    ]
    # English keeps folding them.
    assert alphabet_for_language("en").letter_of("Øre") == "O"


def test_a_letter_of_two_latin_letters_in_a_row_is_a_letter(settings):
    # Dutch "IJ" is two letters that follow each other in A–Z, unlike "Ll".
    settings.WAGTAIL_PHYSIO = {
        "ALPHABETS": {"nl": [*"ABCDEFGHI", "IJ", *"JKLMNOPQRSTUVWXYZ"]}
    }
    dutch = alphabet_for_language("nl")
    assert filed(dutch, ["Jaar", "IJzer", "Ivoor", "Inname"]) == [
        ("I", "Inname"),
        ("I", "Ivoor"),
        ("IJ", "IJzer"),
        ("J", "Jaar"),
    ]


def test_an_alphabet_may_be_a_dotted_path_and_replace_a_built_in_one(settings):
    settings.WAGTAIL_PHYSIO = {
        "ALPHABETS": {"cy": "wagtail_physio.conditions.alphabets.LATIN_LETTERS"}
    }
    assert alphabet_for_language("cy").letter_of("Llwybr") == "L"


def test_a_non_latin_alphabet_keeps_its_letters_without_their_accents(settings):
    greek = list("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ")
    settings.WAGTAIL_PHYSIO = {"ALPHABETS": {"el": greek}}
    alphabet = alphabet_for_language("el")
    assert filed(alphabet, ["Ωμοπλάτη", "Άκρο", "Βάδιση"]) == [
        ("Α", "Άκρο"),
        ("Β", "Βάδιση"),
        ("Ω", "Ωμοπλάτη"),
    ]


# System check E019 -----------------------------------------------------------


@pytest.mark.parametrize(
    "alphabets",
    [
        ["A", "B"],
        {"de": "A B C"},
        {"de": []},
        {"de": ["A", "B", "A"]},
        {"de": ["A", "B", "3"]},
        {"de": ["A", "", "C"]},
        {"de": ["A", "B C"]},
        {"de": "no.such.module.LETTERS"},
        {"de": 26},
        {"": ["A"]},
    ],
)
def test_check_reports_a_malformed_alphabet(settings, alphabets):
    settings.WAGTAIL_PHYSIO = {"ALPHABETS": alphabets}
    errors = check_alphabets()
    assert [error.id for error in errors] == ["wagtail_physio.E019"]
    # A malformed alphabet never breaks the index: German files as English.
    assert alphabet_for_language("de").letter_of("Übung") == "U"


def test_check_accepts_good_alphabets(settings):
    settings.WAGTAIL_PHYSIO = {
        "ALPHABETS": {
            "da": DANISH,
            "cy": "wagtail_physio.conditions.alphabets.WELSH_LETTERS",
            "nl": [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "IJ"],
        }
    }
    assert check_alphabets() == []


# Through the index page ------------------------------------------------------


def nav_entries(page):
    # Found by class: its label is in the page's language.
    nav = page.select_one("nav.physio-az")
    return [
        (item.get_text(strip=True), item.a["href"] if item.a else None)
        for item in nav.find_all("li")
    ]


def groups(page):
    return [
        (
            section.h2["id"],
            section.h2.get_text(strip=True),
            [h3.get_text(strip=True) for h3 in section.find_all("h3")],
        )
        for section in page.select("section.physio-condition-group")
    ]


def make_index_with(home_page, titles, **fields):
    index = make_condition_index(home_page, **fields)
    for title in titles:
        make_live_condition(index, title)
    return index


@pytest.mark.django_db
def test_english_index_page_files_accented_titles_under_their_letter(client, home_page):
    index = make_index_with(home_page, ACCENTED_TITLES)
    page = soup(client.get(index.url))
    assert groups(page) == [
        ("letter-0-9", "0–9", ["3D gait analysis", "«Tennis» elbow"]),
        ("letter-a", "A", ["Æble"]),
        ("letter-e", "E", ["Elbow pain", "Épaule gelée", "Eye strain"]),
        ("letter-l", "L", ["Łokieć", "Lumbar pain"]),
        ("letter-o", "O", ["Œdème", "Ωmega exercises", "Øre", "Osteoarthritis"]),
    ]
    entries = nav_entries(page)
    assert [letter for letter, _href in entries] == ["0–9", *LATIN_LETTERS]
    assert dict(entries)["O"] == "#letter-o"
    assert dict(entries)["B"] is None


@pytest.mark.django_db
def test_welsh_index_page_groups_by_welsh_letters(client, home_page):
    index = make_index_with(home_page, [*WELSH_TITLES, "Zimmer"])
    with translation.override("cy"):
        page = soup(client.get(index.url))
    found = groups(page)
    assert [(anchor, letter) for anchor, letter, _titles in found] == [
        ("letter-c", "C"),
        ("letter-ch", "Ch"),
        ("letter-d", "D"),
        ("letter-dd", "Dd"),
        ("letter-f", "F"),
        ("letter-ff", "Ff"),
        ("letter-g", "G"),
        ("letter-ng", "Ng"),
        ("letter-h", "H"),
        ("letter-l", "L"),
        ("letter-ll", "Ll"),
        ("letter-p", "P"),
        ("letter-ph", "Ph"),
        ("letter-r", "R"),
        ("letter-rh", "Rh"),
        ("letter-t", "T"),
        ("letter-th", "Th"),
        ("letter-y", "Y"),
        ("letter-z", "Z"),
    ]
    assert {letter: titles for _a, letter, titles in found}["L"] == [
        "Lwmbar",
        "Lymffoedema",
    ]
    entries = nav_entries(page)
    # The Welsh alphabet, with the "Z" a loanword needs after "Y".
    assert [letter for letter, _href in entries] == [*WELSH_LETTERS, "Z"]
    assert dict(entries)["Ll"] == "#letter-ll"
    assert dict(entries)["Rh"] == "#letter-rh"
    assert dict(entries)["A"] is None
    assert "K" not in dict(entries)

    # The same index read in English files by English letters.
    english = soup(client.get(index.url))
    assert [letter for letter, _href in nav_entries(english)] == list(LATIN_LETTERS)
    assert (
        "Llwybr adfer"
        in {letter: titles for _a, letter, titles in groups(english)}["L"]
    )


@pytest.mark.django_db
def test_welsh_letter_on_a_later_page_links_to_it(client, home_page, settings):
    settings.WAGTAIL_PHYSIO = {"CONDITIONS_PER_PAGE": 2}
    index = make_index_with(home_page, ["Lwmbar", "Lymffoedema", "Llwybr adfer"])
    with translation.override("cy"):
        first = soup(client.get(index.url))
        second = soup(client.get(index.url + "?page=2"))
    assert dict(nav_entries(first))["Ll"] == "?page=2#letter-ll"
    assert [letter for _a, letter, _t in groups(second)] == ["Ll"]


@pytest.mark.django_db
def test_project_alphabet_shapes_the_index_page(client, home_page, settings):
    settings.WAGTAIL_PHYSIO = {"ALPHABETS": {"da": DANISH}}
    index = make_index_with(home_page, ["Øre", "Ost", "Åben"])
    with translation.override("da"):
        page = soup(client.get(index.url))
    assert [letter for _a, letter, _t in groups(page)] == ["O", "Ø", "Å"]
    assert [letter for letter, _href in nav_entries(page)][-3:] == ["Æ", "Ø", "Å"]


@pytest.fixture
def welsh_locale(settings, db):
    settings.WAGTAIL_I18N_ENABLED = True
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = [
        ("en-gb", "English"),
        ("cy", "Cymraeg"),
    ]
    return Locale.objects.create(language_code="cy")


@pytest.mark.django_db
def test_with_i18n_the_index_pages_locale_chooses_the_alphabet(
    client, home_page, welsh_locale
):
    welsh_index = make_index_with(
        home_page,
        ["Llwybr adfer", "Lwmbar"],
        title="Cyflyrau",
        slug="cyflyrau",
        locale=welsh_locale,
    )
    english_index = make_index_with(home_page, ["Llwybr adfer", "Lwmbar"])
    # The page's language wins over the reader's, both ways.
    page = soup(client.get(welsh_index.url))
    assert [letter for _a, letter, _t in groups(page)] == ["L", "Ll"]
    assert "Ll" in dict(nav_entries(page))
    with translation.override("cy"):
        page = soup(client.get(english_index.url))
    assert [letter for _a, letter, _t in groups(page)] == ["L"]
    assert "Ll" not in dict(nav_entries(page))
