"""Formatting for the sources dashboard."""

from django import template

register = template.Library()


@register.filter
def pct(value) -> str:
    """0.8333 -> "83%"; blank for missing values."""
    if value is None or value == "":
        return ""
    return f"{float(value) * 100:.0f}%"


@register.filter
def get(mapping, key):
    """A dict value by a variable key, which the template language cannot do on its own."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
