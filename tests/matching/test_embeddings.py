import pytest

from claims.matching.embeddings import WordPieceTokenizer, load_encoder


def test_wordpiece_splits_unknown_words_into_known_pieces():
    tokenizer = WordPieceTokenizer(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "run", ",", "!"])
    assert tokenizer.encode("Unaffable, RUN!") == [2, 4, 5, 6, 8, 7, 9, 3]
    assert tokenizer.encode("xyz") == [2, 1, 3]


def test_sentence_encoder_puts_a_paraphrase_closer_than_an_unrelated_claim():
    encoder = load_encoder()
    if encoder is None:
        pytest.skip("the optional sentence encoder (requirements-embeddings.txt) is not installed")
    query, paraphrase, unrelated = encoder.encode(
        [
            "Koalas are now functionally extinct because of the bushfires.",
            "Bushfires have made the koala functionally extinct.",
            "The U.S. Army is texting people about a military draft.",
        ]
    )
    assert abs(float(query @ query) - 1.0) < 1e-4
    assert float(query @ paraphrase) > float(query @ unrelated) + 0.3
