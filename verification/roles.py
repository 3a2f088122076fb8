"""Who may do what: roles are Django groups, admins are staff."""

from __future__ import annotations

FACT_CHECKERS = "Fact-checkers"
EDITORS = "Editors"
API_CLIENTS = "API clients"
ROLE_GROUPS = (FACT_CHECKERS, EDITORS, API_CLIENTS)


def _groups(user) -> frozenset[str]:
    # One query for all of a user's roles, kept on the user object for its lifetime (one request,
    # one task), as Django's ModelBackend keeps permissions in _perm_cache.
    cached = getattr(user, "_role_groups_cache", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_groups_cache = cached
    return cached


def _in_group(user, name: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return name in _groups(user)


def is_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def is_editor(user) -> bool:
    """Editors approve or return verdicts; admins may too."""
    return is_admin(user) or _in_group(user, EDITORS)


def is_api_client(user) -> bool:
    """API clients read claims and, with a read-write token, submit documents."""
    return _in_group(user, API_CLIENTS)


def is_fact_checker(user) -> bool:
    """Fact-checkers work the queue; editors and admins may too."""
    return is_editor(user) or _in_group(user, FACT_CHECKERS)


def forget_roles(sender, instance, action: str, **kwargs) -> None:
    """Drop a user's cached roles when their groups change (m2m_changed receiver)."""
    if action.startswith("post_"):
        instance.__dict__.pop("_role_groups_cache", None)
