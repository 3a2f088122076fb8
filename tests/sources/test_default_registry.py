"""The default source registry file: well-formed, and each alias names exactly one source."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from claims.extraction.names import fold_name

REGISTRY_PATH = Path(__file__).resolve().parents[2] / "sources" / "data" / "default_sources.json"
KINDS = {
    "news_agency",
    "news_outlet",
    "government_body",
    "military",
    "official_person",
    "ngo",
    "platform",
    "anonymous",
}
FIELDS = {
    "slug",
    "name",
    "kind",
    "country",
    "parent",
    "homepage",
    "aliases",
    "description",
}


@pytest.fixture(scope="module")
def registry() -> list[dict]:
    return json.loads(REGISTRY_PATH.read_text(encoding="utf-8"))


def test_registry_holds_at_least_forty_sources(registry):
    assert len(registry) >= 40


def test_every_entry_has_exactly_the_documented_fields(registry):
    odd = [entry.get("slug") for entry in registry if set(entry) != FIELDS]
    assert odd == []


def test_slugs_are_unique(registry):
    slugs = [entry["slug"] for entry in registry]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    assert duplicates == []


def test_slugs_are_lowercase_words_joined_by_hyphens(registry):
    bad = [entry["slug"] for entry in registry if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry["slug"])]
    assert bad == []


def test_every_kind_is_a_source_kind(registry):
    bad = [(entry["slug"], entry["kind"]) for entry in registry if entry["kind"] not in KINDS]
    assert bad == []


def test_every_kind_is_represented(registry):
    assert {entry["kind"] for entry in registry} == KINDS


def test_country_is_a_two_letter_code_or_null(registry):
    bad = [
        (entry["slug"], entry["country"])
        for entry in registry
        if entry["country"] is not None and not re.fullmatch(r"[A-Z]{2}", entry["country"])
    ]
    assert bad == []


def test_homepage_is_an_https_or_http_url_or_null(registry):
    bad = [
        (entry["slug"], entry["homepage"])
        for entry in registry
        if entry["homepage"] is not None and not re.match(r"https?://[^/\s]+\.[a-z]{2,}", entry["homepage"])
    ]
    assert bad == []


def test_every_parent_is_a_source_in_the_registry(registry):
    slugs = {entry["slug"] for entry in registry}
    orphans = [
        (entry["slug"], entry["parent"]) for entry in registry if entry["parent"] and entry["parent"] not in slugs
    ]
    assert orphans == []


def test_no_source_sits_under_itself_through_its_parents(registry):
    parent_of = {entry["slug"]: entry["parent"] for entry in registry}
    in_cycle = []
    for slug, parent in parent_of.items():
        seen = {slug}
        ancestor = parent
        while ancestor is not None and ancestor in parent_of:
            if ancestor in seen:
                in_cycle.append(slug)
                break
            seen.add(ancestor)
            ancestor = parent_of[ancestor]
    assert in_cycle == []


def test_every_source_has_at_least_one_alias(registry):
    bare = [entry["slug"] for entry in registry if not entry["aliases"]]
    assert bare == []


def test_every_alias_and_name_folds_to_a_nonempty_key(registry):
    empty = [
        (entry["slug"], alias)
        for entry in registry
        for alias in [entry["name"], *entry["aliases"]]
        if not alias.strip() or not fold_name(alias)
    ]
    assert empty == []


def test_no_alias_is_a_single_character(registry):
    # A one-letter alias ("X") would match stray letters all over news text.
    short = [
        (entry["slug"], alias)
        for entry in registry
        for alias in [entry["name"], *entry["aliases"]]
        if len(fold_name(alias).replace(" ", "")) < 2
    ]
    assert short == []


def test_folded_aliases_name_exactly_one_source(registry):
    # The loader registers each source's name as an alias too, so names take part in the check.
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in registry:
        for alias in [entry["name"], *entry["aliases"]]:
            owners[fold_name(alias)].add(entry["slug"])
    shared = {folded: sorted(slugs) for folded, slugs in owners.items() if len(slugs) > 1}
    assert shared == {}


def test_no_source_lists_the_same_folded_alias_twice(registry):
    repeated = []
    for entry in registry:
        folded = [fold_name(alias) for alias in entry["aliases"]]
        repeated += [(entry["slug"], key) for key in sorted(set(folded)) if folded.count(key) > 1]
    assert repeated == []
