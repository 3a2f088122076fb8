"""Who may do what: roles are Django groups, admins are staff."""

from __future__ import annotations

FACT_CHECKERS = "Fact-checkers"
EDITORS = "Editors"
API_CLIENTS = "API clients"
ROLE_GROUPS = (FACT_CHECKERS, EDITORS, API_CLIENTS)


def _in_group(user, name: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.groups.filter(name=name).exists()


def is_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def is_editor(user) -> bool:
    """Editors approve or return verdicts; admins may too."""
    return is_admin(user) or _in_group(user, EDITORS)


def is_fact_checker(user) -> bool:
    """Fact-checkers work the queue; editors and admins may too."""
    return is_editor(user) or _in_group(user, FACT_CHECKERS)
