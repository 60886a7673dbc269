"""Notice banners: saved as the admin saves them, posted through its form, and
read back off a page as a reader (or a screen reader) gets them."""

from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from wagtail_physio.notices.models import NOTICE_MESSAGE_FEATURES


def make_notice(message="<p>Online booking is unavailable today.</p>", **fields):
    """A notice banner saved as the admin would save it (validated first)."""
    from wagtail_physio.models import NoticeBanner

    sites = fields.pop("sites", None)
    notice = NoticeBanner(message=message, **fields)
    notice.full_clean()
    notice.save()
    if sites:
        notice.sites.set(sites)
    return notice


def notice_admin_url(action, *args):
    return reverse(f"wagtail_physio_noticebanner_modeladmin_{action}", args=args)


def banner_form(message="<p>Online booking is down. Please phone us.</p>", **fields):
    """POST data for the notice banner create/edit form, as the admin sends it.

    Checkboxes are ticked with True and left out with False, like a browser.
    """
    data = {
        "message": rich_text(message, features=NOTICE_MESSAGE_FEATURES),
        "severity": "urgent",
        "cta_type": "",
        "cta_phone": "",
        "cta_url": "",
        "cta_label": "",
        "is_active": True,
        "starts_at": "",
        "ends_at": "",
        "dismissible": True,
    }
    data.update(fields)
    return {
        key: ("on" if value is True else value)
        for key, value in data.items()
        if value is not False
    }


def notices_in(response):
    """The notice banners on a page, as BeautifulSoup tags, in page order."""
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select("[data-physio-notice]")


def notice_texts(response):
    """What a screen reader reads of each banner: prefix, message, call to action."""
    return [
        " ".join(n.select_one(".physio-notice__body").get_text(" ").split())
        for n in notices_in(response)
    ]
