"""Client mode: pages carry an empty container; a short-lived JSON feeds it."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from tests.factories import at, make_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_mode(settings):
    settings.WAGTAIL_PHYSIO = {
        "BASE_TEMPLATE": "base.html",
        "NOTICE_BANNER_MODE": "client",
        "NOTICE_BANNER_MAX_AGE": 60,
    }


def test_pages_render_an_empty_container_the_script_fills(
    client, clinic_home, client_mode
):
    make_notice(message="<p>Not in the cached HTML.</p>")
    html = client.get("/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    container = soup.select_one("[data-physio-notices]")
    assert container["data-physio-notices-src"] == "/physio/notices.json"
    assert container.get_text(strip=True) == ""
    assert "Not in the cached HTML." not in html
    assert soup.select_one("[data-physio-notices-announcer]")["aria-live"] == (
        "assertive"
    )
    assert "notice-banners.js" in html


def test_endpoint_returns_sanitised_banner_html_with_a_short_max_age(
    client, clinic_home, client_mode
):
    banner = make_notice(message="<p>Booking by phone only.</p>", severity="urgent")
    banner.message = '<p onclick="x()">Booking <script>alert(1)</script>by phone.</p>'
    banner.save()  # unvalidated, as from an import
    response = client.get("/physio/notices.json")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    [item] = response.json()["banners"]
    assert item["id"] == banner.pk
    assert item["version"] == banner.version
    assert item["severity"] == "urgent"
    assert "Urgent notice:" in item["html"]
    assert "<p>Booking by phone.</p>" in item["html"]
    assert "onclick" not in item["html"] and "alert" not in item["html"]


def test_max_age_never_reaches_past_the_next_start(
    client, clinic_home, client_mode, frozen_now
):
    frozen_now(at(2025, 12, 24, 16, 59, 30))
    make_notice(message="<p>Closed.</p>", starts_at=at(2025, 12, 24, 17))
    response = client.get("/physio/notices.json")
    assert response.json() == {"banners": []}
    assert response["Cache-Control"] == "public, max-age=30"

    frozen_now(at(2025, 12, 24, 17))
    # No save and no purge: the next fetch simply sees it.
    assert len(client.get("/physio/notices.json").json()["banners"]) == 1


def test_endpoint_answers_per_site(client, clinic_home, second_site, client_mode):
    make_notice(message="<p>Hillside only.</p>", sites=[second_site])
    assert client.get("/physio/notices.json").json() == {"banners": []}
    other = client.get("/physio/notices.json", HTTP_HOST="hillside.example")
    assert len(other.json()["banners"]) == 1


def test_endpoint_is_get_only(client, clinic_home):
    assert client.post("/physio/notices.json").status_code == 405


def test_checks_explain_bad_notice_settings(settings, capsys):
    from django.core.management.base import SystemCheckError

    settings.WAGTAIL_PHYSIO = {
        "NOTICE_BANNER_MODE": "cdn",
        "NOTICE_BANNER_MAX_AGE": -1,
    }
    with pytest.raises(SystemCheckError) as caught:
        call_command("check")
    assert "wagtail_physio.E007" in str(caught.value)
    assert "wagtail_physio.E008" in str(caught.value)


def test_check_reports_client_mode_without_the_endpoint_url(settings):
    from django.core.management.base import SystemCheckError

    settings.ROOT_URLCONF = "tests.urls_without_physio"
    settings.WAGTAIL_PHYSIO = {"NOTICE_BANNER_MODE": "client"}
    with pytest.raises(SystemCheckError) as caught:
        call_command("check")
    assert "wagtail_physio.E009" in str(caught.value)
