"""Site-wide clinic contact details (Settings › Clinic contact details) and the
``{% physio_contact %}`` panel that shows them with every location."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from ..core.links import validate_web_url
from ..core.phone import Phone, parse_phone, validate_phone
from .models import ClinicLocation

if TYPE_CHECKING:
    from django.http import HttpRequest


@register_setting(icon="site")
class ClinicContactSettings(BaseSiteSetting):
    """The clinic's main phone, email and booking link for one site."""

    main_phone = models.CharField(
        _("main phone number"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_(
            "The number patients call to book. Used wherever a page asks for the "
            "clinic's phone and has none of its own."
        ),
    )
    email = models.EmailField(_("email address"), blank=True)
    booking_url = models.URLField(
        _("online booking link"),
        blank=True,
        validators=[validate_web_url],
        help_text=_("Link to the clinic's online booking, if it has one."),
    )

    panels = [FieldPanel("main_phone"), FieldPanel("email"), FieldPanel("booking_url")]

    class Meta:
        verbose_name = _("clinic contact details")

    @property
    def phone(self) -> Phone | None:
        """The main number as a ``Phone`` (display text and tel: link), or None."""
        return parse_phone(self.main_phone)

    @classmethod
    def for_request(cls, request: HttpRequest | None) -> ClinicContactSettings | None:
        """The contact details of the request's site; None when no site answers.

        A 404 page of a multi-site installation has no site. Wagtail caches the
        settings on the request, so every reader on one page view shares a query.
        """
        if request is None or Site.find_for_request(request) is None:
            return None
        return super().for_request(request)

    @classmethod
    def for_context(
        cls, context: dict[str, Any] | None
    ) -> ClinicContactSettings | None:
        """The contact details for a template context: its request's site, else
        the site of its ``page`` (blocks rendered outside a request, e.g. in email)."""
        context = context or {}
        request = context.get("request")
        if request is not None:
            return cls.for_request(request)
        page = context.get("page")
        site = page.get_site() if page is not None else None
        return cls.for_site(site) if site is not None else None


def contact_panel_context(
    request: HttpRequest | None, heading: str | None = None
) -> dict[str, Any]:
    """Context of ``{% physio_contact %}``: the site's main phone and email, then
    each active location. A constant number of queries however many locations."""
    contact = ClinicContactSettings.for_request(request)
    return {
        "request": request,
        "heading": heading or _("Get in touch"),
        "contact": contact,
        "phone": contact.phone if contact is not None else None,
        "locations": (
            ClinicLocation.for_request(request)
            if request is not None
            else list(ClinicLocation.objects.active().for_site(None))
        ),
    }
