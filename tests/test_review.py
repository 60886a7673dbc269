"""Clinical review governance: dates on the page, validation, report, dashboard, reminders."""

import copy
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupPagePermission, Site
from wagtail.test.utils.form_data import inline_formset

from tests.factories import (
    condition_page_form,
    edit_page_url,
    make_admin_user,
    make_condition_index,
    make_condition_page,
    make_user,
    shared_test_data,
)
from tests.testapp.models import TreatmentIndexPage
from wagtail_physio.models import ConditionPage
from wagtail_physio.review.models import add_months

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
REPORT_URL = "/admin/physio/reviews-due/"


def reviewed(parent, title, last_reviewed, **fields):
    return make_condition_page(
        parent, title=title, last_reviewed=last_reviewed, **fields
    )


# Model ----------------------------------------------------------------------


def test_add_months_keeps_the_day_or_clamps_to_month_end():
    assert add_months(datetime.date(2024, 3, 15), 12) == datetime.date(2025, 3, 15)
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2023, 11, 30), 3) == datetime.date(2024, 2, 29)


def test_next_review_due_follows_site_interval_and_page_override(
    condition_index, settings
):
    page = reviewed(condition_index, "Sciatica", datetime.date(2024, 5, 10))
    assert page.next_review_due == datetime.date(2025, 5, 10)

    settings.WAGTAIL_PHYSIO = {"REVIEW_INTERVAL_MONTHS": 6}
    page.save()
    assert page.next_review_due == datetime.date(2024, 11, 10)

    page.review_interval_months = 3
    page.save()
    page.refresh_from_db()
    assert page.next_review_due == datetime.date(2024, 8, 10)

    page.next_review_due_override = datetime.date(2024, 7, 1)
    page.save()
    page.refresh_from_db()
    assert page.next_review_due == datetime.date(2024, 7, 1)


def test_page_without_review_date_has_no_due_date(condition_index):
    page = make_condition_page(condition_index, title="Neck pain")
    assert page.last_reviewed is None
    assert page.next_review_due is None


@pytest.mark.parametrize(
    ("fields", "field_with_error"),
    [
        ({"review_interval_months": 0}, "review_interval_months"),
        ({"review_interval_months": -6}, "review_interval_months"),
        (
            {
                "last_reviewed": datetime.date(2024, 5, 1),
                "next_review_due_override": datetime.date(2024, 4, 30),
            },
            "next_review_due_override",
        ),
        ({"last_reviewed": TODAY + DAY}, "last_reviewed"),
    ],
)
def test_full_clean_reports_bad_review_values_on_their_field(
    condition_index, fields, field_with_error
):
    page = make_condition_page(condition_index, title="Whiplash")
    for name, value in fields.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    assert set(excinfo.value.message_dict) == {field_with_error}


def edit_form_data(page, **overrides):
    """The page's edit form as saved ("Save draft") with review details filled in."""
    return condition_page_form(
        publish=False,
        **{
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "reviewer_name": "Alex Rivers",
            "reviewer_role": "Clinical lead physiotherapist",
            "last_reviewed": "2024-05-01",
            "subject_type": "MedicalCondition",
            "comments": inline_formset([]),
            **overrides,
        },
    )


def test_admin_edit_rejects_review_date_before_last_review(
    admin_client, condition_index
):
    page = reviewed(condition_index, "Frozen shoulder", datetime.date(2024, 1, 1))
    url = edit_page_url(page)

    response = admin_client.post(
        url,
        edit_form_data(
            page,
            next_review_due_override="2024-04-30",
            review_interval_months="0",
        ),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "next_review_due_override" in form.errors
    assert "review_interval_months" in form.errors
    assert "The next review must be on or after" in response.content.decode()
    page.refresh_from_db()
    assert page.last_reviewed == datetime.date(2024, 1, 1)
    assert page.next_review_due_override is None
    assert not page.has_unpublished_changes


def test_admin_edit_saves_review_fields(admin_client, condition_index):
    page = make_condition_page(condition_index, title="Frozen shoulder")
    url = edit_page_url(page)

    data = edit_form_data(page, review_interval_months="6")
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.reviewer_name == "Alex Rivers"
    assert page.next_review_due == datetime.date(2024, 11, 1)


# Page -----------------------------------------------------------------------


def test_condition_page_shows_review_dates_in_time_elements(client, condition_index):
    page = reviewed(
        condition_index,
        "Tennis elbow",
        datetime.date(2024, 2, 29),
        reviewer_name="Morgan Hale",
        reviewer_role="Advanced practice physiotherapist",
    )
    html = client.get(page.url).content.decode()
    assert (
        'Page last reviewed: <time datetime="2024-02-29">29 February 2024</time>'
        in html
    )
    assert (
        'Next review due: <time datetime="2025-02-28">28 February 2025</time>' in html
    )
    assert "Morgan Hale, Advanced practice physiotherapist" in html


def test_condition_page_without_review_shows_no_review_block(client, condition_index):
    page = make_condition_page(condition_index, title="Shin splints")
    assert "Page last reviewed" not in client.get(page.url).content.decode()


# Report ---------------------------------------------------------------------


@pytest.fixture(scope="class")
def shared_review_pages(django_db_setup, django_db_blocker):
    """One overdue page, one due next week, one far off, one never reviewed and
    an overdue draft: made once for each class using them (see
    ``shared_test_data``)."""
    with shared_test_data(django_db_blocker):
        index = make_condition_index(Site.objects.get(is_default_site=True).root_page)
        owner = make_user("owner", "owner@clinic.example")
        long_ago = add_months(TODAY, -14)
        yield {
            "overdue": reviewed(
                index,
                "Plantar fasciitis",
                long_ago,
                reviewer_name="Priya Okafor",
                reviewer_role="Podiatry lead",
                owner=owner,
            ),
            "soon": reviewed(
                index,
                "Ankle sprain",
                add_months(TODAY + 7 * DAY, -12),
                reviewer_name="Alex Rivers",
                owner=owner,
            ),
            "later": reviewed(index, "Back surgery", TODAY - 10 * DAY),
            "never": make_condition_page(index, title="Knee replacement"),
            "draft": reviewed(
                index, "Draft page", long_ago, publish=False, owner=owner
            ),
        }


@pytest.fixture
def review_pages(shared_review_pages, db):
    return copy.deepcopy(shared_review_pages)


class TestReviewReport:
    """The report, the dashboard panel and the reminders, over one set of pages."""

    def test_report_lists_overdue_first_then_by_due_date(
        self, admin_client, review_pages
    ):
        response = admin_client.get(REPORT_URL)
        assert response.status_code == 200
        assert report_titles(response) == [
            "Plantar fasciitis",
            "Ankle sprain",
            "Back surgery",
            "Knee replacement",
        ]
        html = response.content.decode()
        assert "Condition pages due for review" in html
        assert "Overdue" in html
        assert "Priya Okafor" in html

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("status=overdue", ["Plantar fasciitis"]),
            ("status=never", ["Knee replacement"]),
            ("due_within=30", ["Plantar fasciitis", "Ankle sprain"]),
            ("due_within=0", ["Plantar fasciitis"]),
            ("reviewer=rivers", ["Ankle sprain"]),
        ],
    )
    def test_report_filters(self, admin_client, review_pages, query, expected):
        response = admin_client.get(f"{REPORT_URL}?{query}")
        assert report_titles(response) == expected

    def test_report_exports_csv(self, admin_client, review_pages):
        response = admin_client.get(REPORT_URL + "?export=csv&status=overdue")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv"
        lines = b"".join(response.streaming_content).decode().strip().splitlines()
        assert lines[0] == (
            "Title,Next review due,Status,Last reviewed,Reviewer,Reviewer role,Owner"
        )
        due = review_pages["overdue"].next_review_due
        assert lines[1].startswith(f"Plantar fasciitis,{due.isoformat()},Overdue,")
        assert "Priya Okafor,Podiatry lead,owner" in lines[1]
        assert len(lines) == 2

    def test_report_exports_xlsx(self, admin_client, review_pages):
        import openpyxl  # slow to import: only where it is used

        response = admin_client.get(REPORT_URL + "?export=xlsx")
        assert response.status_code == 200
        workbook = openpyxl.load_workbook(
            io.BytesIO(b"".join(response.streaming_content))
        )
        rows = list(workbook.active.iter_rows(values_only=True))
        assert rows[0][:3] == ("Title", "Next review due", "Status")
        assert [row[0] for row in rows[1:]] == [
            "Plantar fasciitis",
            "Ankle sprain",
            "Back surgery",
            "Knee replacement",
        ]
        assert rows[1][1] == review_pages["overdue"].next_review_due
        assert rows[1][2] == "Overdue"

    @pytest.mark.parametrize(
        "url",
        [REPORT_URL, REPORT_URL + "results/", REPORT_URL + "?export=csv"],
    )
    def test_report_refuses_users_without_page_permissions(
        self, client, review_pages, url
    ):
        # Can log in to the admin but has no permission on any page.
        client.force_login(make_admin_user("reader"))
        response = client.get(url)
        # Wagtail answers a permission error in the admin with a redirect home.
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        assert b"Plantar fasciitis" not in response.content

    def test_report_hidden_from_menu_and_dashboard_without_permission(
        self, client, review_pages
    ):
        client.force_login(make_admin_user("reader"))
        html = client.get("/admin/").content.decode()
        assert REPORT_URL not in html
        assert "Clinical reviews" not in html

    def test_report_shows_only_pages_an_editor_can_edit(
        self, client, review_pages, home_page
    ):
        knee_editor = make_admin_user("knee")
        GroupPagePermission.objects.create(
            group=knee_editor.groups.get(),
            page=review_pages["soon"],
            permission=Permission.objects.get(codename="change_page"),
        )
        client.force_login(knee_editor)
        response = client.get(REPORT_URL)
        assert response.status_code == 200
        assert report_titles(response) == ["Ankle sprain"]

    def test_dashboard_panel_counts_overdue_and_due_soon(
        self, admin_client, review_pages
    ):
        html = admin_client.get("/admin/").content.decode()
        assert "1 condition page overdue for review" in html
        assert "1 due in the next 30 days" in html
        assert f'href="{REPORT_URL}?status=overdue"' in html

    def test_reports_menu_links_to_the_report(self, admin_client, review_pages):
        assert REPORT_URL in admin_client.get("/admin/").content.decode()

    def test_reminders_email_each_owner_once_with_their_pages(self, review_pages):
        other = make_user("other", "other@clinic.example")
        page = review_pages["later"]
        page.owner = other
        page.next_review_due_override = TODAY + 3 * DAY
        page.save()

        call_command("physio_review_reminders", stdout=io.StringIO())

        assert len(mail.outbox) == 2
        by_recipient = {tuple(message.to): message for message in mail.outbox}
        owner_mail = by_recipient[("owner@clinic.example",)]
        assert "Plantar fasciitis" in owner_mail.body
        assert "Ankle sprain" in owner_mail.body
        assert "Draft page" not in owner_mail.body
        assert "Overdue since" in owner_mail.body
        assert f"/admin/pages/{review_pages['overdue'].pk}/edit/" in owner_mail.body
        assert owner_mail.subject == "2 pages due for clinical review"
        assert "Back surgery" in by_recipient[("other@clinic.example",)].body

    def test_reminders_go_to_the_configured_address(self, review_pages, settings):
        settings.WAGTAIL_PHYSIO = {
            "REVIEW_REMINDER_EMAIL": "clinical-lead@clinic.example"
        }
        call_command("physio_review_reminders", "--days", "0", stdout=io.StringIO())
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["clinical-lead@clinic.example"]
        assert "Plantar fasciitis" in mail.outbox[0].body
        assert "Ankle sprain" not in mail.outbox[0].body

    def test_reminders_dry_run_sends_nothing(self, review_pages):
        out = io.StringIO()
        call_command("physio_review_reminders", "--dry-run", stdout=out)
        assert mail.outbox == []
        assert (
            "Would email owner@clinic.example about: Plantar fasciitis, Ankle sprain"
            in (out.getvalue())
        )

    def test_report_explains_an_invalid_filter_value(self, admin_client, review_pages):
        response = admin_client.get(REPORT_URL + "?due_within=-5")
        assert response.status_code == 200
        assert "greater than or equal to 0" in response.content.decode()


def report_titles(response):
    return [page.title for page in response.context["object_list"]]


def test_report_covers_project_page_types(admin_client, home_page):
    from tests.testapp.models import TreatmentPage

    index = TreatmentIndexPage(title="Treatments", slug="treatments")
    home_page.add_child(instance=index)
    page = TreatmentPage(
        title="Acupuncture", summary="Needles.", last_reviewed=add_months(TODAY, -13)
    )
    index.add_child(instance=page)
    page.save_revision().publish()

    response = admin_client.get(REPORT_URL + "?status=overdue")
    assert report_titles(response) == ["Acupuncture"]


# Reminder command -----------------------------------------------------------


def test_reminders_warn_about_pages_with_no_one_to_email(condition_index):
    reviewed(condition_index, "Orphan page", add_months(TODAY, -13))
    err = io.StringIO()
    call_command("physio_review_reminders", stdout=io.StringIO(), stderr=err)
    assert mail.outbox == []
    assert "Orphan page" in err.getvalue()


def test_report_lists_one_row_per_page(admin_client, condition_index):
    for number in range(3):
        reviewed(condition_index, f"Condition {number}", add_months(TODAY, -13))
    assert ConditionPage.objects.count() == 3
    assert len(report_titles(admin_client.get(REPORT_URL))) == 3


@pytest.mark.parametrize(
    ("user_settings", "error_id"),
    [
        ({"REVIEW_INTERVAL_MONTHS": 0}, "wagtail_physio.E010"),
        ({"CONDITIONS_PER_PAGE": "50"}, "wagtail_physio.E010"),
        ({"REVIEW_REMINDER_EMAIL": "not an address"}, "wagtail_physio.E011"),
        ({"REVIEW_REMINDER_EMAIL": []}, "wagtail_physio.E011"),
    ],
)
def test_system_checks_explain_bad_review_settings(settings, user_settings, error_id):
    from wagtail_physio.conditions.checks import check_listing_settings
    from wagtail_physio.review.checks import check_review_settings

    def errors():
        return check_review_settings(None) + check_listing_settings(None)

    assert errors() == []
    settings.WAGTAIL_PHYSIO = user_settings
    assert [e.id for e in errors()] == [error_id]
