"""Through whom: outlets a speaker talked to or was quoted by are the chain, never the claimant."""

import json

import pytest

from claims.extraction import available_backends

from .conftest import TEXTS, only
from .test_accuracy import _score


def _via(claim) -> list[str]:
    return claim.to_eval()["via"]


def test_telling_an_outlet_after_the_claim_puts_it_in_the_chain(run):
    c = only(run("The mayor said the bridge had been hit twice, telling Al Jazeera that repairs would take months."))
    assert c.claimant == "The mayor"
    assert _via(c) == ["Al Jazeera"]


def test_an_outlets_radio_programme_is_the_outlet(run):
    c = only(run("Rachel Reeves told BBC Radio 4’s Today programme that borrowing had fallen by £3bn."))
    assert c.claimant == "Rachel Reeves"
    assert _via(c) == ["BBC Radio 4"]


def test_an_outlets_language_service_is_a_channel(run):
    c = only(run("A teacher told the BBC Persian service that three pupils had been arrested."))
    assert _via(c) == ["BBC Persian service"]


def test_an_interview_with_a_broadcaster_before_the_speaker_is_a_channel(run):
    c = only(run("In an interview with ARD, the chancellor said energy prices would fall next year."))
    assert _via(c) == ["ARD"]


def test_an_agency_that_writes_its_name_in_lower_case_is_a_channel(run):
    c = only(run("Speaking to dpa, a police spokesman said the suspect had been arrested in Hamburg."))
    assert c.claimant == "a police spokesman"
    assert _via(c) == ["dpa"]


def test_quoted_by_an_agency_makes_it_the_channel_not_the_speaker(run):
    c = only(run("Foreign Minister Sergei Lavrov, quoted by TASS, said the offer had been withdrawn."))
    assert c.claimant == "Sergei Lavrov"
    assert _via(c) == ["TASS"]


def test_told_an_audience_is_no_channel(run):
    c = only(run("The minister told broadcasters that 2,000 troops had been sent."))
    assert _via(c) == []


def test_a_statement_from_a_body_is_its_channel_and_a_platform_is_not_listed(run):
    c = only(
        run(
            "Two fighters were killed in the raid, according to a statement from the Syrian Observatory for "
            "Human Rights posted on Telegram."
        )
    )
    assert c.claimant.lower() == "the syrian observatory for human rights"
    assert _via(c) == ["Syrian Observatory for Human Rights"]


def test_a_poll_by_a_pollster_names_it_without_a_chain(run):
    c = only(run("Support for the coalition fell to 29%, according to a poll by YouGov published on Friday."))
    assert c.claimant.startswith("YouGov")
    assert _via(c) == []


def test_a_named_monitoring_group_after_its_description_is_the_source(run):
    c = only(
        run("Six journalists were detained last week, according to the press freedom group Reporters Without Borders.")
    )
    assert c.claimant == "Reporters Without Borders"


@pytest.mark.parametrize("backend", available_backends())
def test_attribution_texts_score_at_least_0_95_on_claimants_and_via(backend, tmp_path):
    figures = _score(TEXTS / "attribution.jsonl", backend, tmp_path)
    docs = [json.loads(line) for line in (TEXTS / "attribution.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(docs) >= 12
    assert figures["claimant"]["acc"] >= 0.95, figures
    assert figures["via"]["f1"] >= 0.95, figures
    assert figures["claims"]["f1"] >= 0.95, figures


def test_an_outlet_reporting_what_it_cites_between_commas_carries_the_claim(run):
    claim = only(
        run(
            "The Daily Courier reported on Monday, citing two people familiar with the talks, "
            "that the ministers had met twice."
        )
    )
    assert claim.claimant == "two people familiar with the talks"
    assert [link.name for link in claim.via] == ["Daily Courier"]


def test_a_statement_emailed_to_an_agency_passes_through_it(run):
    claim = only(run("The company said in a statement emailed to Reuters that the plant would stay open."))
    assert [link.name for link in claim.via] == ["statement", "Reuters"]


def test_a_claim_relayed_by_a_monitoring_group_has_the_group_in_the_chain(run):
    c = only(
        run(
            "The insurgent group said in a message relayed by the Conflict Monitoring Centre that it had downed a drone."
        )
    )
    assert c.claimant == "The insurgent group"
    assert _via(c) == ["Conflict Monitoring Centre"]


def test_a_statement_read_on_a_named_broadcaster_has_the_broadcaster_in_the_chain(run):
    c = only(run('"Order has been restored," the military council said in a statement read on state broadcaster RTN.'))
    assert c.claimant == "the military council"
    assert _via(c) == ["RTN"]


def test_a_newspaper_after_a_nationality_ending_in_ine_is_the_channel(run):
    c = only(run("The coach, Pablo Ferrer, told the Argentine newspaper Cronista that the squad had not been paid."))
    assert c.claimant == "Pablo Ferrer"
    assert _via(c) == ["Cronista"]


def test_an_unnamed_source_named_again_is_still_told_to_the_outlet(run):
    r = run(
        "A drone struck a fuel depot near the port overnight, a source in the navy told Reuters.\n"
        "The source, who asked not to be named, said the fire had burned for six hours."
    )
    later = r.claims[-1]
    assert later.sentence.text.startswith("The source")
    assert _via(later) == ["Reuters"]


def test_a_named_person_speaking_again_is_not_put_back_in_an_earlier_interview(run):
    r = run(
        "Mayor Ana Lis told the BBC that the bridge would reopen in May.\n"
        '"The repairs have cost four million euros so far," she said.'
    )
    later = r.claims[-1]
    assert later.sentence.text.startswith('"The repairs')
    assert _via(later) == []


def test_an_outlet_reporting_on_a_day_citing_people_carries_their_claim(run):
    c = only(
        run(
            "Tillmann Stores is weighing a sale of its travel unit, the Financial Times reported on Monday, "
            "citing people familiar with the matter."
        )
    )
    assert c.claimant == "people familiar with the matter"
    assert _via(c) == ["Financial Times"]


def test_a_described_agency_at_the_end_of_a_sentence_is_named_without_the_full_stop_or_the_next_line(run):
    r = run(
        "Kremlin spokesman Dmitry Peskov said the reports were unfounded, according to the state news agency TASS.\n"
        "Dmitry Peskov also said the talks would go on."
    )
    assert [[link.name for link in c.via] for c in r.claims] == [["TASS"], []]


def test_an_abbreviation_keeps_its_own_full_stop(run):
    c = only(run("Prices rose 4% in March, according to the research firm Acme Data Co."))
    assert c.claimant == "Acme Data Co."


def test_figures_compiled_by_a_body_are_that_bodys_claim(run):
    r = run(
        "Container traffic through the strait is 40% below last year's level, according to data compiled by "
        "Lloyd's List Intelligence.\nExports fell 4% in March, according to figures published by the Office for National Statistics."
    )
    assert [c.claimant for c in r.claims] == ["Lloyd's List Intelligence", "the Office for National Statistics"]


def test_findings_published_by_a_lab_are_the_labs_claim(run):
    c = only(run("The spyware was used against seven journalists, according to findings published by Citizen Lab."))
    assert c.claimant == "Citizen Lab"
