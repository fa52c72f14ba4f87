"""MFA: required for cross-school roles before their pages, and allauth's MFA pages in the site's look."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse

from accounts.middleware import MFA_SETUP_MESSAGE
from accounts.roles import GlobalRole
from tests.factories import SchoolFactory, UserFactory, staff

PASSWORD = "a-long-test-password"
MIDDLEWARE = "accounts.middleware.RequireMFAMiddleware"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def enforced(settings):
    """The middleware in place (after authentication and messages), as the settings will have it."""
    if MIDDLEWARE not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    settings.MFA_PROTECTED_PATH_PREFIXES = ["/admin/", "/django-admin/", "/reports/"]


def with_role(role: GlobalRole, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get_or_create(name=role.value)[0])
    return user


def activate_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # the middle of the tolerance window is now
    return format_hotp_value(hotp_value(secret, counter))


@pytest.mark.parametrize("path", ["/admin/", "/reports/anything", "/django-admin/"])
def test_commissioner_without_mfa_is_sent_to_set_it_up(client, enforced, path):
    client.force_login(with_role(GlobalRole.COMMISSIONER, is_staff=True))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [MFA_SETUP_MESSAGE]


def test_evaluator_and_superuser_without_mfa_are_sent_too(client, enforced):
    for user in (with_role(GlobalRole.EVALUATOR), UserFactory(is_superuser=True, is_staff=True)):
        client.force_login(user)
        assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")


def test_commissioner_with_mfa_passes(client, enforced):
    user = with_role(GlobalRole.COMMISSIONER, is_staff=True)
    activate_totp(user)
    client.force_login(user)
    for path in ("/admin/", "/reports/anything"):
        response = client.get(path)
        assert response.get("Location") != reverse("mfa_activate_totp")


def test_the_mfa_pages_themselves_are_never_blocked(client, enforced, settings):
    settings.MFA_PROTECTED_PATH_PREFIXES = ["/"]
    client.force_login(with_role(GlobalRole.COMMISSIONER))
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("account_logout")).status_code == 200
    assert client.get("/teach/home/")["Location"] == reverse("mfa_activate_totp")


def test_content_editor_is_not_forced(client, enforced):
    client.force_login(with_role(GlobalRole.CONTENT_EDITOR, is_staff=True))
    assert client.get("/admin/").get("Location") != reverse("mfa_activate_totp")


def test_teacher_without_mfa_uses_the_teaching_pages(client, enforced):
    client.force_login(staff(SchoolFactory(), "teacher"))
    response = client.get("/teach/")
    assert response.status_code == 200


def test_anonymous_visitors_are_left_to_the_login_redirects(client, enforced):
    assert client.get("/admin/").get("Location") != reverse("mfa_activate_totp")


def sign_in(client, email: str, next_url: str = "/accounts/2fa/"):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD, "next": next_url})


def test_mfa_index_is_govuk_styled(client):
    UserFactory(email="c@example.org")
    sign_in(client, "c@example.org")
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="govuk-heading-l"' in content
    assert f'href="{reverse("mfa_activate_totp")}" role="button" draggable="false"' in content


def test_totp_activation_page_is_govuk_styled_and_reports_a_wrong_code(client):
    UserFactory(email="c@example.org")
    sign_in(client, "c@example.org")
    activate = reverse("mfa_activate_totp")
    # allauth asks for the password again before MFA changes.
    response = client.get(activate)
    assert response.status_code == 302
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD, "next": activate})
    page = client.get(activate).content.decode()
    assert '<label class="govuk-label govuk-label--s" for="id_code">' in page
    assert 'class="govuk-input"' in page and "QR code for your authenticator app" in page
    wrong = client.post(activate, {"code": "000000"}).content.decode()
    assert "govuk-error-summary" in wrong
    assert '<a href="#id_code">' in wrong
    assert 'id="id_code-error"' in wrong and 'aria-describedby="id_code-hint id_code-error"' in wrong


def test_recovery_codes_page_is_govuk_styled(client):
    user = UserFactory(email="c@example.org")
    sign_in(client, "c@example.org")
    activate_totp(user)
    RecoveryCodes.activate(user)
    response = client.get(reverse("mfa_view_recovery_codes"))
    if response.status_code == 302:  # reauthenticate first
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        response = client.get(reverse("mfa_view_recovery_codes"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<label class="govuk-label govuk-label--s" for="recovery_codes">' in content
    assert 'class="govuk-textarea"' in content


def test_sign_in_with_mfa_asks_for_a_code_then_signs_in(client):
    user = UserFactory(email="c@example.org")
    secret = activate_totp(user)
    response = sign_in(client, "c@example.org", next_url="/teach/home/")
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert '<label class="govuk-label govuk-label--s" for="id_code">' in page
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def code_input(page: str) -> str:
    import re

    return re.search(r"<input[^>]*id=\"id_code\"[^>]*>", page).group(0)


def test_sign_in_code_page_is_plain_brings_up_the_number_pad_and_mentions_recovery_codes(client):
    user = UserFactory(email="c@example.org")
    activate_totp(user)
    RecoveryCodes.activate(user)
    sign_in(client, "c@example.org", next_url="/teach/home/")
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Enter your sign-in code" in page and "Two-Factor Authentication" not in page
    field = code_input(page)
    assert 'inputmode="numeric"' in field and 'autocomplete="one-time-code"' in field
    assert "placeholder" not in field
    assert 'aria-describedby="id_code-hint"' in field
    assert "Lost your phone? Enter one of the 8-digit recovery codes" in page


def test_a_recovery_code_signs_in_on_the_same_box(client):
    user = UserFactory(email="c@example.org")
    activate_totp(user)
    codes = RecoveryCodes.activate(user).generate_codes()
    sign_in(client, "c@example.org", next_url="/teach/home/")
    assert codes[0].isdigit(), "the number pad can type it"
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_setting_up_says_what_to_do_in_plain_words_and_warns_about_recovery_codes(client):
    UserFactory(email="c@example.org")
    sign_in(client, "c@example.org")
    activate = reverse("mfa_activate_totp")
    client.get(activate)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD, "next": activate})
    page = client.get(activate).content.decode()
    assert "Set up two-step sign-in" in page and "Activate Authenticator App" not in page
    field = code_input(page)
    assert 'inputmode="numeric"' in field and 'autocomplete="one-time-code"' in field
    assert "You then see your recovery codes" in page
