"""Quizzes and their versions as pupils are given them, read once per content generation.

A whole class opening and submitting a quiz reads the same quiz and version rows again and again;
they change only when an editor saves the quiz (which starts a new content generation,
``courses.cache_invalidation``), so each process keeps them (``courses.content_cache``). A version
kept here is shared: callers read it and may ``lock()`` it, nothing else.
"""

from __future__ import annotations

from courses.content_cache import remembered
from courses.models import ModulePage, Quiz, QuizVersion


def module_quiz(module: ModulePage) -> Quiz | None:
    """The module's knowledge quiz, if it has one."""
    quiz_id = module.knowledge_quiz_id
    if quiz_id is None:
        return None
    return remembered(("quiz", quiz_id), lambda: Quiz.objects.filter(pk=quiz_id).first())


def current_quiz_version(quiz: Quiz) -> QuizVersion | None:
    """The newest version of the quiz: the one new attempts use."""
    return remembered(("quiz-current-version", quiz.pk), lambda: quiz.current_version)


def quiz_version(quiz: Quiz, pk: int) -> QuizVersion | None:
    """Version ``pk`` of this quiz (a submitted form names the version it showed), if it is one."""
    return remembered(("quiz-version", quiz.pk, pk), lambda: QuizVersion.objects.filter(quiz=quiz, pk=pk).first())
