"""Dictionaries and lexicons the stages read, loaded and validated once per process.

Each resource is a data file in this folder that a person can read and extend; its loader
lives beside it and raises ``ResourceError`` naming the file and line at fault.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from dateline.config import min_event_confidence
from dateline.resources.acled_model import AcledModel, load_acled_model
from dateline.resources.actors import ActorDictionary, load_actor_dictionary
from dateline.resources.anchor_model import AnchorModel, load_anchor_model
from dateline.resources.attribution_model import AttributionModel, load_attribution_model
from dateline.resources.event_model import EventTypeModel, load_event_model
from dateline.resources.events import EventLexicon, load_event_lexicon
from dateline.resources.framing_lexicon import FramingLexicon, load_framing_lexicon
from dateline.resources.framing_model import FramingModel, load_framing_model
from dateline.resources.gazetteer import Gazetteer, load_gazetteer
from dateline.resources.happening_model import HappeningModel, load_happening_model
from dateline.resources.penta_model import PentaModel, load_penta_model
from dateline.resources.place_model import PlaceModel, load_place_model
from dateline.resources.quote_cues import QuoteCues, load_quote_cues
from dateline.resources.quote_kind_model import QuoteKindModel, load_quote_kind_model
from dateline.resources.quote_model import QuoteModel, load_quote_model
from dateline.resources.realness_model import RealnessModel, load_realness_model
from dateline.resources.role_model import RoleModel, load_role_model
from dateline.resources.times import TimeLexicon, load_time_lexicon
from dateline.resources.toponym_model import ToponymModel, load_toponym_model

if TYPE_CHECKING:
    from dateline.extract.toponyms import Profile


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything a stage may look up. Stages receive it; none loads files itself."""

    times: TimeLexicon = field(default_factory=load_time_lexicon)
    framing: FramingLexicon = field(default_factory=load_framing_lexicon)
    framing_model: FramingModel = field(default_factory=load_framing_model)
    # Empty by default so a test building Resources() by hand pays nothing; load_resources() fills it.
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    actors: ActorDictionary = field(default_factory=load_actor_dictionary)
    quote_cues: QuoteCues = field(default_factory=load_quote_cues)
    # The attribution tagger; empty (rules alone) when no model file ships.
    quote_model: QuoteModel = field(default_factory=load_quote_model)
    # Which candidate cues and contents read off the parse are attributions; empty: the rules' reading stands.
    attribution_model: AttributionModel = field(default_factory=load_attribution_model)
    # Which of the rules' quotes in marks are fragments of a reported clause; empty: the rules' kinds stand.
    quote_kind_model: QuoteKindModel = field(default_factory=load_quote_kind_model)
    events: EventLexicon = field(default_factory=load_event_lexicon)
    event_model: EventTypeModel = field(default_factory=load_event_model)
    happening_model: HappeningModel = field(default_factory=load_happening_model)

    toponym_model: ToponymModel = field(default_factory=load_toponym_model)
    # Which of a sentence's places is its event's: none is chosen when it is empty.
    place_model: PlaceModel = field(default_factory=load_place_model)
    # Which time, if any, dates an event told as done; empty: the rules date it.
    anchor_model: AnchorModel = field(default_factory=load_anchor_model)
    # How likely a coded event is real, read as its confidence; empty: the slots and the detector give it.
    realness_model: RealnessModel = field(default_factory=load_realness_model)
    # The trained role choosers: empty (the rules' sources and targets stand) unless load_resources() fills them.
    source_model: RoleModel = field(default_factory=RoleModel)
    target_model: RoleModel = field(default_factory=RoleModel)
    # Read by the PentaClass scorer only (no stage): empty unless load_resources() fills it.
    penta_model: PentaModel = field(default_factory=PentaModel)
    # The trained ACLED sub-event coder: empty (the rules' coding stands) unless load_resources() fills it.
    acled_model: AcledModel = field(default_factory=AcledModel)
    # Per outlet host, where its articles already in the store are (``places.stored_profiles``): a run's, not a
    # file's; empty unless ``dateline analyze`` hands the stages the store's.
    outlet_profiles: Mapping[str, Profile] = field(default_factory=dict)


def with_event_floor(model: RealnessModel, floor: float | None) -> RealnessModel:
    """The realness model with the user's floor for storing an event in place of its own threshold."""
    return model if floor is None or not model else replace(model, threshold=floor)


@functools.cache
def load_resources() -> Resources:
    return Resources(
        times=load_time_lexicon(),
        framing=load_framing_lexicon(),
        framing_model=load_framing_model(),
        gazetteer=load_gazetteer(),
        actors=load_actor_dictionary(),
        quote_cues=load_quote_cues(),
        quote_model=load_quote_model(),
        attribution_model=load_attribution_model(),
        quote_kind_model=load_quote_kind_model(),
        events=load_event_lexicon(),
        event_model=load_event_model(),
        happening_model=load_happening_model(),
        penta_model=load_penta_model(),
        acled_model=load_acled_model(),
        toponym_model=load_toponym_model(),
        place_model=load_place_model(),
        anchor_model=load_anchor_model(),
        realness_model=with_event_floor(load_realness_model(), min_event_confidence()),
        source_model=load_role_model("source"),
        target_model=load_role_model("target"),
    )
