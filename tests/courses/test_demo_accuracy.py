"""The demo content says what the law and the guidance say (checked against legislation.gov.uk and the
statutory RSHE guidance), and pupils are never told they failed a module about abuse, consent or images."""

from __future__ import annotations

import json

import pytest

from courses.demo_data import MODULES, module_data
from courses.models import RSHETopic

pytestmark = pytest.mark.django_db


def _all_text() -> str:
    return json.dumps([module_data(name) for name in MODULES], ensure_ascii=False)


def _module_text(name: str) -> str:
    return json.dumps(module_data(name), ensure_ascii=False)


def test_images_of_under_18s_are_described_by_the_indecent_test():
    text = _all_text()
    assert "sexual pose" not in text and "or underwear" not in text
    glossary = dict(module_data("online_misogyny")["key_vocabulary"])["Nude or semi-nude image"]
    assert "indecent" in glossary and "under 18" in glossary
    for name in ("online_misogyny", "understanding_sexual_harassment", "coercive_control", "healthy_relationships"):
        assert "indecent image of anyone under 18" in _module_text(name), name


def test_cyberflashing_is_the_section_66a_offence():
    text = _module_text("understanding_sexual_harassment")
    glossary = dict(module_data("understanding_sexual_harassment")["key_vocabulary"])["Cyberflashing"]
    assert "genitals" in glossary and "section 66A" in glossary
    assert "alarm, upset or humiliate" in glossary and "sexual gratification" in glossary
    assert "Sexual Offences Act 2003, section 66A" in text
    assert "sexual picture they didn't ask for (cyberflashing)" not in text


def test_coercive_control_covers_partners_ex_partners_and_family_and_children_are_victims_in_their_own_right():
    text = _module_text("coercive_control")
    assert "any age or relationship" not in text
    assert "partners, ex-partners or family members" in text and "section 76" in text
    assert "victims of it in their own right" in text and "Domestic Abuse Act 2021, section 3" in text


def test_the_programme_is_for_ages_11_to_18_as_the_readme_says():
    from pathlib import Path

    import courses.demo_data as demo_data

    source = Path(demo_data.__file__).read_text()
    readme = (Path(demo_data.__file__).resolve().parent.parent / "README.md").read_text()
    assert "aged 11 to 18" in source and "11 to 16" not in source
    assert "aged 11 to 18" in readme


def test_sharing_nudes_pornography_and_harassment_were_in_2019_and_expanded_in_2025():
    expanded = set(RSHETopic.objects.filter(guidance="expanded_2025").values_list("slug", flat=True))
    assert {"sharing-nudes", "pornography", "sexual-harassment"} <= expanded
    added = set(RSHETopic.objects.filter(guidance="added_2025").values_list("slug", flat=True))
    assert not added & {"sharing-nudes", "pornography", "sexual-harassment"}


def test_sensitive_modules_quizzes_do_not_speak_of_passing():
    for name in MODULES:
        data = module_data(name)
        if data["is_sensitive"]:
            assert "to pass" not in data["quiz"]["intro"], name
