"""Quickstart data: the default sources, demo users for each role, and example documents."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand

from verification.roles import EDITORS, FACT_CHECKERS, ROLE_GROUPS

EXAMPLES = Path(__file__).resolve().parents[2] / "data" / "example_documents.jsonl"
DEMO_USERS = [
    # username, password, group, is_staff
    ("admin", "claimtrack-admin", None, True),
    ("checker", "claimtrack-checker", FACT_CHECKERS, False),
    ("editor", "claimtrack-editor", EDITORS, False),
]


class Command(BaseCommand):
    help = "Load default sources, create demo logins (admin, checker, editor) and ingest example documents."

    def handle(self, *args, **options):
        call_command("load_sources", stdout=self.stdout)
        for name in ROLE_GROUPS:
            Group.objects.get_or_create(name=name)
        users = get_user_model().objects
        for username, password, group, staff in DEMO_USERS:
            if users.filter(username=username).exists():
                continue
            user = users.create_user(username=username, password=password, is_staff=staff, is_superuser=staff)
            if group:
                user.groups.add(Group.objects.get(name=group))
        call_command("ingest", "--jsonl", str(EXAMPLES), "--no-progress", stdout=self.stdout)
        self.stdout.write("demo logins: " + ", ".join(f"{u} / {p}" for u, p, _, _ in DEMO_USERS))
