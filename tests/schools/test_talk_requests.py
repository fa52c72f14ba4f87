"""A pupil's "I'd like to talk to someone" reaches their school's safeguarding lead alone, and is logged."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from schools.models import AuditAction, AuditEvent, TalkRequest
from schools.retention.apply import apply_retention
from schools.services.erasure import erase_pupil
from schools.services.talk_requests import TALK_REQUESTS_PER_DAY, request_talk
from tests.classroom.live_world import NAME_STEM, give_dsl, make_live_world
from tests.factories import platform_admin, staff

pytestmark = pytest.mark.django_db

NOTE = "Something happened at the weekend and I do not know who to tell."
TALK = reverse("schools:pupil_talk")


@pytest.fixture
def world(programme):
    world = make_live_world(programme, pupils=2)
    world.dsl = staff(world.school, "teacher", email="dsl@fern.example.org")
    give_dsl(world.school, account=world.dsl)
    world.other_dsl = staff(world.other_school, "teacher", email="dsl@brook.example.org")
    give_dsl(world.other_school, account=world.other_dsl)
    return world


def _key(html: str) -> str:
    return re.search(r'name="key" value="([^"]+)"', html).group(1)


def _send(client, *, note=NOTE, source="lesson", key=None):
    key = key or _key(client.get(TALK + f"?from={source}").content.decode())
    return client.post(TALK, {"note": note, "source": source, "key": key})


def test_the_form_says_who_will_see_it_before_the_pupil_writes(world):
    page = world.pupil_client(0).get(TALK + "?from=lesson").content.decode()
    who = page.index("Only\n")
    assert who < page.index('name="note"')
    assert "Mr Adeyemi, your school's safeguarding lead" in page
    assert "Your teachers will not see it." in page
    assert "reads your note automatically" in page
    assert "0800 1111" in page and 'name="source" value="lesson"' in page


def test_the_request_reaches_the_schools_dsl_who_alone_sees_the_name_and_note(world):
    response = _send(world.pupil_client(0))
    assert response.status_code == 302 and response["Location"] == reverse("schools:pupil_talk_sent")
    talk = TalkRequest.objects.get()
    assert talk.school == world.school and talk.pupil == world.pupils[0] and talk.note == NOTE
    assert talk.source == "lesson"

    dsl = world.teacher_client(world.dsl)
    listing = dsl.get(reverse("schools:dsl_talk_requests")).content.decode()
    assert "The end of a lesson" in listing and "New" in listing
    assert NAME_STEM not in listing and NOTE not in listing, "names and notes only one click further"
    detail = dsl.get(reverse("schools:dsl_talk_request", args=[talk.pk]))
    html = detail.content.decode()
    assert detail.status_code == 200 and "no-store" in detail["Cache-Control"]
    assert world.pupils[0].display_name in html and NOTE in html and "9F" in html
    talk.refresh_from_db()
    assert talk.opened_at is not None


def test_another_schools_dsl_the_class_teacher_and_the_school_lead_get_404(world):
    _send(world.pupil_client(0))
    talk = TalkRequest.objects.get()
    detail = reverse("schools:dsl_talk_request", args=[talk.pk])
    for user in (world.other_dsl, world.teacher, world.lead, platform_admin()):
        client = world.teacher_client(user)
        assert client.get(detail).status_code == 404, user
    other_listing = world.teacher_client(world.other_dsl).get(reverse("schools:dsl_talk_requests"))
    assert other_listing.status_code == 200 and "The end of a lesson" not in other_listing.content.decode()
    for user in (world.teacher, world.lead):
        assert world.teacher_client(user).get(reverse("schools:dsl_talk_requests")).status_code == 404
    teacher_pages = [
        reverse("classroom:class_questions", args=[world.klass.pk]),
        reverse("learning:class_progress", args=[world.klass.pk]),
        reverse("schools:teacher_home"),
    ]
    for page in teacher_pages:
        html = world.teacher_client().get(page).content.decode()
        assert NOTE not in html and "asked to talk" not in html
    assert TalkRequest.objects.get().opened_at is None, "nobody else's look counts as the DSL opening it"


def test_sending_and_each_look_are_audit_logged_without_naming_the_pupil(world):
    _send(world.pupil_client(0), source="survey")
    talk = TalkRequest.objects.get()
    sent = AuditEvent.objects.get(action=AuditAction.TALK_REQUESTED)
    assert sent.school == world.school and sent.actor is None
    assert sent.target_type == "schools.TalkRequest" and sent.target_id == str(talk.pk)
    dsl = world.teacher_client(world.dsl)
    dsl.get(reverse("schools:dsl_talk_request", args=[talk.pk]))
    dsl.get(reverse("schools:dsl_talk_request", args=[talk.pk]))
    looks = AuditEvent.objects.filter(action=AuditAction.TALK_REQUEST_VIEWED)
    assert looks.count() == 2 and set(looks.values_list("actor", flat=True)) == {world.dsl.pk}
    for event in AuditEvent.objects.filter(action__in=[AuditAction.TALK_REQUESTED, AuditAction.TALK_REQUEST_VIEWED]):
        assert NAME_STEM not in event.summary and NOTE not in str(event.detail)


def test_the_pupil_is_told_when_it_will_be_seen_and_shown_childline(world):
    client = world.pupil_client(0)
    page = client.get(_send(client)["Location"]).content.decode()
    assert "Your request has been sent" in page
    assert "Mr Adeyemi, your school's safeguarding lead," in page
    assert "usually the same day or the next school day" in page
    assert "Childline" in page and "0800 1111" in page and "999" in page
    assert NOTE not in page


def test_sending_twice_with_the_same_form_makes_one_request(world):
    client = world.pupil_client(0)
    key = _key(client.get(TALK).content.decode())
    first = _send(client, key=key)
    second = _send(client, key=key)
    assert first.status_code == second.status_code == 302
    assert TalkRequest.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.TALK_REQUESTED).count() == 1


def test_a_tampered_form_is_refused_with_a_message_and_nothing_stored(world):
    client = world.pupil_client(0)
    response = client.post(TALK, {"note": NOTE, "source": "lesson", "key": "not-a-key"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Something went wrong with the form" in html and NOTE in html, "the note is kept to send again"
    fresh = _key(html)
    assert fresh != "not-a-key" and uuid.UUID(fresh)
    # A source that is not one of ours does not lose the request: it is filed as from the help page.
    assert _send(client, source="teacher-dashboard").status_code == 302
    assert TalkRequest.objects.get().source == "help"


def test_a_note_too_long_is_refused_on_the_field(world):
    response = _send(world.pupil_client(0), note="x" * 501)
    assert response.status_code == 400
    assert "Keep your note to 500 characters or fewer" in response.content.decode()
    assert not TalkRequest.objects.exists()


def test_an_empty_note_is_fine(world):
    assert _send(world.pupil_client(0), note="").status_code == 302
    talk = TalkRequest.objects.get()
    page = world.teacher_client(world.dsl).get(reverse("schools:dsl_talk_request", args=[talk.pk])).content.decode()
    assert "did not have to" in page


def test_without_a_linked_dsl_account_nothing_is_stored_and_the_pupil_is_told_who_to_go_to(world):
    give_dsl(world.school, account=None)
    client = world.pupil_client(0)
    page = client.get(TALK).content.decode()
    assert 'name="note"' not in page and "nobody would see one" in page and "Mr Adeyemi" in page
    response = client.post(TALK, {"note": NOTE, "source": "help", "key": str(uuid.uuid4())})
    assert "nobody would see one" in response.content.decode()
    assert not TalkRequest.objects.exists()


def test_a_pupil_cannot_flood_the_dsl(world):
    for _ in range(TALK_REQUESTS_PER_DAY):
        request_talk(pupil=world.pupils[1], note="", source="help", key=uuid.uuid4())
    response = _send(world.pupil_client(1))
    assert response.status_code == 400 and "Childline on 0800 1111" in response.content.decode()
    assert TalkRequest.objects.count() == TALK_REQUESTS_PER_DAY


def test_the_dsls_home_links_to_the_requests_with_how_many_wait(world):
    _send(world.pupil_client(0))
    page = world.teacher_client(world.dsl).get(reverse("schools:teacher_home")).content.decode()
    assert reverse("schools:dsl_talk_requests") in page
    assert "Pupils who asked to talk to you" in page and "1 waiting" in page


def test_requests_are_kept_as_long_as_questions_passed_to_the_dsl(world, settings):
    settings.RETENTION_ANONYMOUS_QUESTIONS_DAYS = 30
    old = request_talk(pupil=world.pupils[0], note=NOTE, source="help", key=uuid.uuid4())
    recent = request_talk(pupil=world.pupils[1], note="", source="help", key=uuid.uuid4())
    TalkRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    TalkRequest.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=29))
    run = apply_retention()
    assert run.total("talk_requests") == 1
    assert list(TalkRequest.objects.values_list("pk", flat=True)) == [recent.pk]


def test_erasing_the_pupil_deletes_their_requests(world):
    request_talk(pupil=world.pupils[0], note=NOTE, source="help", key=uuid.uuid4())
    result = erase_pupil(world.pupils[0], actor=world.lead, reason="Parent asked", ip_address=None)
    assert result.talk_requests_deleted == 1 and not TalkRequest.objects.exists()


def test_the_dsl_is_emailed_once_without_the_pupils_name_or_note(world, mailoutbox):
    from django.test import TestCase

    from schools.services.talk_requests import email_dsl_about_talk_request

    with TestCase.captureOnCommitCallbacks(execute=True):
        _send(world.pupil_client(0))
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [world.dsl.email] and "Fernhill School" in email.subject
    assert reverse("schools:dsl_talk_requests") in email.body
    assert NAME_STEM not in email.body + email.subject and NOTE not in email.body
    talk = TalkRequest.objects.get()
    assert talk.dsl_emailed_at is not None
    assert email_dsl_about_talk_request(talk_id=talk.pk) is False, "a retry sends nothing more"
    assert len(mailoutbox) == 1
