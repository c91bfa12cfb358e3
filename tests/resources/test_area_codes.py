from dateline.resources.area_codes import _REGIONS, AREA_CODES, phone_regions


def test_a_phone_number_names_the_region_of_its_area_code():
    assert phone_regions("Call the Athens Police Department at (903) 675-5454.") == {"US.TX"}
    assert phone_regions("Tickets: 952-873-6325 or 612.555.0199") == {"US.MN"}
    assert phone_regions("Reservations at (416) 555-0123 and 513-555-0142.") == {"CA.08", "US.OH"}
    assert phone_regions("The clinic's new line is 380-555-0142.") == {"US.OH"}  # an overlay of 614


def test_numbers_that_are_no_local_phone_say_nothing():
    assert phone_regions("Call toll-free 1-800-555-0100 or 888-555-0100.") == set()
    assert phone_regions("The 2008-2009 season drew 1,234,567 fans; case 123-456-7890-12.") == set()
    assert phone_regions("Dial 675-5454 for the station.") == set()  # no area code


def test_each_area_code_is_listed_for_one_region_only():
    listed = [code for codes in _REGIONS.values() for code in codes.split()]
    assert len(listed) == len(set(listed)) == len(AREA_CODES)
    assert all(len(code) == 3 and code[0] in "23456789" for code in listed)
