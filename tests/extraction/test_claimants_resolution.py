"""Who speaks: appositions, descriptors and acronyms resolved to the name the text gave, as spelled there."""

from claims.extraction import Gazetteer, GazetteerEntry

from .conftest import only


def test_inverted_title_then_name_gives_the_name(run):
    c = only(run("“The money was never transferred,” said the miners’ lawyer, Ana Ruiz."))
    assert c.claimant == "Ana Ruiz"


def test_name_then_title_apposition_gives_the_name(run):
    c = only(run("Tomas Berg, the union’s chief negotiator, said 400 jobs would go by March."))
    assert c.claimant == "Tomas Berg"


def test_a_place_inside_a_descriptor_stays_inside_it(run):
    c = only(run("The convoy was turned back at the border, a humanitarian source in Port Sudan told AFP."))
    assert c.claimant.startswith("a humanitarian source")
    assert [link.name for link in c.via] == ["AFP"]


def test_a_resident_of_a_town_does_not_speak_for_the_town(run):
    c = only(run("The market was shelled twice before dawn, said a resident of Lashio, who asked not to be named."))
    assert c.claimant == "a resident of Lashio"
    assert c.claimant_org is None


def test_the_agent_of_a_passive_cue_speaks(run):
    c = only(run("The death toll of 31 was confirmed by the provincial governor on Monday."))
    assert c.claimant == "the provincial governor"


def test_a_relative_quoted_as_saying_speaks_for_the_phrase_before_who(run):
    c = only(
        run(
            "The toll was raised by a local health official, who was quoted by the Anadolu Agency as saying 12 had died."
        )
    )
    assert c.claimant == "a local health official"
    assert [link.name for link in c.via] == ["Anadolu Agency"]


def test_a_document_filed_by_someone_speaks_for_its_filer(run):
    c = only(
        run("The lawsuit, brought by two former nurses, claims the clinic billed for visits that never took place.")
    )
    assert c.claimant == "two former nurses"


def test_a_report_released_on_a_day_speaks_for_its_author_without_the_date(run):
    c = only(run("The report, released by Human Rights Watch on Tuesday, said 60 detainees had died in custody."))
    assert c.claimant == "Human Rights Watch"


def test_a_report_published_by_an_outlet_speaks_for_the_outlet(run):
    c = only(
        run(
            "The report, published by Bloomberg News and citing two people briefed on the talks, "
            "said the bid valued the insurer at $4 billion."
        )
    )
    assert c.claimant == "Bloomberg News"
    assert [link.name for link in c.via] == ["Bloomberg News"]


def test_an_acronym_the_text_defines_resolves_to_the_full_name(run):
    result = run(
        "The Allied Democratic Forces (ADF) attacked two villages overnight, the army said. "
        "The ADF said in a video that its fighters had seized weapons."
    )
    assert result.claims[-1].claimant == "Allied Democratic Forces"


def test_an_acronym_not_defined_in_the_text_is_kept_as_written(run):
    c = only(run("The ADF said in a video that its fighters had seized weapons."))
    assert c.claimant == "The ADF"


def test_the_regulator_resolves_to_the_agency_named_before(run):
    result = run(
        "The National Transportation Safety Board opened an inquiry into the crash on Friday. "
        "The regulator said the pilot had reported an engine fire."
    )
    assert only(result).claimant == "National Transportation Safety Board"


def test_the_company_resolves_to_the_firm_that_spoke_before(run):
    result = run("Ryanair said demand was strong. The company said bookings had risen 9% in October.")
    assert [c.claimant for c in result.claims] == ["Ryanair", "Ryanair"]


def test_the_company_does_not_resolve_to_a_ministry(run):
    result = run(
        "The transport ministry said the fleet would be grounded. The company said its planes were safe to fly."
    )
    assert result.claims[1].claimant == "The company"


def test_a_trade_description_resolves_to_the_firm_whose_shares_moved(run):
    result = run(
        "Shares of Halvorsen Shipping fell 9% after the container line said freight rates had collapsed in Asia."
    )
    assert only(result).claimant == "Halvorsen Shipping"


def test_a_bare_spokesperson_speaks_for_the_body_named_before(run):
    result = run(
        "The Kremlin said the prisoner exchange had been agreed. A spokesperson said 90 people would be freed."
    )
    assert result.claims[1].claimant == "A spokesperson"
    assert result.claims[1].claimant_org == "Kremlin"


def test_a_party_descriptor_resolves_to_the_person_just_named(run):
    result = run(
        "Rep. Maxine Carter said the audit had found $40 million in unpaid invoices. "
        "The California Democrat said the agency had ignored three warnings."
    )
    assert [c.claimant for c in result.claims] == ["Maxine Carter", "Maxine Carter"]


def test_a_short_seller_named_in_the_next_sentence_is_the_accuser(run):
    result = run(
        "Shares in Orlen Batteries fell 20% after a short seller accused the company of hiding debts. "
        "Grizzly Capital said in a report that Orlen had moved $300 million off its balance sheet."
    )
    assert [c.claimant for c in result.claims] == ["Grizzly Capital", "Grizzly Capital"]


def test_a_short_seller_already_named_before_is_not_replaced_by_the_accused(run):
    result = run(
        "Orlen Batteries denied the report. A short seller said Orlen had hidden its debts. "
        "Orlen Batteries said its accounts were audited."
    )
    assert result.claims[1].claimant == "A short seller"


def test_an_aide_to_a_named_official_is_the_speaker(run):
    c = only(run("A former adviser to Mayor Linda Osei testified that the mayor had approved the contract."))
    assert c.claimant.startswith("A former adviser")


def test_the_texts_spelling_is_kept_and_the_registry_identity_travels_as_source_id(backend):
    from claims.extraction import extract

    gaz = Gazetteer(
        [GazetteerEntry(9, "Volodymyr Zelenskiy", ("Zelenskiy", "Zelensky", "Volodymyr Zelensky"), "official_person")]
    )
    result = extract(
        "Ukrainian President Volodymyr Zelensky said Russian forces had been pushed back. "
        "Zelensky also said 300 drones had been launched overnight.",
        gazetteer=gaz,
        backend=backend,
    )
    # the surname resolves to the full name given earlier, in the text's spelling
    assert [c.claimant for c in result.claims] == ["Volodymyr Zelensky", "Volodymyr Zelensky"]
    assert [c.claimant_source_id for c in result.claims] == [9, 9]


def test_counted_people_inside_a_trailing_attribution_are_not_speakers(run):
    c = only(run("Some 40 villagers reported burns after the spill, the regional health office said."))
    assert c.claimant == "the regional health office"


def test_claiming_asylum_is_no_assertion(run):
    assert run("At least 60 migrants claimed asylum at the crossing on Sunday.").claims == []


def test_counted_people_who_say_something_themselves_still_speak(run):
    c = only(run("At least 30 protesters said they had been beaten by riot police."))
    assert c.claimant.endswith("30 protesters")


def test_a_body_name_with_a_capitalised_linker_is_kept_whole(run):
    c = only(run("Reporters Without Borders said nine journalists had been detained since March."))
    assert c.claimant == "Reporters Without Borders"
    assert c.claimant_org is None


def test_an_abbreviated_honorific_still_marks_a_person(run):
    result = run("Mr. Okafor said the bridge had been closed. Okafor said repairs would cost $4 million.")
    assert [c.claimant for c in result.claims] == ["Okafor", "Okafor"]


def test_an_age_and_an_occupation_between_name_and_cue_are_skipped(run):
    c = only(run("Dalia Mansour, 37, a nurse at the field hospital, said the generator had run out of fuel."))
    assert c.claimant == "Dalia Mansour"


def test_an_acronym_of_an_outlet_stays_an_outlet(run):
    result = run(
        "Two people were killed, the Associated Press (AP) reported. "
        "The strike hit a school, AP said, citing local officials."
    )
    assert result.claims[1].claimant == "local officials"
    assert [link.name for link in result.claims[1].via] == ["Associated Press"]


def test_an_indefinite_firm_is_not_replaced_by_a_government_body_named_next(run):
    result = run(
        "A consulting firm said the port had lost $40 million in a year. "
        "The Ministry of Transport said the figures were exaggerated."
    )
    assert result.claims[0].claimant == "A consulting firm"


def test_claiming_money_in_expenses_is_no_assertion_so_the_reporting_outlet_speaks(run):
    c = only(run("The Times has reported that the transport minister, Ann Pryce, claimed £9,500 for a second home."))
    assert c.claimant == "Times"


def test_an_acronym_never_defined_resolves_to_the_body_it_spells_earlier_in_the_text(run):
    r = run(
        "The U.S. Centers for Disease Control and Prevention said the risk was low.\n\n"
        "The risk to the public remains low, according to the CDC."
    )
    assert r.claims[1].claimant == "Centers for Disease Control and Prevention"


def test_an_acronym_spelling_no_earlier_body_stays_as_written(run):
    r = run("The Central Bank of Ireland raised rates.\n\nThe risk remains low, according to the CDC.")
    assert r.claims[-1].claimant in ("CDC", "the CDC")


def test_he_after_an_unnamed_official_is_the_official_not_the_man_named_in_the_claim(run):
    r = run(
        "A police official, speaking on condition of anonymity, told Reuters that officers had arrested "
        "Tomas Ruel near the station.\n"
        '"He had two passports with him," he said.'
    )
    later = r.claims[-1]
    assert later.sentence.text.startswith('"He had')
    assert later.claimant == "A police official"


def test_he_after_a_named_speaker_is_still_that_speaker(run):
    r = run(
        "A police official told Reuters that officers had arrested a man near the station.\n"
        "Interior Minister Paul Orsini said the man had two passports.\n"
        '"He was known to our services," he said.'
    )
    later = r.claims[-1]
    assert later.sentence.text.startswith('"He was')
    assert later.claimant == "Paul Orsini"


def test_the_n_year_old_after_a_named_person_is_that_person(run):
    r = run(
        "The federation said Lena Vos had been banned for two years after a positive test.\n"
        '"The result is a mistake and my lawyers will show it," the 24-year-old wrote on Instagram.'
    )
    later = r.claims[-1]
    assert later.sentence.text.startswith('"The result')
    assert later.claimant == "Lena Vos"


def test_said_after_an_appositive_name_is_not_inverted_onto_the_reported_speaker(run):
    c = only(run("The miner's wife, Rosa Quispe, said her husband told her that the shaft had flooded twice in March."))
    assert c.claimant == "Rosa Quispe"


def test_a_source_of_family_and_detainees_keeps_the_detainees(run):
    c = only(
        run(
            "A man held at the centre had complained of chest pains for days, according to his family and three "
            "other detainees."
        )
    )
    assert c.claimant is not None and c.claimant.endswith("detainees")


def test_a_described_carrier_is_the_firm_and_the_airline_later_is_that_firm(run):
    r = run(
        "Low-cost carrier Skyvane on Tuesday denied a report that it would close its base in Porto.\n"
        "The newspaper Publico reported that the base would shut in October, citing a union official.\n"
        "Union leaders said they had been told of the plan at a meeting with managers last week, and that "
        "more than 200 jobs could go.\n"
        '"The Porto base will operate as normal throughout the winter season," the airline said in a statement.'
    )
    assert r.claims[0].claimant == "Skyvane"
    assert r.claims[-1].claimant == "Skyvane"


def test_a_source_named_after_its_kind_is_the_named_body(run):
    c = only(run("The tour grossed more than $200 million, according to trade publication Boxscore."))
    assert c.claimant == "Boxscore"


def test_the_governing_body_is_the_federation_that_spoke_before(run):
    r = run(
        "The International Rowing Federation said Petra Lund had been suspended after a positive test.\n"
        "Lund's lawyer said the sample had been mishandled.\n"
        "The governing body said the suspension would stand until a hearing in March."
    )
    assert r.claims[-1].claimant.removeprefix("The ") == "International Rowing Federation"


def test_the_company_far_into_a_story_is_the_company_that_spoke_at_its_top(run):
    r = run(
        "Kestrel Freight Ltd said on Monday that its drivers had not been told of any change to their routes.\n"
        "Union organisers said more than 300 drivers had signed a petition against the new shift pattern, which "
        "they said would add two hours to each working day without any extra pay or time off in lieu.\n"
        "A spokesperson for the regional transport authority said it had received several complaints from drivers "
        "over the past month and would raise them with the operators at a meeting in the city next month.\n"
        "Drivers at the depot in Leeds said managers had warned them that those who refused the new shifts could "
        "lose their bonuses at the end of the year and might be moved to night routes.\n"
        "Two drivers who have worked at the depot for more than a decade said morale was the lowest they could "
        "remember and that several colleagues were already looking for other jobs.\n"
        "The company said the new shifts would start in January."
    )
    assert r.claims[-1].claimant == "Kestrel Freight Ltd"


def test_a_place_at_the_end_of_a_longer_subject_does_not_speak(run):
    c = only(run("Drivers at the depot in Leeds said managers had warned them about the new shifts."))
    assert c.claimant == "Drivers at the depot in Leeds"


def test_a_reflexive_after_the_name_is_not_part_of_it(run):
    c = only(run("Kovac himself told reporters that the campaign manager would stay until election day."))
    assert c.claimant == "Kovac"


def test_a_state_after_a_town_is_not_an_appositive_speaker(run):
    c = only(run("Residents of Millbrook, Ohio, say their tap water has been cloudy for at least two years."))
    assert c.claimant == "Residents of Millbrook"


def test_a_named_group_with_its_acronym_and_a_description_is_named_by_its_name(run):
    c = only(run("The Northern Liberation Front (NLF) rebel group has denied killing civilians near the border."))
    assert c.claimant == "The Northern Liberation Front"
    assert c.kind == "denial"


def test_a_source_named_with_its_acronym_and_another_group_keeps_both(run):
    c = only(
        run(
            "Shelling killed 14 people overnight, according to the Civil Protection Committee (CPC) and local "
            "volunteers."
        )
    )
    assert c.claimant is not None and c.claimant.endswith("and local volunteers")


def test_a_named_body_in_apposition_to_a_description_is_the_speaker(run):
    c = only(run("The organisers, the Fair Rents Now alliance, said more than 5,000 people had joined the march."))
    assert c.claimant == "the Fair Rents Now alliance"


def test_a_lower_case_description_in_apposition_leaves_the_speaker_as_it_is(run):
    c = only(run("The company, the country's largest chipmaker, said sales fell 4% in the quarter."))
    assert c.claimant == "The company"


def test_the_group_denying_an_accusation_in_a_relative_clause_is_the_accused(run):
    r = run("The ministry accuses Tanzim of smuggling fuel across the border, which the group denies.")
    denial = next(c for c in r.claims if c.kind == "denial")
    assert denial.claimant == "Tanzim"


def test_an_acronym_resolves_to_a_name_that_ended_the_sentence_before(run):
    r = run(
        "Nine patients have been treated in hospital, according to the National Institute of Public Health. "
        "Two of them were children, the NIPH said."
    )
    assert r.claims[-1].claimant == "National Institute of Public Health"


def test_a_firm_of_a_town_is_a_body_and_it_later_is_that_firm(run):
    r = run(
        "The regulator said the recall covered 30,000 jars of baby food.\n"
        "The maker, Alder Valley Foods of Brixham, said its own tests had found no contamination. "
        "It said it had paused production while it worked with inspectors."
    )
    assert r.claims[1].claimant == "Alder Valley Foods"
    assert r.claims[2].claimant == "Alder Valley Foods"


def test_a_body_named_with_of_and_a_place_keeps_its_whole_name(run):
    r = run(
        "Voltway Inc said its batteries were safe.\n"
        "The Fire Department of Chicago said the blaze had been caused by an e-bike battery.\n"
        "The company said it would contest the finding."
    )
    assert r.claims[1].claimant == "Fire Department of Chicago"
    assert r.claims[2].claimant == "Voltway Inc"


def test_the_official_named_again_is_the_unnamed_official_brought_in_before(run):
    r = run(
        "A senior Lebanese security official told AFP the convoy had been searched at the border. "
        "Two drivers were detained overnight. “Nothing was found in the trucks,” the official said."
    )
    assert [c.claimant for c in r.claims] == ["A senior Lebanese security official"] * 2


def test_the_officials_named_again_are_the_group_not_a_single_official_before_them(run):
    r = run(
        "Three officials familiar with the audit said the ministry had overspent by $40 million. "
        "A finance ministry spokesman said the accounts were in order. "
        "The officials said the overspending began in 2022."
    )
    assert r.claims[-1].claimant == "Three officials familiar with the audit"


def test_a_bare_description_with_no_one_brought_in_before_stays_as_written(run):
    r = run("The mayor said the bridge would reopen on Friday. The officials said the repairs cost $2 million.")
    assert r.claims[-1].claimant.lower() == "the officials"


def test_the_report_said_is_the_outlet_that_reported_it_not_the_people_it_cited(run):
    r = run(
        "Norvik Air is in talks to buy a stake in Baltic Wings, the Financial Times reported on Monday, citing "
        "two people familiar with the matter. A deal could be announced within weeks, the report said."
    )
    assert r.claims[-1].claimant == "Financial Times"


def test_the_ruling_said_is_the_judge_who_gave_it(run):
    r = run(
        "In her ruling, Judge Amara Osei said the ministry had broken procurement law. "
        "The contract must be retendered within 90 days, the ruling said."
    )
    assert [c.claimant for c in r.claims] == ["Amara Osei", "Amara Osei"]


def test_a_report_whose_author_the_text_never_names_stays_the_report(run):
    r = run("The bridge was closed for repairs. The report said the steel had corroded.")
    assert r.claims[-1].claimant.lower() == "the report"


def test_the_team_is_the_body_the_text_introduced_as_a_team(run):
    r = run(
        "Rally organisers said the Kestrel team had fitted an illegal turbo. "
        "The team said the part had been approved in March."
    )
    assert r.claims[-1].claimant == "Kestrel"


def test_the_outlet_is_the_outlet_named_with_that_description(run):
    r = run(
        "Independent Belarusian outlet Zerkalo said 40 activists had been detained. "
        "The real number is likely higher, the outlet said."
    )
    assert [c.claimant for c in r.claims] == ["Zerkalo", "Zerkalo"]


def test_a_weekday_after_a_plural_noun_is_no_body_name(run):
    r = run("Officials met the troops Tuesday in the capital. The troops said they had not been paid.")
    assert r.claims[-1].claimant.lower() == "the troops"


def test_the_subject_of_a_relative_after_a_claim_noun_speaks(run):
    r = run("Auditors said the Marlow club had understated its debts, a finding the club said it rejected.")
    assert r.claims[-1].claimant == "Marlow" and r.claims[-1].kind == "denial"


def test_an_appositive_with_a_title_before_the_name_gives_the_name(run):
    r = run("The head of the delegation, presidential aide Anton Belov, said the memorandum had been handed over.")
    assert only(r).claimant == "Anton Belov"


def test_an_appositive_name_with_its_workplace_after_it_gives_the_name(run):
    r = run("One of the reporters, Lucia Ferri of the news site Il Faro, told AFP her phone had been hacked.")
    assert only(r).claimant == "Lucia Ferri"


def test_a_name_with_arabic_particles_is_one_name(run):
    r = run("Oman’s foreign minister, Sayyid Badr bin Hamad al-Busaidi, said the talks had ended.")
    assert only(r).claimant.endswith("Badr bin Hamad al-Busaidi")


def test_an_appositive_description_without_a_name_leaves_the_speaker_as_it_is(run):
    r = run("The company's chief executive, a former banker, said profits had doubled.")
    assert only(r).claimant == "The company's chief executive"


def test_a_group_linked_to_or_loyal_to_a_body_is_the_group_not_the_body(run):
    r = run(
        "The army said it had repelled the attack. "
        "Telegram channels linked to the military claimed that 200 fighters had been killed. "
        "Militias loyal to the government said they had retaken the town."
    )
    assert [c.claimant for c in r.claims][1:] == [
        "Telegram channels linked to the military",
        "Militias loyal to the government",
    ]


def test_a_commission_on_human_rights_keeps_its_whole_name(run):
    r = run(
        "But the Kenya National Commission on Human Rights (KNCHR), a state-funded watchdog, said police had "
        "shot dead at least 22 people."
    )
    assert only(r).claimant == "the Kenya National Commission on Human Rights"


def test_a_weekday_after_on_is_no_part_of_the_speaker(run):
    assert only(run("Police on Monday said the road had been closed.")).claimant == "Police"


def test_the_paramilitary_is_the_force_the_text_introduced_as_a_countrys_paramilitary(run):
    r = run(
        "Chad's paramilitary Desert Guard shelled a market, a local doctors' group said.\n"
        "In a statement, the paramilitary said its forces had targeted army positions."
    )
    assert r.claims[-1].claimant == "Desert Guard"
