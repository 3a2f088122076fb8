"""Which claims an unverified cue covers: what it names, how far back it reaches, and what it leaves alone."""

from .conftest import TEXTS
from .test_accuracy import _score, _scorer


def _flags(result) -> dict[str, bool]:
    """Unverified flag per claim, keyed by the first words of its sentence."""
    return {" ".join(c.sentence.text.split()[:3]): c.unverified for c in result.claims}


def test_a_cue_naming_one_outlets_account_covers_only_that_outlets_claims(run):
    r = run(
        "The Financial Times reported that the chipmaker had halted shipments to two customers in China.\n"
        "One of the customers said its orders had been delivered in full last week.\n"
        "Reuters could not independently confirm the Financial Times account."
    )
    flags = _flags(r)
    assert flags["The Financial Times"] is True
    assert flags["One of the"] is False


def test_the_witness_accounts_cover_the_witnesses_not_the_officials(run):
    r = run(
        "Police said officers had fired warning shots after protesters threw stones.\n"
        "Witnesses told the BBC that officers had fired live rounds into the crowd without warning.\n"
        "The BBC could not verify the witness accounts."
    )
    flags = _flags(r)
    assert flags["Witnesses told the"] is True
    assert flags["Police said officers"] is False


def test_a_broad_cue_reaches_back_over_every_account_of_the_passage(run):
    r = run(
        "Rebel commanders said their fighters had taken the airport on Sunday.\n"
        "The army said the airport remained under its control.\n"
        "A doctor at the main hospital said 23 bodies had been brought in since Saturday.\n"
        "An aid worker said thousands of people were fleeing towards the border.\n"
        "AFP was unable to independently verify the accounts from the city, where phone lines are down."
    )
    assert all(c.unverified for c in r.claims), [(c.claimant, c.unverified) for c in r.claims]


def test_the_casualty_figures_cover_the_claims_that_count_casualties(run):
    r = run(
        "Shelling killed six people and wounded 14 in the city overnight, the regional governor said.\n"
        "The energy ministry said power had been restored to most homes by the morning.\n"
        "The Associated Press could not independently verify the casualty figures."
    )
    flags = _flags(r)
    assert flags["Shelling killed six"] is True
    assert flags["The energy ministry"] is False


def test_either_sides_claims_are_covered_back_to_a_third_party(run):
    r = run(
        "Finland's border guard said 40 migrants had crossed the frontier overnight.\n"
        "Ukraine's air force said it had shot down 30 of 41 Russian drones.\n"
        "Russia's defence ministry said it had destroyed 12 Ukrainian drones over the Belgorod region.\n"
        "Reuters could not verify the claims of either side."
    )
    flags = _flags(r)
    assert flags["Ukraine's air force"] is True
    assert flags["Russia's defence ministry"] is True
    assert flags["Finland's border guard"] is False


def test_a_denial_of_a_covered_claim_does_not_inherit_the_cue(run):
    r = run(
        "A whistleblower said the factory had dumped waste into the river for years.\n"
        "The company denied the allegation.\n"
        "Reuters could not independently verify the allegation."
    )
    claim = next(c for c in r.claims if "whistleblower" in c.sentence.text)
    denial = next(c for c in r.claims if c.kind == "denial")
    assert claim.unverified is True
    assert denial.unverified is False


def test_no_data_to_support_the_figure_marks_the_speakers_claim(run):
    r = run(
        "The mayor said street crime had fallen by 40% since the new patrols began.\n"
        "She did not provide data to support the figure."
    )
    assert [c.unverified for c in r.claims] == [True]


def test_words_inside_a_quotation_are_the_speakers_not_the_outlets_cue(run):
    r = run("The ambassador said his country had “presented no evidence” of the plot and called the charges absurd.")
    assert r.claims and not any(c.unverified for c in r.claims)


def test_a_cue_in_the_claims_own_sentence_covers_that_claim(run):
    r = run(
        "The senator claimed without evidence that the ballots had been printed abroad.\n"
        "Election officials said every ballot had been printed in the state."
    )
    flags = _flags(r)
    assert flags["The senator claimed"] is True
    assert flags["Election officials said"] is False


def test_dispute_texts_mark_exactly_the_covered_claims(backend, tmp_path):
    _scorer()
    figures = _score(TEXTS / "disputes.jsonl", backend, tmp_path)
    assert figures["unverified"]["p"] >= 0.90, figures
    assert figures["unverified"]["r"] >= 0.90, figures


def test_a_sentence_that_only_says_the_accounts_are_unverified_is_no_claim_and_covers_them(run):
    r = run(
        "Ukraine's air force said 51 of 64 Russian drones had been shot down overnight.\n"
        "Russia's defence ministry said it had destroyed 22 Ukrainian drones over the Kursk region.\n"
        "Neither side's battlefield reports could be independently verified."
    )
    assert len(r.claims) == 2
    assert all(c.unverified for c in r.claims)


def test_not_releasing_the_data_marks_the_last_speakers_claim(run):
    r = run(
        "The agency said its officers had seized 2 tonnes of cocaine at the port this year.\n"
        "A port workers' union disputed that figure, saying most of the seizures had been made abroad.\n"
        "It did not release the data."
    )
    union = next(c for c in r.claims if "union" in (c.claimant or ""))
    agency = next(c for c in r.claims if "agency" in (c.claimant or ""))
    assert union.unverified is True
    assert agency.unverified is False


def test_the_allegations_cover_the_accusers_claims_not_the_accused_partys_statements(run):
    r = run(
        "A former engineer, Tom Hale, said Corvane Systems had falsified safety tests on its brake units.\n"
        "Corvane denied the allegations.\n"
        "Corvane said it had hired an outside firm to review its testing.\n"
        "Reuters could not verify the allegations."
    )
    engineer = next(c for c in r.claims if "engineer" in c.sentence.text)
    assert engineer.unverified is True
    assert not any(c.unverified for c in r.claims if c.sentence.text.startswith("Corvane"))


def test_a_named_speaker_who_gave_no_data_has_his_own_claim_marked(run):
    r = run(
        "A consumer group said energy bills had risen by 30% for the average household.\n"
        "The regulator's chief executive, Paul Tamsin, said average bills had risen by 9%.\n"
        "The consumer group said its figures came from 4,000 customer statements.\n"
        "Tamsin did not provide data to support his figure."
    )
    flags = {c.claimant: c.unverified for c in r.claims}
    assert flags.get("Paul Tamsin") is True
    assert not any(v for k, v in flags.items() if k != "Paul Tamsin"), flags


def test_a_cue_naming_the_outlet_after_details_of_covers_that_outlets_report(run):
    r = run(
        "The Daily Courier reported on Monday, citing two people familiar with the talks, that Halvard Mining "
        "had offered to buy a rival for $2 billion.\n"
        "The rival said in a statement that it had received no approach and was not for sale.\n"
        "Reuters could not independently verify the details of the Daily Courier report."
    )
    flags = _flags(r)
    assert flags["The Daily Courier"] is True
    assert flags["The rival said"] is False


def test_a_cue_after_its_own_sentences_verb_does_not_reach_back_to_earlier_claims(run):
    r = run(
        "The health ministry said on Tuesday that no vaccine batch had been recalled.\n\n"
        "The posts, shared thousands of times online, alleged without evidence that the vials were contaminated."
    )
    flags = _flags(r)
    assert flags["The health ministry"] is False


def test_a_doubted_figure_covers_the_claim_that_counts_those_things_a_paragraph_back(run):
    r = run(
        "The mayor said 14 cars and four homes had been torched in the raid.\n\n"
        "The army said in a statement that troops had detained two suspects. "
        "The BBC could not independently verify the number of homes damaged."
    )
    flags = _flags(r)
    assert flags["The mayor said"] is True
    assert flags["The army said"] is False


def test_a_cue_on_its_claims_covers_the_claim_before_it(run):
    r = run("The group said it had captured the town. Its claims could not be verified.")
    assert [c.unverified for c in r.claims] == [True]


def test_a_cue_on_the_groups_claims_covers_the_groups_claim(run):
    r = run("The group said it had captured the town. The group’s claims could not be verified.")
    assert [c.unverified for c in r.claims] == [True]


def test_a_cue_on_another_named_partys_claims_leaves_the_claim_alone(run):
    r = run("The group said it had captured the town. The Kremlin’s claims could not be verified.")
    assert [c.unverified for c in r.claims] == [False]


def test_a_cue_after_background_in_its_own_paragraph_covers_the_paragraphs_above(run):
    r = run(
        "The rebel alliance said its fighters had shot down two army helicopters near the northern town.\n"
        "The army said it had lost no aircraft and that its troops had killed 35 rebels in the fighting.\n"
        "Both sides have traded accusations since the truce collapsed in March. Journalists are barred from "
        "the region. Reuters was unable to independently verify either side's account.\n"
        "A resident said the market reopened on Friday."
    )
    flags = _flags(r)
    assert flags["The rebel alliance"] is True
    assert flags["The army said"] is True
    assert flags["A resident said"] is False


def test_a_cue_naming_a_party_reaches_back_past_an_earlier_cue_to_that_partys_claim(run):
    r = run(
        "Floods on Saturday killed 14 people in the valley, the provincial disaster agency said.\n"
        "The utility said it had warned residents two days before the dam overflowed. It did not provide evidence "
        "for the warning.\n"
        "The mayor said the warning never reached the valley.\n"
        "A farmer said the water rose within minutes.\n"
        "The governor said the army would help clear roads.\n"
        "Residents said they had received no text alert.\n"
        "Reuters could not independently verify the disaster agency's toll."
    )
    flags = _flags(r)
    assert flags["Floods on Saturday"] is True
    assert flags["The governor said"] is False


def test_each_of_two_coordinated_objects_of_a_cue_covers_its_own_claims(run):
    r = run(
        "An air strike on a market killed at least 17 people, the local health office said.\n"
        "The air force said it had struck a weapons depot used by insurgents.\n"
        "The insurgents said the market held no weapons.\n"
        "The Associated Press could not independently verify the death toll or the insurgents' statement."
    )
    flags = _flags(r)
    assert flags["An air strike"] is True
    assert flags["The insurgents said"] is True
    assert flags["The air force"] is False


def test_a_groups_plural_accounts_cover_that_groups_claims_in_earlier_paragraphs(run):
    r = run(
        "Guards beat two prisoners during a search of the cells, according to three inmates who spoke to the BBC.\n"
        "The prison service said the search had been carried out lawfully.\n"
        "The service said it would review the footage.\n"
        "One of the inmates told the BBC that guards had also confiscated medicine. The BBC could not verify "
        "the inmates' accounts."
    )
    flags = _flags(r)
    assert flags["Guards beat two"] is True
    assert flags["One of the"] is True
    assert flags["The prison service"] is False


def test_a_speaker_who_did_not_provide_the_records_has_their_claims_unverified(run):
    r = run(
        "Opposition leader Jorge Mavila said he had won 55% of the vote and that his party's count proved it.\n"
        "The election commission said the count had been checked twice.\n"
        "Mavila did not provide the tally sheets."
    )
    flags = _flags(r)
    assert flags["Opposition leader Jorge"] is True
    assert flags["The election commission"] is False


def test_tests_that_have_not_been_published_leave_the_claim_they_back_unverified(run):
    r = run(
        "The sprinter's agent said hair tests commissioned by the athlete showed no pattern of drug use.\n"
        "Those tests have not been published."
    )
    assert r.claims[0].unverified is True


def test_a_cue_in_a_relative_clause_before_the_reporting_verb_covers_the_claim(run):
    r = run(
        "The rebel council released photos, which could not be independently verified, that it said showed a "
        "destroyed bridge near the town."
    )
    assert r.claims and r.claims[0].unverified is True
