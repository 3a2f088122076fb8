"""Document-level disputes: reports named inside denials, counter-claims, flat negations and denial links."""

import pytest

from claims.extraction import disputes

from .conftest import TEXTS
from .test_accuracy import _score, _scorer


def _by(result, fragment: str, kind: str | None = None):
    """The claim whose sentence holds the fragment (of the kind given, if any)."""
    hits = [c for c in result.claims if fragment in c.sentence.text and (kind is None or c.kind == kind)]
    assert hits, [(c.key, c.kind, c.claimant, c.sentence.text[:60]) for c in result.claims]
    return hits[0]


def _denied(result, claim):
    return next((c for c in result.claims if c.key == claim.denies), None)


def test_a_report_named_in_a_denial_is_a_claim_of_the_outlet_and_the_denial_rejects_it(run):
    r = run(
        "The defence ministry on Monday denied a Le Monde report that France was about to withdraw its "
        "troops from Chad. Officials in N'Djamena said they had not been told of any change."
    )
    report = _by(r, "Le Monde report", "claim")
    denial = _by(r, "Le Monde report", "denial")
    assert "Le Monde" in report.claimant
    assert "withdraw its troops" in report.content.text
    assert denial.denies == report.key


def test_a_report_said_to_be_untrue_is_split_out_of_the_same_sentence(run):
    r = run("A spokesperson for the airline said a Sky News report that it would cut 2,000 jobs was untrue.")
    report = _by(r, "Sky News", "claim")
    denial = _by(r, "Sky News", "denial")
    assert "Sky News" in report.claimant and denial.denies == report.key
    assert report.content.text.startswith("it would cut 2,000 jobs")


def test_a_denial_before_the_claim_links_forward_by_content(run):
    r = run(
        "The education department denied reports that it plans to close rural primary schools.\n"
        "The Yorkshire Post reported on Tuesday that officials had drawn up a list of 40 rural primary schools "
        "to close.\n"
        "Teachers' unions said staff shortages were getting worse."
    )
    denial = _by(r, "denied reports", "denial")
    assert "drawn up a list" in _denied(r, denial).sentence.text


def test_a_denial_of_a_claim_the_text_does_not_report_stays_unlinked(run):
    r = run(
        "The nurses' union rejected the health minister's claim that nurses had received a 20% rise.\n"
        "Hospital managers said 300 wards were short of staff over the winter."
    )
    assert _by(r, "rejected the health minister", "denial").denies is None


def test_a_denial_is_linked_to_a_claim_never_to_another_denial_or_to_itself(run):
    r = run(
        "Lawmakers said the agency had lost track of 3,000 laptops.\n"
        "The agency denied the allegation.\n"
        "“That figure is simply false,” an agency spokesperson said."
    )
    keys = {c.key: c for c in r.claims}
    denials = [c for c in r.claims if c.kind == "denial"]
    assert len(denials) == 2
    for d in denials:
        assert d.denies is not None and d.denies != d.key
        assert keys[d.denies].kind != "denial"
        assert "lost track" in keys[d.denies].sentence.text


def test_the_named_author_picks_the_claim_among_several(run):
    r = run(
        "The ferry operator said the crossing had been cancelled because of high winds.\n"
        "The seafarers' union said the crew had not been paid for two months.\n"
        "Coastguard officials said two vessels had been escorted back to port.\n"
        "The operator dismissed the union's allegation about unpaid wages."
    )
    denial = _by(r, "dismissed the union", "denial")
    assert "not been paid" in _denied(r, denial).sentence.text


def test_a_rival_version_from_the_accused_party_is_a_counter_claim(run):
    r = run(
        "An airstrike on a market in the town killed at least nine civilians, the local health office said.\n"
        "The army said its aircraft had struck a weapons depot used by rebel fighters near the market."
    )
    counter = _by(r, "weapons depot")
    assert counter.kind == "counter_claim"
    assert "nine civilians" in _denied(r, counter).sentence.text


def test_the_defences_account_is_a_counter_claim_to_the_prosecutions(run):
    r = run(
        "Prosecutors said the accountant had moved £2m of client money into an offshore account.\n"
        "Her lawyer told the court the transfers had been authorised by the firm's partners."
    )
    counter = _by(r, "authorised")
    assert counter.kind in ("counter_claim", "denial")
    assert "offshore" in _denied(r, counter).sentence.text


def test_rival_totals_for_the_same_crowd_are_a_counter_claim(run):
    r = run(
        "Organisers said 200,000 people had joined the march through the capital.\n"
        "Police said 45,000 people had taken part."
    )
    assert _by(r, "45,000").kind == "counter_claim"


def test_successive_claims_by_different_people_are_not_counter_claims(run):
    r = run(
        "The central bank said inflation had slowed to 3.1% in October.\n"
        "Retailers said shoppers were spending more on food.\n"
        "The statistics office said unemployment had risen to 4.4%."
    )
    assert {c.kind for c in r.claims} == {"claim"}


@pytest.mark.parametrize(
    "reply",
    [
        "“Nothing of the sort has been discussed,” the minister's office said.",
        "The ministry said the figures were grossly exaggerated.",
        "“I have never met him, and I never took any money,” the minister told reporters.",
    ],
)
def test_a_flat_negation_of_an_earlier_claim_is_a_denial(run, reply):
    r = run("An opposition MP said the minister had accepted £50,000 from a gambling firm.\n" + reply)
    last = [c for c in r.claims if c.sentence.text == reply.strip()]
    assert last and last[0].kind == "denial"
    assert "£50,000" in _denied(r, last[0]).sentence.text


def test_a_negation_that_rejects_nothing_stays_a_claim(run):
    r = run("Firefighters said nobody had been hurt in the blaze at the warehouse.")
    assert [c.kind for c in r.claims] == ["claim"]


def test_a_rejection_in_a_trailing_clause_is_a_denial_of_the_claim_before_it(run):
    r = run("The rebels said they had shot down a government helicopter, a claim the air force denied.")
    claim = _by(r, "helicopter", "claim")
    denial = _by(r, "helicopter", "denial")
    assert "air force" in denial.claimant
    assert denial.denies == claim.key


def test_a_passive_dispute_names_the_denier(run):
    r = run(
        "A former manager said the mine had failed three safety inspections last year.\n"
        "The account was disputed by the mining company, which said every inspection had been passed."
    )
    denial = _by(r, "disputed by", "denial")
    assert "mining company" in denial.claimant
    assert "safety inspections" in _denied(r, denial).sentence.text


def test_dispute_texts_reach_the_targets_for_denials_links_and_cues(backend, tmp_path):
    _scorer()
    figures = _score(TEXTS / "disputes.jsonl", backend, tmp_path)
    assert figures["denials"]["f1"] >= 0.85, figures
    assert figures["denial_links"]["f1"] >= 0.80, figures
    assert figures["unverified"]["f1"] >= 0.90, figures
    assert figures["claims"]["f1"] >= 0.90, figures


def test_a_body_named_only_as_a_modifier_is_not_the_accused_party(run):
    r = run(
        "Prosecutors said the former bank manager had stolen $1.2 million from elderly customers.\n"
        "A spokesperson for the bank said it had repaid all the affected customers."
    )
    assert [c.kind for c in r.claims] == ["claim", "claim"]


def test_a_result_rejected_in_a_trailing_clause_names_the_rejecting_party_without_the_adverb(run):
    r = run(
        "The election board said the governor had been re-elected with 58% of the vote, a result the opposition "
        "swiftly rejected."
    )
    denial = _by(r, "election board", "denial")
    assert denial.claimant == "opposition"
    assert _denied(r, denial).kind == "claim"


def test_a_dismissed_report_links_to_the_report_described_in_the_next_sentence(run):
    r = run(
        "The prime minister's office on Monday dismissed a report that the cabinet had agreed to delay the "
        "pension reform.\n"
        "The report, published by Politico and citing two ministers, said the decision was taken on Friday."
    )
    denial = _by(r, "dismissed a report", "denial")
    assert "published by Politico" in _denied(r, denial).sentence.text


def test_a_flat_negation_quoted_as_saying_denies_the_other_sides_claim(run):
    r = run(
        "Lithuania said Belarusian balloons had crossed its border carrying contraband cigarettes.\n"
        "Belarus's ambassador, Igor Lenko, was quoted by the Belta news agency as saying Lithuania had "
        "“shown nothing” to back its accusation."
    )
    denial = _by(r, "Igor Lenko")
    assert denial.kind in ("denial", "counter_claim")
    assert "balloons" in _denied(r, denial).sentence.text


def test_a_different_total_for_the_same_thing_later_in_the_sentence_is_a_counter_claim(run):
    r = run(
        "A campaign group said more than 8,000 patients were waiting in hospital corridors across the region.\n"
        "The health board said the number of patients waiting in corridors had fallen to about 2,100 this week.\n"
        "The ministry said 14 people had been arrested after the protest.\n"
        "Police said 14 people had been arrested and two officers had been injured."
    )
    assert _by(r, "fallen to about 2,100").kind == "counter_claim"
    assert _by(r, "Police said").kind == "claim"  # the same figure is no rival version


def test_the_accused_partys_answer_to_an_accusation_is_a_counter_claim(run):
    r = run(
        "Short seller Greyfield Research accused Lumen Payments of inflating its revenue by booking sales twice.\n"
        "Lumen said its accounts had been audited by an independent firm and were accurate."
    )
    answer = _by(r, "audited")
    assert answer.kind == "counter_claim"
    assert "inflating" in _denied(r, answer).sentence.text


def test_witnesses_version_against_the_armed_partys_is_a_counter_claim(run):
    r = run(
        "The army said its soldiers had fired at gunmen who attacked a checkpoint near the town.\n"
        "Witnesses told the BBC that soldiers had opened fire on a crowd of mourners leaving a funeral."
    )
    assert _by(r, "mourners").kind == "counter_claim"


def test_a_party_plainly_telling_of_its_own_interceptions_is_no_counter_claim(run):
    r = run(
        "Drones struck a fuel depot near the port overnight, killing two workers, the regional governor said.\n"
        "The defence ministry said its air defences had destroyed 47 drones over four regions."
    )
    assert [c.kind for c in r.claims] == ["claim", "claim"]


def test_an_armed_party_claiming_other_targets_than_those_reported_stays_a_counter_claim(run):
    r = run(
        "Missiles struck a fuel depot near the port overnight, killing two workers, the regional governor said.\n"
        "The defence ministry claimed that its forces had struck military airfields with precision weapons."
    )
    assert r.claims[1].kind == "counter_claim"


def test_a_denial_of_an_account_told_over_two_sentences_links_to_the_sentence_that_opened_it(run):
    r = run(
        "Port director Miguel Osorio said on Sunday that a tanker had spilled crude oil into the bay.\n"
        "Osorio said the oil spilled by the tanker covered four square kilometres of the bay.\n"
        "The shipping company denied that its tanker had spilled any oil into the bay."
    )
    opening = _by(r, "Port director Miguel Osorio")
    denial = _by(r, "The shipping company denied", "denial")
    assert denial.denies == opening.key


def test_a_denial_of_a_later_detail_by_its_words_links_to_that_detail(run):
    r = run(
        "Port director Miguel Osorio said on Sunday that a tanker had spilled crude oil into the bay.\n"
        "Osorio said the oil spilled by the tanker covered four square kilometres of the bay.\n"
        "The shipping company denied that the oil covered four square kilometres, saying the slick was far smaller."
    )
    detail = _by(r, "four square kilometres of the bay")
    denial = _by(r, "The shipping company denied", "denial")
    assert denial.denies == detail.key


def test_the_people_named_again_speak_for_the_outlets_report(run):
    r = run(
        "Halvorsen Foods plans to close three of its bakeries, the Financial Times reported, citing two people "
        "familiar with the matter.\n"
        "About 900 jobs would go in the closures, which could be announced next month, the people said.\n"
        "Halvorsen said the report was inaccurate."
    )
    opening = _by(r, "Halvorsen Foods plans")
    denial = _by(r, "report was inaccurate", "denial")
    assert denial.denies == opening.key


def test_a_denial_with_little_in_common_with_any_claim_answers_the_storys_opening_claim(run):
    r = run(
        "A military air strike on a village in the central hills has killed at least 27 people, including several "
        "children, according to the opposition's shadow government and local fighters.\n"
        "The jet dropped two bombs on the village shortly after dawn as families gathered at the market, a member "
        "of the village's defence force told Reuters by phone.\n"
        '"Most of the dead were farmers and children," he said.\n'
        'A military spokesman told state television that the air force had targeted a "training camp of '
        'terrorists" and dismissed reports of civilian deaths as "fake news".'
    )
    opening = _by(r, "A military air strike")
    denial = _by(r, "A military spokesman", "denial")
    assert denial.denies == opening.key


def test_the_party_an_audit_is_about_answers_it_with_its_own_version(run):
    r = run(
        "Harbour Mayor Colin Reddy spent more than $30,000 on a city card over three years, according to a state "
        "audit released on Tuesday.\n"
        "The audit said the charges included hotel stays in Denver and a $2,400 purchase of camping gear.\n"
        "Reddy said the Denver stays were for a planning conference and that the camping gear had been bought for "
        "the city's parks crews."
    )
    audit = _by(r, "according to a state")
    answer = _by(r, "Reddy said the Denver")
    assert answer.kind == "counter_claim"
    assert answer.denies == audit.key


def test_the_party_a_report_is_about_confirming_it_is_no_counter_claim(run):
    r = run(
        "Harbour Mayor Colin Reddy spent more than $30,000 on a city card on trips and equipment without receipts, "
        "according to a state audit released on Tuesday.\n"
        "Reddy said he had confirmed the figures with the auditor and would repay the money."
    )
    assert _by(r, "Reddy said he had").kind == "claim"


def test_the_family_contradicting_the_police_version_is_a_counter_claim_to_it(run):
    r = run(
        "A deputy shot a 24-year-old man at a petrol station on Friday after the man lunged at him with a knife, "
        "the county sheriff's office said.\n\n"
        "But relatives of the man said he was holding only his phone when he was shot."
    )
    police, family = r.claims
    assert family.kind == "counter_claim" and family.denies == police.key


def test_a_named_possessor_is_not_matched_by_a_surname_that_merely_stands_near_the_name(run):
    # "the health secretary's claim" may be found by the title near a surname; "Dalton's statement"
    # names Dalton, not the lawyer whose surname happens to stand just before his name
    text = (
        "A court denied a motion by lawyers for the detained workers, their lawyer Ana Ortiz said.\n"
        "Canadian Foreign Minister Mark Dalton said on Thursday there was clear evidence of fraud."
    )
    claims = run(text).claims
    lawyer, minister = (disputes._item(text, c, n) for n, c in enumerate(claims[:2]))
    assert lawyer.claim.claimant == "Ana Ortiz" and minister.claim.claimant == "Mark Dalton"
    assert disputes._possessor_matches(text, "Dalton", lawyer) is False
    assert disputes._possessor_matches(text, "Dalton", minister) is True


def test_no_one_having_done_any_such_thing_denies_the_report(run):
    r = run(
        "The Daily Ledger reported on Monday that the ministry had ordered banks to freeze the accounts of "
        "opposition donors.\n\n"
        "\u201cNo government body has issued any such order,\u201d a ministry spokeswoman told reporters on Tuesday."
    )
    report, answer = r.claims
    assert answer.kind == "denial" and answer.denies == report.key


def test_any_such_without_a_negation_is_no_denial(run):
    r = run(
        "The regulator said it would investigate the claims. It said any such breach would be punished with a fine."
    )
    assert [c.kind for c in r.claims] == ["claim", "claim"]


def test_a_country_rejecting_the_accusations_answers_the_other_countrys_police(run):
    r = run(
        "Moldovan police said on Monday they had detained 40 people suspected of planning riots, alleging that "
        "some had been trained abroad by Russian agents.\n\n"
        "Police chief Ion Rusu said officers had seized weapons and cash in 90 searches.\n\n"
        "Russia has rejected the accusations."
    )
    police, chief, russia = r.claims
    assert russia.kind == "denial" and russia.denies == police.key


def test_an_armed_partys_account_answers_a_report_of_civilians_killed_not_of_soldiers_killed(run):
    civilians = run(
        "An air strike on a school sheltering displaced families killed 19 people, including eight children, "
        "hospital officials said.\n\n"
        "The army said its jets had struck a command centre used by militants."
    )
    soldiers = run(
        "An air strike on a border post killed four soldiers, the defence ministry said.\n\n"
        "The army said its jets had struck a command centre used by militants."
    )
    assert civilians.claims[-1].kind == "counter_claim"
    assert soldiers.claims[-1].kind == "claim"


def test_but_x_said_it_had_not_happened_rejects_the_claim_just_told(run):
    r = run(
        "The rebels said they had struck a cargo ship in the Gulf of Aden with two missiles.\n\n"
        "But the navy said the ship had not been hit."
    )
    rebels, navy = r.claims
    assert navy.kind == "denial" and navy.denies == rebels.key


def test_there_were_no_live_rounds_rejects_the_account_of_shooting(run):
    r = run(
        "Students said police had fired live rounds at the protest, wounding a classmate in the chest.\n\n"
        "\u201cThere were no live rounds,\u201d a police spokesman told reporters."
    )
    students, police = r.claims
    assert police.kind == "denial" and police.denies == students.key


def test_but_relatives_insist_in_the_same_sentence_is_a_counter_claim(run):
    r = run(
        "Police say three suspected robbers were killed in a shootout on Sunday, but relatives of the men "
        "insist they were arrested alive."
    )
    police, relatives = r.claims
    assert relatives.kind == "counter_claim" and relatives.denies == police.key
