"""The subject access document: its format, sections, explanations, and what it leaves out.

``collect_pupil_data`` puts each app's records about the pupil together with the explanations a
reader needs, as plain data the page shows and the download writes out.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from schools.models import ClassMembership, Pupil

from . import classroom_records, learning_records, school_records
from .values import when

FORMAT = "respect-online/subject-access/1"

# The sections, in the order they are shown; each is a list of records except "pupil".
SECTIONS = (
    "pupil",
    "class_memberships",
    "assignments",
    "lesson_progress",
    "module_progress",
    "quiz_attempts",
    "survey_responses",
    "activity_answers",
    "live_sessions",
    "questions",
    "audit_events",
)

EXPLANATIONS = {
    "pupil": "The pupil's details as the school entered them. There is no email address and no password.",
    "research_key": (
        "A random identifier that stands for the pupil in the evaluation data given to the "
        "programme's independent evaluator, in place of their name. It does not say who the pupil is. "
        "Quote it when asking for the pupil's answers to be taken out of the evaluation."
    ),
    "class_memberships": "The classes the pupil has been in, with the dates they joined and left.",
    "assignments": "The modules set for those classes.",
    "lesson_progress": "How far the pupil got in each lesson.",
    "module_progress": "A summary of each module: lessons done, quiz scores and whether the surveys were answered.",
    "quiz_attempts": "Each quiz the pupil sent, with every answer they chose.",
    "survey_responses": "Each survey the pupil sent, with every answer, including anything they wrote.",
    "activity_answers": "The pupil's first answer to each quick check and scenario inside a lesson.",
    "live_sessions": (
        "Lessons taught live to the pupil's class, whether the register shows them there, "
        "and the quick checks and scenarios they answered in each."
    ),
    "questions": (
        "Questions the pupil asked in their class's anonymous question box. Teachers see the question, "
        "never who asked it."
    ),
    "audit_events": "Actions staff took on the pupil's record, from the school's audit log.",
}

NOT_INCLUDED = (
    "The pupil's personal login code: it is stored only in a scrambled form that cannot be turned back into the code.",
    "The pupil's UPN, if the school's pupil list had one: it is stored only in a scrambled form, "
    "to recognise the pupil when the list is uploaded again.",
    "Whether a question was passed to the designated safeguarding lead: that is a safeguarding record, "
    "which the school's safeguarding lead considers separately.",
    "Requests the pupil made to talk to the designated safeguarding lead: they are a safeguarding record, "
    "which the school's safeguarding lead considers separately.",
    "Published reports and evaluation figures: they are counts and averages of many pupils and never show one pupil.",
)


def collect_pupil_data(*, pupil: Pupil) -> dict[str, Any]:
    """Everything held about the pupil, as plain data: identity, classes, learning records,
    live lessons, questions asked and the audit entries about them.

    Never included: the login code (stored only as a keyed hash), the UPN hash, and whether a
    question went to the safeguarding lead (see ``NOT_INCLUDED``). Runs a fixed number of
    queries (about a dozen) whatever the number of records.
    """
    memberships = list(
        ClassMembership.objects.filter(pupil=pupil).select_related("school_class").order_by("added_at", "pk")
    )
    class_ids = sorted({m.school_class_id for m in memberships})
    return {
        "format": FORMAT,
        "produced_at": when(timezone.now()),
        "explanations": dict(EXPLANATIONS),
        "not_included": list(NOT_INCLUDED),
        "pupil": school_records.pupil_details(pupil),
        "class_memberships": school_records.memberships(memberships),
        "assignments": school_records.assignments(class_ids),
        "lesson_progress": learning_records.lesson_progress(pupil),
        "module_progress": learning_records.module_progress(pupil),
        "quiz_attempts": learning_records.quiz_attempts(pupil),
        "survey_responses": learning_records.survey_responses(pupil),
        "activity_answers": learning_records.activity_answers(pupil),
        "live_sessions": classroom_records.live_sessions(pupil),
        "questions": classroom_records.questions(pupil),
        "audit_events": school_records.audit_events(pupil),
    }
