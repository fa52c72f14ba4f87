from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from schools.models import AuditAction, AuditEvent, Pupil


def test_lead_records_a_parental_opt_out_with_date_and_recorder(client, world):
    client.force_login(world.lead)
    pupil = world.pupils[0]
    day = timezone.localdate() - timedelta(days=2)
    url = reverse("schools:pupil_evaluation", args=[world.school.urn, pupil.pk])
    response = client.post(url, {"kind": "opt_out", "on": day.isoformat()})
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert (pupil.opted_out_at, pupil.opted_out_by) == (day, world.lead)
    assert not pupil.in_evaluation
    assert set(Pupil.objects.in_evaluation()) == set(Pupil.objects.all()) - {pupil}
    assert AuditEvent.objects.filter(action=AuditAction.OPTED_OUT, actor=world.lead).exists()


def test_withdrawal_and_restore(client, world):
    client.force_login(world.lead)
    pupil = world.pupils[1]
    url = reverse("schools:pupil_evaluation", args=[world.school.urn, pupil.pk])
    client.post(url, {"kind": "withdrawal", "on": timezone.localdate().isoformat()})
    pupil.refresh_from_db()
    assert pupil.withdrawn_at == timezone.localdate() and pupil.withdrawn_by == world.lead
    client.post(url, {"action": "restore"})
    pupil.refresh_from_db()
    assert pupil.in_evaluation
    assert AuditEvent.objects.filter(action=AuditAction.EVALUATION_RESTORED).exists()


def test_opt_out_date_cannot_be_in_the_future(client, world):
    client.force_login(world.lead)
    url = reverse("schools:pupil_evaluation", args=[world.school.urn, world.pupils[0].pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(url, {"kind": "opt_out", "on": tomorrow.isoformat()})
    assert "cannot be in the future" in response.content.decode()
    world.pupils[0].refresh_from_db()
    assert world.pupils[0].in_evaluation


def test_teachers_cannot_record_opt_outs(client, world):
    client.force_login(world.teacher)
    url = reverse("schools:pupil_evaluation", args=[world.school.urn, world.pupils[0].pk])
    assert client.post(url, {"kind": "opt_out", "on": timezone.localdate().isoformat()}).status_code == 403
    world.pupils[0].refresh_from_db()
    assert world.pupils[0].in_evaluation


def test_audit_log_shows_this_schools_events_only(client, world):
    from schools.services.pupils import reset_login_code

    reset_login_code(pupil=world.pupils[0], actor=world.teacher)
    other_pupil = Pupil.objects.get(school=world.other_school)
    reset_login_code(pupil=other_pupil, actor=world.other_class_teacher)
    client.force_login(world.lead)
    html = client.get(reverse("schools:audit_log", args=[world.school.urn])).content.decode()
    assert f"Reset the login code of {world.pupils[0].display_name}" in html
    assert other_pupil.display_name not in html


def test_pupil_list_can_show_only_excluded_pupils(client, world):
    from schools.services.pupils import record_opt_out

    record_opt_out(pupil=world.pupils[2], kind="opt_out", on=timezone.localdate(), actor=world.lead)
    client.force_login(world.lead)
    html = client.get(reverse("schools:school_pupils", args=[world.school.urn]) + "?show=excluded").content.decode()
    assert world.pupils[2].display_name in html
    assert world.pupils[0].display_name not in html
