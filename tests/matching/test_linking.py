from claims.extraction import extract
from claims.matching.linking import (
    ClaimFacts,
    StoryIndex,
    count_origins,
    decide_dispute,
    decide_repeat,
    decide_reply,
    named_targets,
    story_names,
    story_overlap,
)

RUSSIAN_CLAIM = ClaimFacts(
    id=1,
    kind="claim",
    text="Shoigu and Lecornu discussed the potential for talks on the Ukraine conflict",
    sentence="Russia said that Shoigu and Lecornu discussed the potential for talks on the Ukraine conflict.",
    claimant="Russia",
    document=1,
)
FRENCH_DENIAL = ClaimFacts(
    id=2,
    kind="denial",
    text="France has denied Russia's claim of a discussion on potential Ukraine talks",
    sentence="France has denied Russia's claim of a discussion on potential Ukraine talks, according to AFP.",
    claimant="France",
    document=2,
)


def test_denial_names_whose_claim_it_rejects():
    assert named_targets("France has denied Russia\u2019s claim of a discussion") == ("Russia",)
    assert named_targets("said the Ukrainian president's assertion about troops") == ("Ukrainian president",)
    assert named_targets("dismissed claims by State Media that the bridge fell") == ("State Media",)


def test_denial_naming_the_claimant_and_topic_is_a_confident_link():
    decision = decide_dispute(FRENCH_DENIAL, RUSSIAN_CLAIM)
    assert decision.relation == "denies"
    assert decision.confidence >= 0.6
    assert "names 'Russia'" in decision.explanation
    assert "shared content word" in decision.explanation


def test_denial_about_another_topic_is_not_confident():
    harvest = ClaimFacts(id=3, kind="claim", text="The grain harvest fell by a third", claimant="Russia", document=3)
    decision = decide_dispute(FRENCH_DENIAL, harvest)
    assert decision is None or decision.confidence < 0.6


def test_a_claim_does_not_deny_and_a_denial_is_not_a_target():
    assert decide_dispute(RUSSIAN_CLAIM, FRENCH_DENIAL) is None


def test_agencies_carrying_one_ministry_are_one_origin():
    ap = ClaimFacts(
        id=10, kind="claim", text="x", claimant="Igor Konashenkov", body="Russian defence ministry", outlet="AP"
    )
    reuters = ClaimFacts(
        id=11, kind="claim", text="x", claimant="the ministry", body="Russian Defence Ministry", outlet="Reuters"
    )
    ukraine = ClaimFacts(id=12, kind="claim", text="x", claimant="Ukrainian air force", outlet="Reuters")
    assert count_origins([ap, reuters]) == 1
    assert count_origins([ap, reuters, ukraine]) == 2


def test_same_claim_from_the_same_body_is_same_as_and_from_another_corroborates():
    text = "Air defences shot down 42 Ukrainian drones over the Belgorod and Kursk regions overnight"
    mod_ap = ClaimFacts(id=20, kind="claim", text=text, body="Russian defence ministry", document=20, outlet="AP")
    mod_reuters = ClaimFacts(id=21, kind="claim", text=text, body="Russian Defence Ministry", document=21)
    governor = ClaimFacts(id=22, kind="claim", text=text, claimant="Belgorod governor", document=22)
    assert decide_repeat(mod_reuters, mod_ap).relation == "same_as"
    assert decide_repeat(governor, mod_ap).relation == "corroborates"
    assert "independent origins" in decide_repeat(governor, mod_ap).explanation


REPORT = ClaimFacts(
    id=10,
    kind="claim",
    text="Corvane Chemicals had dumped untreated waste into the river Ouse for months",
    sentence="Regulators said on Monday that Corvane Chemicals had dumped untreated waste into the river Ouse for months.",
    claimant="Regulators",
    document=10,
    story=story_names(
        "Regulators said on Monday that Corvane Chemicals had dumped untreated waste into the river Ouse."
    ),
)


def _read(text: str, *, id: int) -> ClaimFacts:
    """A one-claim document as matching sees it: the extracted claim and the document's names."""
    [claim] = extract(text).claims
    return ClaimFacts(
        id=id,
        kind=claim.kind,
        text=claim.content.text if claim.content else claim.sentence.text,
        sentence=claim.sentence.text,
        claimant=claim.claimant or "",
        document=id,
        story=story_names(text, countries=False),
        extracted=claim,
    )


WASTE_REPORT = (
    "Regulators said on Monday that Corvane Chemicals had dumped untreated waste into the river Ouse near York."
)
WASTE_ANSWER = "Corvane Chemicals said on Tuesday it had never released untreated waste into the Ouse at York."


def test_the_accused_partys_answer_from_another_document_denies_the_report():
    report, answer = _read(WASTE_REPORT, id=10), _read(WASTE_ANSWER, id=11)

    decision = decide_reply(answer, report, stories=StoryIndex({10: WASTE_REPORT, 11: WASTE_ANSWER}))

    assert decision.relation == "denies"
    assert decision.from_id == answer.id and decision.to_id == report.id
    assert decision.confidence >= 0.6
    assert decision.explanation.startswith("read as a denial of it")


def test_the_report_is_no_answer_to_the_accused_party():
    report, answer = _read(WASTE_REPORT, id=10), _read(WASTE_ANSWER, id=11)
    assert decide_reply(report, answer, stories=StoryIndex({10: WASTE_REPORT, 11: WASTE_ANSWER})) is None


def test_an_armed_partys_version_in_another_document_counters_the_casualty_report():
    text = (
        "An air strike on a market in the town of Keren killed at least 12 people, including four children, "
        "the regional health office said on Friday."
    )
    reply_text = "The air force said it had hit a weapons depot used by rebel fighters near Keren."
    report, reply = _read(text, id=20), _read(reply_text, id=21)

    decision = decide_reply(reply, report, stories=StoryIndex({20: text, 21: reply_text}))

    assert decision.relation == "counters"
    assert "both name keren" in decision.explanation


def test_the_same_answer_weighs_less_against_another_story():
    elsewhere_text = "A shareholder group said Corvane Chemicals had dumped old office furniture at a tip in Leeds."
    report, answer = _read(WASTE_REPORT, id=10), _read(WASTE_ANSWER, id=11)
    elsewhere = _read(elsewhere_text, id=12)
    stories = StoryIndex({10: WASTE_REPORT, 11: WASTE_ANSWER, 12: elsewhere_text})

    same = decide_reply(answer, report, stories=stories)
    other = decide_reply(answer, elsewhere, stories=stories)

    assert other is None or other.confidence < same.confidence


def test_documents_that_tell_one_event_are_closer_than_documents_of_one_war():
    stories = StoryIndex(
        {
            1: "Russian drones hit an oil depot in Ryazan overnight; the governor of Ryazan said a fire broke out.",
            2: "The Ryazan governor said the depot fire was put out by morning and nobody was hurt.",
            3: "Russian drones hit a power station in Odesa overnight, Ukraine's energy ministry said.",
        }
    )
    assert stories.similarity(1, 2) > stories.similarity(1, 3)
    assert stories.closeness(1, 2) == 1.0
    assert stories.similarity(1, 1) == 0.0


def test_two_documents_share_a_story_when_they_name_the_same_parties():
    a = ClaimFacts(
        id=1,
        kind="claim",
        text="",
        document=1,
        story=story_names("Police in Nairobi shot protesters near Uhuru Park, Reuters said."),
    )
    b = ClaimFacts(
        id=2,
        kind="claim",
        text="",
        document=2,
        story=story_names("Nairobi police denied shooting near Uhuru Park, Reuters reported."),
    )
    c = ClaimFacts(
        id=3, kind="claim", text="", document=3, story=story_names("The Bank of England held rates in London.")
    )
    assert story_overlap(a, b) > 0.5
    assert story_overlap(a, c) == 0.0
