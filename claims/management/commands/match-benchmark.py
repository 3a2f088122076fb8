"""`manage.py match-benchmark`: the same command as match_benchmark, under the name the docs use."""

from claims.management.commands.match_benchmark import Command  # noqa: F401
