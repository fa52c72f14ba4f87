"""Who may run live lessons, take registers and handle the class's anonymous questions.

Views reach sessions and questions through ``for_user`` scoped querysets, so another
school's objects answer 404 before these are asked.
"""

from __future__ import annotations

from accounts.models import User
from classroom.models import AnonymousQuestion, LiveSession
from schools.models import SchoolClass
from schools.permissions import AnyUser, user_can_manage_class


def _active(user: AnyUser) -> bool:
    return isinstance(user, User) and user.is_active


def user_can_run_session(user: AnyUser, session: LiveSession) -> bool:
    """Teachers of the class and leads of its school run its live lessons."""
    return user_can_manage_class(user, session.school_class)


def user_can_take_register(user: AnyUser, session: LiveSession) -> bool:
    return user_can_manage_class(user, session.school_class)


def user_can_manage_questions(user: AnyUser, school_class: SchoolClass) -> bool:
    """Teachers of the class and leads of its school read and answer its questions (never who asked)."""
    return user_can_manage_class(user, school_class)


def user_can_see_question_identity(user: AnyUser, question: AnonymousQuestion) -> bool:
    """Only the school's designated safeguarding lead's account, and only once a teacher passed it on.

    Not school leads, not platform admins: nobody else ever learns who asked.
    """
    return (
        _active(user)
        and question.passed_to_dsl_at is not None
        and question.school_class.school.dsl_user_id is not None
        and question.school_class.school.dsl_user_id == user.pk
    )
