"""Bylines as people: the shapes trafilatura hands over on real pages, cleaned to names joined by "; "."""

from __future__ import annotations

import pytest

from dateline.read.byline import people


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Tom Gillespie News reporter", "Tom Gillespie"),
        ("Condé Nast; Louise Matsakis", "Louise Matsakis"),
        ("Ilana Muhlstein; MS; RDN", "Ilana Muhlstein"),
        ("Mike Wuerthele; Malcolm Owen Monday; November", "Mike Wuerthele; Malcolm Owen"),
        ("By JOHN SMITH and Jane Doe", "John Smith; Jane Doe"),
        ("Priya Ramaswamy, Senior Labour Correspondent", "Priya Ramaswamy"),
        ("Ursula von der Leyen", "Ursula von der Leyen"),
        ("Theresa May", "Theresa May"),
    ],
)
def test_a_byline_keeps_the_people_and_drops_roles_outlets_dates_and_credentials(byline, expected):
    assert people([byline]) == expected


@pytest.mark.parametrize("byline", ["Reuters", "Staff Writer", "Associated Press", "MS; RDN", "", "Monday, 13 Nov"])
def test_a_byline_naming_no_person_gives_none(byline):
    assert people([byline]) is None


def test_the_sites_own_name_is_not_an_author_and_a_name_given_twice_is_kept_once():
    assert people(["Valley Courier; Priya Natarajan", "priya natarajan"], "Valley Courier") == "Priya Natarajan"
