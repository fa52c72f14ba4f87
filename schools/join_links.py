"""Sharing an assignment with a class: a join link that fills in the class code and leads to
the module once the pupil has typed their own code, its QR code, and the public "share" pages
of Google Classroom and Microsoft Teams (no API keys: the teacher picks the class there).

The link carries the class code only: a pupil still needs their personal code, so a link
posted to the wrong place lets nobody in.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import segno
from django.http import HttpRequest
from django.urls import reverse

from schools.models import Assignment

GOOGLE_CLASSROOM_SHARE = "https://classroom.google.com/share"
TEAMS_SHARE = "https://teams.microsoft.com/share"


def join_path(assignment: Assignment) -> str:
    """The pupils' sign-in page with the class code filled in, going on to this module."""
    query = urlencode({"class": assignment.school_class.class_code, "assignment": assignment.pk})
    return f"{reverse('schools:pupil_login')}?{query}"


@dataclass(frozen=True)
class ShareLinks:
    join_url: str
    qr_svg_uri: str
    google_classroom: str
    teams: str


def qr_svg_uri(url: str, title: str) -> str:
    """A QR code of ``url`` as an SVG data URI: dark modules on white with the standard quiet
    zone, large enough to scan across a room."""
    return segno.make(url, error="m").svg_data_uri(scale=8, border=4, title=title)


def share_links(request: HttpRequest, assignment: Assignment) -> ShareLinks:
    url = request.build_absolute_uri(join_path(assignment))
    title = f"{assignment.module.title}: sign in with your code"
    return ShareLinks(
        join_url=url,
        qr_svg_uri=qr_svg_uri(url, "QR code for the join link"),
        google_classroom=f"{GOOGLE_CLASSROOM_SHARE}?{urlencode({'url': url, 'title': title})}",
        teams=f"{TEAMS_SHARE}?{urlencode({'href': url, 'msgText': title, 'preview': 'true'})}",
    )
