"""Checks that must pass before Claimtrack serves requests or runs tasks."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MISSING = "Set the DJANGO_SECRET_KEY environment variable (required when DJANGO_DEBUG is off)."


def require_secret_key() -> None:
    """Refuse to serve or work without a real secret when DEBUG is off."""
    if settings.DEBUG:
        return
    try:
        secret = settings.SECRET_KEY  # Django itself raises on reading an empty key
    except ImproperlyConfigured:
        secret = ""
    if not secret:
        raise ImproperlyConfigured(MISSING)
