"""The outlet's place as its web address gives it: town names inside the domain and a country-code domain."""

from __future__ import annotations

import pytest

from dateline.extract.outlet import NO_OUTLET, outlet_candidates, outlet_of
from dateline.resources import load_resources
from dateline.resources.gazetteer import fold


@pytest.fixture(scope="module")
def gazetteer():
    return load_resources().gazetteer


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("https://www.columbuslocalnews.com/news/1", ("columbus",)),
        ("http://richmondregister.com/local/x", ("richmond",)),
        ("http://chronicle.augusta.com/stories/1", ("augusta",)),
        ("https://theparisnews.com/a", ("paris",)),
    ],
)
def test_a_town_named_in_the_domain_is_the_outlets(gazetteer, url, names):
    assert outlet_of(url, gazetteer).names == names


def test_a_country_code_domain_names_the_country(gazetteer):
    assert outlet_of("https://www.bbc.co.uk/news/world", gazetteer).country == "GBR"
    assert outlet_of("https://sptimes.ru/story", gazetteer).country == "RUS"
    assert outlet_of("https://www.reuters.com/world", gazetteer).country is None


def test_words_that_are_only_alternate_or_short_names_are_no_town(gazetteer):
    assert outlet_of("https://www.philly.com/news", gazetteer).names == ()
    assert outlet_of("https://www.sun-sentinel.com/news", gazetteer).names == ()


def test_an_outlets_town_bears_the_name_in_its_domain_not_an_old_name_of_it(gazetteer):
    # GeoNames files towns under names they once had; a Paris paper is in a Paris all the same.
    assert any(fold(entry.name) != "paris" for entry in gazetteer.lookup("paris") if entry.feature == "city")
    towns = outlet_candidates(outlet_of("https://www.parisnewspaper.com/local/1", gazetteer), gazetteer)["paris"]
    assert towns and all(fold(entry.name) == "paris" for entry in towns)  # París, Panama, too


def test_no_address_no_outlet(gazetteer):
    assert outlet_of(None, gazetteer) is NO_OUTLET
    assert outlet_of("not a url", gazetteer) is NO_OUTLET
