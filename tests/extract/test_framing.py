"""The framing stage: lexicon hits on lemmas, whose voice each one is in, negation, and neutral wordings."""

import pytest

from dateline.extract import run_stages
from dateline.extract.framing import marked_fragments, neutral_rendering, summarise_analysis, tagged_phrase
from dateline.extract.framing_spans import TechniqueSpan
from dateline.model import Article, Frame, Span, WordCount
from dateline.nlp import parse
from dateline.resources import load_resources
from dateline.text import normalise


def analyse(nlp, text, title=None):
    (parsed,) = parse([Article(id="t", text=text, title=title)], nlp)
    return run_stages(parsed, load_resources())


def frames_of(nlp, text, title=None):
    return analyse(nlp, text, title).of(Frame)


def only(frames, text):
    matching = [frame for frame in frames if frame.text == text]
    assert len(matching) == 1, [frame.text for frame in frames]
    return matching[0]


def test_the_same_loaded_word_in_narration_and_in_a_quote_has_two_voices(nlp):
    text = 'The thugs attacked the village. "The thugs will pay," the governor said.'
    first, second = (frame for frame in frames_of(nlp, text) if frame.lemma_key == "thug")
    assert (first.voice, first.speaker_text) == ("narration", None)
    assert (second.voice, second.speaker_text) == ("direct_quote", "the governor")


def test_a_loaded_word_in_reported_speech_is_an_indirect_quote_with_its_speaker(nlp):
    frame = only(frames_of(nlp, "The minister said that the rebels were thugs."), "thugs")
    assert (frame.voice, frame.speaker_text) == ("indirect_quote", "The minister")


def test_a_headline_first_line_is_the_headline_voice_only_when_it_is_the_title(nlp):
    text = "Heroic fighters hold the line\n\nThe heroic fighters held the town."
    with_title = [frame.voice for frame in frames_of(nlp, text, title="Heroic fighters hold the line")]
    without_title = [frame.voice for frame in frames_of(nlp, text)]
    assert with_title == ["headline", "narration"]
    assert without_title == ["narration", "narration"]


def test_a_loaded_word_alone_in_quotation_marks_with_no_speaker_is_a_scare_quote(nlp):
    frames = frames_of(nlp, normalise("The so-called “resistance” fired rockets at the town."))
    assert only(frames, "resistance").voice == "scare_quote"
    assert only(frames, "so-called").category == "delegitimising_label"


def test_a_short_quotation_hanging_on_a_speech_verb_is_the_speaker_s_not_a_scare_quote(nlp):
    text = "The prime minister condemned the strike, calling it a “brutal” attack."
    frame = only(frames_of(nlp, text), "brutal")
    assert (frame.voice, frame.speaker_text) == ("direct_quote", "The prime minister")


def test_a_denied_label_is_negated_and_an_applied_one_is_not(nlp):
    frames = frames_of(nlp, "He is not a terrorist. His brother is a terrorist. No heroes came back.")
    first, second = (frame for frame in frames if frame.lemma_key == "terrorist")
    assert first.negated and not second.negated
    assert only(frames, "heroes").negated


def test_inflected_forms_match_on_lemmas_and_the_neutral_wording_is_inflected_alike(nlp):
    frames = frames_of(nlp, "Five men were martyred on Monday. The martyrs were buried. Troops neutralized two.")
    assert only(frames, "martyred").neutral == "killed"
    assert only(frames, "martyrs").neutral == "fatalities"
    assert only(frames, "neutralized").lemma_key == "neutralize"
    assert only(frames, "neutralized").neutral == "killed"


def test_multi_word_expressions_match_as_one_frame_before_their_parts(nlp):
    frames = frames_of(nlp, "American occupation forces left. The strike caused collateral damage.")
    occupation = only(frames, "occupation forces")
    assert (occupation.category, occupation.neutral) == ("delegitimising_label", "forces")
    assert only(frames, "collateral damage").neutral == "civilian casualties"
    assert not [frame for frame in frames if frame.text in {"occupation", "damage"}]


def test_a_loaded_word_inside_an_organisation_s_name_is_not_framing(nlp):
    frames = frames_of(nlp, "The Popular Front for the Liberation of Palestine said it would respond.")
    assert [frame.text for frame in frames] == []


def test_neutral_rendering_substitutes_neutral_wordings_and_leaves_the_text_alone(nlp):
    text = "The heroic fighters were martyred by occupying soldiers."
    analysis = analyse(nlp, text)
    rendered = neutral_rendering(text, analysis.of(Frame), Span(0, len(text)))
    assert rendered == "The fighters were killed by soldiers."
    assert analysis.article.text == text


def test_neutral_rendering_makes_the_indefinite_article_agree_with_the_new_word(nlp):
    text = "Officials called it a blatant assault and an outrageous crime."
    analysis = analyse(nlp, text)
    rendered = neutral_rendering(text, analysis.of(Frame), Span(0, len(text)))
    assert rendered.startswith("Officials called it an attack and a ")


def test_marked_fragments_are_the_stretches_between_quote_marks_of_a_clause():
    text = 'He said they were “thugs” and "cowards" who will “pay'
    spans = [text[span.start : span.end] for span in marked_fragments(text, Span(8, len(text)))]
    assert spans == ["thugs", "cowards", "pay"]


def test_a_loaded_word_in_the_marked_part_of_a_mixed_quote_is_direct_and_the_rest_indirect(nlp):
    frames = frames_of(nlp, normalise("The minister said the heroic rebels were “thugs” and would pay."))
    assert (only(frames, "thugs").voice, only(frames, "thugs").speaker_text) == ("direct_quote", "The minister")
    assert only(frames, "heroic").voice == "indirect_quote"


def test_a_pronoun_speaker_stays_the_pronoun_when_it_names_no_one(nlp):
    frames = frames_of(nlp, normalise("“They are heroes,” he said. “The martyrs will be avenged.”"))
    assert {(frame.voice, frame.speaker_text) for frame in frames} == {("direct_quote", "he")}


def test_summaries_split_the_outlet_s_voice_from_quotes_per_1000_words_of_each(nlp):
    text = "The thugs came. “They are thugs and terrorists,” the mayor said. He is no hero."
    analysis = analyse(nlp, normalise(text))
    summary = summarise_analysis(analysis)
    (count,) = analysis.of(WordCount)
    assert (summary["outlet_loaded"], summary["quoted_loaded"]) == (1, 2)
    assert summary["outlet_per_1000"] == round(1000 / count.outlet_words, 2)
    assert summary["quotes_per_1000"] == round(2000 / count.quoted_words, 2)
    # "no hero" is denied, so it counts nowhere.
    assert summary["top_categories"][0] == {"category": "demonising", "count": 3}
    assert summary["top_outlet_terms"] == [{"term": "thug", "count": 1}]


def test_the_seed_s_voices_match_what_a_reader_sees(nlp, seed_path):
    frames = frames_of(nlp, normalise(seed_path.read_text(encoding="utf-8")))
    martyred = [frame for frame in frames if frame.lemma_key == "martyr"]
    # "were martyred in U.S. airstrikes" is the outlet's; "pledged to avenge airstrikes that martyred" reports Khazali.
    assert {(frame.voice, frame.speaker_text) for frame in martyred} == {
        ("narration", None),
        ("indirect_quote", "Qais al-Khazali"),
    }
    assert {frame.neutral for frame in martyred} == {"killed"}
    assert only(frames, "occupying").voice == "direct_quote"
    assert only(frames, "treacherous").speaker_text == "Khazali"
    assert only(frames, "blackmail").voice == "direct_quote"
    occupation = {frame.voice for frame in frames if frame.lemma_key == "occupation force"}
    assert occupation == {"indirect_quote"}
    resistance = {frame.voice for frame in frames if frame.lemma_key.startswith("resistance")}
    assert {"narration", "direct_quote"} <= resistance


def test_a_label_joined_to_any_word_by_a_hyphen_is_name_calling_and_keeps_the_word_when_neutral(nlp):
    frame = only(frames_of(nlp, "The columnist called him a Putin-lover."), "Putin-lover")
    assert (frame.technique, frame.neutral) == ("Name_Calling,Labeling", "supporter of Putin")


@pytest.mark.parametrize(
    ("text", "word", "phrase"),
    [
        ("It was a botched investigation from the start.", "botched", "botched investigation"),
        ("The officials were grossly negligent.", "negligent", "grossly negligent"),
        ("They are the useful idiots of the regime.", "useful idiots", "useful idiots"),
        ("The senator is a habitual liar.", "liar", "habitual liar"),
    ],
)
def test_the_technique_span_reaches_the_phrase_the_task_marks_and_the_evidence_stays_the_word(nlp, text, word, phrase):
    frame = only(frames_of(nlp, text), word)
    assert text[frame.technique_span.start : frame.technique_span.end] == phrase
    assert text[frame.evidence.start : frame.evidence.end] == word


def test_an_expression_that_counts_as_no_technique_has_no_technique_span(nlp):
    frame = only(frames_of(nlp, "The regime announced new measures."), "regime")
    assert (frame.technique, frame.technique_span) == (None, None)


def test_words_are_counted_in_the_outlet_s_voice_and_in_quotes(nlp):
    (count,) = analyse(nlp, normalise("Rebels took the town. “We will hold it,” the commander said.")).of(WordCount)
    assert (count.words, count.quoted_words, count.outlet_words) == (11, 4, 7)


def test_a_loaded_word_the_lexicon_lacks_is_tagged_through_its_nearness_to_the_lexicon_s_words(nlp):
    # "ghastly" is no lexicon term and no word the tagger was trained on; GloVe puts it beside lexicon terms
    # ("horrifying", "horrific", "dreadful"), and that nearness is what the tagger reads.
    text = "Five people were killed in the ghastly attack. A ghastly scene greeted the rescuers."
    lexicon_words = {entry.key for entry in load_resources().framing.entries}
    assert "ghastly" not in lexicon_words
    tagged = [frame for frame in frames_of(nlp, text) if frame.text == "ghastly"]
    assert len(tagged) == 2
    assert all(frame.technique == "Loaded_Language" and frame.neutral == "ghastly" for frame in tagged)


@pytest.mark.parametrize(
    ("text", "technique", "word", "phrase"),
    [
        ("The minister called the protesters spineless cowards.", "Loaded_Language", "spineless", "spineless cowards"),
        (
            "The minister called the protesters spineless cowards.",
            "Name_Calling,Labeling",
            "cowards",
            "spineless cowards",
        ),
        ("Crowds cheered as the despotic mullahs left.", "Name_Calling,Labeling", "mullahs", "despotic mullahs"),
        ("The senator slammed the report on Tuesday.", "Loaded_Language", "slammed", "slammed"),
    ],
)
def test_a_tagged_word_grows_to_the_phrase_it_loads_without_its_determiner(nlp, text, technique, word, phrase):
    # The tagger marks the loaded word, the annotators the short phrase around it.
    doc = nlp(text)
    (token,) = (token for token in doc if token.text == word)
    tagged = TechniqueSpan(technique, Span(token.idx, token.idx + len(token)), (token.i, token.i + 1), 0.9)
    grown = tagged_phrase(doc, tagged)
    assert text[grown.start : grown.end] == phrase


def test_a_long_noun_chunk_is_not_taken_into_a_tagged_word_s_phrase(nlp):
    text = "He attacked the corrupt old regional party machine bosses yesterday."
    doc = nlp(text)
    (token,) = (token for token in doc if token.text == "corrupt")
    tagged = TechniqueSpan("Loaded_Language", Span(token.idx, token.idx + len(token)), (token.i, token.i + 1), 0.9)
    grown = tagged_phrase(doc, tagged)
    # Six words of "the corrupt old regional party machine bosses" would be more than the loaded wording.
    assert text[grown.start : grown.end] == "corrupt"
