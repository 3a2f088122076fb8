import numpy as np
import pytest

from claims.matching.embeddings import VectorFile, WordPieceTokenizer, load_encoder


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


class CountingEncoder:
    """Encodes a text as its length, and remembers what it was asked to encode."""

    def __init__(self):
        self.asked = []

    def encode(self, texts):
        self.asked.extend(texts)
        return np.array([[float(len(text)), 1.0] for text in texts], dtype=np.float32)


def test_vector_file_encodes_only_texts_it_has_not_seen_in_an_earlier_run(tmp_path):
    path = tmp_path / "vectors.npz"
    first = VectorFile(CountingEncoder(), path)
    first.encode(["koalas", "draft texts"])
    first.save()
    again = CountingEncoder()
    vectors = VectorFile(again, path).encode(["draft texts", "koalas", "new"])
    assert again.asked == ["new"]
    assert vectors[:, 0].tolist() == [11.0, 6.0, 3.0]


def test_vector_file_refuses_a_file_that_holds_no_encoded_texts(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, something=np.zeros(3))
    with pytest.raises(ValueError, match="not a file of encoded texts"):
        VectorFile(CountingEncoder(), path)
