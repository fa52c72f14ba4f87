from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from schools.models import Assignment, AuditAction, AuditEvent, ClassMembership, Pupil, SchoolClass
from schools.services.pupils import authenticate_pupil
from tests.factories import ModulePageFactory, school_class


def shown_code(response) -> str:
    """The personal code on the 'new code' page."""
    codes = BeautifulSoup(response.content, "html.parser").select(".govuk-panel__body .class-code")
    return codes[1].get_text(strip=True)


def test_teacher_creates_a_class_and_teaches_it(client, world):
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:class_create"),
        {"school": world.school.pk, "name": "8T", "year_group": 8, "academic_year": world.klass.academic_year},
    )
    created = SchoolClass.objects.get(school=world.school, name="8T")
    assert response.status_code == 302 and response["Location"] == reverse("schools:class_detail", args=[created.pk])
    assert list(created.teachers.all()) == [world.teacher]
    assert len(created.class_code) == 6


def test_class_names_are_unique_per_school_and_year(client, world):
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:class_create"),
        {"school": world.school.pk, "name": "9r", "year_group": 9, "academic_year": world.klass.academic_year},
    )
    assert response.status_code == 200
    assert "already has a class called 9r" in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()


def test_teacher_cannot_create_a_class_at_another_school(client, world):
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:class_create"),
        {"school": world.other_school.pk, "name": "8Z", "year_group": 8, "academic_year": world.klass.academic_year},
    )
    assert response.status_code == 200
    assert not SchoolClass.objects.filter(name="8Z").exists()


def test_teacher_home_lists_classes_with_assignment_status(client, world, programme, django_assert_max_num_queries):
    module = ModulePageFactory(parent=programme, title="Consent and respect")
    today = timezone.localdate()
    Assignment.objects.create(school_class=world.klass, module=module, opens_on=today, due_on=today + timedelta(days=3))
    client.force_login(world.teacher)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("schools:teacher_home"))
    html = response.content.decode()
    class_names = [h.get_text(strip=True) for h in BeautifulSoup(html, "html.parser").select(".card h2")]
    assert class_names == ["9R"], "only the teacher's own class, never another school's 9X"
    assert "Consent and respect" in html
    assert f"Due {(today + timedelta(days=3)):%-d %B}" in html


def test_adding_a_pupil_shows_the_code_once_and_stores_only_its_hash(client, world):
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:pupil_add", args=[world.klass.pk]),
        {"first_name": "Zoë", "last_name": "Q", "year_group": 9, "gender": ""},
    )
    assert response.status_code == 200
    code = (
        BeautifulSoup(response.content, "html.parser").select(".govuk-panel__body .class-code")[1].get_text(strip=True)
    )
    pupil = Pupil.objects.get(first_name="Zoë")
    assert code.replace(" ", "") not in pupil.login_code_digest
    assert authenticate_pupil(class_code=world.klass.class_code, pupil_code=code) == (pupil, world.klass)
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]


def test_pupil_names_with_formula_characters_are_refused(client, world):
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:pupil_add", args=[world.klass.pk]),
        {"first_name": "=HYPERLINK(1)", "last_name": "Q", "year_group": 9},
    )
    assert response.status_code == 200
    assert not Pupil.objects.filter(last_name="Q").exists()


def test_resetting_a_code_replaces_the_old_one_and_is_audited(client, world):
    client.force_login(world.teacher)
    pupil, old_code = world.pupils[0], world.codes[0]
    response = client.post(reverse("schools:pupil_reset_code", args=[world.klass.pk, pupil.pk]))
    assert response.status_code == 200
    new_code = (
        BeautifulSoup(response.content, "html.parser").select(".govuk-panel__body .class-code")[1].get_text(strip=True)
    )
    assert authenticate_pupil(class_code=world.klass.class_code, pupil_code=old_code) is None
    assert authenticate_pupil(class_code=world.klass.class_code, pupil_code=new_code) == (pupil, world.klass)
    event = AuditEvent.objects.get(action=AuditAction.CODE_RESET)
    assert event.actor == world.teacher and event.school == world.school


def test_reset_code_needs_post(client, world):
    client.force_login(world.teacher)
    assert client.get(reverse("schools:pupil_reset_code", args=[world.klass.pk, world.pupils[0].pk])).status_code == 405


def test_login_cards_reissue_every_code_and_print_working_ones(client, world):
    client.force_login(world.teacher)
    confirm = client.get(reverse("schools:login_cards", args=[world.klass.pk]))
    assert "new personal code" in confirm.content.decode()
    response = client.post(reverse("schools:login_cards", args=[world.klass.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    cards = soup.select(".login-card")
    assert len(cards) == 3
    assert "no-store" in response["Cache-Control"]
    for card, old_code in zip(cards, world.codes, strict=True):
        class_code, pupil_code = (dd.get_text(strip=True) for dd in card.select("dd"))
        assert class_code == world.klass.class_code
        assert authenticate_pupil(class_code=class_code, pupil_code=pupil_code) is not None
        assert authenticate_pupil(class_code=class_code, pupil_code=old_code) is None
        assert card.select_one("svg") is not None, "a QR code is printed"
    assert AuditEvent.objects.filter(action=AuditAction.CARDS_PRINTED, school=world.school).count() == 1


def test_moving_a_pupil_changes_their_class(client, world):
    target = school_class(world.school, world.teacher, name="9S")
    pupil = world.pupils[0]
    client.force_login(world.teacher)
    response = client.post(reverse("schools:pupil_move", args=[world.klass.pk, pupil.pk]), {"to_class": target.pk})
    assert response.status_code == 302
    assert set(ClassMembership.objects.current().filter(pupil=pupil).values_list("school_class", flat=True)) == {
        target.pk
    }
    assert authenticate_pupil(class_code=world.klass.class_code, pupil_code=world.codes[0]) is None
    assert authenticate_pupil(class_code=target.class_code, pupil_code=world.codes[0]) == (pupil, target)


def test_pupils_cannot_be_moved_to_another_schools_class(client, world):
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:pupil_move", args=[world.klass.pk, world.pupils[0].pk]), {"to_class": world.other_class.pk}
    )
    assert response.status_code == 200
    assert not ClassMembership.objects.filter(school_class=world.other_class, pupil=world.pupils[0]).exists()


def test_archived_class_stops_sign_in_and_changes(client, world):
    client.force_login(world.teacher)
    client.post(reverse("schools:class_archive", args=[world.klass.pk]))
    world.klass.refresh_from_db()
    assert world.klass.is_archived
    assert authenticate_pupil(class_code=world.klass.class_code, pupil_code=world.codes[0]) is None
    assert client.get(reverse("schools:pupil_add", args=[world.klass.pk])).status_code == 403
    assert client.get(reverse("schools:class_detail", args=[world.klass.pk])).status_code == 200


def test_school_lead_manages_every_class_of_their_school(client, world):
    client.force_login(world.lead)
    assert client.get(reverse("schools:class_detail", args=[world.klass.pk])).status_code == 200
    assert client.get(reverse("schools:pupil_add", args=[world.klass.pk])).status_code == 200


@pytest.fixture
def modules(programme):
    from courses.models import RSHETopic

    open_module = ModulePageFactory(parent=programme, title="Bystanders", delivery_mode="teacher_led_or_self_paced")
    sensitive = ModulePageFactory(parent=programme, title="Consent", is_sensitive=True)
    sensitive.rshe_topics.set([RSHETopic.objects.get(slug="consent")])
    sensitive.save()
    return open_module, sensitive


def assignment_data(module, *classes, delivery="in_class", **extra):
    today = timezone.localdate()
    return {
        "module": module.pk,
        "classes": [c.pk for c in classes],
        "opens_on": today.isoformat(),
        "due_on": (today + timedelta(days=14)).isoformat(),
        "delivery": delivery,
        "include_surveys": "on",
        "arm": "programme",
        **extra,
    }


def test_teacher_assigns_a_module_to_several_classes(client, world, modules):
    second = school_class(world.school, world.teacher, name="9S")
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:assignment_create", args=[world.klass.pk]),
        assignment_data(modules[0], world.klass, second, delivery="self_paced"),
    )
    assert response.status_code == 302
    assert set(Assignment.objects.values_list("school_class__name", "delivery", "include_surveys")) == {
        ("9R", "self_paced", True),
        ("9S", "self_paced", True),
    }


def test_sensitive_module_cannot_be_self_paced(client, world, modules):
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:assignment_create", args=[world.klass.pk]),
        assignment_data(modules[1], world.klass, delivery="self_paced"),
    )
    assert response.status_code == 200
    assert "must be taught in class" in response.content.decode()
    assert not Assignment.objects.exists()


def test_due_date_before_opening_is_refused(client, world, modules):
    client.force_login(world.teacher)
    today = timezone.localdate()
    response = client.post(
        reverse("schools:assignment_create", args=[world.klass.pk]),
        assignment_data(modules[0], world.klass, due_on=(today - timedelta(days=1)).isoformat()),
    )
    assert "on or after the date it opens" in response.content.decode()
    assert not Assignment.objects.exists()


def test_another_schools_class_cannot_be_slipped_into_an_assignment(client, world, modules):
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:assignment_create", args=[world.klass.pk]),
        assignment_data(modules[0], world.klass, world.other_class),
    )
    assert response.status_code == 200
    assert not Assignment.objects.filter(school_class=world.other_class).exists()


def test_a_class_is_enrolled_as_a_comparison_class_with_its_post_wave(client, world, programme):
    from tests.factories import QuizFactory

    module = ModulePageFactory(parent=programme, title="Bystanders", knowledge_quiz=QuizFactory())
    post_wave = timezone.localdate() + timedelta(days=42)
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:assignment_create", args=[world.klass.pk]),
        assignment_data(module, world.klass, arm="comparison", post_wave_on=post_wave.isoformat()),
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.is_comparison, assignment.post_wave_on) == (True, post_wave)
    page = client.get(reverse("schools:class_detail", args=[world.klass.pk])).content.decode()
    assert f"Comparison class: quiz and survey again from {post_wave:%-d %B}" in page


@pytest.mark.parametrize(
    ("arm", "days", "message"),
    [
        ("comparison", None, "Enter the date the quiz and survey after open for a comparison class."),
        ("comparison", 0, "The quiz and survey after must open after the module opens."),
        ("programme", 30, "Only a comparison class has a date for the quiz and survey after."),
        ("placebo", None, "Select a valid choice."),
    ],
)
def test_a_comparison_class_needs_a_post_wave_after_opening(client, world, modules, arm, days, message):
    extra = {"arm": arm}
    if days is not None:
        extra["post_wave_on"] = (timezone.localdate() + timedelta(days=days)).isoformat()
    client.force_login(world.teacher)
    response = client.post(
        reverse("schools:assignment_create", args=[world.klass.pk]), assignment_data(modules[0], world.klass, **extra)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_comparison_class_needs_something_to_answer(world, modules):
    from django.core.exceptions import ValidationError

    from schools.services.assignments import assign_module

    today = timezone.localdate()
    with pytest.raises(ValidationError, match="has no quiz or survey"):
        assign_module(
            classes=[world.klass],
            module=modules[0],
            opens_on=today,
            due_on=None,
            delivery="in_class",
            include_surveys=True,
            actor=world.teacher,
            arm="comparison",
            post_wave_on=today + timedelta(days=30),
        )
    assert not Assignment.objects.exists()


def test_assigning_twice_keeps_one_assignment(client, world, modules):
    client.force_login(world.teacher)
    url = reverse("schools:assignment_create", args=[world.klass.pk])
    client.post(url, assignment_data(modules[0], world.klass))
    client.post(url, assignment_data(modules[0], world.klass))
    assert Assignment.objects.count() == 1


def test_the_assignment_form_opens_today_in_a_date_input_that_shows_it(client, world):
    client.force_login(world.teacher)

    html = client.get(reverse("schools:assignment_create", args=[world.klass.pk])).content.decode()

    assert f'type="date" name="opens_on" value="{timezone.localdate().isoformat()}"' in html
