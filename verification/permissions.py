"""Who may call which API endpoint: roles (groups) plus the scope of the token the request came with."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from config.api import InsufficientScope

from .models import ApiToken
from .roles import is_admin, is_api_client, is_editor, is_fact_checker


def has_role(user) -> bool:
    """Any of the four roles: API client, fact-checker, editor, admin."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_fact_checker(user) or is_api_client(user)


def _check_scope(request) -> None:
    token = request.auth
    if isinstance(token, ApiToken) and token.scope != ApiToken.Scope.READ_WRITE and request.method not in SAFE_METHODS:
        raise InsufficientScope()


class IsClient(BasePermission):
    """Reads for any role; writes need a role that may write and, with a token, a read-write token."""

    message = "Your account has no Claimtrack role (API client, fact-checker, editor or admin)."

    def has_permission(self, request, view):
        if not has_role(request.user):
            return False
        _check_scope(request)
        return True


class CanIngest(IsClient):
    """Fact-checkers, editors and admins, and API clients holding a read-write token, may submit documents."""

    message = "Submitting documents needs a fact-checker, editor or admin, or an API client with a read-write token."

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS:
            return True
        return is_fact_checker(request.user) or isinstance(request.auth, ApiToken)


class IsFactChecker(IsClient):
    """The review queue: fact-checkers, editors and admins."""

    message = "Only fact-checkers, editors and admins work the review queue."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and is_fact_checker(request.user)


class IsEditor(IsClient):
    """Approving and returning verdicts: editors and admins."""

    message = "Only editors and admins approve or return verdicts."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and is_editor(request.user)


class IsAdminOrReadOnly(IsClient):
    """Reads for any role; writes for admins only."""

    message = "Only admins change sources."

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        return request.method in SAFE_METHODS or is_admin(request.user)


class IsApiAdmin(IsClient):
    """Admins only (webhooks)."""

    message = "Only admins manage webhooks."

    def has_permission(self, request, view):
        return super().has_permission(request, view) and is_admin(request.user)
