"""Attribution cues: who said it, through whom, and which sentences are not claims at all."""

import pytest

from .conftest import only


def names(links):
    return [link.name for link in links]


def test_trailing_said_names_the_speaker_before_it(run):
    c = only(run("Five people were killed in the strike, the regional governor said."))
    assert c.claimant == "the regional governor"
    assert c.cue.text == "said"
    assert c.content.text == "Five people were killed in the strike"


def test_leading_said_that_takes_the_clause_as_content(run):
    c = only(run("French president Emmanuel Macron said on Monday that troops could not be ruled out."))
    assert c.claimant == "Emmanuel Macron"
    assert c.content.text == "troops could not be ruled out"


def test_inverted_said_reads_the_speaker_after_the_cue(run):
    c = only(run("“We have seen no sign of it,” said Dr. Anne Larson, an epidemiologist at the university."))
    assert c.claimant == "Anne Larson"


def test_appositive_name_after_title_is_the_claimant(run):
    c = only(run("Kharkiv's regional governor, Oleh Synehubov, said four strikes hit the city."))
    assert c.claimant == "Oleh Synehubov"


def test_participle_phrase_between_speaker_and_cue_is_skipped(run):
    c = only(run("Kharkiv mayor Ihor Terekhov, writing on the Telegram messaging app, said four people died."))
    assert c.claimant == "Ihor Terekhov"
    assert [link.role for link in c.via] == ["channel"]  # stored, but not a named channel in the eval output


def test_spokesperson_speaks_for_the_body_in_the_title(run):
    c = only(run("Kremlin spokesperson Dmitry Peskov said the talks had stalled."))
    assert (c.claimant, c.claimant_org) == ("Dmitry Peskov", "Kremlin")


def test_told_an_outlet_puts_the_outlet_in_the_chain(run):
    c = only(run("Ukraine's partners are not sending enough air defence, Dmytro Kuleba told Reuters in an interview."))
    assert c.claimant == "Dmytro Kuleba"
    assert names(c.via) == ["Reuters"]
    assert c.via[0].source_id == 1


def test_told_reporters_adds_no_channel(run):
    c = only(run("Peskov told reporters that Moscow remained open to talks."))
    assert c.via == []


def test_quoted_by_and_says_build_the_chain_innermost_first(run):
    c = only(
        run(
            "But Kremlin spokesperson Dmitry Peskov, quoted by Russian news agencies, said the report was "
            "baseless, says Reuters."
        )
    )
    assert c.claimant == "Dmitry Peskov"
    assert names(c.via) == ["Russian news agencies", "Reuters"]


def test_according_to_an_outlet_alone_makes_the_outlet_the_claimant(run):
    c = only(run("The call was the first such contact since October 2022, according to AP."))
    assert c.claimant == "AP"
    assert c.claimant_source_id == 2
    assert c.via == []


def test_reports_outlet_at_the_end_makes_the_outlet_the_claimant(run):
    c = only(run("The new mobilisation law came into force on Wednesday, reports Associated Press (AP)."))
    assert c.claimant == "Associated Press"
    assert c.via == []


def test_statement_from_a_body_is_the_channel_and_the_body(run):
    c = only(
        run(
            "Sergei Shoigu told Sebastien Lecornu that it would create problems, according to a statement "
            "from the Russian defence ministry."
        )
    )
    assert c.claimant == "Sergei Shoigu"
    assert c.claimant_org == "Russian defence ministry"
    assert names(c.via) == ["Russian defence ministry"]


def test_citing_a_source_makes_the_cited_source_the_claimant(run):
    c = only(run("Egyptian state media, citing a senior official, reported that mediators had a new proposal."))
    assert c.claimant == "a senior official"
    assert names(c.via) == ["Egyptian state media"]


def test_people_familiar_with_the_matter_are_kept_whole(run):
    c = only(run("The company is weighing a sale, according to two people familiar with the matter."))
    assert c.claimant == "two people familiar with the matter"


def test_two_attributions_in_one_sentence_give_two_claims(run):
    result = run("Russia said the two ministers discussed talks, but it's a claim that Paris immediately denied.")
    assert [(c.claimant, c.kind) for c in result.claims] == [("Russia", "claim"), ("Paris", "denial")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The British foreign secretary urged allies to boost defence spending.",
        "Kaja Kallas warned member states against easing pressure on Moscow.",
        "Officials announced a new round of sanctions on the shadow fleet.",
        "The Ukrainian president has reiterated his call for more air defences.",
        "A Justice Department spokesman declined to comment.",
        "Castlefield said it did not comment on market rumours.",
        "Asked about the fund, the minister told reporters: “We support the secretary-general's efforts.”",
        "“The most important thing we can do is to ensure that we all spend more,” he said.",
        "The crash claimed the lives of 30 people.",
        "A former minister accused of embezzlement appeared in court.",
        "Unconfirmed reports of explosions spread online.",
        "Two Russian bombers performed a scheduled flight over neutral waters.",
        "Consumers should not eat the salad kits and should return them to the store, the agency said.",
    ],
)
def test_appeals_opinions_actions_and_plain_facts_are_not_claims(run, sentence):
    assert run(sentence).claims == []


def test_claims_are_numbered_in_document_order(run):
    result = run("Russia said A happened. Ukraine said B happened. Poland said C happened.")
    assert [c.key for c in result.claims] == ["c1", "c2", "c3"]
    assert [c.claimant for c in result.claims] == ["Russia", "Ukraine", "Poland"]


def test_sentence_initial_according_to_names_the_source(run):
    assert only(run("According to the Kyiv Independent, the strike killed four.")).claimant == "Kyiv Independent"


def test_quoted_as_saying_names_speaker_and_carrier(run):
    c = only(run("Lavrov was quoted by RIA Novosti as saying that any new treaty would include Britain."))
    assert c.claimant == "Lavrov"
    assert names(c.via) == ["RIA Novosti"]


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("Investigators found that the pilot had switched off the engine.", "Investigators"),
        ("Economists estimate that growth slowed to 1.2% in the third quarter.", "Economists"),
        ("State environmental officials said they had not yet received test results.", "State environmental officials"),
        ("Labour said only two hospitals had been completed, citing figures from the NHS.", "Labour"),
        ("The deal has collapsed, three sources told Reuters.", "three sources"),
    ],
)
def test_findings_estimates_and_plain_subjects_are_attributed(run, sentence, claimant):
    assert only(run(sentence)).claimant == claimant


@pytest.mark.parametrize(
    "sentence",
    [
        "Police found the body of a second man on Tuesday.",
        "He told the story of his escape from the city.",
        "What he said was not true.",
    ],
)
def test_cue_words_that_report_nothing_are_not_claims(run, sentence):
    assert run(sentence).claims == []


def test_a_response_to_an_outlets_questions_puts_the_outlet_in_the_chain(run):
    c = only(run("Norvex said in an emailed response to Reuters questions that it had always been transparent."))
    assert names(c.via) == ["Reuters"]


@pytest.mark.parametrize(
    "sentence, claimant, via",
    [
        ("In comments carried by TASS, Peskov said the talks were over.", "Peskov", ["TASS"]),
        ("Peskov was cited by Interfax as saying the talks were over.", "Peskov", ["Interfax"]),
        ("TASS cited Peskov as saying the talks were over.", "Peskov", ["TASS"]),
        (
            "The ministry's statement, carried by state media, said the border would close.",
            "The ministry's statement",
            ["state media"],
        ),
    ],
)
def test_carriers_of_a_statement_join_the_chain(run, sentence, claimant, via):
    c = only(run(sentence))
    assert (c.claimant, names(c.via)) == (claimant, via)


def test_an_outlet_that_merely_saw_a_document_is_not_a_claimant(run):
    assert run("The video, seen by Reuters, showed soldiers in the square.").claims == []


def test_a_civil_defence_agency_is_not_a_news_agency(run):
    c = only(run("The army said the casualty figure cited by the civil defence agency was inflated."))
    assert names(c.via) == []


def test_according_to_people_makes_them_claimants_too(run):
    result = run(
        "The group has claimed responsibility on its dark web site, according to researchers at the firm Recorded "
        "Future."
    )
    assert "researchers at the firm Recorded Future" in [c.claimant for c in result.claims]


def test_told_a_briefing_is_a_trailing_attribution(run):
    c = only(run("“The United States is ready to engage,” department spokesperson Matthew Miller told a briefing."))
    assert c.claimant == "Matthew Miller"


def test_a_bare_plural_after_but_can_be_the_speaker(run):
    result = run("City officials say they added 400 beds. But advocates dispute that figure.")
    assert [(c.claimant, c.kind) for c in result.claims] == [("City officials", "claim"), ("advocates", "denial")]
    assert result.claims[1].denies == result.claims[0].key


@pytest.mark.parametrize(
    "sentence, claimant, via",
    [
        ("Soldiers opened fire on the crowd, said the families’ lawyer, Netta Amar-Shiff.", "Netta Amar-Shiff", []),
        (
            "A diplomatic source in Dar es Salaam told AFP the vote had been delayed.",
            "A diplomatic source in Dar es Salaam",
            ["AFP"],
        ),
        (
            "South Korea’s spy agency said about 4,000 soldiers had been killed or wounded.",
            "South Korea’s spy agency",
            [],
        ),
        ("Shares fell after a short seller accused the firm of inflating revenue.", "a short seller", []),
        (
            "The complaint, filed on Monday by a former safety officer at the plant, alleges that inspections were "
            "faked.",
            "a former safety officer at the plant",
            [],
        ),
        ("Support for the party fell to 28%, according to a poll by Medián.", "Medián", []),
        ("According to an NPR analysis of court records, more than 60 lawsuits were dismissed.", "NPR", []),
        (
            "A senior Israeli official quoted by the Kan public broadcaster said the deal was off.",
            "A senior Israeli official",
            ["Kan public broadcaster"],
        ),
        (
            "Hamas official Osama Hamdan dismissed that account, telling Al Jazeera the group had shown restraint.",
            "Osama Hamdan",
            ["Al Jazeera"],
        ),
        ("The figure was disputed by the UN office, OCHA, which said the toll was far higher.", "OCHA", []),
        (
            "Ukrainian forces repelled 40 attacks near Pokrovsk, the General Staff reported on Sunday.",
            "the General Staff",
            [],
        ),
    ],
)
def test_speakers_behind_titles_documents_carriers_and_relative_clauses(run, sentence, claimant, via):
    claims = run(sentence).claims
    assert (claimant, via) in [(c.claimant, names(c.via)) for c in claims]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tedros said he was “appalled and deeply shocked” by the attack.",
        "She added that the company would consider legal action.",
        "Peskov told reporters that he had “nothing to add”.",
        "The army said it was “examining the claim”.",
        "The president's office said the president supported the investigation.",
        "The agency chief warned that the fighting risks a nuclear accident.",
    ],
)
def test_feelings_intentions_non_answers_and_stances_are_not_claims(run, sentence):
    assert run(sentence).claims == []


def test_declaring_a_winner_is_a_claim_and_declaring_an_emergency_is_not(run):
    c = only(run("The electoral commission on Saturday declared the president the winner with 98% of the vote."))
    assert c.claimant == "The electoral commission"
    assert run("The government declared a state of emergency.").claims == []


def test_a_participle_phrase_between_speaker_and_cue_is_skipped_whatever_its_verb(run):
    c = only(
        run(
            "A senior administration official, briefing reporters on condition of anonymity, said the sanctions "
            "would take effect on Friday."
        )
    )
    assert c.claimant == "A senior administration official"


def test_outlet_reporting_over_the_weekend_citing_sources_carries_their_claim(run):
    c = only(
        run(
            "The Observer reported over the weekend, citing people familiar with the matter, "
            "that Halvard Mining had approached a rival about a merger."
        )
    )
    assert c.claimant == "people familiar with the matter"
    assert names(c.via) == ["Observer"]


@pytest.mark.parametrize(
    ("sentence", "channel"),
    [
        ("The mayor told local broadcaster Suspilne that three people died.", "Suspilne"),
        ("The mayor told the newspaper Kathimerini that three people died.", "Kathimerini"),
        ("The mayor told public broadcaster NHK that three people died.", "NHK"),
    ],
)
def test_told_a_kind_of_medium_then_its_name_puts_the_name_in_the_chain(run, sentence, channel):
    assert names(only(run(sentence)).via) == [channel]


def test_told_a_body_that_is_no_medium_adds_no_channel(run):
    assert only(run("The mayor told the local council that three people died.")).via == []


@pytest.mark.parametrize(
    ("sentence", "channel"),
    [
        ("Speaking to the German newspaper Bild, the minister said the talks had stalled.", "Bild"),
        ("In an interview with the newspaper Le Figaro, the minister said the talks had stalled.", "Le Figaro"),
    ],
)
def test_an_interview_with_a_kind_of_medium_then_its_name_puts_the_name_in_the_chain(run, sentence, channel):
    assert names(only(run(sentence)).via) == [channel]


def test_an_interview_with_a_body_that_is_no_medium_adds_no_channel(run):
    assert only(run("In an interview with the local council, the mayor said three people died.")).via == []


def test_a_bare_weekday_after_a_trailing_said_leaves_the_words_before_as_content(run):
    c = only(run("Flooding cut power to 40,000 homes in the north, the regional utility said Thursday."))
    assert c.content is not None
    assert c.content.text == "Flooding cut power to 40,000 homes in the north"


def test_a_weekday_before_that_still_takes_the_clause_after_it(run):
    c = only(run("The regional utility said Thursday that power had been restored to 40,000 homes."))
    assert c.content is not None
    assert c.content.text == "power had been restored to 40,000 homes"


def test_a_plain_noun_between_a_named_possessor_and_the_head_stays_in_the_speaker(run):
    c = only(run("Norway's coast guard said the trawler had been towed to port."))
    assert c.claimant == "Norway's coast guard"


def test_a_bare_weekday_after_said_is_not_part_of_the_content(run):
    c = only(run("The coast guard said Monday a trawler had been towed to port."))
    assert c.content is not None
    assert c.content.text == "a trawler had been towed to port"


def test_a_statement_posted_on_social_media_after_said_leaves_the_quotation_as_content(run):
    c = only(run('"The figures were checked twice by auditors," the mayor said in a statement posted on social media.'))
    assert c.content is not None
    assert c.content.text.startswith('"The figures were checked')


def test_a_long_appositive_describing_a_group_is_skipped_to_the_groups_name(run):
    c = only(
        run(
            "FrontWatch, a volunteer mapping group that tracks the front line using satellite images and is close "
            "to the army, said on Tuesday that troops had advanced along the river north of the town."
        )
    )
    assert c.claimant == "FrontWatch"


def test_a_relative_clause_then_has_always_denied_keeps_the_name_before_it(run):
    c = only(run("Marlow, who followed the hearing by video link from prison, has always denied forging the accounts."))
    assert (c.claimant, c.kind) == ("Marlow", "denial")


def test_a_quotation_before_said_in_a_statement_adding_that_is_the_content(run):
    c = only(
        run('"The plant is running normally," the company said in a statement, adding that it had hired 40 staff.')
    )
    assert c.content is not None
    assert c.content.text.startswith('"The plant is running normally')


def test_a_quotation_standing_alone_after_a_quoted_speaker_is_that_speakers_claim(run):
    r = run(
        '"The figures published by the board are wrong," Mayor Ines Calvo told reporters. '
        '"Our own audit of the accounts found a surplus of 2 million euros."'
    )
    assert len(r.claims) == 2
    assert r.claims[1].claimant == r.claims[0].claimant == "Ines Calvo"


def test_a_quotation_standing_alone_without_a_quoted_speaker_before_it_is_no_claim(run):
    r = run(
        "The board said the accounts showed a deficit of 3 million euros.\n"
        '"Our own audit of the accounts found a surplus of 2 million euros."'
    )
    assert len(r.claims) == 1


def test_advice_with_should_have_is_still_a_claim(run):
    c = only(run("Residents should have been warned two days earlier, the inspector said."))
    assert c.claimant == "the inspector"


@pytest.mark.parametrize(
    "dateline",
    ["KYIV, Nov 3 (Reuters) - ", "BAMAKO, Sept 22, 2026 (AFP) - ", "WASHINGTON — "],
)
def test_a_dateline_is_not_part_of_the_content_before_a_trailing_said(run, dateline):
    c = only(run(dateline + "a drone attack on the city overnight killed three people, local officials said."))
    assert c.content is not None
    assert c.content.text == "a drone attack on the city overnight killed three people"


def test_a_figure_put_at_a_number_is_attributed_to_who_put_it_there(run):
    r = run(
        "The provincial health office put the death toll from the landslide at 43. "
        "Aid workers put the number of homeless at more than 5,000."
    )
    assert [c.claimant for c in r.claims] == ["The provincial health office", "Aid workers"]


def test_putting_pressure_or_a_plan_is_no_attribution(run):
    r = run("The union put pressure on the board to delay the vote. The council put the plan on hold until 2027.")
    assert r.claims == []


def test_a_warning_that_tells_a_present_fact_is_a_claim(run):
    r = run(
        "Relief agencies have repeatedly warned that cholera is spreading through the camps. "
        "The governor warned in a radio address that militias were recruiting children."
    )
    assert [c.claimant for c in r.claims] == ["Relief agencies", "The governor"]


def test_warnings_of_risks_orders_and_warnings_against_are_no_claims(run):
    r = run(
        "Economists warned that prices would rise sharply next year. "
        "The minister warned the rebels to lay down their arms. "
        "The envoy warned against sending troops."
    )
    assert r.claims == []
