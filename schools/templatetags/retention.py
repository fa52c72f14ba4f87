"""``{% retention_periods %}``: the retention periods as set, for the privacy notice.

Read from settings by ``schools.retention.periods``, the same list the nightly run applies,
so the notice always says what the site does.
"""

from __future__ import annotations

from typing import Any

from django import template

from schools.retention.periods import retention_periods as configured_periods

register = template.Library()


@register.inclusion_tag("schools/retention/periods.html")
def retention_periods() -> dict[str, Any]:
    """A GOV.UK summary list: each kind of data, how long it is kept, and what happens then."""
    return {"periods": configured_periods()}
