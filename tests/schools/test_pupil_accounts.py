"""Pupils link a school account and sign in with it, against the real local OpenID Connect
provider; only a keyed hash is kept, unlinking is one press, and a school can turn it off."""

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse

from schools.models import Pupil
from schools.pupil_accounts import account_digest

HOME = "learning:pupil_home"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def sign_in_with_codes(client, world, n=0):
    client.post(reverse("schools:pupil_login"), {"class_code": world.klass.class_code, "pupil_code": world.codes[n]})


def round_trip(client, provider, sub, purpose, provider_id="google"):
    start = client.post(reverse("schools:pupil_account_start"), {"provider": provider_id, "purpose": purpose})
    assert start.status_code == 302, start.status_code
    callback = urlsplit(provider.authorize(start["Location"], sub))
    return client.get(f"{callback.path}?{callback.query}")


def test_a_pupil_links_their_account_and_signs_in_with_it(client, world, school_accounts):
    school_accounts.set_user("pupil-g-1", email="ava@pupils.example", email_verified=True, name="Ava K", picture="x")
    sign_in_with_codes(client, world)

    response = round_trip(client, school_accounts, "pupil-g-1", "link")

    assert response["Location"] == reverse("schools:pupil_account")
    ava = Pupil.objects.get(pk=world.pupils[0].pk)
    assert ava.account_digest == account_digest("google", school_accounts.url, "pupil-g-1")
    stored = " ".join(str(value) for value in Pupil.objects.filter(pk=ava.pk).values().get().values())
    assert "ava@pupils.example" not in stored and "pupil-g-1" not in stored
    assert "Unlink my school account" in client.get(reverse("schools:pupil_account")).content.decode()

    client.post(reverse("schools:pupil_logout"))
    signed_in = round_trip(client, school_accounts, "pupil-g-1", "sign_in")
    assert signed_in["Location"] == reverse(HOME)
    assert f"Hello, {ava.first_name}" in client.get(reverse(HOME)).content.decode()


def test_unlinking_is_one_press_and_the_account_then_signs_in_nobody(client, world, school_accounts):
    school_accounts.set_user("pupil-g-2", email="ben@pupils.example", email_verified=True)
    sign_in_with_codes(client, world, 1)
    round_trip(client, school_accounts, "pupil-g-2", "link")

    client.post(reverse("schools:pupil_account_unlink"))

    assert Pupil.objects.get(pk=world.pupils[1].pk).account_digest == ""
    client.post(reverse("schools:pupil_logout"))
    refused = round_trip(client, school_accounts, "pupil-g-2", "sign_in")
    assert refused["Location"] == reverse("schools:pupil_login")
    assert "not linked to a pupil here" in client.get(reverse("schools:pupil_login")).content.decode()
    assert client.get(reverse(HOME)).status_code == 302


def test_an_account_links_to_one_pupil_only(client, world, school_accounts):
    school_accounts.set_user("pupil-g-3", email="cai@pupils.example", email_verified=True)
    sign_in_with_codes(client, world, 0)
    round_trip(client, school_accounts, "pupil-g-3", "link")
    client.post(reverse("schools:pupil_logout"))

    sign_in_with_codes(client, world, 1)
    round_trip(client, school_accounts, "pupil-g-3", "link")

    assert Pupil.objects.get(pk=world.pupils[1].pk).account_digest == ""
    assert "linked to another pupil already" in client.get(reverse("schools:pupil_account")).content.decode()


def test_a_school_that_turns_linking_off_stops_both_linking_and_signing_in(client, world, school_accounts):
    school_accounts.set_user("pupil-g-4", email="ava@pupils.example", email_verified=True)
    sign_in_with_codes(client, world)
    round_trip(client, school_accounts, "pupil-g-4", "link")
    world.school.pupil_account_linking = False
    world.school.save()

    assert (
        "has not turned on signing in with school accounts"
        in client.get(reverse("schools:pupil_account")).content.decode()
    )
    assert (
        client.post(reverse("schools:pupil_account_start"), {"provider": "google", "purpose": "link"}).status_code
        == 404
    )
    client.post(reverse("schools:pupil_logout"))
    assert round_trip(client, school_accounts, "pupil-g-4", "sign_in")["Location"] == reverse("schools:pupil_login")


def test_a_forged_or_replayed_callback_changes_nothing(client, world, school_accounts):
    school_accounts.set_user("pupil-g-5", email="ava@pupils.example", email_verified=True)
    sign_in_with_codes(client, world)
    start = client.post(reverse("schools:pupil_account_start"), {"provider": "google", "purpose": "link"})
    callback = urlsplit(school_accounts.authorize(start["Location"], "pupil-g-5"))
    forged = callback.query.replace("state=", "state=x")

    client.get(f"{callback.path}?{forged}")
    assert Pupil.objects.get(pk=world.pupils[0].pk).account_digest == ""
    client.get(f"{callback.path}?{callback.query}")  # the real answer, after the flow was spent
    assert Pupil.objects.get(pk=world.pupils[0].pk).account_digest == ""


def test_the_account_pages_are_for_signed_in_pupils_and_buttons_need_credentials(client, world, settings):
    assert client.get(reverse("schools:pupil_account")).status_code == 404
    assert client.post(reverse("schools:pupil_account_unlink")).status_code == 404
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
    assert "Or use your school account" not in client.get(reverse("schools:pupil_login")).content.decode()
    sign_in_with_codes(client, world)
    assert "not set up here" in client.get(reverse("schools:pupil_account")).content.decode()
