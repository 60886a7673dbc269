"""Everything the tests build or read, in one place.

- ``pages``: home, index and condition pages (published through a revision, as
  an editor would, unless the helper says otherwise);
- ``streams``: raw StreamField data for condition page bodies;
- ``images``, ``locations``, ``notices``, ``users``: the other things editors make;
- ``requests``: requests matched to a site, and reading pages back;
- ``admin_forms``: what the Wagtail admin posts for a condition page;
- ``shared``: data made once for several tests (``setUpTestData``);
- ``times``, ``colours``, ``frontend_cache``, ``browser``: clocks, WCAG contrast,
  a recording front-end cache backend, and the browser tests' site and
  screenshots.

Fixtures built from these live in ``tests/conftest.py`` (and, for their own
tests only, the notices, browser and demo packages' ``conftest.py``).

Plain functions rather than factory_boy factories: each builds one thing in one
obvious way, and pages must be inserted into Wagtail's tree under a parent, which
a function says best. (wagtail-factories' ``PageFactory`` and ``ImageFactory``
add a new root page or root collection when given no parent.)
"""

from .admin_forms import (
    add_condition_page_url,
    condition_page_form,
    edit_page_url,
    list_items,
)
from .colours import contrast
from .images import make_image
from .locations import WEEKDAY_HOURS, make_location
from .notices import (
    banner_form,
    make_notice,
    notice_admin_url,
    notice_texts,
    notices_in,
)
from .pages import (
    make_condition_index,
    make_condition_page,
    make_home_page,
    make_live_condition,
    make_locations_page,
    make_long_condition_page,
    make_private_page,
    visit_every_page,
)
from .requests import page_html, page_soup, request_sql, site_request, soup
from .shared import shared_test_data
from .streams import full_body, full_body_copies, heading, locations_block
from .times import at
from .users import make_admin_user, make_location_editor, make_user

__all__ = [
    "WEEKDAY_HOURS",
    "add_condition_page_url",
    "at",
    "banner_form",
    "condition_page_form",
    "contrast",
    "edit_page_url",
    "full_body",
    "full_body_copies",
    "heading",
    "list_items",
    "locations_block",
    "make_admin_user",
    "make_condition_index",
    "make_condition_page",
    "make_home_page",
    "make_image",
    "make_live_condition",
    "make_location",
    "make_location_editor",
    "make_locations_page",
    "make_long_condition_page",
    "make_notice",
    "make_private_page",
    "make_user",
    "notice_admin_url",
    "notice_texts",
    "notices_in",
    "page_html",
    "page_soup",
    "request_sql",
    "shared_test_data",
    "site_request",
    "soup",
    "visit_every_page",
]
