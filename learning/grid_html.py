"""The progress grid's rows as HTML, put together in Python.

A class of 30 with a dozen lessons is several hundred table cells, and the template engine's
cost per cell (each variable looked up, each tag rendered) was most of the page's CPU. Every
lesson cell is one of four statuses, so each status's cell is made once; a row joins them with
the few parts that are the pupil's own (their name, scores and dates, escaped as the template
would, ``html.escape``). The markup is the template's, cell for cell.
"""

from __future__ import annotations

from functools import cache
from html import escape

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from learning.grid import Cell, Grid, GridRow

TD = '<td class="govuk-table__cell">{}</td>'
PUPIL_MARKER = 987654321


@cache
def tag(cell: Cell) -> SafeString:
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', cell.colour, cell.label)


@cache
def tag_cell(cell: Cell) -> SafeString:
    return format_html(TD, tag(cell))


def _text_cell(text: str) -> str:
    return f'<td class="govuk-table__cell">{escape(text)}</td>'


def _completed(row: GridRow) -> str:
    if row.completed_at is None:
        return "Not completed"
    return formats.date_format(timezone.localtime(row.completed_at), "j M Y")


def grid_body(grid: Grid, rows: list[GridRow], *, can_manage: bool) -> SafeString:
    """The grid's table rows (the ``<tr>`` elements of its body) for ``rows``."""
    reset_head = reset_tail = ""
    if can_manage:
        example = reverse(
            "learning:reset_progress", args=[grid.assignment.school_class_id, grid.assignment.pk, PUPIL_MARKER]
        )
        reset_head, reset_tail = example.split(str(PUPIL_MARKER))
    html: list[str] = []
    for row in rows:
        name = escape(row.pupil.display_name)
        html.append(f'<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{name}</th>')
        html.extend(tag_cell(cell) for cell in row.lessons)
        if grid.has_quiz:
            html.append(_text_cell(row.first_score))
            html.append(_text_cell(row.best_score))
            html.append(tag_cell(row.passed_cell))
        if grid.has_surveys:
            html.append(_text_cell(row.pre_survey_cell.label))
            html.append(_text_cell(row.post_survey_cell.label))
        html.append(tag_cell(row.status_cell))
        html.append(_text_cell(_completed(row)))
        if can_manage:
            html.append(
                f'<td class="govuk-table__cell"><a class="govuk-link" href="{reset_head}{row.pupil.pk}{reset_tail}">'
                f'Reset lessons<span class="govuk-visually-hidden"> of {name}</span></a></td>'
            )
        html.append("</tr>")
    return mark_safe("".join(html))  # nosec B308 B703 # every part escaped above
