"""Showing the plain data of a subject access request (ISO 8601 strings) in words."""

from __future__ import annotations

import datetime

from django import template
from django.utils.dateformat import format as format_date

register = template.Library()


@register.filter
def iso_when(value: str | None) -> str:
    """ "2025-11-03T10:22:01+00:00" as "3 Nov 2025, 10:22"; "2025-11-03" as "3 Nov 2025"; empty for none."""
    if not value:
        return ""
    try:
        if "T" in value:
            return format_date(datetime.datetime.fromisoformat(value), "j M Y, H:i")
        return format_date(datetime.date.fromisoformat(value), "j M Y")
    except (TypeError, ValueError):
        return str(value)
