"""Reading a claim and a possible answer to it from two documents as the dispute rules read one story."""

from claims.extraction.disputes import link_confidence, reply_reading


def _only(result):
    assert len(result.claims) == 1, [(c.key, c.sentence.text[:60]) for c in result.claims]
    return result.claims[0]


def test_an_armed_partys_account_of_a_reported_strike_reads_as_a_counter_claim(run):
    told = _only(
        run(
            "An air strike on a market in the town of Keren killed at least 12 people, including four "
            "children, the regional health office said on Friday."
        )
    )
    reply = _only(run("The air force said it had hit a weapons depot used by rebel fighters near the town."))
    kind, confidence = reply_reading(told, reply)
    assert kind == "counter_claim"
    assert 0.5 < confidence < 1.0


def test_a_denial_of_a_newspaper_report_reads_as_a_denial_of_that_report(run):
    told = _only(run("The Evening Courier reported that the council had drawn up plans to close three libraries."))
    reply = _only(run("A council spokeswoman said the report that libraries would close was untrue."))
    assert reply_reading(told, reply)[0] == "denial"


def test_two_claims_of_one_side_are_no_dispute(run):
    told = _only(run("The health ministry said 40 people had been admitted to hospital with burns."))
    reply = _only(run("The health ministry said the two hospitals in the city had run short of dressings."))
    assert reply_reading(told, reply) is None


def test_the_answer_must_come_second(run):
    told = _only(run("The Evening Courier reported that the council had drawn up plans to close three libraries."))
    reply = _only(run("A council spokeswoman said the report that libraries would close was untrue."))
    assert reply_reading(reply, told) is None


def test_a_link_confidence_grows_with_the_rules_score_and_stays_below_one():
    assert link_confidence(2.0) < link_confidence(4.0) < link_confidence(7.0) <= 0.95
    assert link_confidence(40.0) == 0.95


def test_an_in_document_link_carries_the_rules_confidence(run):
    result = run(
        "The Evening Courier reported on Monday that the council had drawn up plans to close three libraries. "
        "A council spokeswoman said the report was untrue."
    )
    denial = next(c for c in result.claims if c.kind == "denial")
    assert denial.denies is not None
    assert denial.link_confidence is not None and 0.55 <= denial.link_confidence <= 0.95
