"""Clients for the API: token holders of each scope, and fixtures for a small published story."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from verification.models import ApiToken
from verification.tokens import api_token_create


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The cast's passwords are hashed for every test; PBKDF2's deliberate slowness buys nothing here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    # Throttle counters live in Redis and outlast a test's database transaction.
    cache.clear()
    yield
    cache.clear()


def token_client(user, scope=ApiToken.Scope.READ) -> APIClient:
    client = APIClient()
    secret = api_token_create(user=user, name=f"{user.username} {scope}", scope=scope).secret
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def session_client(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


@pytest.fixture
def read_api(api_client_user):
    return token_client(api_client_user)


@pytest.fixture
def write_api(api_client_user):
    return token_client(api_client_user, ApiToken.Scope.READ_WRITE)


@pytest.fixture
def anonymous_api():
    return APIClient()


def problem(response) -> dict:
    """The problem+json body of an error response, after checking its media type."""
    assert response["Content-Type"].startswith("application/problem+json"), response["Content-Type"]
    return response.json()
