import numpy as np
import pytest

from claims.matching.ranking import FEATURES, ClaimRanker, StoredClaim, fuse

STORE = [
    StoredClaim("a", "Koalas are functionally extinct due to Australian bushfires.", "Are Koalas Extinct?", 1),
    StoredClaim("b", "Twenty koalas were rescued from an animal brothel in Australia.", "Koala Brothel?", 2),
    StoredClaim("c", "The U.S. Army is texting people about a military draft.", "Draft Texts?", 3),
    StoredClaim("d", "A video shows Nancy Pelosi slurring her speech.", "Pelosi Video", 4),
]


def test_lexical_ranking_puts_the_matching_claim_first():
    ranker = ClaimRanker(STORE)
    hits = ranker.rank("My children will never meet a koala, they are functionally extinct #bushfires")
    assert hits[0].claim.key == "a"
    assert {hit.claim.key for hit in hits} <= {"a", "b"}


def test_a_query_sharing_no_word_finds_nothing_lexically():
    assert ClaimRanker(STORE).rank("completely unrelated gibberish zzz") == []


def test_duplicate_claims_rank_together_with_the_first_stored_first():
    first = StoredClaim("old", 'The U.S. was ranked the "118th safest country" in 2019.', order=1)
    copy = StoredClaim("new", "The U.S. was ranked the '118th safest country' in 2019.", order=9)
    other = StoredClaim("x", "The U.S. is the safest country in the world.", order=5)
    ranked = fuse([copy, other, first], [1.0, 0.9, 1.0], [0.95, 0.96, 0.90])
    assert [hit.claim.key for hit in ranked] == ["old", "new", "x"]


class FakeEncoder:
    """Maps known texts to fixed unit vectors, so fusion can be tested without the model."""

    def __init__(self, vectors):
        self.vectors = vectors

    def encode(self, texts):
        return np.array([self.vectors.get(text, [0.0, 0.0, 1.0]) for text in texts], dtype=np.float32)


def test_semantic_similarity_can_overturn_a_weak_lexical_lead():
    store = [
        StoredClaim("lexical", "Trump hat flea market money school", order=1),
        StoredClaim("semantic", "Students beat a classmate for wearing a Trump campaign hat.", order=2),
    ]
    query = "my son wore his Trump hat to school and was bullied"
    encoder = FakeEncoder(
        {
            query: [1.0, 0.0, 0.0],
            store[0].text: [0.0, 1.0, 0.0],
            store[1].text: [0.96, 0.28, 0.0],
        }
    )
    assert ClaimRanker(store).rank(query)[0].claim.key == "lexical"
    assert ClaimRanker(store, encoder=encoder).rank(query)[0].claim.key == "semantic"


def test_the_learned_reranker_weighs_every_feature_of_lexical_and_encoder_candidates():
    query = "my son wore his Trump hat to school and was bullied"
    store = [
        StoredClaim("lexical", "Trump hat flea market money school", order=1),
        StoredClaim("semantic", "Students beat a classmate for wearing a campaign cap.", order=2),
    ]
    encoder = FakeEncoder({query: [1.0, 0.0, 0.0], store[0].text: [0.0, 1.0, 0.0], store[1].text: [0.96, 0.28, 0.0]})
    positions, features = ClaimRanker(store, encoder=encoder).features(query)
    # The second claim shares no word with the query: only the encoder brings it in.
    assert sorted(positions) == [0, 1]
    assert features.shape == (2, len(FEATURES))
    assert features[positions.index(1), FEATURES.index("lexical")] == 0.0
    assert features[positions.index(1), FEATURES.index("cosine_claim")] > 0.9


def test_without_learned_weights_the_ranker_falls_back_to_the_fixed_fusion():
    store = [
        StoredClaim("lexical", "Trump hat flea market money school", order=1),
        StoredClaim("semantic", "Students beat a classmate for wearing a Trump campaign hat.", order=2),
    ]
    query = "my son wore his Trump hat to school and was bullied"
    encoder = FakeEncoder({query: [1.0, 0.0, 0.0], store[0].text: [0.0, 1.0, 0.0], store[1].text: [0.96, 0.28, 0.0]})
    hits = ClaimRanker(store, encoder=encoder, weights=()).rank(query)
    assert hits[0].claim.key == "semantic"
    assert hits[0].semantic is not None


def test_a_post_whose_one_sentence_states_the_claim_gets_that_sentence_cosine():
    store = [StoredClaim("draft", "The U.S. Army is texting people about a military draft.", order=1)]
    comment = "Once more for the folks who missed it the first time around."
    claim_sentence = "The army is texting young people about a military draft!"
    query = f"{comment} {claim_sentence}"
    encoder = FakeEncoder(
        {
            query: [0.6, 0.8, 0.0],
            comment: [0.0, 1.0, 0.0],
            claim_sentence: [1.0, 0.0, 0.0],
            store[0].text: [1.0, 0.0, 0.0],
        }
    )
    _, features = ClaimRanker(store, encoder=encoder).features(query)
    assert features[0, FEATURES.index("cosine_best")] == pytest.approx(0.6)
    assert features[0, FEATURES.index("cosine_sentence")] == pytest.approx(1.0)


def test_a_one_sentence_post_has_its_whole_cosine_as_sentence_cosine():
    store = [StoredClaim("draft", "The U.S. Army is texting people about a military draft.", order=1)]
    query = "The army is texting young people about a military draft"
    encoder = FakeEncoder({query: [0.6, 0.8, 0.0], store[0].text: [1.0, 0.0, 0.0]})
    _, features = ClaimRanker(store, encoder=encoder).features(query)
    assert features[0, FEATURES.index("cosine_sentence")] == pytest.approx(0.6)
