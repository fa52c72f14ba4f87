"""The record of staff viewing pupil-level data, the append-only log, and who can read it."""

import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from schools.models import Assignment, AuditAction, AuditEvent
from schools.models.append_only import AppendOnlyError
from schools.services.audit import record_audit
from tests.factories import ModulePageFactory, platform_admin

IP = "198.51.100.23"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def assignment(world, programme):
    module = ModulePageFactory(parent=programme, title="Healthy friendships")
    return Assignment.objects.create(school_class=world.klass, module=module, opens_on=timezone.localdate())


def views():
    return AuditEvent.objects.filter(action=AuditAction.PUPIL_DATA_VIEWED)


def pages(world, assignment):
    """Each page of pupil-level data: (url, who may see it, the summary, the target)."""
    klass, pupil = world.klass, world.pupils[0]
    return {
        "class": (
            reverse("schools:class_detail", args=[klass.pk]),
            world.teacher,
            "Viewed the pupils of class 9R",
            klass,
        ),
        "grid": (
            reverse("learning:class_progress", args=[klass.pk]) + f"?assignment={assignment.pk}",
            world.teacher,
            "Viewed the progress grid of 9R for Healthy friendships",
            klass,
        ),
        "pupils": (
            reverse("schools:school_pupils", args=[world.school.urn]),
            world.lead,
            f"Viewed the pupil list of {world.school.name} (page 1)",
            world.school,
        ),
        "excluded": (
            reverse("schools:school_pupils", args=[world.school.urn]) + "?show=excluded",
            world.lead,
            f"Viewed the pupils left out of the evaluation of {world.school.name} (page 1)",
            world.school,
        ),
        "opt-out": (
            reverse("schools:pupil_evaluation", args=[world.school.urn, pupil.pk]),
            world.lead,
            f"Viewed the evaluation status of {pupil.display_name}",
            pupil,
        ),
    }


@pytest.mark.parametrize("page", ["class", "grid", "pupils", "excluded", "opt-out"])
def test_each_view_of_pupil_data_is_recorded_once_with_who_what_and_where(client, world, assignment, page):
    url, user, summary, target = pages(world, assignment)[page]
    client.force_login(user)

    for _ in range(3):
        assert client.get(url, REMOTE_ADDR=IP).status_code == 200

    event = views().get()
    assert (event.actor, event.school, event.summary, event.ip_address) == (user, world.school, summary, IP)
    assert (event.target_type, event.target_id) == (target._meta.label, str(target.pk))


def test_the_same_page_is_recorded_again_for_another_person_or_address(client, world, assignment):
    url = reverse("schools:class_detail", args=[world.klass.pk])
    client.force_login(world.teacher)
    client.get(url, REMOTE_ADDR=IP)
    client.get(url, REMOTE_ADDR="192.0.2.1")
    client.force_login(world.lead)
    client.get(url, REMOTE_ADDR=IP)

    assert sorted((e.actor.email, e.ip_address) for e in views()) == [
        (world.lead.email, IP),
        (world.teacher.email, "192.0.2.1"),
        (world.teacher.email, IP),
    ]


def test_another_page_of_the_list_is_its_own_view(client, world, assignment):
    client.force_login(world.lead)
    url = reverse("schools:school_pupils", args=[world.school.urn])
    client.get(url)
    client.get(url + "?show=excluded")

    assert views().count() == 2


@override_settings(ACCESS_LOG_REPEAT_MINUTES=0)
def test_repeats_are_kept_when_the_window_is_zero(client, world):
    client.force_login(world.teacher)
    for _ in range(2):
        client.get(reverse("schools:class_detail", args=[world.klass.pk]))

    assert views().count() == 2


def test_a_view_is_written_when_the_cache_cannot_be_reached(client, world, monkeypatch):
    add = cache.add

    def unreachable_for_the_log(key, *args, **kwargs):
        if key.startswith("access-log:"):
            raise ConnectionError("cache down")
        return add(key, *args, **kwargs)

    monkeypatch.setattr(cache, "add", unreachable_for_the_log)
    client.force_login(world.teacher)
    for _ in range(2):
        assert client.get(reverse("schools:class_detail", args=[world.klass.pk])).status_code == 200

    assert views().count() == 2


def test_aggregated_pages_are_not_recorded(client, world, assignment):
    client.force_login(world.teacher)
    args = [world.klass.pk, assignment.pk]
    assert client.get(reverse("learning:item_analysis", args=args)).status_code == 200
    assert client.get(reverse("learning:survey_summary", args=args)).status_code == 200

    assert not views().exists()


def test_another_schools_page_records_nothing(client, world, assignment):
    client.force_login(world.other_class_teacher)
    assert client.get(reverse("schools:class_detail", args=[world.klass.pk])).status_code == 404

    assert not views().exists()


def test_the_teacher_csv_export_records_where_it_went(client, world, assignment):
    client.force_login(world.teacher)
    url = reverse("learning:class_progress_csv", args=[world.klass.pk]) + f"?assignment={assignment.pk}"
    client.get(url, REMOTE_ADDR=IP)

    event = AuditEvent.objects.get(action=AuditAction.EXPORTED)
    assert (event.actor, event.ip_address) == (world.teacher, IP)


def test_an_address_that_is_not_an_ip_is_stored_as_unknown(world):
    event = record_audit(
        actor=world.teacher, school=world.school, action=AuditAction.CODE_RESET, summary="x", ip_address="unknown"
    )
    assert event.ip_address is None


# --- Append-only ---------------------------------------------------------------------------------


@pytest.fixture
def entry(world):
    return record_audit(actor=world.teacher, school=world.school, action=AuditAction.CODE_RESET, summary="Reset")


def test_a_saved_entry_cannot_be_changed(entry):
    entry.summary = "Nothing happened"
    with pytest.raises(AppendOnlyError, match="append-only"):
        entry.save()
    entry.refresh_from_db()
    assert entry.summary == "Reset"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(AppendOnlyError, match="retention"):
        entry.delete()
    assert AuditEvent.objects.filter(pk=entry.pk).exists()


def test_the_log_cannot_be_updated_or_deleted_in_bulk(entry):
    with pytest.raises(AppendOnlyError, match="cannot be updated"):
        AuditEvent.objects.filter(pk=entry.pk).update(summary="Nothing happened")
    with pytest.raises(AppendOnlyError, match="cannot be deleted"):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.for_school(entry.school).delete()
    entry.refresh_from_db()
    assert entry.summary == "Reset"


def test_retention_still_removes_old_entries(entry, world):
    old = record_audit(actor=world.teacher, school=world.school, action=AuditAction.CODE_RESET, summary="Old")
    # Test set-up only: back-date the entry through the base manager, which has no guard.
    AuditEvent._base_manager.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=9))

    assert AuditEvent.objects.purge_older_than(timezone.now() - datetime.timedelta(days=1)) == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=entry.pk).exists()


def test_deleting_a_staff_account_keeps_its_entries(entry, world):
    world.teacher.delete()
    entry.refresh_from_db()
    assert entry.actor is None and entry.summary == "Reset"


# --- The Django admin ----------------------------------------------------------------------------


def test_the_admin_lists_every_school_and_changes_nothing(client, world, entry):
    other = record_audit(
        actor=world.other_lead, school=world.other_school, action=AuditAction.OPTED_OUT, summary="Elsewhere"
    )
    client.force_login(platform_admin())

    listing = client.get(reverse("admin:schools_auditevent_changelist"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Reset" in html and "Elsewhere" in html
    assert "By school" in html and "By action" in html and "By created at" in html
    found = client.get(reverse("admin:schools_auditevent_changelist") + "?q=Elsewhere").content.decode()
    assert "Elsewhere" in found and ">Reset<" not in found

    change_url = reverse("admin:schools_auditevent_change", args=[other.pk])
    assert 'name="_save"' not in client.get(change_url).content.decode()
    assert client.post(change_url, {"summary": "Changed"}).status_code == 403
    assert client.get(reverse("admin:schools_auditevent_add")).status_code == 403
    assert client.post(reverse("admin:schools_auditevent_delete", args=[other.pk]), {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=other.pk, summary="Elsewhere").exists()


def test_school_staff_cannot_open_the_admin_log(client, world):
    client.force_login(world.lead)
    response = client.get(reverse("admin:schools_auditevent_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]


# --- The school lead's audit log page ------------------------------------------------------------


def test_the_lead_sees_their_schools_log_with_where_each_request_came_from(client, world, entry):
    record_audit(
        actor=world.teacher, school=world.school, action=AuditAction.LOCKED_OUT, summary="Paused", ip_address=IP
    )
    record_audit(actor=world.other_lead, school=world.other_school, action=AuditAction.OPTED_OUT, summary="Elsewhere")
    client.force_login(world.lead)

    html = client.get(reverse("schools:audit_log", args=[world.school.urn])).content.decode()

    assert "Where" in html and IP in html and "Not known" in html
    assert "Reset" in html and "Paused" in html
    assert "Elsewhere" not in html


def test_the_lead_filters_the_log_by_action(client, world, entry):
    record_audit(actor=world.teacher, school=world.school, action=AuditAction.LOCKED_OUT, summary="Paused")
    client.force_login(world.lead)
    url = reverse("schools:audit_log", args=[world.school.urn])

    html = client.get(url + "?action=locked_out").content.decode()

    assert "Paused" in html and "Reset" not in html
    assert '<option value="locked_out" selected>' in html


def test_the_filter_is_kept_from_page_to_page(client, world, entry):
    for number in range(51):
        record_audit(
            actor=world.teacher, school=world.school, action=AuditAction.LOCKED_OUT, summary=f"Paused {number}"
        )
    client.force_login(world.lead)
    url = reverse("schools:audit_log", args=[world.school.urn])

    html = client.get(url + "?action=locked_out").content.decode()

    assert "Page 1 of 2" in html
    assert 'href="?page=2&amp;action=locked_out"' in html


def test_an_unknown_action_filter_is_explained(client, world, entry):
    client.force_login(world.lead)
    response = client.get(reverse("schools:audit_log", args=[world.school.urn]) + "?action=everything")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a kind of action from the list" in html
    assert "Reset" in html, "the whole log is shown"


def test_another_schools_lead_cannot_open_the_log(client, world, entry):
    client.force_login(world.other_lead)
    assert client.get(reverse("schools:audit_log", args=[world.school.urn])).status_code == 404


def test_a_teacher_cannot_open_the_log(client, world, entry):
    client.force_login(world.teacher)
    assert client.get(reverse("schools:audit_log", args=[world.school.urn])).status_code == 403
