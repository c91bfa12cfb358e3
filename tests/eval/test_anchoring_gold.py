"""TempEval-3 TLINKs read as the day each event happened on, or no day."""

from __future__ import annotations

from dateline.eval.anchoring import read_anchors

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-04" functionInDocument="CREATION_TIME">19980304</TIMEX3></DCT>
<TEXT>
Rebels <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> a post
<TIMEX3 tid="t1" type="DATE" value="1998-03-02">Monday</TIMEX3>.
Troops had <EVENT eid="e2" class="OCCURRENCE">fled</EVENT> &amp; hid.
Talks <EVENT eid="e3" class="OCCURRENCE">continue</EVENT> <TIMEX3 tid="t2" type="DATE" value="PRESENT_REF">now</TIMEX3>.
Leaders <EVENT eid="e4" class="OCCURRENCE">meet</EVENT> soon and <EVENT eid="e5" class="STATE">remain</EVENT> calm.
Aid <EVENT eid="e6" class="OCCURRENCE">arrived</EVENT>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="PERFECTIVE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PRESENT" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PRESENT" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e5" eiid="ei5" tense="PRESENT" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e6" eiid="ei6" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0" />
<TLINK lid="l3" relType="AFTER" timeID="t0" relatedToEventInstance="ei2" />
<TLINK lid="l4" relType="INCLUDES" timeID="t2" relatedToEventInstance="ei3" />
<TLINK lid="l5" relType="AFTER" eventInstanceID="ei4" relatedToTime="t0" />
<TLINK lid="l6" relType="INCLUDES" eventInstanceID="ei5" relatedToTime="t0" />
</TimeML>
"""


def test_each_linked_event_gets_its_time_its_day_or_no_day(tmp_path):
    path = tmp_path / "X1.tml"
    path.write_text(TML, encoding="utf-8")
    document = read_anchors(path)
    found = {document.text[event.span.start : event.span.end]: (event.kind, event.day) for event in document.events}
    assert found == {
        "attacked": ("time", "1998-03-02"),  # the time wins over the link to the creation time
        "fled": ("before", None),  # the creation time AFTER the event: before it, no day
        "continue": ("published", "1998-03-04"),  # "now" is the publication day
        "meet": ("after", None),
    }, "a state is no happening, and an event with no link has no gold"
    attacked = next(event for event in document.events if event.kind == "time")
    assert document.text[attacked.time.start : attacked.time.end] == "Monday"
    assert "&" in document.text and "<" not in document.text
