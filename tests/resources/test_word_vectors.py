"""The pretrained word vectors: read from the pinned package, unit length, and near for words of like meaning."""

import numpy as np

from dateline.resources.word_vectors import DIMENSIONS, row_of, word_vectors


def test_a_word_and_its_capitalised_form_share_one_row():
    assert row_of("Shelled") == row_of("shelled") is not None


def test_an_unknown_word_has_no_row_and_a_zero_vector():
    assert row_of("qzxqzxq") is None
    assert not word_vectors(["qzxqzxq"]).any()


def test_known_words_are_unit_vectors_in_the_order_asked():
    vectors = word_vectors(["bombed", "qzxqzxq", "shelled"])
    assert vectors.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors[[0, 2]], axis=1), 1.0, atol=1e-5)


def test_words_of_like_meaning_are_nearer_than_unrelated_ones():
    tyrannical, despotic, umbrella, sneered, retorted = word_vectors(
        ["tyrannical", "despotic", "umbrella", "sneered", "retorted"]
    )
    assert despotic @ tyrannical > despotic @ umbrella + 0.3
    assert sneered @ retorted > sneered @ umbrella + 0.3
