"""The cast: an admin, a fact-checker, an editor, an API client and an outsider, plus their clients."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory
from verification.roles import API_CLIENTS, EDITORS, FACT_CHECKERS


def _member(username: str, group: str | None = None, **extra):
    user = UserFactory(username=username, **extra)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def admin_user(db):
    return _member("alice-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def fact_checker(db):
    return _member("fiona-checker", FACT_CHECKERS)


@pytest.fixture
def other_fact_checker(db):
    return _member("felix-checker", FACT_CHECKERS)


@pytest.fixture
def editor(db):
    return _member("ed-editor", EDITORS)


@pytest.fixture
def api_client_user(db):
    return _member("newsroom-cms", API_CLIENTS)


@pytest.fixture
def outsider(db):
    return _member("oscar-outsider")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def checker_client(client, fact_checker):
    client.force_login(fact_checker)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
