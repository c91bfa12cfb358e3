"""Candidate attributions read off the parse, their features, and the trained chooser that keeps them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.extract import quotes
from dateline.extract.quote_candidates import (
    LEVELS,
    candidates,
    feature_parts,
    features,
    features_of,
    nearest_cues,
    probabilities,
)
from dateline.extract.quote_tagger import B_CONTENT, B_CUE, B_SOURCE, I_CONTENT, OUTSIDE
from dateline.model import Article
from dateline.nlp import ParsedArticle, parse
from dateline.resources import load_resources
from dateline.resources.attribution_model import (
    CLASSES,
    CUE_TEMPLATES,
    MODEL_PATH,
    AttributionModel,
    integer_keys,
    load_attribution_model,
    plan,
)
from dateline.resources.quote_model import LABELS

MAX_MODEL_BYTES = 30_000_000


@pytest.fixture()
def parsed_one(nlp):
    return lambda text: next(iter(parse([Article(id="t", text=text)], nlp)))


def _contents(parsed: ParsedArticle) -> dict[tuple[str, str], str]:
    doc = parsed.doc
    return {(doc[one.cue].text, one.link): doc[one.low : one.high + 1].text for one in candidates(doc)}


def test_a_reported_clause_an_infinitive_and_an_object_are_each_a_candidate(parsed_one):
    found = _contents(parsed_one("The senator said the vote would fail. She refused to comment. She proposed a ban."))
    assert found[("said", "ccomp")] == "the vote would fail"
    assert found[("refused", "xcomp")] == "to comment"
    assert found[("proposed", "dobj")] == "a ban"


def test_according_to_offers_the_clause_on_either_side(parsed_one):
    found = _contents(parsed_one("According to the ministry, the border will reopen on Monday."))
    assert "the border will reopen on Monday" in found[("According", "according:right")]


def test_features_name_the_cue_its_lexicon_entry_and_what_the_rules_made_of_it(parsed_one):
    resources = load_resources()
    parsed = parsed_one("The mayor said the bridge would reopen on Monday.")
    finder, drafts = quotes.rule_reading(parsed, resources)
    ruled = {draft.cue.i: draft.kind for draft in drafts if draft.cue is not None}
    (said,) = [one for one in candidates(parsed.doc) if parsed.doc[one.cue].text == "said"]
    named = features(parsed.doc, said, resources.quote_cues, finder.inside, ruled)
    assert {"lemma=say", "lexicon=speech", "link=ccomp", "rule=indirect", "who=NOUN:NN"} <= set(named)
    # Nothing the rules read: the same candidate says so.
    assert "rule=none" in features(parsed.doc, said, resources.quote_cues, finder.inside, {})


def test_features_say_whether_the_content_runs_to_the_sentence_end_and_holds_a_cue_of_its_own(parsed_one):
    resources = load_resources()
    parsed = parsed_one("The mayor said the minister had denied it. She hoped to win in May, aides added.")
    finder, _ = quotes.rule_reading(parsed, resources)
    doc = parsed.doc
    by_cue = {(doc[one.cue].text, one.link): one for one in candidates(doc)}
    said = features(doc, by_cue[("said", "ccomp")], resources.quote_cues, finder.inside, {})
    assert {"to_end=True", "nested=True"} <= set(said)
    hoped = features(doc, by_cue[("hoped", "xcomp")], resources.quote_cues, finder.inside, {})
    assert {"to_end=False", "nested=False"} <= set(hoped)


def test_features_say_where_the_cues_sentence_stands_and_whether_its_paragraph_holds_a_quote(parsed_one):
    resources = load_resources()
    text = (
        "Trump Says He Will Win\n\nThe senator said that the plan would fail. Critics warned that it would cost more."
        "\n\n“It is over,” she added. Aides worry about the cost."
    )
    parsed = parsed_one(text)
    finder, _ = quotes.rule_reading(parsed, resources)
    doc = parsed.doc
    named = {
        doc[one.cue].text: set(features(doc, one, resources.quote_cues, finder.inside, {}))
        for one in candidates(doc)
        if doc[one.cue].text in ("Says", "said", "warned", "worry")
    }
    # The title, a paragraph's first sentence, a later one; a paragraph with no quote marks and one with them.
    assert {"place=first", "quoted_paragraph=False"} <= named["Says"]
    assert {"place=opening", "quoted_paragraph=False"} <= named["said"]
    assert {"place=inside", "quoted_paragraph=False"} <= named["warned"]
    assert {"place=inside", "quoted_paragraph=True"} <= named["worry"]


def test_features_name_the_cues_auxiliary_the_words_between_cue_and_content_and_the_contents_root(parsed_one):
    resources = load_resources()
    parsed = parsed_one("He would support the wall, aides said.")
    finder, _ = quotes.rule_reading(parsed, resources)
    doc = parsed.doc
    by_cue = {doc[one.cue].text: one for one in candidates(doc)}
    support = set(features(doc, by_cue["support"], resources.quote_cues, finder.inside, {}))
    assert {"auxiliary=would", "gap=0", "root_lemma=wall"} <= support
    # The content before its cue: ", aides" stands between them.
    said = set(features(doc, by_cue["said"], resources.quote_cues, finder.inside, {}))
    assert {"auxiliary=-", "gap=2", "root_lemma=support", "link|gap=ccomp|2"} <= said


def test_a_cue_the_lexicon_lacks_is_named_by_its_nearest_lexicon_verb(parsed_one):
    resources = load_resources()
    cues = resources.quote_cues
    assert "grumble" not in cues.verbs and "say" in cues.verbs
    near = nearest_cues(["say", "grumble", "qzxvbn"], cues)
    # A lexicon verb is its own neighbour; a word GloVe lacks has none.
    assert near[0] == "say" and near[1] in cues.verbs and near[2] == "-"
    parsed = parsed_one("The farmer grumbled that the rain had ruined the harvest.")
    finder, _ = quotes.rule_reading(parsed, resources)
    doc = parsed.doc
    (grumbled,) = [one for one in candidates(doc) if doc[one.cue].text == "grumbled"]
    named = set(features(doc, grumbled, cues, finder.inside, {}))
    assert {f"near={near[1]}", f"near|link={near[1]}|ccomp"} <= named


def test_the_taggers_confidence_in_content_and_cue_is_a_feature_when_the_tagger_ran(parsed_one):
    resources = load_resources()
    parsed = parsed_one("The mayor said the bridge would reopen on Monday.")
    finder, _ = quotes.rule_reading(parsed, resources)
    doc = parsed.doc
    (said,) = [one for one in candidates(doc) if doc[one.cue].text == "said"]
    assert not any(name.startswith("tag_") for name in features(doc, said, resources.quote_cues, finder.inside, {}))
    # A tagger sure that "said" is the cue and what follows it the content, and of nothing else.
    log_probs = np.full((len(doc), len(LABELS)), np.log(1e-6))
    log_probs[:, OUTSIDE] = 0.0
    log_probs[said.cue] = np.log(1e-6)
    log_probs[said.cue, B_CUE] = 0.0
    log_probs[said.low : said.high + 1] = np.log(1e-6)
    log_probs[said.low, B_CONTENT] = 0.0
    log_probs[said.low + 1 : said.high + 1, I_CONTENT] = 0.0
    named = set(features(doc, said, resources.quote_cues, finder.inside, {}, log_probs))
    top = len(LEVELS)
    assert {f"tag_content={top}", f"tag_begin={top}", f"tag_cue={top}", "tag_before=0", "tag_after=0"} <= named
    # The cue's subject, "mayor", is no source to this tagger; sure that it is one, the feature says so.
    assert {"tag_source=0", "who|tag_source=NOUN:NN|0"} <= named
    mayor = said.cue - 1
    log_probs[mayor] = np.log(1e-6)
    log_probs[mayor, B_SOURCE] = 0.0
    named = set(features(doc, said, resources.quote_cues, finder.inside, {}, log_probs))
    assert {f"tag_source={top}", f"who|tag_source=NOUN:NN|{top}"} <= named


def test_an_attribution_whose_cue_the_lexicon_lacks_is_learned(parsed_one):
    resources = load_resources()
    if not resources.attribution_model:
        pytest.skip(f"no attribution model at {MODEL_PATH} (make train-quotes)")
    assert "endorse" not in resources.quote_cues.verbs
    text = "Senator Maria Lopez on Tuesday endorsed the governor's plan to expand rural broadband."
    (quote,) = [quote for quote in quotes.extract(parsed_one(text), resources) if quote.kind == "indirect"]
    assert text[quote.content.start : quote.content.end].startswith("the governor's plan")
    assert quote.cue_text == "endorsed" and "Maria Lopez" in (quote.speaker_text or "")
    assert 0 < quote.confidence <= 1


def test_scoring_by_integer_keys_and_a_cues_shared_features_once_gives_exactly_each_named_rows_probability(
    parsed_one,
):
    resources = load_resources()
    model = resources.attribution_model
    if not model:
        pytest.skip(f"no attribution model at {MODEL_PATH} (make train-quotes)")
    text = (
        "The mayor said on Monday that the bridge would reopen, and aides told reporters to expect delays. "
        "Critics, who had called for a pause, argued it was unsafe, according to the council."
    )
    parsed = parsed_one(text)
    finder, drafts = quotes.rule_reading(parsed, resources)
    ruled = {draft.cue.i: draft.kind for draft in drafts if draft.cue is not None}
    tagged = quotes.tagger_log_probs(finder, drafts, resources)
    doc = parsed.doc
    found = candidates(doc)
    assert len({one.cue for one in found}) < len(found)  # some cue has several complements
    for levels in (None, tagged):
        parts = feature_parts(doc, found, resources.quote_cues, finder.inside, ruled, levels)
        expected = []
        for row in features_of(parts, found):
            # The cue's shared features, then the candidate's own, each summed one by one from zero.
            shared = sum(model.margins.get(name, 0.0) for name in row[: len(CUE_TEMPLATES)])
            own = sum(model.margins.get(name, 0.0) for name in row[len(CUE_TEMPLATES) :])
            expected.append(model.logistic(shared + own))
        assert probabilities(parts, found, model) == expected  # exactly, not approximately
        assert expected == pytest.approx(model.probabilities_of(features_of(parts, found)).tolist(), abs=1e-12)


def test_a_text_with_no_candidate_gets_no_chosen_attribution(parsed_one):
    resources = load_resources()
    assert resources.attribution_model.probabilities_of([]).shape == (0,)
    assert quotes.extract(parsed_one("Rain."), resources) == []


def test_the_shipped_chooser_loads_is_small_and_knows_its_training_texts():
    if not MODEL_PATH.exists():
        pytest.skip(f"no attribution model at {MODEL_PATH} (make train-quotes)")
    assert MODEL_PATH.stat().st_size <= MAX_MODEL_BYTES
    model = load_attribution_model()
    assert model.classes == CLASSES and 0 < model.threshold < 1
    assert model.training_sha256 and np.isfinite(model.weights).all()


def test_no_chooser_file_means_the_rules_reading_stands(tmp_path: Path):
    assert not load_attribution_model(tmp_path / "absent.npz")


@pytest.mark.parametrize(("classes", "threshold"), [(("no", "yes"), 0.5), (CLASSES, 1.5)])
def test_a_chooser_file_with_other_classes_or_no_probability_as_threshold_is_refused(
    tmp_path: Path, classes, threshold
):
    path = tmp_path / "attribution_model.npz"
    arrays = {"features": np.array(["bias"]), "weights": np.zeros((1, 2)), "intercepts": np.zeros(2)}
    np.savez(
        path,
        classes=np.array(classes),
        threshold=np.array(threshold),
        **arrays,
        trained_on=np.array("x"),
        training_sha256=np.array(["0"]),
    )
    with pytest.raises(ResourceError, match=r"attribution_model\.npz"):
        load_attribution_model(path)


def test_a_gathering_held_to_urge_something_reports_the_urging_not_the_gathering(parsed_one):
    text = "Demonstrators gathered in the square to urge the government to resign."
    cues = {quote.cue_text for quote in quotes.extract(parsed_one(text), load_resources())}
    assert "gathered" not in cues


def test_a_feature_whose_value_holds_the_separator_is_found_under_every_pair_of_values_that_names_it():
    model = AttributionModel(classes=CLASSES, **integer_keys({"lemma|link=a|b|c": 1.5, "lemma=x": 0.25, "odd=x": 9.0}))
    both = plan((("lemma|link", ("lemma", "link")), ("lemma", ("lemma",))), ("lemma", "link"))
    rows = [["a|b", "c"], ["a", "b|c"], ["a", "b"], ["x", "c"]]
    ids = np.stack([model.ids_of(row) for row in rows])
    assert model.margins_of(both, ids) == [1.5, 1.5, 0.0, 0.25]
