"""Unverified cues: the claims they cover, in their own sentence or earlier ones, and no others."""

from .conftest import only


def test_cue_inside_the_claim_sentence_flags_that_claim(run):
    c = only(
        run(
            "Russian security official Nikolai Patrushev said today, without providing any evidence, that "
            "Ukrainian services were behind the shooting."
        )
    )
    assert c.unverified
    assert c.unverified_cue.text == "without providing any evidence"


def test_claimed_without_evidence_is_unverified(run):
    assert only(run("Trump claimed without evidence that the election had been rigged.")).unverified


def test_cue_in_a_later_sentence_covers_the_accounts_of_its_paragraph(run):
    text = (
        "Intro paragraph: Russia said it had taken a village.\n"
        "Russian drones hit Kharkiv, the mayor and the regional governor said. Kharkiv mayor Ihor Terekhov said "
        "four people died. Five people were injured. A fifth person was killed, Terekhov said. "
        "Reuters was unable to independently verify the accounts."
    )
    result = run(text)
    flags = [(c.claimant, c.unverified) for c in result.claims]
    assert flags == [
        ("Russia", False),
        ("the mayor and the regional governor", True),
        ("Ihor Terekhov", True),
        ("Ihor Terekhov", True),
    ]
    assert result.claims[1].unverified_cue.text == "Reuters was unable to independently verify the accounts"
    cue = result.claims[1].unverified_cue
    assert text[cue.start : cue.end] == cue.text


def test_singular_cue_covers_only_the_last_claim(run):
    result = run(
        "The ministry said 30 drones were downed. The Israeli military said it had targeted a command centre. "
        "It did not provide evidence for the claim."
    )
    assert [c.unverified for c in result.claims] == [False, True]


def test_possessor_in_the_cue_picks_that_sides_claims(run):
    result = run(
        "Ukraine's air force said it shot down 22 drones. Russia's defence ministry said it destroyed 18 "
        "Ukrainian drones. Reuters could not verify Russia's claims."
    )
    assert [c.unverified for c in result.claims] == [False, True]


def test_cue_does_not_reach_claims_after_it(run):
    result = run(
        "Ukraine's air force said it shot down 22 drones. Reuters could not independently verify the figures. "
        "Russia's defence ministry said it destroyed 18 drones."
    )
    assert [c.unverified for c in result.claims] == [True, False]


def test_a_second_cue_does_not_reflag_claims_an_earlier_cue_covered(run):
    result = run(
        "Ukraine's air force said it shot down 22 drones. Reuters could not verify the figures. "
        "Russia said it downed 18 drones. Reuters could not verify the figures either."
    )
    first, second = result.claims
    assert first.unverified_cue.start < second.unverified_cue.start


def test_plain_negatives_are_not_unverified_cues(run):
    result = run("The ministry said the report was accurate. The ministry did not immediately respond to a request.")
    assert not any(c.unverified for c in result.claims)


def test_relative_cue_in_the_claim_sentence_flags_it(run):
    c = only(run("An armed group claimed responsibility in a video posted online, which Al Jazeera could not verify."))
    assert c.unverified_cue.text == "could not verify"


def test_provided_no_evidence_after_the_claim_flags_it(run):
    c = only(run("The interior ministry said 12 attackers had been killed, but provided no evidence."))
    assert c.unverified


def test_singular_cue_passes_over_a_denial_to_the_claim_it_denies(run):
    result = run(
        "The RSF killed more than 100 civilians, a local resistance committee said. The RSF denied targeting "
        "civilians. CNN could not independently verify the death toll."
    )
    assert [c.unverified for c in result.claims] == [True, False]


def test_has_not_verified_and_no_independent_confirmation_are_cues(run):
    result = run("The army said it shot down 20 drones. The BBC has not verified the figures.")
    assert only(result).unverified
    result = run("The ministry said 30 people died. There was no independent confirmation of the toll.")
    assert only(result).unverified


def test_a_party_not_confirming_a_report_is_not_an_unverified_cue(run):
    result = run("Police said three people were held. The ministry did not immediately confirm the arrests.")
    assert not only(result).unverified


def test_a_cue_naming_a_party_reaches_back_past_its_paragraph(run):
    text = (
        "Floodwater swept through three villages overnight, killing at least 12 people, according to a local "
        "relief committee. The relief committee said more than 400 homes had been destroyed.\n\n"
        "The provincial governor said rescue teams had reached all three villages. Officials said roads would "
        "reopen on Monday. The broadcaster was unable to independently verify the committee's account."
    )
    flagged = {c.claimant for c in run(text).claims if c.unverified}
    assert flagged == {"a local relief committee", "The relief committee"}


def test_either_side_covers_both_parties_across_paragraphs(run):
    text = (
        "Russia's defence ministry said its forces had destroyed four Ukrainian fuel depots.\n"
        "Ukraine's air force said it had shot down 20 of 25 drones launched overnight. Reuters could not "
        "independently verify the battlefield claims made by either side."
    )
    flagged = sorted(c.claimant for c in run(text).claims if c.unverified)
    assert flagged == ["Russia's defence ministry", "Ukraine's air force"]


def test_could_not_immediately_be_confirmed_flags_the_claim_before_it(run):
    c = only(run("Activists said 12 people died in the shelling. The toll could not immediately be confirmed."))
    assert c.unverified is True
    assert c.unverified_cue.text == "The toll could not immediately be confirmed"


def test_could_not_immediately_be_reached_is_no_cue(run):
    c = only(run("Activists said 12 people died in the shelling. The governor could not immediately be reached."))
    assert c.unverified is False


def test_evidence_not_provided_for_a_that_clause_or_beside_another_omission_is_a_cue(run):
    r = run(
        "The militia said it had shot down a drone over the border town. "
        "It did not provide evidence that the drone had been armed.\n\n"
        "A spokesman said two hostages had died in an air strike. "
        "He did not name them or provide any proof of the deaths."
    )
    assert [c.unverified for c in r.claims] == [True, True]


def test_a_figure_whose_data_or_tally_was_not_published_is_unverified(run):
    r = run(
        "The monitoring group said ballots had been stuffed at 80 polling stations. "
        "The group did not publish the data behind its assessment.\n\n"
        "The losing candidate insists he won the vote. He has not published a parallel tally to back up his claim."
    )
    assert [c.unverified for c in r.claims] == [True, True]


def test_declining_to_say_or_give_a_date_is_no_cue(run):
    r = run("The minister said talks would resume. She did not say when or give a date.")
    assert [c.unverified for c in r.claims] == [False]


def test_a_military_claim_of_fighters_neutralised_is_covered_by_a_cue_about_the_tolls(run):
    r = run(
        "The army said it had neutralised about 40 insurgents in an air strike on Sunday.\n"
        "A village chief told AFP that 19 civilians were killed.\n"
        "AFP was unable to independently verify the tolls given."
    )
    assert [c.unverified for c in r.claims] == [True, True]


def test_a_cue_about_the_polices_allegations_covers_the_police_chiefs_claims(run):
    r = run(
        "Police said on Monday they had detained 30 people suspected of planning riots.\n"
        "\u201cThe aim was to disrupt the vote,\u201d police chief Ion Rusu told a briefing. He said officers had "
        "seized weapons in 90 searches.\n"
        "The mayor said the city was calm.\n"
        "Reuters could not verify the police's allegations."
    )
    assert [c.unverified for c in r.claims] == [True, True, True, False]


def test_a_tally_not_published_covers_every_claim_it_would_back(run):
    r = run(
        "Opposition candidate Ana Lobo insists she won the election. \u201cThe results were stolen,\u201d she said.\n"
        "Lobo has not published a parallel tally to back up her claim."
    )
    assert [c.unverified for c in r.claims] == [True, True]


def test_an_outlet_unable_to_reproduce_what_a_report_describes_doubts_the_report(run):
    r = run(
        "In a report published Wednesday, researchers said the chatbot gave dangerous medical advice in 12 of "
        "40 conversations.\nCNN was unable to independently reproduce the exchanges described in the report."
    )
    assert [c.unverified for c in r.claims] == [True]


def test_either_sides_accounts_cover_the_witnesses_told_before_the_sides(run):
    r = run(
        "An air strike on a market in the town killed at least 14 people, residents said.\n"
        "\u201cThere were only women and children there,\u201d said Amina Yusuf, a trader.\n"
        "The army said it had struck a rebel command post.\n"
        "The rebels denied having fighters in the town.\n"
        "Reuters could not independently verify the accounts of either side."
    )
    assert [c.unverified for c in r.claims] == [True, True, True, True]


def test_the_situation_on_the_ground_covers_every_account_told_of_it(run):
    r = run(
        "The defence ministry said its troops had captured the village of Orlove.\n"
        "A brigade spokesman said Ukrainian soldiers were still holding the school and the church.\n"
        "Reuters could not independently verify the situation on the ground."
    )
    assert [c.unverified for c in r.claims] == [True, True]


def test_the_circumstances_of_a_shooting_cover_both_accounts_beside_the_toll(run):
    r = run(
        "At least 12 people were killed near the aid site, hospital officials said.\n"
        "Witnesses said soldiers opened fire on the crowd. The army said troops fired warning shots.\n"
        "CNN could not independently verify the death toll or the circumstances of the shooting."
    )
    assert [c.unverified for c in r.claims] == [True, True, True]


def test_an_outlet_named_with_the_before_it_is_the_outlet_not_the_last_speaker(run):
    r = run(
        "The defence ministry said its troops had captured the village of Orlove.\n"
        "A brigade spokesman said Ukrainian soldiers were still holding the school.\n"
        "The BBC could not independently verify the situation on the ground."
    )
    assert [c.unverified for c in r.claims] == [True, True]


def test_a_newspaper_called_the_post_is_the_doubter_not_the_doubted_post(run):
    r = run(
        "The defence ministry said its troops had captured the village of Orlove.\n"
        "A brigade spokesman said Ukrainian soldiers were still holding the school.\n"
        "The Kyiv Post could not independently verify the situation on the ground."
    )
    assert [c.unverified for c in r.claims] == [True, True]
