"""The demo clinic raises its "booking unavailable" notice on every page."""

import pytest

from home.demo_content import load_demo_content
from tests.notices.helpers import notice_texts
from wagtail_physio.models import ConditionPage, NoticeBanner

pytestmark = pytest.mark.django_db


def test_demo_notice_is_loaded_once_and_shown_on_every_page(client):
    load_demo_content()
    load_demo_content()
    assert NoticeBanner.objects.count() == 1
    expected = [
        "Urgent notice: Online booking is unavailable while we move to a new "
        "system. Please call us to book: the online booking discount still "
        "applies. Call 0151 496 0312"
    ]
    assert notice_texts(client.get("/")) == expected
    for page in ConditionPage.objects.live():
        assert notice_texts(client.get(page.url)) == expected
