"""The gazetteer: alias matching with folding, and the registry file format."""

import json

from claims.extraction import Gazetteer, GazetteerEntry, fold_name


def test_fold_name_folds_case_accents_possessives_and_the():
    assert fold_name("The Associated Press") == fold_name("associated press")
    assert fold_name("Russia's defence ministry") == "russia defence ministry"
    assert fold_name("Sébastien Lecornu") == "sebastien lecornu"
    assert fold_name("Russia’s  Defence-Ministry") == "russia defence ministry"


def test_match_finds_an_entry_by_any_alias_in_any_spelling():
    gaz = Gazetteer([GazetteerEntry(3, "Agence France-Presse", ("AFP", "Agence France Presse"), "news_agency")])
    for name in ("AFP", "afp", "Agence France-Presse", "the Agence France Presse", "AFP's"):
        assert gaz.match(name) is not None, name
        assert gaz.match(name).source_id == 3
    assert gaz.match("Reuters") is None
    assert gaz.match("") is None


def test_from_json_reads_the_registry_and_names_parents(tmp_path):
    path = tmp_path / "sources.json"
    path.write_text(
        json.dumps(
            [
                {
                    "slug": "russian-government",
                    "name": "Russian government",
                    "kind": "government_body",
                    "country": "RU",
                    "parent": None,
                    "homepage": None,
                    "aliases": ["Russian authorities"],
                },
                {
                    "slug": "kremlin",
                    "name": "Kremlin",
                    "kind": "government_body",
                    "country": "RU",
                    "parent": "russian-government",
                    "homepage": None,
                    "aliases": ["The Kremlin"],
                },
            ]
        )
    )
    gaz = Gazetteer.from_json(path)
    kremlin = gaz.match("the Kremlin")
    assert (kremlin.name, kremlin.parent, kremlin.country) == ("Kremlin", "Russian government", "RU")
    assert gaz.match("Russian authorities").name == "Russian government"
