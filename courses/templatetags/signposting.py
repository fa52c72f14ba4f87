import re

from django import template

register = template.Library()

PHONE_NUMBER = re.compile(r"^\+?[0-9 ]{3,20}$")


@register.filter
def tel_href(phone: str) -> str:
    """A tel: link for a plain phone number, or '' when the text is more than a number."""
    phone = (phone or "").strip()
    if not PHONE_NUMBER.match(phone):
        return ""
    return "tel:" + phone.replace(" ", "")
