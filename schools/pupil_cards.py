"""Printable login cards: the codes, and a QR code that fills them in."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import segno
from django.urls import reverse

from schools.models import SchoolClass
from schools.pupil_codes import format_for_card
from schools.services.pupils import LoginCard


@dataclass(frozen=True)
class PrintableCard:
    name: str
    class_code: str
    pupil_code: str
    login_url: str
    qr_svg: str


def card_sheet(request, school_class: SchoolClass, cards: list[LoginCard]) -> list[PrintableCard]:
    """Cards for printing. The QR code's link carries the codes after '#', which browsers
    never send to the server, so they do not end up in access logs; the sign-in page's
    script copies them into the form."""
    login_url = request.build_absolute_uri(reverse("schools:pupil_login"))
    printable = []
    for card in cards:
        fragment = urlencode({"class": school_class.class_code, "code": card.code})
        qr = segno.make(f"{login_url}#{fragment}", error="m")
        printable.append(
            PrintableCard(
                name=card.pupil.display_name,
                class_code=school_class.class_code,
                pupil_code=format_for_card(card.code),
                login_url=login_url,
                qr_svg=qr.svg_inline(scale=3, title=f"QR code to sign in as {card.pupil.first_name}"),
            )
        )
    return printable
