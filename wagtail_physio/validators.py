"""Validators for editor-supplied links."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ("http", "https")
LINK_SCHEMES = ("http", "https", "tel", "mailto")


@deconstructible
class SafeURLValidator:
    """Accept only links whose scheme is in ``schemes``.

    ``javascript:``, ``data:`` and friends can run code in a reader's browser, so
    every editor-entered URL goes through this.
    """

    def __init__(self, schemes=WEB_SCHEMES):
        self.schemes = tuple(schemes)

    def __call__(self, value):
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
            from .phone import validate_phone

            validate_phone(str(value)[len("tel:") :])

    def __eq__(self, other):
        return isinstance(other, SafeURLValidator) and self.schemes == other.schemes


validate_web_url = SafeURLValidator(WEB_SCHEMES)
validate_link_url = SafeURLValidator(LINK_SCHEMES)


def safe_web_url(url):
    """``url`` when it is a valid http(s) address, else None (for rendering)."""
    try:
        validate_web_url(url)
    except ValidationError:
        return None
    return url or None
