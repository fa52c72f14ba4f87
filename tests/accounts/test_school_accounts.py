"""Staff sign-in with school Google and Microsoft accounts, against a real local OpenID Connect
provider: every branch of who may come in, pending approval, linking, and the second factor."""

from urllib.parse import urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import GlobalRole
from schools.models import AuditAction, AuditEvent, Invitation, InvitedRole, StaffJoinRequest, StaffMembership
from schools.models.staff import INVITATION_LIFETIME
from tests.factories import SchoolFactory, UserFactory, enable_mfa, staff

pytestmark = pytest.mark.django_db


def sign_in_with(client, provider, sub, *, provider_id="google", process="login"):
    """The whole round trip: our button, the provider's page, the callback. Returns the callback's response."""
    start = client.post(reverse("openid_connect_login", args=[provider_id]), {"process": process})
    assert start.status_code == 302, start.content[:300]
    callback = urlsplit(provider.authorize(start["Location"], sub))
    return client.get(f"{callback.path}?{callback.query}")


@pytest.fixture
def school(db):
    return SchoolFactory(
        name="Hollowbrook Academy", staff_email_domains="hollowbrook.example, staff.hollowbrook.example"
    )


def test_without_credentials_no_button_shows(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}

    html = client.get(reverse("account_login")).content.decode()

    assert "Sign in with Google" not in html
    assert "Or use your school account" not in html


def test_with_credentials_both_buttons_show(client, school_accounts):
    html = client.get(reverse("account_login")).content.decode()

    assert "Sign in with Google" in html
    assert "Sign in with Microsoft" in html


def test_a_verified_address_at_a_school_domain_asks_to_join_and_waits(client, school_accounts, school):
    school_accounts.set_user(
        "g-1001",
        email="Ruth.Adeyemi@hollowbrook.example",
        email_verified=True,
        given_name="Ruth",
        family_name="Adeyemi",
    )

    response = sign_in_with(client, school_accounts, "g-1001")

    assert response.status_code == 302
    user = User.objects.get(email="ruth.adeyemi@hollowbrook.example")
    assert (user.first_name, user.has_usable_password()) == ("Ruth", False)
    assert SocialAccount.objects.get(user=user).uid == "g-1001"
    join = StaffJoinRequest.objects.get()
    assert (join.user, join.school, join.decided_at) == (user, school, None)
    assert not StaffMembership.objects.filter(user=user).exists()
    page = client.get(reverse("schools:staff_home")).content.decode()
    assert "Waiting for your school lead" in page
    assert AuditEvent.objects.filter(action=AuditAction.JOIN_REQUESTED, school=school).count() == 1


def test_the_lead_approves_and_the_teacher_signs_in_with_the_account(client, school_accounts, school):
    lead = staff(school, "school_lead")
    school_accounts.set_user("g-1002", email="d.price@hollowbrook.example", email_verified=True)
    sign_in_with(client, school_accounts, "g-1002")
    join = StaffJoinRequest.objects.get()
    client.logout()

    client.force_login(lead)
    staff_page = client.get(reverse("schools:school_staff", args=[school.urn])).content.decode()
    assert "Waiting for your approval" in staff_page and "d.price@hollowbrook.example" in staff_page
    client.post(reverse("schools:decide_join", args=[school.urn, join.pk]), {"decision": "approve"})
    client.logout()

    sign_in_with(client, school_accounts, "g-1002")
    assert client.get(reverse("schools:staff_home"))["Location"] == reverse("schools:teacher_home")
    assert StaffMembership.objects.get(user__email="d.price@hollowbrook.example").role == "teacher"
    assert User.objects.filter(email="d.price@hollowbrook.example").count() == 1


def test_a_declined_request_lets_nobody_in(client, school_accounts, school):
    lead = staff(school, "school_lead")
    school_accounts.set_user("g-1003", email="stranger@hollowbrook.example", email_verified=True)
    sign_in_with(client, school_accounts, "g-1003")
    client.force_login(lead)

    client.post(
        reverse("schools:decide_join", args=[school.urn, StaffJoinRequest.objects.get().pk]), {"decision": "decline"}
    )

    assert not StaffMembership.objects.filter(user__email="stranger@hollowbrook.example").exists()
    assert StaffJoinRequest.objects.get().approved is False


def test_another_schools_lead_cannot_decide(client, school_accounts, school):
    school_accounts.set_user("g-1004", email="x@hollowbrook.example", email_verified=True)
    sign_in_with(client, school_accounts, "g-1004")
    client.force_login(staff(SchoolFactory(), "school_lead"))

    response = client.post(
        reverse("schools:decide_join", args=[school.urn, StaffJoinRequest.objects.get().pk]), {"decision": "approve"}
    )

    assert response.status_code == 404
    assert not StaffMembership.objects.filter(user__email="x@hollowbrook.example").exists()


def test_an_invited_address_joins_at_once_with_the_invited_role(client, school_accounts):
    other = SchoolFactory(name="Marshside School")  # no staff domains
    Invitation.objects.create(
        email="new.lead@marshside.example",
        role=InvitedRole.SCHOOL_LEAD,
        school=other,
        token_hash="x" * 64,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    school_accounts.set_user("m-2001", email="new.lead@marshside.example", email_verified=True)

    sign_in_with(client, school_accounts, "m-2001", provider_id="microsoft")

    assert StaffMembership.objects.get(user__email="new.lead@marshside.example").role == "school_lead"
    assert Invitation.objects.get().accepted_at is not None
    assert not StaffJoinRequest.objects.exists()


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"email": "ruth@hollowbrook.example"}, "did not confirm that ruth@hollowbrook.example is yours"),
        ({"email": "ruth@hollowbrook.example", "email_verified": False}, "did not confirm"),
        ({"email": "someone@elsewhere.example", "email_verified": True}, "No school on Respect Online"),
    ],
    ids=["no email_verified claim", "email_verified false", "no school has the domain"],
)
def test_refused_sign_ins_make_no_account(client, school_accounts, school, claims, expected):
    school_accounts.set_user("g-3001", **claims)

    response = sign_in_with(client, school_accounts, "g-3001")

    assert response.status_code == 403
    assert expected in response.content.decode()
    assert not User.objects.exists()
    assert not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session


def test_an_existing_account_is_never_taken_over_by_its_address(client, school_accounts, school):
    owner = UserFactory(email="ruth@hollowbrook.example")
    school_accounts.set_user("g-4001", email="ruth@hollowbrook.example", email_verified=True)

    response = sign_in_with(client, school_accounts, "g-4001")

    assert response.status_code == 403
    assert "There is already an account for ruth@hollowbrook.example" in response.content.decode()
    assert not SocialAccount.objects.exists()
    assert client.session.get("_auth_user_id") != str(owner.pk)


def test_a_password_account_links_the_provider_then_signs_in_with_it(client, school_accounts, school):
    teacher = staff(school, "teacher", email="ruth@hollowbrook.example")
    school_accounts.set_user("g-5001", email="ruth@hollowbrook.example", email_verified=True)
    client.force_login(teacher)

    sign_in_with(client, school_accounts, "g-5001", process="connect")
    assert SocialAccount.objects.get().user == teacher
    client.logout()

    sign_in_with(client, school_accounts, "g-5001")
    assert client.session["_auth_user_id"] == str(teacher.pk)

    # Unlinking, from the same page: the account is left with its password.
    client.post(reverse("socialaccount_connections"), {"account": SocialAccount.objects.get().pk})
    assert not SocialAccount.objects.exists()


def test_a_role_with_two_factor_is_asked_for_the_code_after_the_provider(client, school_accounts):
    evaluator = enable_mfa(UserFactory(email="eve@evaluation.example"))
    evaluator.groups.add(Group.objects.get_or_create(name=GlobalRole.EVALUATOR.value)[0])
    school_accounts.set_user("g-6001", email="eve@evaluation.example", email_verified=True)
    client.force_login(evaluator)
    sign_in_with(client, school_accounts, "g-6001", process="connect")
    client.logout()

    response = sign_in_with(client, school_accounts, "g-6001")

    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("typed", "saved", "problem"),
    [
        (
            "@Hollowbrook.Kent.sch.uk; staff.hollowbrook.example",
            "hollowbrook.kent.sch.uk, staff.hollowbrook.example",
            "",
        ),
        ("gmail.com", None, "gmail.com is a public email service"),
        ("not a domain", None, "“not a domain” is not an email domain"),
    ],
)
def test_the_lead_sets_the_staff_email_domains(client, school, typed, saved, problem):
    client.force_login(staff(school, "school_lead"))

    response = client.post(reverse("schools:school_accounts", args=[school.urn]), {"staff_email_domains": typed})

    school.refresh_from_db()
    if saved is None:
        assert problem in response.content.decode()
        assert school.staff_email_domains == "hollowbrook.example, staff.hollowbrook.example"
    else:
        assert school.staff_email_domains == saved
        assert school.pupil_account_linking is False  # an unticked box turns linking off


def test_only_the_lead_sets_the_domains(client, school):
    url = reverse("schools:school_accounts", args=[school.urn])
    client.force_login(staff(school, "teacher"))
    assert client.get(url).status_code == 403
    client.force_login(staff(SchoolFactory(), "school_lead"))
    assert client.get(url).status_code == 404
