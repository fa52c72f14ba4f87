import json
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import call_command

from accounts.demo_data import DEMO_TOTP_SECRET, current_demo_totp_code, load_demo_accounts
from accounts.models import User
from accounts.roles import GlobalRole, has_global_role, mfa_required_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_commissioner_and_evaluator_have_their_roles_and_the_demo_authenticator():
    admin = UserFactory(email="admin@example.org", is_superuser=True)
    assert len(load_demo_accounts().created) == 5  # two users, three authenticators
    commissioner = User.objects.get(email="commissioner@example.org")
    evaluator = User.objects.get(email="evaluator@example.org")
    assert has_global_role(commissioner, GlobalRole.COMMISSIONER) and has_global_role(evaluator, GlobalRole.EVALUATOR)
    assert commissioner.check_password("demo-commissioner-2026")
    for user in (commissioner, evaluator, admin):
        assert mfa_required_for(user)
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).count() == 1
    assert validate_totp_code(DEMO_TOTP_SECRET, current_demo_totp_code())
    assert load_demo_accounts().created == [], "a second load changes nothing"


def test_demo_logins_list_the_secret_for_roles_that_need_mfa():
    load_demo_accounts()
    out = StringIO()
    call_command("demo_logins", "--json", stdout=out)
    roles = {entry["role"]: entry for entry in json.loads(out.getvalue()) if entry.get("totp_secret")}
    assert set(roles) == {"commissioner", "evaluator"}
    assert roles["evaluator"] == {
        "role": "evaluator",
        "school_urn": None,
        "class": "",
        "email": "evaluator@example.org",
        "password": "demo-evaluator-2026",
        "totp_secret": DEMO_TOTP_SECRET,
    }
    table = StringIO()
    call_command("demo_logins", stdout=table)
    assert "commissioner@example.org" in table.getvalue() and DEMO_TOTP_SECRET in table.getvalue()
