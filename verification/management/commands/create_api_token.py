"""Issue an API token for a user and print it once."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from verification.models import ApiToken
from verification.tokens import api_token_create


class Command(BaseCommand):
    help = "Issue an API token for a user; the token is printed once and stored only as a hash."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="Who or what uses the token, e.g. 'newsroom CMS'")
        parser.add_argument("--scope", choices=ApiToken.Scope.values, default=ApiToken.Scope.READ)

    def handle(self, *args, username, name, scope, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        try:
            result = api_token_create(user=user, name=name, scope=scope)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stderr.write(f"Token {result.token.prefix}... ({scope}) for {username}; it will not be shown again:")
        self.stdout.write(result.secret)
