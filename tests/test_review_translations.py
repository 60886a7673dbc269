"""The review report and reminders with translated pages: one row per page, its
translations in it, each with its own review date when it has one."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_condition_index, make_condition_page, make_user
from tests.factories.translations import make_bilingual
from wagtail_physio.models import ConditionPage

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
REPORT_URL = "/admin/physio/reviews-due/"


@pytest.fixture
def welsh(settings):
    return make_bilingual(settings)[1]


def translate_page(page, locale, title, **fields):
    """A published Welsh copy of ``page`` (its parents copied as aliases)."""
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = title
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return ConditionPage.objects.get(pk=copy.pk)


@pytest.fixture
def pages(home_page, welsh):
    owner = make_user("owner", "owner@clinic.example")
    index = make_condition_index(home_page)
    knee = make_condition_page(
        index,
        title="Knee pain",
        owner=owner,
        last_reviewed=TODAY - 400 * DAY,  # a year's interval: overdue
    )
    # Reviewed on its own, more recently: due next month.
    welsh_knee = translate_page(
        knee, welsh, "Poen pen-glin", last_reviewed=TODAY - 340 * DAY
    )
    back = make_condition_page(
        index, title="Back pain", owner=owner, last_reviewed=TODAY - 350 * DAY
    )
    # Never reviewed on its own: due when the English page is.
    welsh_back = translate_page(back, welsh, "Poen cefn", last_reviewed=None)
    return {
        "knee": knee,
        "welsh_knee": welsh_knee,
        "back": back,
        "welsh_back": welsh_back,
    }


def test_report_lists_each_page_once_with_its_translations(admin_client, pages):
    response = admin_client.get(REPORT_URL)
    assert response.status_code == 200
    rows = response.context["object_list"]
    assert [page.title for page in rows] == ["Knee pain", "Back pain"]
    knee, back = rows
    (welsh_knee,) = knee.review_translations
    assert welsh_knee.language == "Welsh"
    assert welsh_knee.page.pk == pages["welsh_knee"].pk
    assert welsh_knee.next_review_due == pages["welsh_knee"].next_review_due
    assert welsh_knee.state == "due_soon" and not welsh_knee.follows_source
    assert knee.review_state == "overdue"
    (welsh_back,) = back.review_translations
    assert welsh_back.follows_source
    assert welsh_back.next_review_due == pages["back"].next_review_due

    html = response.content.decode()
    assert "Poen pen-glin" in html and "Poen cefn" in html
    assert html.count("physio-review-translation__status") == 2


def test_report_filters_a_page_by_its_earliest_version(admin_client, pages):
    # The Welsh knee page alone is overdue: the page is listed, once.
    ConditionPage.objects.filter(pk=pages["knee"].pk).update(
        next_review_due=TODAY + 100 * DAY
    )
    ConditionPage.objects.filter(pk=pages["welsh_knee"].pk).update(
        next_review_due=TODAY - 5 * DAY
    )
    response = admin_client.get(REPORT_URL + "?status=overdue")
    assert [page.title for page in response.context["object_list"]] == ["Knee pain"]


def exported_rows(admin_client, query=""):
    response = admin_client.get(f"{REPORT_URL}?export=csv{query}")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_export_gives_each_translation_a_row_under_its_page(admin_client, pages):
    rows = exported_rows(admin_client)
    assert [(row["Title"], row["Language"], row["Translation of"]) for row in rows] == [
        ("Knee pain", "English", ""),
        ("Poen pen-glin", "Welsh", "Knee pain"),
        ("Back pain", "English", ""),
        ("Poen cefn", "Welsh", "Back pain"),
    ]
    by_title = {row["Title"]: row for row in rows}
    # Each keeps its own review date; one never reviewed follows its page's.
    welsh_knee, welsh_back = pages["welsh_knee"], pages["welsh_back"]
    assert by_title["Poen pen-glin"]["Next review due"] == (
        welsh_knee.next_review_due.isoformat()
    )
    assert by_title["Poen pen-glin"]["Status"] == "Due soon"
    assert by_title["Poen pen-glin"]["Last reviewed"] == (
        welsh_knee.last_reviewed.isoformat()
    )
    assert welsh_back.next_review_due is None
    assert by_title["Poen cefn"]["Next review due"] == (
        pages["back"].next_review_due.isoformat()
    )
    assert by_title["Poen cefn"]["Last reviewed"] == ""
    assert by_title["Knee pain"]["Status"] == "Overdue"
    assert by_title["Poen cefn"]["Owner"] == "owner"


def test_export_costs_the_same_queries_for_more_translated_pages(
    admin_client, pages, welsh, django_assert_num_queries
):
    admin_client.get(REPORT_URL + "?export=csv")  # the session, the locales
    with CaptureQueriesContext(connection) as captured:
        assert len(exported_rows(admin_client)) == 4
    index = pages["knee"].get_parent()
    owner = pages["knee"].owner
    for title in ("Hip pain", "Neck pain"):
        page = make_condition_page(
            index, title=title, owner=owner, last_reviewed=TODAY - 300 * DAY
        )
        translate_page(page, welsh, f"{title} (cy)", last_reviewed=None)
    with django_assert_num_queries(len(captured)):
        assert len(exported_rows(admin_client)) == 8


def test_report_is_unchanged_with_translation_off(admin_client, pages, settings):
    settings.WAGTAIL_I18N_ENABLED = False
    response = admin_client.get(REPORT_URL)
    titles = [page.title for page in response.context["object_list"]]
    assert sorted(titles) == sorted(
        ["Knee pain", "Poen pen-glin", "Back pain", "Poen cefn"]
    )


def test_reminder_names_each_page_once_with_its_due_translations(pages):
    call_command("physio_review_reminders", "--days", "30", stdout=io.StringIO())
    (message,) = mail.outbox
    body = message.body
    assert message.subject == "2 pages due for clinical review"
    assert body.count("- Knee pain") == 1 and body.count("- Back pain") == 1
    assert "Welsh: Poen pen-glin" in body and "Welsh: Poen cefn" in body
    assert "Poen pen-glin" not in body.split("- Back pain")[1]
    assert f"/admin/pages/{pages['welsh_back'].pk}/edit/" in body


def test_reminder_leaves_out_translations_not_yet_due(pages):
    call_command("physio_review_reminders", "--days", "0", stdout=io.StringIO())
    (message,) = mail.outbox
    assert "- Knee pain" in message.body
    assert "Poen pen-glin" not in message.body  # due next month, not today
    assert "Back pain" not in message.body
