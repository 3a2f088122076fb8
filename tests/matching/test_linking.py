from claims.matching.linking import (
    ClaimFacts,
    count_origins,
    decide_dispute,
    decide_repeat,
    decide_response,
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
    assert named_targets("France has denied Russia\u2019s claim of a discussion") == ["Russia"]
    assert named_targets("said the Ukrainian president's assertion about troops") == ["Ukrainian president"]
    assert named_targets("dismissed claims by State Media that the bridge fell") == ["State Media"]


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
ANSWER = ClaimFacts(
    id=11,
    kind="claim",
    text="it had never released untreated waste into the Ouse",
    sentence="Corvane Chemicals said it had never released untreated waste into the Ouse.",
    claimant="Corvane Chemicals",
    document=11,
    story=story_names(
        "Corvane Chemicals said it had never released untreated waste into the Ouse. Shares in Corvane fell."
    ),
)


def test_the_accused_partys_answer_from_another_document_counters_the_report():
    decision = decide_response(ANSWER, REPORT)
    assert decision.relation == "counters"
    assert decision.from_id == ANSWER.id and decision.to_id == REPORT.id
    assert decision.confidence >= 0.6
    assert "corva" in decision.explanation


def test_the_report_is_no_answer_to_the_accused_party():
    assert decide_response(REPORT, ANSWER) is None


def test_an_answer_from_another_story_is_not_a_counter_claim():
    elsewhere = ClaimFacts(
        id=12,
        kind="claim",
        text="Corvane Chemicals had never paid its chief executive a bonus",
        sentence="A shareholder group said Corvane Chemicals had never paid its chief executive a bonus.",
        claimant="A shareholder group",
        document=12,
        story=story_names(
            "A shareholder group in Leeds said Corvane Chemicals had never paid Mark Hollis a bonus at its AGM."
        ),
    )
    decision = decide_response(ANSWER, elsewhere)
    assert decision is None or decision.confidence < 0.6


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
