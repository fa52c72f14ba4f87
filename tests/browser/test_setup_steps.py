"""How many steps it takes a school lead, from their first sign-in, to have a class of 30
pupils with a module assigned, counted through the browser. The README states the count; this
test keeps the two the same."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from schools.models import Assignment, ClassMembership, Invitation, InvitedRole
from schools.models.staff import INVITATION_LIFETIME, hash_token
from tests.browser.conftest import assert_no_axe_violations
from tests.factories import SchoolFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

README = Path(__file__).resolve().parents[2] / "README.md"
FIRST_NAMES = ["Amara", "Ben", "Chloé", "Dev", "Ewa", "Finn", "Grace", "Hassan", "Isla", "Jonah"]
SURNAMES = ["Okafor", "Hughes", "Martin"]
CLASS_LIST = "First name,Surname,Year group\n" + "".join(f"{f},{s},9\n" for s in SURNAMES for f in FIRST_NAMES)


class Steps:
    """Each thing the lead does (a click, a choice, typing in a box) is one step."""

    def __init__(self) -> None:
        self.done: list[str] = []

    def __call__(self, what: str, action) -> None:
        self.done.append(what)
        action()


def test_a_lead_goes_from_first_sign_in_to_a_class_of_30_with_a_module(browser, live_server, school_accounts, tmp_path):
    call_command("load_demo_data")
    school = SchoolFactory(name="Kestrel Park School", urn=990002)
    Invitation.objects.create(
        email="head@kestrel.example",
        role=InvitedRole.SCHOOL_LEAD,
        school=school,
        token_hash=hash_token("emailed-link"),
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    school_accounts.set_user("g-head", email="head@kestrel.example", email_verified=True, given_name="Hana")
    roster = tmp_path / "9k.csv"
    roster.write_text(CLASS_LIST, encoding="utf-8")
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    step = Steps()

    page.goto(live_server.url + "/accounts/login/")
    step("Sign in with Google", lambda: page.get_by_role("button", name="Sign in with Google").click())
    # At the provider: choose the school account (one click at Google or Microsoft).
    step(
        "Choose the school account",
        lambda: (page.locator("input[name=sub]").fill("g-head"), page.get_by_role("button", name="Authorize").click()),
    )
    page.wait_for_url("**/teach/")
    step("Create a class", lambda: page.get_by_role("link", name="Create a class").click())
    step("Type the class name", lambda: page.get_by_label("Name").fill("9K"))
    step("Choose the year group", lambda: page.get_by_label("Year group").select_option("9"))
    step("Create the class", lambda: page.get_by_role("button", name="Create class").click())
    page.wait_for_url("**/teach/classes/*/")
    step("Upload a class list", lambda: page.get_by_role("link", name="Upload a class list").click())
    step("Choose the CSV file", lambda: page.locator("input[type=file]").set_input_files(str(roster)))
    step("Upload and check", lambda: page.get_by_role("button", name="Upload and check").click())
    confirm = page.get_by_role("button", name="Confirm and import 30 new pupils")
    confirm.wait_for()
    assert_no_axe_violations(page)
    step("Confirm the import", confirm.click)
    step("Go to the class", lambda: page.get_by_role("link", name="Go to 9K").click())
    step("Assign a module", lambda: page.get_by_role("link", name="Assign a module").click())
    step("Choose the module", lambda: page.get_by_label("Module").select_option(label="Being an active bystander"))
    step("Assign it", lambda: page.get_by_role("button", name="Assign module").click())
    page.wait_for_url("**/teach/classes/*/")
    assert_no_axe_violations(page)

    assignment = Assignment.objects.get(school_class__school=school)
    assert assignment.module.title == "Being an active bystander"
    assert ClassMembership.objects.current().filter(school_class=assignment.school_class).count() == 30
    stated = re.search(r"takes (\d+) steps", README.read_text(encoding="utf-8"))
    assert stated is not None, "the README states the number of steps"
    assert len(step.done) == int(stated.group(1)), step.done
    print(f"\n{len(step.done)} steps: " + "; ".join(step.done))
