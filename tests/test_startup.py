import os
import subprocess
import sys

from django.conf import settings


def _run(code: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "DJANGO_DEBUG")}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=60, cwd=settings.BASE_DIR
    )


def test_the_web_entry_point_refuses_to_start_without_a_secret_key():
    result = _run("import config.wsgi")
    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable" in result.stderr


def test_the_web_entry_point_starts_with_a_secret_key():
    assert _run("import config.wsgi", DJANGO_SECRET_KEY="a-long-secret-value-for-this-test-0123456789").returncode == 0


def test_offline_commands_run_without_a_secret_key():
    result = _run(
        "import django; django.setup(); from django.core.management import call_command; call_command('makemigrations', '--check', '--dry-run')"
    )
    assert result.returncode == 0, result.stderr[-1000:]
