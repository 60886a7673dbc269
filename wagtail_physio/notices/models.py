"""Site-wide notice banners: urgent closures, phone-only booking, holiday hours.

A banner is shown on every page of the sites it applies to while it is switched on
and inside its optional start/end window. How banners reach pages (caching, purging
front-end caches, the JSON endpoint) lives in ``wagtail_physio.notices.banners``.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Self

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin

from ..core.links import safe_link_url, validate_link_url
from ..core.phone import parse_phone, validate_phone
from ..core.rich_text import clean_inline_rich_text, plain_text, unsafe_links
from ..core.translations import LocalizeFields

if TYPE_CHECKING:
    from wagtail.models import Site

NOTICE_MESSAGE_FEATURES = ["bold", "italic", "link"]

#: The most characters of text a message may have (links count by their words, not
#: their address). Two short sentences and a phone number fit in about 150, with
#: room for an address or opening times; at 280 an urgent banner with its button
#: still takes under half of a 390 × 844 px phone screen (tested), where the 5,000
#: characters once accepted filled six screens before the page began.
NOTICE_MESSAGE_MAX_LENGTH = 280


def message_length(html: str | None) -> int:
    """How many characters a reader sees of a message: its words as shown, with
    one space between paragraphs and lines, as the editor's counter counts."""
    soup = BeautifulSoup(clean_inline_rich_text(html), "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for paragraph in soup.find_all("p"):
        paragraph.append("\n")
    return len(" ".join(soup.get_text("").split()))


class NoticeBannerQuerySet(models.QuerySet["NoticeBanner"]):
    """Banner states, all relative to ``now`` (the current time when not given)."""

    def _now(self, now: datetime.datetime | None) -> datetime.datetime:
        return now or timezone.now()

    def off(self) -> Self:
        return self.filter(is_active=False)

    def expired(self, now: datetime.datetime | None = None) -> Self:
        return self.filter(is_active=True, ends_at__lte=self._now(now))

    def scheduled(self, now: datetime.datetime | None = None) -> Self:
        now = self._now(now)
        return self.filter(is_active=True, starts_at__gt=now).exclude(ends_at__lte=now)

    def not_expired(self, now: datetime.datetime | None = None) -> Self:
        """Switched on and not yet ended: live now, or scheduled to start."""
        return self.filter(is_active=True).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=self._now(now))
        )

    def live(self, now: datetime.datetime | None = None) -> Self:
        now = self._now(now)
        return self.not_expired(now).filter(
            Q(starts_at__isnull=True) | Q(starts_at__lte=now)
        )

    def overlapping(
        self,
        *,
        severity: str,
        starts_at: datetime.datetime | None,
        ends_at: datetime.datetime | None,
        site_ids: Iterable[int] = (),
        now: datetime.datetime | None = None,
    ) -> Self:
        """Switched-on banners of ``severity`` that readers would see at the same
        time and on a same site as a banner with this schedule and these sites
        (none: every site). Those already ended are left out."""
        overlapping = self.not_expired(now).filter(severity=severity)
        if ends_at is not None:
            overlapping = overlapping.filter(
                Q(starts_at__isnull=True) | Q(starts_at__lt=ends_at)
            )
        if starts_at is not None:
            overlapping = overlapping.filter(
                Q(ends_at__isnull=True) | Q(ends_at__gt=starts_at)
            )
        site_ids = list(site_ids)
        if site_ids:
            through = self.model.sites.through.objects.filter(
                noticebanner=OuterRef("pk")
            )
            overlapping = overlapping.filter(
                ~Exists(through) | Exists(through.filter(site__in=site_ids))
            )
        return overlapping

    def for_site(self, site: Site | None) -> Self:
        """Banners for ``site``: those naming it and those naming no site at all."""
        # Exists() rather than a join, so a banner on many sites is one row.
        through = self.model.sites.through.objects.filter(noticebanner=OuterRef("pk"))
        return self.filter(~Exists(through) | Exists(through.filter(site=site)))

    def by_severity(self) -> Self:
        """Most severe first, then the most recently changed."""
        return self.annotate(
            severity_rank=Case(
                *(
                    When(severity=value, then=Value(rank))
                    for rank, value in enumerate(NoticeBanner.Severity.ranked())
                ),
                default=Value(len(NoticeBanner.Severity.values)),
                output_field=IntegerField(),
            )
        ).order_by("severity_rank", "-updated_at", "-pk")


class NoticeBanner(TranslatableMixin, models.Model):
    """A short notice shown at the top of every page of one or more sites.

    Translatable: a translation rewrites the words; when, where and how urgently
    it shows are the source's (``synchronised_fields``), so a notice switched off
    in English is off in every language, and one nobody translated still reaches
    every reader in its own language.
    """

    translated_fields = ("message", "cta_label", "cta_url")
    synchronised_fields = (
        "severity",
        "cta_type",
        "cta_phone",
        "is_active",
        "starts_at",
        "ends_at",
        "dismissible",
    )
    translatable_fields = LocalizeFields()

    class Severity(models.TextChoices):
        INFO = "info", _("Information")
        WARNING = "warning", _("Warning")
        URGENT = "urgent", _("Urgent")

        @classmethod
        def ranked(cls) -> list[NoticeBanner.Severity]:
            return [cls.URGENT, cls.WARNING, cls.INFO]

    class CallToAction(models.TextChoices):
        NONE = "", _("None")
        PHONE = "phone", _("Phone number")
        LINK = "link", _("Link")

    class State(models.TextChoices):
        LIVE = "live", _("Live")
        SCHEDULED = "scheduled", _("Scheduled")
        EXPIRED = "expired", _("Expired")
        OFF = "off", _("Off")

    message = RichTextField(
        _("message"),
        features=NOTICE_MESSAGE_FEATURES,
        help_text=format_lazy(
            _(
                "One or two short sentences, up to {limit} characters, e.g. why "
                "online booking is unavailable and what to do instead. Bold, italic "
                "and links (web, email, phone) only."
            ),
            limit=NOTICE_MESSAGE_MAX_LENGTH,
        ),
    )
    severity = models.CharField(
        _("severity"),
        max_length=16,
        choices=Severity.choices,
        default=Severity.INFO,
        help_text=_(
            "Urgent notices come first and stand out most. Keep “urgent” for things "
            "that stop patients booking or attending."
        ),
    )
    cta_type = models.CharField(
        _("call to action"),
        max_length=8,
        choices=CallToAction.choices,
        default=CallToAction.NONE,
        blank=True,
        help_text=_("An optional button after the message."),
    )
    cta_phone = models.CharField(
        _("phone number"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_(
            "For a phone call to action. Leave blank to use the site's main number "
            "from the clinic contact details."
        ),
    )
    cta_url = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[validate_link_url],
        help_text=_(
            "For a link call to action: a web address (https://…), mailto: or tel: link."
        ),
    )
    cta_label = models.CharField(
        _("button text"),
        max_length=80,
        blank=True,
        help_text=_(
            "Required for a link, e.g. “Email us”. Optional for a phone number "
            "(“Call 0151 496 0000” is used when blank)."
        ),
    )
    is_active = models.BooleanField(
        _("switched on"),
        default=True,
        help_text=_(
            "Untick to take the notice down straight away, whatever its schedule."
        ),
    )
    starts_at = models.DateTimeField(
        _("show from"),
        null=True,
        blank=True,
        help_text=_("Leave blank to show it as soon as it is saved."),
    )
    ends_at = models.DateTimeField(
        _("show until"),
        null=True,
        blank=True,
        help_text=_("Leave blank to keep it up until it is switched off."),
    )
    # Site comes from untyped Wagtail, so django-stubs needs the field's type spelt out.
    sites: models.ManyToManyField[Site, Any] = models.ManyToManyField(
        "wagtailcore.Site",
        verbose_name=_("sites"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to show the notice on every site."),
    )
    dismissible = models.BooleanField(
        _("readers can dismiss it"),
        default=True,
        help_text=_(
            "Adds a close button. A dismissed notice returns when its text changes."
        ),
    )
    # Who raised it: someone who may add banners may also edit, and so switch off,
    # the banners they raised (as Wagtail's page owners may), without "change".
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # When front-end caches last learnt of this banner's schedule: set on every
    # save (which purges) and by ``physio_notice_boundaries`` after it purges
    # for a start or end that passed since.
    boundary_checked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = NoticeBannerQuerySet.as_manager()

    panels = [
        FieldPanel("message"),
        FieldPanel("severity"),
        MultiFieldPanel(
            [
                FieldPanel("cta_type"),
                FieldRowPanel([FieldPanel("cta_phone"), FieldPanel("cta_url")]),
                FieldPanel("cta_label"),
            ],
            heading=_("Call to action"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_active"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            ],
            heading=_("When to show it"),
        ),
        FieldPanel("sites"),
        FieldPanel("dismissible"),
    ]

    class Meta:
        verbose_name = _("notice banner")
        verbose_name_plural = _("notice banners")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "locale"],
                name="unique_translation_key_locale_wagtail_physio_noticebanner",
            ),
        ]

    def __str__(self) -> str:
        text = plain_text(self.message)
        return text if len(text) <= 80 else f"{text[:79]}…"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Messages from code or imports are held to the editor's rules too.
        self.message = clean_inline_rich_text(self.message)
        self.boundary_checked_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "boundary_checked_at"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, ValidationError] = {}
        bad_links = unsafe_links(self.message)
        if bad_links:
            errors["message"] = ValidationError(
                _(
                    "Links may only start with https://, http://, mailto: or tel:. "
                    "Change or remove: %(links)s"
                ),
                code="unsafe_link",
                params={"links": ", ".join(f"“{u}”" for u in bad_links if u) or "—"},
            )
        elif not plain_text(clean_inline_rich_text(self.message)):
            errors["message"] = ValidationError(
                _("Write the notice's message."), code="required"
            )
        elif (length := message_length(self.message)) > NOTICE_MESSAGE_MAX_LENGTH:
            errors["message"] = ValidationError(
                _(
                    "Shorten the message to %(limit)d characters or fewer; it has "
                    "%(length)d. A long notice pushes the page it sits on off a "
                    "phone's screen."
                ),
                code="max_length",
                params={"limit": NOTICE_MESSAGE_MAX_LENGTH, "length": length},
            )
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ValidationError(
                _("The end must be after the start."), code="ends_before_start"
            )
        if self.cta_type == self.CallToAction.LINK:
            if not self.cta_url:
                errors["cta_url"] = ValidationError(
                    _("Enter the link for the call to action."), code="required"
                )
            if not self.cta_label.strip():
                errors["cta_label"] = ValidationError(
                    _("Enter the button text for the link."), code="required"
                )
        if errors:
            raise ValidationError(errors)

    # --- state -----------------------------------------------------------------

    def get_state(self, now: datetime.datetime | None = None) -> NoticeBanner.State:
        now = now or timezone.now()
        if not self.is_active:
            return self.State.OFF
        if self.ends_at and self.ends_at <= now:
            return self.State.EXPIRED
        if self.starts_at and self.starts_at > now:
            return self.State.SCHEDULED
        return self.State.LIVE

    def is_live(self, now: datetime.datetime | None = None) -> bool:
        return self.get_state(now) == self.State.LIVE

    @property
    def is_urgent(self) -> bool:
        return self.severity == self.Severity.URGENT

    # --- what readers see ------------------------------------------------------

    @property
    def version(self) -> str:
        """Changes whenever what a reader sees changes, so a dismissed notice
        comes back after an edit but not after an unrelated save."""
        content = "\x1f".join(
            [
                self.message,
                self.severity,
                self.cta_type,
                self.cta_phone,
                self.cta_url,
                self.cta_label,
            ]
        )
        digest = hashlib.sha256(content.encode()).hexdigest()[:12]
        return f"{self.pk}:{digest}"

    def get_call_to_action(self, default_phone: str = "") -> dict[str, str] | None:
        """``{"url", "label", "phone"}`` for the button, or None when there is none.

        ``default_phone`` is the site's main number, used when the banner has none.
        A phone call to action with no valid number anywhere is left out.
        """
        if self.cta_type == self.CallToAction.PHONE:
            phone = parse_phone(self.cta_phone or default_phone)
            if phone is None:
                return None
            return {
                "url": phone.tel_url,
                "label": self.cta_label.strip(),
                "phone": phone.display,
            }
        # Checked again here: a banner saved from code skips form validation.
        if self.cta_type == self.CallToAction.LINK and safe_link_url(self.cta_url):
            return {"url": self.cta_url, "label": self.cta_label.strip(), "phone": ""}
        return None
