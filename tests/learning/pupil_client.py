"""Signing a test client in as a pupil, and the addresses of the pupil pages."""

from django.urls import reverse

from schools.services.pupils import reset_login_code


def sign_in(client, who, klass=None, code=None):
    """Sign a pupil in as they would: class code and their own code, posted to the login page."""
    klass = klass or who.memberships.get(removed_at__isnull=True).school_class
    code = code or reset_login_code(pupil=who, actor=None)
    response = client.post(reverse("schools:pupil_login"), {"class_code": klass.class_code, "pupil_code": code})
    assert response.status_code == 302, "signed in"
    return response


def url(name, *args):
    return reverse(f"learning:{name}", args=args)


def lesson_url(course, index, slide=None):
    address = url("lesson", course.assignment.pk, course.lessons[index].pk)
    return f"{address}?slide={slide}" if slide is not None else address
