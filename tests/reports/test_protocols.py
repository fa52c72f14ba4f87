"""Evaluation protocols: a commissioner's draft, frozen with a time and never changed, published and named."""

import datetime
import hashlib
import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import GlobalRole
from courses.versioning import record_version
from reports.protocol import ProtocolFrozenError, freeze_protocol, record_digest, save_draft
from reports.protocol_models import EvaluationProtocol
from tests.courses.test_instrument_admin import quiz_form
from tests.factories import QuizFactory, SchoolFactory, SurveyFactory, UserFactory, enable_mfa, staff

from .rollup_rows import commissioner

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(db):
    quiz = QuizFactory(key="consent-quiz", title="Consent quiz")
    survey = SurveyFactory(key="respect-survey", title="Respect survey")
    return record_version(instrument=quiz), record_version(instrument=survey)


def form_data(versions, **changes) -> dict:
    quiz_version, survey_version = versions
    data = {
        "title": "Kent and Medway 2026 to 2027",
        "period_start": "1/9/2026",
        "period_end": "31/8/2027",
        "primary_outcome": "Change in the end-of-module quiz score, first attempt, before to after.",
        "quiz_versions": [str(quiz_version.pk)],
        "survey_versions": [str(survey_version.pk)],
        "waves": ["pre", "post"],
        "analysis": "Paired change, CR2 interval clustered by school; attitude scales Holm-adjusted.",
    }
    data.update(changes)
    return data


def draft(versions, user=None) -> EvaluationProtocol:
    quiz_version, survey_version = versions
    return save_draft(
        protocol=None,
        user=user or UserFactory(),
        title="Kent and Medway 2026 to 2027",
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2027, 8, 31),
        primary_outcome="Knowledge change",
        quiz_versions=[quiz_version],
        survey_versions=[survey_version],
        waves=["post", "pre"],
        analysis="Paired change",
    )


def signed_in(client, user=None):
    client.force_login(user or commissioner())
    return client


# --- A commissioner opens and freezes a protocol ----------------------------------------------------------


def test_commissioner_opens_a_draft_protocol(client, versions):
    response = signed_in(client).post(reverse("reports:protocol_new"), form_data(versions))

    protocol = EvaluationProtocol.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:protocol", args=[protocol.pk])
    assert protocol.period_start == datetime.date(2026, 9, 1)
    assert protocol.waves == ["pre", "post"]
    assert list(protocol.quiz_versions.all()) == [versions[0]]
    assert list(protocol.survey_versions.all()) == [versions[1]]
    assert protocol.frozen_at is None


def test_a_draft_can_be_edited(client, versions):
    protocol = draft(versions)
    response = signed_in(client).post(
        reverse("reports:protocol", args=[protocol.pk]), form_data(versions, waves=["pre", "post", "follow_up"])
    )

    assert response.status_code == 302
    protocol.refresh_from_db()
    assert protocol.waves == ["pre", "post", "follow_up"]


def test_freezing_stamps_the_time_writes_the_record_and_freezes_the_versions(client, versions):
    protocol = draft(versions)
    user = commissioner()

    response = signed_in(client, user).post(reverse("reports:protocol_freeze", args=[protocol.pk]))

    assert response.status_code == 302
    protocol.refresh_from_db()
    assert protocol.frozen_at is not None and protocol.frozen_by == user
    assert protocol.record["primary_outcome"] == "Knowledge change"
    assert [(i["key"], i["version"]) for i in protocol.record["instruments"]] == [
        ("consent-quiz", 1),
        ("respect-survey", 1),
    ]
    assert protocol.record["waves"] == ["pre", "post"]
    canonical = json.dumps(protocol.record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert protocol.digest == hashlib.sha256(canonical.encode()).hexdigest() == record_digest(protocol.record)
    for version in versions:
        version.refresh_from_db()
        assert version.frozen_at is not None and version.is_locked
    page = client.get(reverse("reports:protocol", args=[protocol.pk])).content.decode()
    assert "Evaluation protocol, frozen" in page
    assert protocol.digest in page


# --- A frozen protocol never changes -----------------------------------------------------------------------


def test_a_frozen_protocol_refuses_an_edit_and_changes_nothing(client, versions):
    protocol = freeze_protocol(protocol=draft(versions), user=UserFactory())
    before = EvaluationProtocol.objects.filter(pk=protocol.pk).values().get()

    response = signed_in(client).post(
        reverse("reports:protocol", args=[protocol.pk]), form_data(versions, title="Changed", waves=["post"])
    )

    assert response.status_code == 409
    assert "cannot be changed" in response.content.decode()
    assert EvaluationProtocol.objects.filter(pk=protocol.pk).values().get() == before
    assert list(protocol.survey_versions.all()) == [versions[1]]


def test_freezing_twice_keeps_the_first_time(client, versions):
    protocol = freeze_protocol(protocol=draft(versions), user=UserFactory())
    first = (protocol.frozen_at, protocol.digest)

    response = signed_in(client).post(reverse("reports:protocol_freeze", args=[protocol.pk]))

    assert response.status_code == 409
    protocol.refresh_from_db()
    assert (protocol.frozen_at, protocol.digest) == first


def test_the_service_refuses_to_change_a_frozen_protocol(versions):
    protocol = freeze_protocol(protocol=draft(versions), user=UserFactory())

    with pytest.raises(ProtocolFrozenError, match="cannot be changed"):
        save_draft(
            protocol=protocol,
            user=UserFactory(),
            title="Changed",
            period_start=protocol.period_start,
            period_end=protocol.period_end,
            primary_outcome="Attitudes",
            quiz_versions=[],
            survey_versions=[versions[1]],
            waves=["pre"],
            analysis="Other",
        )
    protocol.refresh_from_db()
    assert (protocol.title, protocol.primary_outcome) == ("Kent and Medway 2026 to 2027", "Knowledge change")


def test_a_protocol_naming_no_instrument_or_wave_is_not_frozen(versions):
    protocol = draft(versions)
    protocol.quiz_versions.clear()
    protocol.survey_versions.clear()

    with pytest.raises(ValueError, match="at least one quiz or survey version"):
        freeze_protocol(protocol=protocol, user=UserFactory())
    protocol.refresh_from_db()
    assert protocol.frozen_at is None


# --- Bad and tampered input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"quiz_versions": ["999999"]}, "Select a valid choice"),
        ({"waves": ["pre", "during"]}, "Select a valid choice. during is not one of the available choices."),
        ({"period_end": "1/8/2026"}, "The last day of the period must be on or after the first day."),
        ({"period_start": "31/2/2026"}, "Enter a valid date."),
        ({"quiz_versions": [], "survey_versions": []}, "Choose at least one quiz or survey version."),
        ({"primary_outcome": ""}, "This field is required."),
    ],
)
def test_a_bad_or_tampered_form_is_refused_with_the_reason_and_saves_nothing(client, versions, changes, message):
    response = signed_in(client).post(reverse("reports:protocol_new"), form_data(versions, **changes))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not EvaluationProtocol.objects.exists()


# --- Only commissioners ---------------------------------------------------------------------------------


def _role(name):
    school = SchoolFactory()
    if name == "teacher":
        return staff(school)
    if name == "school_lead":
        return staff(school, role="school_lead")
    role = {"evaluator": GlobalRole.EVALUATOR, "editor": GlobalRole.CONTENT_EDITOR}[name]
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return enable_mfa(user)


@pytest.mark.parametrize("name", ["teacher", "school_lead", "evaluator", "editor"])
def test_other_roles_are_refused_and_change_nothing(client, versions, name):
    protocol = draft(versions)
    client.force_login(_role(name))

    assert client.get(reverse("reports:protocols")).status_code == 403
    assert client.get(reverse("reports:protocol", args=[protocol.pk])).status_code == 403
    assert client.post(reverse("reports:protocol_new"), form_data(versions)).status_code == 403
    assert client.post(reverse("reports:protocol_freeze", args=[protocol.pk])).status_code == 403
    protocol.refresh_from_db()
    assert protocol.frozen_at is None
    assert EvaluationProtocol.objects.count() == 1


# --- Published and named ------------------------------------------------------------------------------------


def test_the_transparency_page_publishes_frozen_protocols_only(client, versions):
    frozen = freeze_protocol(protocol=draft(versions), user=UserFactory())
    other = draft(versions)
    other.title = "A draft not yet frozen"
    other.save()

    page = client.get(reverse("reports:transparency")).content.decode()

    assert "Kent and Medway 2026 to 2027" in page
    assert frozen.frozen_text in page
    assert frozen.digest in page
    assert "Consent quiz, version 1" in page
    assert "A draft not yet frozen" not in page


def test_figures_name_the_protocol_of_their_year(client, versions, module):
    from reports.protocol import academic_year_period, protocols_answered

    from .rollup_rows import progress, school

    progress(school(None), module, year=2026, assigned=10)
    signed_in(client)
    before = client.get(reverse("reports:dashboard")).content.decode()
    assert "No evaluation protocol was frozen for this period" in before

    frozen = freeze_protocol(protocol=draft(versions), user=UserFactory())

    assert protocols_answered(*academic_year_period(2026)) == [frozen]
    assert protocols_answered(*academic_year_period(2025)) == []
    one_year = client.get(reverse("reports:dashboard"), {"year": 2026}).content.decode()
    assert f"These figures answer the evaluation protocol {frozen.name}" in " ".join(one_year.split())
    # Pooling every year, the figures include the protocol's period but do not answer it.
    every_year = " ".join(client.get(reverse("reports:dashboard"), {"year": "all"}).content.decode().split())
    assert "These figures answer" not in every_year
    assert f"These figures pool every academic year. The evaluation protocol {frozen.name} covers only part" in (
        every_year
    )


# --- Editing a frozen instrument -----------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model):
    user = enable_mfa(django_user_model.objects.create_superuser("admin@example.org", "a-long-test-password"))
    client.force_login(user)
    return client


def test_editing_a_frozen_quiz_warns_and_makes_a_version_outside_the_protocol(admin_client, versions):
    quiz_version, _ = versions
    protocol = freeze_protocol(protocol=draft(versions), user=UserFactory())
    quiz = quiz_version.quiz
    edit = reverse("wagtailsnippets_courses_quiz:edit", args=[quiz.pk])

    opened = admin_client.get(edit).content.decode()
    assert "part of a frozen evaluation protocol" in opened
    assert f"version 1 in {protocol.name}" in opened

    saved = admin_client.post(edit, quiz_form("consent-quiz", "Reworded question?"), follow=True).content.decode()

    assert "Version 1 is named in a frozen evaluation protocol, so your changes were saved as version 2" in saved
    assert "Your changes are version 2, which no frozen evaluation protocol covers" in saved
    quiz_version.refresh_from_db()
    assert quiz_version.definition["questions"][0]["text"] == "Question q1?"
    assert quiz.current_version.number == 2
