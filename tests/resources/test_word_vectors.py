"""The pretrained word vectors: read from the pinned package, unit length, and near for words of like meaning."""

import numpy as np
from threadpoolctl import threadpool_info

from dateline.resources.word_vectors import DIMENSIONS, known_word_vectors, one_blas_thread, row_of, word_vectors


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


def test_a_words_vector_kept_from_an_earlier_ask_is_the_one_scaled_among_new_words():
    from dateline.resources.word_vectors import _matrix

    words = ["gunmen", "stormed", "qzxqzxq", "the", "village", "gunmen"]
    first = word_vectors(words[:3])  # these three met and kept; the others are scaled together below
    together = word_vectors(words)
    rows = [row_of(word) for word in words if row_of(word) is not None]
    raw = np.asarray(_matrix()[rows], dtype=np.float32)
    scaled = raw / np.maximum(np.linalg.norm(raw, axis=1, keepdims=True), 1e-9)
    assert together[:3].tobytes() == first.tobytes()
    assert together[[0, 1, 3, 4, 5]].tobytes() == scaled.tobytes()  # to the last bit, as a batch scales them
    assert not together[2].any()


def test_the_known_words_vectors_are_their_rows_to_the_bit_with_no_row_for_an_unknown_word():
    words = ["militants", "qzxqzxq", "torched", "the", "qzxqzxq", "bus"]
    known = known_word_vectors(words)
    assert known.shape == (4, DIMENSIONS)
    assert known.tobytes() == word_vectors(words)[[0, 2, 3, 5]].tobytes()
    assert known_word_vectors(["qzxqzxq"]).shape == (0, DIMENSIONS)


def test_products_of_an_articles_vectors_run_on_one_blas_thread_and_the_setting_comes_back():
    def blas_threads() -> list[int]:
        return [library["num_threads"] for library in threadpool_info() if library["user_api"] == "blas"]

    before = blas_threads()
    assert before  # numpy's own BLAS is there to limit
    with one_blas_thread():
        assert set(blas_threads()) == {1}
    assert blas_threads() == before
