"""A page cut at its stand-ins gives back, filled in, the page rendered with the values."""

import pytest
from django.template import Context, Template

from courses.page_shell import Shell, stand_in, stand_in_id

TEMPLATE = Template('<a href="/things/{{ id }}/">{{ name }}</a><input value="{{ token }}">{{ name }}')


def test_a_filled_shell_is_the_page_rendered_with_the_values():
    shell = Shell.cut(
        TEMPLATE.render(Context({"id": stand_in_id("thing"), "name": stand_in("name"), "token": stand_in("token")}))
    )
    values = {"thing": "42", "name": "Ava &amp; Ben", "token": "abc"}
    expected = TEMPLATE.render(Context({"id": 42, "name": "Ava & Ben", "token": "abc"}))
    assert shell.fill(values) == expected
    assert shell.names == ("thing", "name", "token", "name")


def test_a_stand_in_is_the_same_each_time_it_is_asked_for():
    assert stand_in_id("thing") == stand_in_id("thing") != stand_in_id("other")
    assert stand_in("name") == stand_in("name")


def test_a_stand_in_name_must_be_plain():
    with pytest.raises(ValueError, match="lower-case letters"):
        stand_in("Name 1")
