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


@register.filter
def help_ages(service) -> str:
    """ "Ages 16 and over", "Under 19s", or '' when the service does not say."""
    from courses.help_services import age_range_label

    return age_range_label(service)


@register.filter
def help_channel_words(service) -> str:
    """How to reach the service beyond phone, text and website: 'online chat, email'."""
    words = {"chat": "online chat", "email": "email"}
    return ", ".join(words[channel] for channel in service.get("channels") or [] if channel in words)
