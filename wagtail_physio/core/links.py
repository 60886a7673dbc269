"""Which links readers may be given: http(s), tel: and mailto: only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .phone import validate_phone

WEB_SCHEMES = ("http", "https")
LINK_SCHEMES = ("http", "https", "tel", "mailto")


@deconstructible
class SafeURLValidator:
    """Accept only links whose scheme is in ``schemes``.

    ``javascript:``, ``data:`` and friends can run code in a reader's browser, so
    every editor-entered URL goes through this.
    """

    def __init__(self, schemes: tuple[str, ...] = WEB_SCHEMES) -> None:
        self.schemes = tuple(schemes)

    def __call__(self, value: Any) -> None:
        if not value:
            return
        scheme = urlsplit(str(value).strip()).scheme.lower()
        if scheme not in self.schemes:
            raise ValidationError(
                _("Enter a link starting with %(schemes)s."),
                code="invalid_scheme",
                params={"schemes": ", ".join(f"{s}:" for s in self.schemes)},
            )
        if scheme in WEB_SCHEMES:
            URLValidator(schemes=list(WEB_SCHEMES))(value)
        elif scheme == "mailto":
            EmailValidator()(str(value)[len("mailto:") :].split("?")[0])
        elif scheme == "tel":
            validate_phone(str(value)[len("tel:") :])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SafeURLValidator) and self.schemes == other.schemes


validate_web_url = SafeURLValidator(WEB_SCHEMES)
validate_link_url = SafeURLValidator(LINK_SCHEMES)


def _passing(validator: SafeURLValidator, url: str | None) -> str | None:
    try:
        validator(url)
    except ValidationError:
        return None
    return url or None


def safe_web_url(url: str | None) -> str | None:
    """``url`` when it is a valid http(s) address, else None (for rendering)."""
    return _passing(validate_web_url, url)


def safe_link_url(url: str | None) -> str | None:
    """``url`` when it is an http(s), tel: or mailto: link, else None."""
    return _passing(validate_link_url, url)
