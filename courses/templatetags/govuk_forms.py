"""Render Django form fields with GOV.UK Frontend markup (see templates/includes/field.html)."""

from django import template
from django.forms import BoundField

register = template.Library()

WIDGET_CLASSES = {
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


@register.filter
def govuk_field(field: BoundField) -> BoundField:
    """Give the widget GOV.UK classes and point it at its hint and error text."""
    widget = field.field.widget
    css = WIDGET_CLASSES.get(field.widget_type, "govuk-input")
    if field.errors and css in {"govuk-input", "govuk-select", "govuk-textarea", "govuk-file-upload"}:
        css += f" {css}--error"
    widget.attrs["class"] = css
    described = [f"{field.auto_id}-hint"] if field.help_text else []
    if field.errors:
        described.append(f"{field.auto_id}-error")
    if described and field.widget_type not in {"radioselect", "checkboxselectmultiple"}:
        widget.attrs["aria-describedby"] = " ".join(described)
    return field


@register.filter
def first_input_id(field: BoundField) -> str:
    """Where an error summary link should land: the first option of a radio or checkbox group."""
    if field.widget_type in {"radioselect", "checkboxselectmultiple"}:
        return f"{field.auto_id}_0"
    return field.auto_id
