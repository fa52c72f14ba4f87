"""Staff sign-in pages: GOV.UK-styled allauth forms, brute-force limits, no public sign-up."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth keeps its rate-limit counters in the cache.
    cache.clear()
    yield
    cache.clear()


def test_login_page_is_a_govuk_form_with_labels(client, db):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<h1 class="govuk-heading-l">' in content and "Staff sign in" in content
    assert '<label class="govuk-label govuk-label--s" for="id_login">Email</label>' in content
    assert '<label class="govuk-label govuk-label--s" for="id_password">Password</label>' in content
    assert 'class="govuk-input"' in content and 'class="govuk-button"' in content
    assert "sign up" not in content.lower()


def test_login_page_points_pupils_to_their_sign_in(client, db):
    content = client.get(reverse("account_login")).content.decode()
    assert f'href="{reverse("schools:pupil_login")}">Pupils: sign in with your class code</a>' in content


def test_wrong_password_is_reported_in_an_error_summary(client, db):
    UserFactory(email="t@example.org")
    response = client.post(reverse("account_login"), {"login": "t@example.org", "password": "wrong-password"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="govuk-error-summary"' in content and 'role="alert"' in content
    assert "_auth_user_id" not in client.session


def test_missing_field_error_is_linked_and_announced(client, db):
    content = client.post(reverse("account_login"), {"login": "t@example.org", "password": ""}).content.decode()
    assert '<a href="#id_password">' in content
    assert 'id="id_password-error"' in content
    assert 'aria-describedby="id_password-hint id_password-error"' in content


def test_repeated_failures_lock_the_account_for_a_while(client, db):
    UserFactory(email="t@example.org")
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": "t@example.org", "password": "wrong-password"})
    response = client.post(url, {"login": "t@example.org", "password": PASSWORD, "next": "/"})
    assert response.status_code in (200, 429)
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_correct_password_signs_in(client, db):
    user = UserFactory(email="t@example.org")
    response = client.post(reverse("account_login"), {"login": "t@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize("name", ["account_logout", "account_reset_password"])
def test_other_account_pages_use_the_site_look(client, db, name):
    UserFactory(email="t@example.org")
    client.post(reverse("account_login"), {"login": "t@example.org", "password": PASSWORD, "next": "/"})
    content = client.get(reverse(name)).content.decode()
    assert 'class="govuk-heading-l"' in content
    assert 'class="govuk-button"' in content
    assert "govuk-header" in content  # the project's base template


def test_password_reset_form_has_a_label(client, db):
    content = client.get(reverse("account_reset_password")).content.decode()
    assert '<label class="govuk-label govuk-label--s" for="id_email">' in content


def test_sign_up_stays_closed(client, db):
    client.post(
        reverse("account_signup"),
        {"email": "x@example.org", "password1": "pw-long-12345", "password2": "pw-long-12345"},
    )
    from accounts.models import User

    assert not User.objects.filter(email="x@example.org").exists()
