"""Who the claimant is: titles stripped, names resolved within the document."""

from .conftest import only


def test_surname_resolves_to_the_full_name_mentioned_earlier(run):
    result = run(
        "Kharkiv mayor Ihor Terekhov said four people died. A fifth person was killed in another district, "
        "Terekhov said."
    )
    assert [c.claimant for c in result.claims] == ["Ihor Terekhov", "Ihor Terekhov"]


def test_pronoun_resolves_to_the_last_person_in_subject_position(run):
    result = run(
        "The Ukrainian president, Volodymyr Zelenskiy, has reiterated his call for air defences. "
        "“This terror is wreaking havoc on cities,” he wrote."
    )
    assert only(result).claimant == "Volodymyr Zelenskiy"


def test_the_title_resolves_to_the_person_who_held_it_earlier(run):
    result = run(
        "Kharkiv's regional governor, Oleh Synehubov, said four strikes hit the city. "
        "Later the regional governor said two more people had died."
    )
    assert [c.claimant for c in result.claims] == ["Oleh Synehubov", "Oleh Synehubov"]


def test_a_title_with_another_nationality_does_not_resolve(run):
    result = run(
        "French president Emmanuel Macron said troops could be sent. The Ukrainian president said he welcomed it."
    )
    assert result.claims[-1].claimant == "The Ukrainian president"


def test_coordinated_speakers_are_kept_as_written(run):
    c = only(run("Russian drones hit residences in Kharkiv, the mayor and the regional governor said."))
    assert c.claimant == "the mayor and the regional governor"


def test_honorifics_and_titles_are_stripped(run):
    assert only(run("Gen. Valery Gerasimov said the offensive was going to plan.")).claimant == "Valery Gerasimov"
    assert only(run("Sen. Maria Delgado said the figures were wrong by millions.")).claimant == "Maria Delgado"


def test_body_in_a_possessive_title_becomes_the_claimants_org(run):
    c = only(run("Jens Stoltenberg, the alliance's secretary general, announced that allies had agreed a plan."))
    assert c.claimant == "Jens Stoltenberg"
    assert c.claimant_org == "Nato"


def test_unmatched_names_keep_no_source_id(run):
    c = only(run("Halbrook Systems said the billing had been reviewed by auditors."))
    assert c.claimant == "Halbrook Systems"
    assert c.claimant_source_id is None


def test_registry_person_gets_its_source_id_and_parent_body(run):
    c = only(run("Peskov said the report was wrong in every detail and would be ignored."))
    assert c.claimant_source_id == 8
    assert c.claimant_org == "Kremlin"


def test_the_agency_resolves_to_the_body_that_spoke_just_before(run):
    result = run(
        "FEMA called those claims false. The agency said in a statement that it had delivered 7 million meals."
    )
    assert result.claims[1].claimant == "FEMA"


def test_a_ministry_named_with_its_remit_is_not_resolved_to_another_ministry(run):
    result = run(
        "The neighbour's foreign ministry said the fighters were not there. "
        "The interior ministry later said 12 attackers had been killed."
    )
    assert result.claims[1].claimant == "The interior ministry"


def test_person_of_a_body_speaks_for_it(run):
    c = only(run("Analyst Priya Raman of Bernstein said she did not expect the inquiry to affect demand."))
    assert (c.claimant, c.claimant_org) == ("Priya Raman", "Bernstein")


def test_the_statement_added_speaks_for_whoever_issued_it(run):
    result = run(
        "Ukraine's air force says it destroyed 38 of 45 drones. The remaining drones were “locationally lost”, "
        "the statement added, a phrase used for electronic jamming."
    )
    assert [c.claimant for c in result.claims] == ["Ukraine's air force", "Ukraine's air force"]


def test_an_acronym_for_a_body_named_earlier_gives_its_full_name(run):
    text = (
        "The Federal Aviation Administration grounded the fleet on Friday. "
        "The FAA said cracks had been found in two engine mounts."
    )
    claim = only(run(text))
    assert claim.claimant == "Federal Aviation Administration"


def test_an_acronym_with_no_fuller_name_in_the_text_stays_as_written(run):
    claim = only(run("The WKN said cracks had been found in two engine mounts."))
    assert claim.claimant == "The WKN"


def test_a_source_named_by_a_compound_keeps_its_head_noun(run):
    claim = only(run("Shelling killed 23 people in the market, according to a local resistance committee."))
    assert claim.claimant == "a local resistance committee"


def test_a_trade_written_before_a_firms_name_is_not_part_of_the_claimant(run):
    r = run(
        "Drugmaker Calloway Pharma on Thursday rejected a report about its trial.\n\n"
        "German automaker Voss said its sales rose 4% in the quarter.\n\n"
        "“This report is inaccurate,” Calloway said in a statement."
    )
    assert [c.claimant for c in r.claims] == ["Calloway Pharma", "Voss", "Calloway"]


def test_a_trade_word_inside_a_firms_own_name_is_kept(run):
    c = only(run("Qantas Airline Holdings said on Monday that fares would rise."))
    assert c.claimant == "Qantas Airline Holdings"


def test_a_movement_or_militia_named_by_what_it_is_speaks_after_a_dateline(run):
    r = run(
        "CAIRO/LONDON, Jan 8 (Reuters) - Yemen's Houthi movement said on Monday it had targeted a cargo ship.\n\n"
        "The militia said it had withdrawn from the port."
    )
    assert [c.claimant for c in r.claims] == ["Yemen's Houthi movement", "The militia"]
