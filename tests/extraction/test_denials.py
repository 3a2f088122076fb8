"""Denials and counter-claims, the ordinary actions that look like them, and what each denial rejects."""

import pytest

from .conftest import only


@pytest.mark.parametrize(
    "sentence",
    [
        "The Kremlin denied that it had ordered the strike.",
        "The company denied any wrongdoing.",
        "Moscow rejected the allegations as propaganda.",
        "The ministry dismissed the reports as fake.",
        "Officials refuted the claim on Tuesday.",
        "Hamas called the Israeli statement “a blatant lie”.",
        "Peskov said the Ukrainian president's assertion about a new mobilisation was untrue.",
        "“France neither accepted nor proposed anything of the sort,” the source told AFP.",
        "Downing Street said there were “no such plans”.",
        "China's foreign ministry said there was no basis for the theory.",
        "The company said it had done nothing wrong.",
        "The ministry pushed back against claims that it had hidden the figures.",
        "Moscow rubbished the reports.",
        "The army said the video was staged.",
        "Officials contested the figures.",
        "The city council has denied reports that it plans to sell two parks.",
        "The school board denied that it had ignored complaints about the coach.",
        "The company said its plant was operating normally, rejecting what it called fabrications by rival media.",
        "The opposition leader said he had won the vote, rejecting official provisional results that showed him behind.",
    ],
)
def test_denial_words_and_phrases_make_a_denial(run, sentence):
    assert only(run(sentence)).kind == "denial"


@pytest.mark.parametrize(
    "sentence",
    [
        "Two journalists were denied entry to the country at the airport on Friday.",
        "A judge denied the motion to dismiss the case.",
        "Moldova's parliament rejected a peace plan put forward by the separatists.",
        "The foreign ministry dismissed the ambassador in a reshuffle.",
        "A federal judge dismissed the lawsuit last year.",
        "Beijing has repeatedly rejected calls for an independent investigation.",
        "He was denied bail.",
        "The Kremlin has not denied the report.",
        "The spokesman refused to confirm or deny the report.",
        "Police pushed back the crowd.",
        "The city council rejected the proposal to sell two parks.",
        "The board denied the union's request for a pay review.",
    ],
)
def test_ordinary_actions_with_denial_verbs_are_not_claims(run, sentence):
    assert run(sentence).claims == []


def test_a_reported_denied_entry_is_a_plain_claim(run):
    c = only(run("Two journalists were denied entry to the country, their employer said."))
    assert (c.claimant, c.kind) == ("their employer", "claim")


def test_denial_links_to_the_possessors_claim_even_when_it_comes_later(run):
    result = run(
        "France has denied Russia's claim of a discussion on potential Ukraine talks, according to AFP. "
        "Russia said that the two ministers discussed the potential for talks on the Ukraine conflict."
    )
    denial, claim = result.claims
    assert (denial.kind, denial.claimant, [v.name for v in denial.via]) == ("denial", "France", ["AFP"])
    assert denial.denies == claim.key


def test_denial_links_through_a_title_to_the_person_who_claimed(run):
    result = run(
        "Finland's president signed a deal in Kyiv where president Volodymyr Zelenskiy said he believed Russia "
        "planned to mobilise 300,000 troops. Separately, Poland said it had scrambled jets over its border. "
        "Kremlin spokesperson Dmitry Peskov said the Ukrainian president's assertion about a new Russian "
        "mobilisation was untrue."
    )
    zelenskiy, poland, peskov = result.claims
    assert peskov.kind == "denial"
    assert peskov.denies == zelenskiy.key


def test_relative_denial_rejects_the_claim_of_its_own_sentence(run):
    result = run("The campaign has insisted that the lawsuits were never heard, a claim that legal experts dispute.")
    claim, denial = result.claims
    assert (denial.claimant, denial.kind, denial.denies) == ("legal experts", "denial", claim.key)


def test_anaphoric_denial_links_to_the_nearest_claim_of_another_party(run):
    result = run(
        "The Justice Department is investigating whether Halbrook overbilled the Pentagon, according to two "
        "people familiar with the matter. The company, Halbrook Systems, denied any wrongdoing. "
        "“These allegations are baseless,” spokeswoman Karen Ellis said."
    )
    claim, denial, quote = result.claims
    assert denial.denies == claim.key
    assert (quote.kind, quote.denies) == ("denial", claim.key)


def test_denial_with_no_matching_claim_links_to_nothing(run):
    result = run(
        "Qatar's foreign ministry spokesman Majed al-Ansari said negotiations on a ceasefire were at a critical "
        "stage. An Israeli official dismissed suggestions that a prisoner exchange was imminent."
    )
    assert result.claims[1].kind == "denial"
    assert result.claims[1].denies is None


def test_negated_rival_version_of_an_earlier_claim_is_a_denial_of_it(run):
    result = run(
        "The Israeli military said it had struck militants operating from a command centre inside the school. "
        "“There was no command centre, only children and women,” a witness told the BBC."
    )
    claim, witness = result.claims
    assert (witness.kind, witness.denies) == ("denial", claim.key)


def test_negation_about_another_topic_stays_a_claim(run):
    result = run(
        "The ministry said its forces had destroyed 18 drones over the Belgorod region. "
        "Poland said it had not received any request for weapons from its neighbours."
    )
    assert [c.kind for c in result.claims] == ["claim", "claim"]


def test_counter_verb_on_the_same_topic_is_a_counter_claim(run):
    result = run(
        "According to an NPR analysis of court records, more than 60 lawsuits challenging the results were "
        "dismissed. The campaign insisted that the lawsuits challenging the results were never heard on their "
        "merits."
    )
    npr, campaign = result.claims
    assert (campaign.kind, campaign.denies) == ("counter_claim", npr.key)


def test_a_claim_an_outlet_found_untrue_is_denied_by_the_outlet(run):
    result = run(
        "Trump said at a rally that the administration had spent disaster money on migrants, a claim that NPR "
        "found to be untrue."
    )
    claim, denial = result.claims
    assert (claim.claimant, claim.kind) == ("Trump", "claim")
    assert (denial.claimant, denial.kind, denial.denies) == ("NPR", "denial", claim.key)


def test_an_accusation_described_as_baseless_is_denied_in_the_same_sentence(run):
    result = run(
        "The government blamed a neighbouring state for harbouring the fighters, an accusation the neighbour's "
        "foreign ministry described as “baseless and irresponsible”."
    )
    claim, denial = result.claims
    assert claim.kind == "claim"
    assert (denial.claimant, denial.kind, denial.denies) == ("the neighbour's foreign ministry", "denial", claim.key)


def test_the_accused_partys_denial_links_to_the_accusation(run):
    result = run(
        "The Rapid Support Forces (RSF) killed more than 100 civilians in a village, a local resistance committee "
        "said. The RSF denied targeting civilians."
    )
    claim, denial = result.claims
    assert denial.denies == claim.key


def test_a_rival_version_set_against_the_first_in_one_sentence_is_a_counter_claim(run):
    result = run("Moscow accuses Kyiv of shelling the plant, while Ukraine says Russian troops are to blame.")
    first, second = result.claims
    assert (second.kind, second.denies) == ("counter_claim", first.key)


def test_more_news_joined_by_while_is_not_a_counter_claim(run):
    result = run("The ministry said 20 drones were downed, while the governor said debris hit a school.")
    assert [c.kind for c in result.claims] == ["claim", "claim"]


def test_the_accused_partys_own_version_after_but_is_a_counter_claim(run):
    result = run(
        "Regulators are examining whether chipmaker Norvex misled customers about delivery times, three people "
        "said. But Norvex said its delivery estimates had been accurate."
    )
    claim, answer = result.claims
    assert (answer.kind, answer.denies) == ("counter_claim", claim.key)


def test_a_later_claim_by_someone_merely_mentioned_stays_a_claim(run):
    result = run(
        "The ministry said Peskov would visit Minsk next week. Peskov said he would also meet business leaders there."
    )
    assert [c.kind for c in result.claims] == ["claim", "claim"]


def test_a_country_answering_an_accusation_against_it_gives_a_counter_claim(run):
    result = run(
        "Ukraine's foreign minister, Andrii Sybiha, accused Moscow of deliberately targeting grain infrastructure. "
        "Russia has repeatedly said it strikes only military targets, a claim Kyiv and its allies reject."
    )
    accusation, answer, rejection = result.claims
    assert (answer.claimant, answer.kind, answer.denies) == ("Russia", "counter_claim", accusation.key)
    assert (rejection.claimant, rejection.kind, rejection.denies) == ("Kyiv and its allies", "denial", answer.key)


@pytest.mark.parametrize(
    "sentence",
    [
        "The mining ministry said no such deal had ever been signed.",
        "“There were no such meetings,” the embassy said.",
        "A merger with the rival lender is not on the table, the bank's chairman told shareholders.",
        "The airline has no plans to cut routes, its chief executive said, pushing back on a newspaper report.",
        "The regulator said it would keep the rules, pushing back against media reports of a delay.",
    ],
)
def test_more_denial_phrases_make_a_denial(run, sentence):
    assert only(run(sentence)).kind == "denial"


def test_a_quotation_over_several_sentences_is_read_whole(run):
    text = (
        "A tabloid said the coach had been sacked.\n\n"
        "“Talk of the coach being sacked is completely false. He will lead the team on Saturday,” "
        "the club said in a statement."
    )
    claims = run(text).claims
    club = next(c for c in claims if c.claimant == "the club")
    assert club.kind == "denial"
    assert club.content.text.startswith("“Talk of the coach")
    assert club.denies == next(c for c in claims if c.claimant != "the club").key


def test_a_quotation_continued_from_an_earlier_sentence_without_denial_stays_a_claim(run):
    text = "“Production rose by a fifth. Orders are up as well,” the chief executive said."
    claim = only(run(text))
    assert claim.kind == "claim"
    assert claim.content.text.startswith("“Production rose")


def test_a_lede_denying_a_report_links_to_the_report_told_sentences_later(run):
    text = (
        "The port operator on Monday denied a report that it had agreed to sell its container terminal. "
        "Shares in the company rose 3% in early trading. "
        "The terminal handles about a fifth of the country's imports. "
        "Analysts expect volumes to grow this year. "
        "The Harbour Gazette reported on Sunday that the operator had agreed to sell the container terminal "
        "to a shipping group."
    )
    claims = run(text).claims
    denial = next(c for c in claims if c.kind == "denial")
    report = next(c for c in claims if c.kind == "claim" and "Harbour Gazette" in c.sentence.text)
    assert denial.denies == report.key


def test_a_quotation_told_to_reporters_on_a_call_is_the_content(run):
    text = "“No such talks took place. This is invented,” the spokesman told reporters on a conference call."
    claim = only(run(text))
    assert claim.kind == "denial"
    assert claim.content.text.startswith("“No such talks")


def test_negation_quoted_after_the_speakers_own_denial_is_a_denial_too(run):
    text = (
        "Halvard Mining on Monday denied a newspaper report that it was in talks to buy a rival. "
        "“We are not in discussions with anyone about a merger,” Halvard Mining said in a statement."
    )
    kinds = [c.kind for c in run(text).claims]
    assert kinds == ["denial", "denial"]


def test_negation_by_another_party_after_a_denial_is_not_made_a_denial(run):
    text = (
        "Halvard Mining on Monday denied a newspaper report that it was in talks to buy a rival. "
        "The regulator said it had not received any filing from the company."
    )
    kinds = [c.kind for c in run(text).claims]
    assert kinds[0] == "denial"
    assert kinds[1] == "claim"


def test_a_first_person_rebuttal_answers_the_news_report_told_after_it(run):
    r = run(
        "PARIS — France’s labour minister on Wednesday denied that she had quit.\n\n"
        "“I have not resigned and I have no intention of resigning,” Claire Vasseur told RTL radio.\n\n"
        "Le Monde reported late Tuesday, citing a person close to the minister, that Vasseur had handed in "
        "a letter of resignation."
    )
    rebuttal, report = r.claims[1], r.claims[2]
    assert rebuttal.kind == "denial"
    assert rebuttal.denies == report.key


def test_a_first_person_negation_with_no_report_after_it_stays_a_claim(run):
    r = run(
        "The union said the strike would go ahead.\n\n"
        "“We have not received any new offer,” Maria Kovacs, the union leader, told reporters."
    )
    assert r.claims[1].denies is None


def test_a_rebuttal_already_read_as_a_denial_links_to_the_report_told_after_it(run):
    r = run(
        "The ministry on Friday denied that it had halted arms deliveries.\n\n"
        "“There has been no pause. Deliveries continue,” spokesperson Anna Berg said.\n\n"
        "The Daily Courier reported on Thursday, citing two officials, that a shipment of shells had been held back."
    )
    report = r.claims[-1]
    assert [c.denies for c in r.claims if c.claimant == "Anna Berg"] == [report.key]


def test_there_is_no_doubt_is_no_rebuttal_of_a_later_report(run):
    r = run(
        "“There is no doubt the economy is slowing,” the finance minister said.\n\n"
        "The Daily Courier reported on Thursday that the budget would be cut."
    )
    assert r.claims[0].kind == "claim"


def test_a_denial_that_opens_the_story_links_to_the_news_report_told_after_it(run):
    r = run(
        "The ministry on Friday denied that it had halted arms deliveries to its ally.\n\n"
        "The Daily Courier reported on Thursday, citing two officials, that a shipment of shells had been "
        "held back."
    )
    denial, report = r.claims[0], r.claims[1]
    assert denial.kind == "denial"
    assert denial.denies == report.key


def test_a_denial_after_other_claims_does_not_reach_ahead_to_an_unrelated_report(run):
    r = run(
        "The army said its troops had taken the hill overnight.\n\n"
        "The ministry on Friday denied that it had halted arms deliveries to its ally.\n\n"
        "The Daily Courier reported on Thursday that the harvest had failed in the south."
    )
    denial = next(c for c in r.claims if c.kind == "denial")
    assert denial.denies != r.claims[-1].key


@pytest.mark.parametrize(
    "sentence",
    [
        "The group said the accusations were politically motivated.",
        "The bank said the allegations were “without merit”.",
        "The agency said there was “no truth” to the report.",
        "The firm said it “strongly disagrees” with the findings.",
    ],
)
def test_more_ways_of_rejecting_an_account_make_a_denial(run, sentence):
    assert only(run(sentence)).kind == "denial"


def test_disagreeing_with_a_policy_is_no_denial(run):
    assert only(run("The senator said she disagreed with the decision to raise taxes.")).kind == "claim"


def test_a_figure_a_named_partys_officials_have_disputed_is_their_denial_of_the_claim(run):
    r = run("The hospital said 40 patients had been evacuated, a figure Turkish officials have disputed.")
    claim, denial = r.claims
    assert (claim.claimant, claim.kind) == ("The hospital", "claim")
    assert (denial.claimant, denial.kind, denial.denies) == ("Turkish officials", "denial", claim.key)


@pytest.mark.parametrize(
    "rebuttal",
    [
        '"I am completely innocent and I will prove it," the coach said.',
        "\"The club's story doesn't hold up,\" the coach said.",
    ],
)
def test_a_plea_of_innocence_or_a_story_that_does_not_hold_up_answers_the_accusation(run, rebuttal):
    r = run("The club said its coach had taken money from player agents for three years.\n" + rebuttal)
    accusation, answer = r.claims
    assert answer.kind in ("denial", "counter_claim")


@pytest.mark.parametrize(
    "rebuttal",
    [
        '"We are not planning closures on anything like that scale," a spokesperson said in an emailed statement '
        "to Reuters.",
        '"All 40 stores will stay open, and no closures are planned this year," the retailer said in a statement, '
        "adding that it had hired 300 staff.",
    ],
)
def test_a_denied_plan_answers_the_report_of_the_plan(run, rebuttal):
    r = run(
        "Tillmann Stores plans to close 12 of its 40 stores, the Financial Times reported, citing two people "
        "familiar with the matter.\n" + rebuttal
    )
    assert r.claims[-1].kind == "denial"


def test_no_casualties_from_the_other_side_answers_its_report_of_a_strike(run):
    r = run(
        "Ukraine's general staff said its forces had struck a Russian fuel depot in the occupied south.\n"
        "Russian-installed officials in the region said a shed had been damaged by debris and that there were no "
        "casualties."
    )
    assert r.claims[-1].kind in ("denial", "counter_claim")


def test_accounts_accused_of_spreading_disinformation_do_not_make_the_ruling_a_denial(run):
    r = run(
        "The judge said the platform had ignored nine orders to remove accounts accused of spreading "
        "disinformation about the vote."
    )
    assert [c.kind for c in r.claims] == ["claim"]


def test_accusing_a_party_of_spreading_lies_rejects_its_claims(run):
    r = run("The ministry accused the opposition of spreading lies about the count.")
    assert [c.kind for c in r.claims] == ["denial"]


def test_strongly_disagreeing_with_a_regulators_preliminary_view_is_a_denial(run):
    r = run(
        "The Commission said the app store rules broke competition law. "
        "The company said it strongly disagrees with the preliminary view."
    )
    assert [c.kind for c in r.claims] == ["claim", "denial"]


def test_calling_a_figure_inflated_or_fabricated_after_giving_ones_own_is_a_denial(run):
    r = run(
        "A company spokesman said the spill was closer to 8,000 gallons and called the state's estimate "
        "\u201cinflated\u201d.\nIt said it had acted quickly and called the casualty figures \u201cfabricated\u201d."
    )
    assert [c.kind for c in r.claims] == ["denial", "denial"]


def test_inflated_by_a_cause_is_no_denial(run):
    r = run("Analysts said the housing bubble was inflated by cheap credit.")
    assert [c.kind for c in r.claims] == ["claim"]


def test_disputing_a_finding_or_rejecting_conclusions_is_a_denial(run):
    r = run(
        "The agency said cucumbers from one farm had made 41 people ill. "
        "The farm disputed the finding. The regulator's auditors said the bank had hidden losses. "
        "The bank rejected the conclusions of the audit."
    )
    assert [c.kind for c in r.claims] == ["claim", "denial", "claim", "denial"]


def test_rejecting_the_conclusion_of_a_deal_is_no_denial(run):
    assert run("The board rejected the conclusion of a merger agreement.").claims == []
