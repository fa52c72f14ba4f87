"""Editors draft and submit; moderators approve and publish; overdue modules are flagged."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import ModulePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = UserFactory(email="editor@example.org")
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


def test_programme_pages_use_the_moderation_workflow(programme, module):
    assert programme.get_workflow().name == "Moderators approval"
    assert module.get_workflow().name == "Moderators approval"


def test_content_editor_can_edit_but_not_publish(editor, module):
    permissions = module.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_content_editor_can_submit_a_module_for_moderation(client, editor, module):
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[module.pk])
    assert client.get(edit_url).status_code == 200
    assert client.get(reverse("wagtailsnippets_courses_quiz:add")).status_code == 200


def test_moderator_can_publish(module):
    moderator = UserFactory(email="reviewer@example.org")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    assert module.permissions_for_user(moderator).can_publish()


def test_admin_home_lists_modules_overdue_for_review(client, editor, programme):
    ModulePageFactory(parent=programme, title="Old module", review_by=date.today() - timedelta(days=1))
    ModulePageFactory(parent=programme, title="Fresh module", review_by=date.today() + timedelta(days=30))
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Modules due for review" in html
    assert "Old module" in html
    assert "Fresh module" not in html
