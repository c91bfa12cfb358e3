"""The outlet's place as its web address gives it: town names inside the domain and a country-code domain."""

from __future__ import annotations

import pytest

from dateline.extract.outlet import NO_OUTLET, outlet_of
from dateline.resources import load_resources


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


def test_no_address_no_outlet(gazetteer):
    assert outlet_of(None, gazetteer) is NO_OUTLET
    assert outlet_of("not a url", gazetteer) is NO_OUTLET
