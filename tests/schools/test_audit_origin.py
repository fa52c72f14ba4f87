"""Every audit entry written while answering a request says where the request came from."""

from datetime import timedelta

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from classroom.services.live import join_session, start_session
from schools.models import AuditAction, AuditEvent
from schools.services.audit import record_audit
from tests.factories import LessonPageFactory, ModulePageFactory

IP = "203.0.113.40"


def test_an_opt_out_recorded_through_the_page_keeps_the_address(client, world):
    client.force_login(world.lead)
    url = reverse("schools:pupil_evaluation", args=[world.school.urn, world.pupils[0].pk])
    on = timezone.localdate() - timedelta(days=1)
    client.post(url, {"kind": "opt_out", "on": on.isoformat()}, REMOTE_ADDR=IP)
    event = AuditEvent.objects.get(action=AuditAction.OPTED_OUT)
    assert event.ip_address == IP
    assert event.summary.endswith(f" on {on.day} {on:%B %Y}"), "dates written the one way the log shows them"


def test_an_invitation_through_the_page_keeps_the_address(client, world):
    client.force_login(world.lead)
    client.post(
        reverse("schools:school_staff", args=[world.school.urn]),
        {"email": "deputy@a.example.org", "role": "teacher"},
        REMOTE_ADDR=IP,
    )
    assert AuditEvent.objects.get(action=AuditAction.STAFF_INVITED).ip_address == IP


def test_a_register_correction_keeps_the_address(client, world, programme):
    module = ModulePageFactory(parent=programme)
    lesson = LessonPageFactory(parent=module)
    assignment = world.klass.assignments.create(module=module, opens_on=timezone.localdate())
    session = start_session(school_class=world.klass, assignment=assignment, lesson=lesson, teacher=world.teacher)
    join_session(session=session, pupil=world.pupils[0])
    client.force_login(world.teacher)
    client.post(
        reverse("classroom:register", args=[session.pk]),
        {"action": "taught", "present": [world.pupils[1].pk]},
        REMOTE_ADDR=IP,
    )
    for action in (AuditAction.REGISTER_CORRECTED, AuditAction.LESSON_TAUGHT):
        assert AuditEvent.objects.get(action=action).ip_address == IP, action


def test_outside_a_request_the_address_is_not_known(world):
    event = record_audit(actor=None, school=world.school, action=AuditAction.CODE_RESET, summary="By a scheduled task")
    assert event.ip_address is None


def test_an_address_given_by_the_caller_wins(client, world):
    event = record_audit(
        actor=world.lead, school=world.school, action=AuditAction.CODE_RESET, summary="x", ip_address="198.51.100.1"
    )
    assert event.ip_address == "198.51.100.1"


def test_the_audit_log_table_scrolls_in_its_own_labelled_region(client, world):
    record_audit(actor=world.lead, school=world.school, action=AuditAction.CODE_RESET, summary="Reset a code")
    client.force_login(world.lead)
    soup = BeautifulSoup(client.get(reverse("schools:audit_log", args=[world.school.urn])).content, "html.parser")
    region = soup.select_one('[role=region][tabindex="0"]')
    assert region is not None and region.find("table") is not None
    assert region["aria-label"] == "Audit log, scrolls sideways"
    assert "Reset a code" in region.get_text()
