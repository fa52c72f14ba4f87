import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_staff_sign_in_with_email_and_have_no_username():
    user = get_user_model().objects.create_user("Teacher@Example.org", "a-long-test-password")
    assert user.email == "teacher@example.org"
    assert not hasattr(user, "username") or user.username is None
    assert get_user_model().USERNAME_FIELD == "email"


def test_user_without_email_is_refused():
    with pytest.raises(ValueError, match="email"):
        get_user_model().objects.create_user("", "a-long-test-password")


def test_public_sign_up_is_closed(client):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert b"Sign Up Closed" in response.content or b"sign up is currently closed" in response.content.lower()
    form = {"email": "x@example.org", "password1": "pw-long-1234", "password2": "pw-long-1234"}
    client.post("/accounts/signup/", form)
    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_content_editor_signs_in_with_email_and_reaches_the_admin(client):
    from django.contrib.auth.models import Group

    editor = get_user_model().objects.create_user("editor@example.org", "a-long-test-password")
    editor.groups.add(Group.objects.get(name="Content editors"))
    assert client.get("/admin/")["Location"].startswith("/accounts/login/"), "the admin signs in through allauth"
    response = client.post("/accounts/login/", {"login": "editor@example.org", "password": "a-long-test-password"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
