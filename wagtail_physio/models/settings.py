"""Site-wide clinic contact details, edited under Settings in the Wagtail admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from ..phone import parse_phone, validate_phone
from ..validators import validate_web_url


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
    def phone(self):
        """The main number as a ``Phone`` (display text and tel: link), or None."""
        return parse_phone(self.main_phone)


def contact_settings(request=None, site=None):
    """The ``ClinicContactSettings`` of the request's site (or of ``site``).

    None when no site answers the request's host (a 404 page of a multi-site
    installation, say). Through a request, Wagtail caches the settings on it, so
    every reader on one page view shares a single query.
    """
    if request is not None:
        site = Site.find_for_request(request)
        if site is not None:
            return ClinicContactSettings.for_request(request)
    if site is None:
        return None
    return ClinicContactSettings.for_site(site)
