"""The tune/report split is a fixed function of the set and the record id."""

from dateline.eval.split import REPORT, TUNE, in_part, part_of, write_manifest


def test_a_record_always_falls_in_the_same_part():
    assert part_of("plover_gsr", "sentence-17") == part_of("plover_gsr", "sentence-17")


def test_about_half_of_a_set_is_reported():
    parts = [part_of("some_set", str(number)) for number in range(2000)]
    assert 0.45 < parts.count(REPORT) / len(parts) < 0.55


def test_sets_are_split_independently():
    ids = [str(number) for number in range(200)]
    assert [part_of("a", i) for i in ids] != [part_of("b", i) for i in ids]


def test_no_part_asked_means_the_whole_set():
    assert in_part("a", "1", None)
    assert in_part("a", "1", part_of("a", "1"))
    assert not in_part("a", "1", TUNE if part_of("a", "1") == REPORT else REPORT)


def test_the_manifest_lists_every_record_once_with_its_part(tmp_path):
    path = write_manifest("a", ["2", "1", "2"], directory=tmp_path)
    lines = path.read_text().splitlines()
    assert lines == ["record_id\tpart", f"1\t{part_of('a', '1')}", f"2\t{part_of('a', '2')}"]
