"""What a benchmark's simulated device reads off a page's form: its fields, in any attribute order.

Templates are reformatted (djLint puts ``name`` before ``type``), so fields are read with the
standard library's HTML parser, never with a regular expression that expects one order.
"""

from __future__ import annotations

from html.parser import HTMLParser

CHOICE_TYPES = {"radio", "checkbox"}


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inputs: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "input":
            self.inputs.append({name: value or "" for name, value in attrs})


def inputs(page: str | bytes) -> list[dict[str, str]]:
    """Every ``<input>`` of the page, as its attributes."""
    parser = _Inputs()
    parser.feed(page.decode() if isinstance(page, bytes) else page)
    return parser.inputs


def hidden_fields(page: str | bytes, names: set[str] | None = None) -> dict[str, str]:
    """The page's hidden fields (only ``names``, when given)."""
    return {
        field["name"]: field.get("value", "")
        for field in inputs(page)
        if field.get("type") == "hidden" and "name" in field and (names is None or field["name"] in names)
    }


def choices(page: str | bytes, prefix: str = "") -> dict[str, list[str]]:
    """Each radio or checkbox group whose name starts with ``prefix``: its values, in page order."""
    found: dict[str, list[str]] = {}
    for field in inputs(page):
        if field.get("type") in CHOICE_TYPES and field.get("name", "").startswith(prefix):
            values = found.setdefault(field["name"], [])
            if field.get("value") and field["value"] not in values:
                values.append(field["value"])
    return found


def csrf_token(page: str | bytes) -> str:
    """The page's form token, or an empty string."""
    return hidden_fields(page, {"csrfmiddlewaretoken"}).get("csrfmiddlewaretoken", "")


def first_choice_form(page: str | bytes, prefix: str = "") -> dict[str, str]:
    """The page's hidden fields and the first value of each choice group: a complete answer."""
    fields = hidden_fields(page)
    fields.update({name: values[0] for name, values in choices(page, prefix).items() if values})
    return fields
