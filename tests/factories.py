"""Small helpers that build test content the way an editor would."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from wagtail_physio.models import ConditionPage


def make_image(title="Test image", width=640, height=480, colour=(0, 96, 107)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    image = get_image_model()(title=title)
    image.file = ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png")
    image.save()
    return image


def make_condition_page(
    parent, title="Back surgery", body=None, publish=True, **fields
):
    fields.setdefault("summary", f"How physiotherapy helps with {title.lower()}.")
    page = ConditionPage(title=title, body=body or [], **fields)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.unpublish()
    page.refresh_from_db()
    return page


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
