"""Which links readers may be given: http(s), tel: and mailto: only.

The validators refuse an address with a field error, never an exception of another
kind; the ``safe_*`` helpers answer None instead, so a page rendering an address
saved from code or an import never fails on it.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .phone import validate_phone

logger = logging.getLogger("wagtail_physio")

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
        try:
            parts = urlsplit(str(value).strip())
            # Reading the port raises unless it is a number from 0 to 65535.
            parts.port  # noqa: B018
        except ValueError:
            # Python's parser refuses it ("https://[::1", a full-width "#" in the
            # host, port 99999): so would a browser.
            raise ValidationError(
                _("Enter a valid link: this address cannot be read."),
                code="invalid",
            ) from None
        scheme = parts.scheme.lower()
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
    if not url or not isinstance(url, str):
        return None
    try:
        validator(url)
    except ValidationError:
        return None
    except Exception:
        # These answer while a page renders: an address no check can read is
        # left out like any other unsafe one, never a failed page.
        logger.warning("Could not check the link address %r", url, exc_info=True)
        return None
    return url


def safe_web_url(url: str | None) -> str | None:
    """``url`` when it is a valid http(s) address, else None; never raises."""
    return _passing(validate_web_url, url)


def safe_link_url(url: str | None) -> str | None:
    """``url`` when it is an http(s), tel: or mailto: link, else None; never raises."""
    return _passing(validate_link_url, url)
