import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from schools.models import Assignment
from schools.pupil_codes import ALPHABET, is_well_formed, new_code
from tests.factories import ModulePageFactory

LOGIN = "schools:pupil_login"
HOME = "learning:pupil_home"  # where a signed-in pupil lands: their work


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def sign_in(client, class_code, pupil_code, **extra):
    return client.post(reverse(LOGIN), {"class_code": class_code, "pupil_code": pupil_code}, **extra)


def test_codes_have_no_look_alike_characters():
    assert not set("0O1IL") & set(ALPHABET)
    assert all(is_well_formed(new_code(6), 6) for _ in range(100))


def test_pupil_signs_in_and_sees_their_assignment(client, world, programme):
    module = ModulePageFactory(parent=programme, title="Being an active bystander")
    Assignment.objects.create(school_class=world.klass, module=module, opens_on=timezone.localdate())
    response = sign_in(client, world.klass.class_code, world.codes[0])
    assert response.status_code == 302 and response["Location"] == reverse(HOME)
    home = client.get(reverse(HOME))
    html = home.content.decode()
    assert f"Hello, {world.pupils[0].first_name}" in html
    assert "Being an active bystander" in html
    assert "no-store" in home["Cache-Control"]


def test_codes_are_accepted_in_lower_case_and_with_spaces(client, world):
    code = world.codes[1]
    response = sign_in(client, world.klass.class_code.lower(), f"{code[:3].lower()} {code[3:].lower()}")
    assert response.status_code == 302


def test_wrong_code_gives_one_clear_message(client, world):
    wrong = "".join("A" if ch != "A" else "B" for ch in world.codes[0])
    response = sign_in(client, world.klass.class_code, wrong)
    assert response.status_code == 200
    assert "could not sign you in" in response.content.decode()
    assert client.get(reverse(HOME)).status_code == 302


def test_a_code_from_another_class_does_not_work(client, world):
    response = sign_in(client, world.other_class.class_code, world.codes[0])
    assert "could not sign you in" in response.content.decode()


def test_malformed_codes_are_explained(client, world):
    response = sign_in(client, "AB0", "O1")
    html = response.content.decode()
    assert "A class code has 6 letters and numbers" in html
    assert "Your code has 6 letters and numbers" in html


def test_archived_class_cannot_sign_in(client, world):
    world.klass.archived_at = timezone.now()
    world.klass.save()
    assert "could not sign you in" in sign_in(client, world.klass.class_code, world.codes[0]).content.decode()


def test_failed_attempts_are_limited_per_class(client, world, settings):
    settings.PUPIL_LOGIN_RATE_PER_CLASS = "3/5m"
    settings.PUPIL_LOGIN_RATE_PER_IP = "100/5m"
    for number in range(3):
        sign_in(client, world.klass.class_code, "ZZZZZZ", REMOTE_ADDR=f"10.0.0.{number}")
    response = sign_in(client, world.klass.class_code, world.codes[0], REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    other = sign_in(client, world.other_class.class_code, "ZZZZZZ", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200, "another class is not blocked"


def test_failed_attempts_are_limited_per_device(client, world, settings):
    settings.PUPIL_LOGIN_RATE_PER_CLASS = "100/5m"
    settings.PUPIL_LOGIN_RATE_PER_IP = "3/5m"
    for _ in range(3):
        sign_in(client, world.klass.class_code, "ZZZZZZ")
    assert sign_in(client, world.klass.class_code, world.codes[0]).status_code == 429


def test_pupil_sign_in_ends_a_staff_session_on_the_same_device(client, world):
    client.force_login(world.teacher)
    sign_in(client, world.klass.class_code, world.codes[0])
    assert client.get(reverse("schools:teacher_home")).status_code == 302, "the teacher was signed out"


def test_pupil_signs_out(client, world):
    sign_in(client, world.klass.class_code, world.codes[0])
    client.post(reverse("schools:pupil_logout"))
    assert client.get(reverse(HOME)).status_code == 302


def test_moved_pupil_session_ends(client, world):
    from schools.services.pupils import move_pupil
    from tests.factories import school_class

    sign_in(client, world.klass.class_code, world.codes[0])
    move_pupil(
        pupil=world.pupils[0],
        from_class=world.klass,
        to_class=school_class(world.school, world.teacher, name="9S"),
        actor=world.teacher,
    )
    assert client.get(reverse(HOME)).status_code == 302


def test_a_signed_in_pupil_is_signed_out_once_their_class_is_archived(client, world):
    sign_in(client, world.klass.class_code, world.codes[0])
    assert client.get(reverse(HOME)).status_code == 200
    world.klass.archived_at = timezone.now()
    world.klass.save()
    assert client.get(reverse(HOME)).status_code == 302


@pytest.mark.parametrize("page", [LOGIN, "classroom:pupil_live_join"])
def test_malformed_codes_answer_400_with_the_message_on_both_sign_in_pages(client, world, page):
    """Both sign-in forms check codes through ``sign_in_with_codes``: malformed codes are bad input."""
    response = client.post(reverse(page), {"class_code": world.klass.class_code, "pupil_code": "AB"})
    assert response.status_code == 400
    assert "Your code has 6 letters and numbers" in response.content.decode()
    assert client.get(reverse(HOME)).status_code == 302
