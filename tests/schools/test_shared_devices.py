"""Shared devices: pupil sessions end when idle and at the end of the school day, pages with
pupils' data are never stored, quick exit ends every session, and no script keeps pupils' data
in the browser."""

import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from schools.pupil_session_middleware import DAY_ENDED, session_ends_at

ROOT = Path(__file__).resolve().parents[2]
LOGIN = "schools:pupil_login"
HOME = "learning:pupil_home"


def sign_in(client, world, number: int = 0):
    response = client.post(reverse(LOGIN), {"class_code": world.klass.class_code, "pupil_code": world.codes[number]})
    assert response.status_code == 302
    return client


def pupil_entry(client) -> dict:
    return client.session[settings.PUPIL_SESSION_KEY]


def set_times(client, *, signed_in: datetime | None = None, seen: datetime | None = None) -> None:
    session = client.session
    entry = session[settings.PUPIL_SESSION_KEY]
    if signed_in is not None:
        entry["signed_in"] = int(signed_in.timestamp())
    if seen is not None:
        entry["seen"] = int(seen.timestamp())
    session[settings.PUPIL_SESSION_KEY] = entry
    session.save()


# --- Idle time ---------------------------------------------------------------------------------


def test_idle_pupil_session_is_ended_with_a_plain_reason(client, world):
    sign_in(client, world)
    set_times(client, seen=timezone.now() - timedelta(minutes=21))

    response = client.get(reverse(HOME))

    assert response.status_code == 302 and response["Location"] == reverse(LOGIN)
    login_page = client.get(response["Location"]).content.decode()
    assert "You were signed out because this device was not used for 20 minutes" in login_page
    assert settings.PUPIL_SESSION_KEY not in client.session
    assert client.get(reverse(HOME)).status_code == 302, "the session stays ended"


def test_idle_time_is_a_setting(client, world, settings):
    settings.PUPIL_SESSION_IDLE_MINUTES = 5
    sign_in(client, world)
    set_times(client, seen=timezone.now() - timedelta(minutes=4))
    assert client.get(reverse(HOME)).status_code == 200

    set_times(client, seen=timezone.now() - timedelta(minutes=6))
    response = client.get(reverse(HOME), follow=True)
    assert "not used for 5 minutes" in response.content.decode()


def test_last_seen_is_written_at_most_once_a_minute(client, world):
    sign_in(client, world)
    recent = timezone.now() - timedelta(seconds=30)
    set_times(client, seen=recent)
    client.get(reverse(HOME))
    assert pupil_entry(client)["seen"] == int(recent.timestamp()), "not rewritten within a minute"

    earlier = timezone.now() - timedelta(minutes=3)
    set_times(client, seen=earlier)
    client.get(reverse(HOME))
    assert pupil_entry(client)["seen"] >= int(timezone.now().timestamp()) - 5


def test_background_requests_do_not_keep_a_session_alive(client, world):
    sign_in(client, world)
    earlier = timezone.now() - timedelta(minutes=3)
    set_times(client, seen=earlier)
    client.get(reverse(HOME), HTTP_ACCEPT="application/json")
    assert pupil_entry(client)["seen"] == int(earlier.timestamp())


def test_background_request_after_expiry_gets_401_with_the_reason(client, world):
    sign_in(client, world)
    set_times(client, seen=timezone.now() - timedelta(minutes=30))

    response = client.get(reverse(HOME), HTTP_ACCEPT="application/json")

    assert response.status_code == 401
    assert response.json()["signed_out"] is True
    assert "not used for 20 minutes" in response.json()["message"]


def test_a_pupil_can_sign_in_again_after_their_session_ended(client, world):
    sign_in(client, world)
    set_times(client, seen=timezone.now() - timedelta(hours=1))

    again = client.post(reverse(LOGIN), {"class_code": world.klass.class_code, "pupil_code": world.codes[1]})

    assert again.status_code == 302 and again["Location"] == reverse(HOME)
    assert f"Hello, {world.pupils[1].first_name}" in client.get(reverse(HOME)).content.decode()


def test_a_session_from_before_times_were_recorded_starts_its_clock(client, world):
    session = client.session
    session[settings.PUPIL_SESSION_KEY] = {"pupil": world.pupils[0].pk, "class": world.klass.pk}
    session.save()

    assert client.get(reverse(HOME)).status_code == 200
    entry = pupil_entry(client)
    assert abs(entry["signed_in"] - timezone.now().timestamp()) < 5
    assert entry["seen"] == entry["signed_in"]


def test_pupil_session_cookie_ends_when_the_browser_closes(client, world):
    sign_in(client, world)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["samesite"] == "Lax" and cookie["httponly"]


# --- End of the school day -----------------------------------------------------------------------


def test_session_started_yesterday_ends_at_the_end_of_that_school_day(client, world):
    sign_in(client, world)
    yesterday_morning = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=1), time(9, 0)))
    set_times(client, signed_in=yesterday_morning, seen=timezone.now())

    response = client.get(reverse(HOME), follow=True)

    assert response.redirect_chain[-1][0] == reverse(LOGIN)
    assert DAY_ENDED in response.content.decode()


def test_end_of_school_day_is_a_setting(client, world, settings):
    sign_in(client, world)
    now = timezone.localtime()
    set_times(client, signed_in=now - timedelta(hours=2), seen=now)
    settings.PUPIL_SCHOOL_DAY_ENDS = (now + timedelta(minutes=2)).strftime("%H:%M")
    assert client.get(reverse(HOME)).status_code == 200, "the day has not ended yet"

    settings.PUPIL_SCHOOL_DAY_ENDS = (now - timedelta(hours=1)).strftime("%H:%M")
    assert client.get(reverse(HOME), follow=True).redirect_chain[-1][0] == reverse(LOGIN)


@pytest.mark.parametrize(
    ("signed_in", "ends"),
    [
        # Before the end of the day: ends that afternoon (GMT in winter, so UTC is local time).
        (datetime(2025, 1, 13, 9, 30, tzinfo=UTC), datetime(2025, 1, 13, 17, 0, tzinfo=UTC)),
        # At or after it (homework in the evening): the end of the next school day.
        (datetime(2025, 1, 13, 17, 0, tzinfo=UTC), datetime(2025, 1, 14, 17, 0, tzinfo=UTC)),
        (datetime(2025, 1, 13, 19, 45, tzinfo=UTC), datetime(2025, 1, 14, 17, 0, tzinfo=UTC)),
        # Summer time: 08:00 BST is 07:00 UTC; 17:00 BST is 16:00 UTC.
        (datetime(2025, 6, 2, 7, 0, tzinfo=UTC), datetime(2025, 6, 2, 16, 0, tzinfo=UTC)),
        # Across the clocks going forward (30 March 2025): 18:00 GMT, then 17:00 BST next day.
        (datetime(2025, 3, 29, 18, 0, tzinfo=UTC), datetime(2025, 3, 30, 16, 0, tzinfo=UTC)),
    ],
)
def test_session_ends_at_the_end_of_its_school_day_in_local_time(signed_in, ends):
    assert session_ends_at(signed_in=signed_in, day_ends=time(17, 0)) == ends


def test_a_malformed_end_of_day_setting_is_refused(client, world, settings):
    sign_in(client, world)
    settings.PUPIL_SCHOOL_DAY_ENDS = "5pm"
    with pytest.raises(ImproperlyConfigured, match="PUPIL_SCHOOL_DAY_ENDS"):
        client.get(reverse(HOME))


# --- Pages are not stored; sign out is always there ----------------------------------------------


def test_pupil_pages_are_never_stored(client, world):
    sign_in(client, world)
    for name in (HOME, "learning:pupil_results", "learning:pupil_help"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name
        assert "private" in response["Cache-Control"], name


def test_any_page_a_signed_in_pupil_opens_is_never_stored(client, world, site_root):
    public = client.get(site_root.url)
    assert "no-store" not in public.get("Cache-Control", ""), "public pages may be cached"

    sign_in(client, world)
    response = client.get(site_root.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_staff_pages_about_pupils_are_never_stored(client, world):
    client.force_login(world.teacher)
    response = client.get(reverse("schools:teacher_home"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_sign_out_is_on_every_page_a_pupil_sees(client, world, site_root):
    sign_in(client, world)
    sign_out = f'action="{reverse("schools:pupil_logout")}"'
    for url in (reverse(HOME), reverse("learning:pupil_help"), site_root.url):
        html = client.get(url).content.decode()
        assert sign_out in html, url
        assert re.search(r">\s*Sign out<span", html), url


# --- Quick exit ----------------------------------------------------------------------------------


def test_quick_exit_ends_the_pupil_session_and_leaves(client, world):
    sign_in(client, world)

    response = client.get(reverse("schools:quick_exit"))

    assert response.status_code == 302
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert "no-store" in response["Cache-Control"]
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert client.get(reverse(HOME)).status_code == 302
    assert settings.PUPIL_SESSION_KEY not in client.session


def test_quick_exit_works_for_an_expired_session_without_stopping_to_explain(client, world):
    sign_in(client, world)
    set_times(client, seen=timezone.now() - timedelta(hours=1))
    response = client.get(reverse("schools:quick_exit"))
    assert response["Location"] == settings.QUICK_EXIT_URL


def test_quick_exit_ends_a_staff_session_even_without_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.teacher)

    response = client.post(reverse("schools:quick_exit"))

    assert response.status_code == 302 and response["Location"] == settings.QUICK_EXIT_URL
    assert client.get(reverse("schools:teacher_home")).status_code == 302, "the teacher was signed out"


def test_quick_exit_answers_only_get_head_and_post(client, db):
    assert client.put(reverse("schools:quick_exit")).status_code == 405
    assert client.head(reverse("schools:quick_exit")).status_code == 302


def test_quick_exit_button_goes_through_the_server(client, world):
    sign_in(client, world)
    html = client.get(reverse(HOME)).content.decode()
    assert re.search(rf'<a href="{reverse("schools:quick_exit")}"\s[^>]*data-quick-exit-button', html)


# --- Nothing about pupils in browser storage ------------------------------------------------------

STORAGE_APIS = ("localStorage", "sessionStorage", "indexedDB", "document.cookie", "caches.open")
# What a script may keep in the browser, and why it is not about a pupil: present mode keeps
# the time the teacher started presenting (a number) for the presenter's clock.
ALLOWED_STORAGE = {
    ("present.js", "sessionStorage"): re.compile(
        r"sessionStorage\.(getItem|setItem)\(storageKey(, String\(started\))?\)"
    ),
}


def project_scripts() -> list[Path]:
    apps = ("accounts", "courses", "schools", "learning", "classroom", "reports")
    folders = [ROOT / "static" / "js", *(ROOT / app / "static" for app in apps)]
    scripts = (path for folder in folders if folder.exists() for path in folder.rglob("*.js"))
    return sorted(path for path in scripts if "vendor" not in path.parts)


def test_scripts_keep_no_pupil_data_in_browser_storage():
    scripts = project_scripts()
    assert any(path.name == "quick-exit.js" for path in scripts), "the scan found the site's scripts"
    found = []
    for path in scripts:
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for api in STORAGE_APIS:
                if api not in line:
                    continue
                allowed = ALLOWED_STORAGE.get((path.name, api))
                if allowed is None or not allowed.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "browser storage outside the allow-list:\n" + "\n".join(found)
