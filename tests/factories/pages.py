"""Pages built the way an editor would build them."""

from django.test import Client
from wagtail.models import Page, PageViewRestriction

from home.models import HomePage
from wagtail_physio.models import ConditionIndexPage, ConditionPage

from .images import make_image
from .locations import make_location
from .streams import full_body_copies, locations_block


def make_home_page(title="Riverside clinic", slug="riverside", parent=None):
    """A project's own (non-package) home page, published under the tree root."""
    home = HomePage(title=title, slug=slug)
    (parent or Page.get_first_root_node()).add_child(instance=home)
    home.save_revision().publish()
    return home


def visit_every_page():
    """Request every live page once, as a first visitor would: their images'
    renditions are made then."""
    client = Client()
    for page in Page.objects.live():
        if page.url:
            assert client.get(page.url).status_code == 200, page.url


def make_condition_index(parent, title="Conditions", slug="conditions", **fields):
    index = ConditionIndexPage(title=title, slug=slug, **fields)
    parent.add_child(instance=index)
    return index


def make_condition_page(
    parent, title="Back surgery", body=None, publish=True, **fields
):
    """A condition page saved as a revision and published (or left a draft)."""
    fields.setdefault("summary", f"How physiotherapy helps with {title.lower()}.")
    page = ConditionPage(title=title, body=body or [], **fields)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.unpublish()
    page.refresh_from_db()
    return page


def make_live_condition(parent, title, categories=(), summary=None):
    """A live condition page created directly, without a revision: for building
    many pages quickly where how they were published does not matter."""
    page = ConditionPage(
        title=title,
        summary=summary or f"How physiotherapy helps with {title.lower()}.",
        live=True,
    )
    page.categories = list(categories)
    parent.add_child(instance=page)
    return page


def make_private_page(parent, title="Private page", password=None):
    """A published condition page readers must log in (or give a password) to see."""
    page = make_condition_page(parent, title=title)
    PageViewRestriction.objects.create(
        page=page,
        restriction_type=(
            PageViewRestriction.PASSWORD if password else PageViewRestriction.LOGIN
        ),
        password=password or "",
    )
    return page


def make_long_condition_page(parent, slug, copies, **body_kwargs):
    """A condition page with every block ``copies`` times, each copy with its own
    image, linked page and location, so nothing is shared between the copies.

    Each copy also has a locations block showing every active location and one
    showing its own location; the linked pages are the related conditions.
    """
    images = [make_image(f"{slug} image {n}") for n in range(copies)]
    linked = [
        make_condition_page(parent, title=f"{slug} linked {n}") for n in range(copies)
    ]
    locations = [make_location(f"{slug} clinic {n}") for n in range(copies)]
    body = full_body_copies(images, linked, **body_kwargs)
    for location in locations:
        body += [locations_block(), locations_block([location])]
    return make_condition_page(
        parent,
        title=slug,
        body=body,
        hero_image=make_image(f"{slug} hero"),
        related_conditions=[("condition", page) for page in linked],
    )


def make_locations_page(parent, locations=None, title="Back surgery", **kwargs):
    """A condition page whose body is one locations block (all active when None)."""
    return make_condition_page(
        parent, title=title, body=[locations_block(locations)], **kwargs
    )
